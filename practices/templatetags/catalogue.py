from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def paragraphs(text):
    """Split plain text on blank lines, for templates to wrap each part in <p>."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]
