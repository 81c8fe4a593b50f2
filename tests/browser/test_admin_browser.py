"""The admin works under the site's Content Security Policy, in a real headless Chromium."""

import pytest
from playwright.sync_api import expect

from tests import factories as f

from .admin import ADMIN_MARKS, PASSWORD

pytestmark = ADMIN_MARKS
# What editors open: lists, the translated tabs and autocompletes of a change form, the
# spreadsheet import and export, the history, and the lock-out records.
PAGES = [
    "/admin/",
    "/admin/practices/practice/",
    "/admin/practices/practice/add/",
    "/admin/practices/practice/{practice}/change/",
    "/admin/practices/practice/{practice}/history/",
    "/admin/practices/practice/import/",
    "/admin/practices/practice/export/",
    "/admin/axes/accessattempt/",
]


@pytest.fixture
def signed_in_page(new_page, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page = new_page("en")
    page.goto("/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def watch(page):
    problems = []
    # Chromium reports every resource or script the policy refuses as a console error.
    page.on(
        "console",
        lambda msg: msg.type == "error" and problems.append(f"{page.url}: {msg.text}"),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_admin_pages_run_without_a_refused_resource_or_script_error(signed_in_page):
    practice = f.make_practice()
    problems = watch(signed_in_page)
    for path in PAGES:
        response = signed_in_page.goto(path.format(practice=practice.pk))
        assert response.status == 200, path
        signed_in_page.wait_for_load_state("load")

    assert problems == []


def test_translation_tabs_and_autocomplete_work_in_the_change_form(signed_in_page):
    country = f.make_country(name_en="Belize", name_es="Belice")
    problems = watch(signed_in_page)
    signed_in_page.goto("/admin/practices/practice/add/")

    # modeltranslation's tabs, drawn by jQuery UI from static/vendor.
    expect(signed_in_page.locator(".ui-tabs-nav").first).to_be_visible()
    # An autocomplete asks the site for its choices (connect-src).
    signed_in_page.locator(".field-countries .select2-selection").click()
    expect(
        signed_in_page.locator(".select2-results__option", has_text=country.name_en)
    ).to_be_visible()

    assert problems == []


def test_select_all_on_the_export_page_clears_and_ticks_every_field(signed_in_page):
    problems = watch(signed_in_page)
    signed_in_page.goto("/admin/practices/practice/export/")
    fields = signed_in_page.locator(".selectable-field-export-row input[type=checkbox]")
    toggle = signed_in_page.locator("#select-all-fields")

    toggle.uncheck()
    assert not any(box.is_checked() for box in fields.all())
    toggle.check()
    assert all(box.is_checked() for box in fields.all())

    assert problems == []


def test_language_tabs_switch_by_keyboard_and_hold_no_focusable_link(signed_in_page):
    practice = f.make_practice()
    problems = watch(signed_in_page)
    signed_in_page.goto(f"/admin/practices/practice/{practice.pk}/change/")
    english = signed_in_page.locator("li[aria-controls=tab_id_summary_en]")
    spanish = signed_in_page.locator("li[aria-controls=tab_id_summary_es]")

    # The tab is the one control: its link, with no address, takes no focus of its own.
    expect(signed_in_page.locator(".ui-tabs-nav .ui-tabs-anchor").first).to_be_attached()
    expect(signed_in_page.locator(".ui-tabs-nav a[href]")).to_have_count(0)
    english.focus()
    signed_in_page.keyboard.press("ArrowRight")
    expect(spanish).to_be_focused()
    expect(signed_in_page.locator("#id_summary_es")).to_be_visible()
    expect(signed_in_page.locator("#id_summary_en")).to_be_hidden()
    # From the tab, the next stop is the field of its panel.
    signed_in_page.keyboard.press("Tab")
    expect(signed_in_page.locator("#id_summary_es")).to_be_focused()

    assert problems == []


def test_a_language_tab_clicked_shows_its_panel(signed_in_page):
    practice = f.make_practice()
    problems = watch(signed_in_page)
    signed_in_page.goto(f"/admin/practices/practice/{practice.pk}/change/")

    signed_in_page.get_by_role("tab", name="es").first.click()

    expect(signed_in_page.locator("#id_title_es")).to_be_visible()
    expect(signed_in_page.locator("#id_title_en")).to_be_hidden()
    assert problems == []
