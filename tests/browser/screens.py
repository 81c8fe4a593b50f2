"""The languages and screen sizes pages are opened in."""

LOCALES = {"en": "en-US", "es": "es-419"}
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
