"""Writing an entry in a real headless Chromium at 1366 px, in both languages: English and
Spanish side by side or as tabs, the tab of an error flagged, and no accessibility violation."""

import re

import pytest
from playwright.sync_api import expect

from editorial.models import Status
from tests import factories as f

from .admin import ADMIN_MARKS, PASSWORD, signed_in_page
from .test_page_quality import AXE_SCRIPT, AXE_TAGS, describe_violations

pytestmark = ADMIN_MARKS
LANGS = ["en", "es"]
TOGGLE = "#translation-view-toggle"


@pytest.fixture
def practice(django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    # Optional autocompletes with a choice made draw Select2's "clear all" mark; a title as long
    # as real ones makes the breadcrumbs a line of text, where links must stand out.
    return f.make_practice(
        title_en="Regularization plans for migrants from neighbouring countries, with "
        "integration services, job skills and referrals in three districts",
        status=Status.REVIEW,
        published_at=None,
        actors=[f.make_actor()],
        target_groups=[f.make_target_group()],
    )


@pytest.fixture
def change_form(new_page, practice):
    """The practice's change form, signed in, in `lang`; console errors collected."""

    def open_page(lang, **options):
        page = signed_in_page(new_page, "chief", lang, **options)
        page.goto(f"/admin/practices/practice/{practice.pk}/change/")
        return page

    return open_page


@pytest.mark.parametrize("lang", LANGS)
def test_side_by_side_shows_english_beside_spanish_and_back_to_tabs(change_form, lang):
    page = change_form(lang)
    english, spanish = page.locator("#id_summary_en"), page.locator("#id_summary_es")
    # The tabs open on the interface's language.
    other = spanish if lang == "en" else english
    expect(other).to_be_hidden()

    page.click(TOGGLE)
    expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "true")
    expect(english).to_be_visible()
    expect(spanish).to_be_visible()
    left, right = english.bounding_box(), spanish.bounding_box()
    assert left["x"] + left["width"] <= right["x"]
    assert abs(left["y"] - right["y"]) < 1

    page.click(TOGGLE)
    expect(other).to_be_hidden()
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_side_by_side_on_a_phone_keeps_each_field_and_its_help_in_its_column(change_form, lang):
    page = change_form(lang, viewport="phone")
    page.click(TOGGLE)

    for code in ("en", "es"):
        panel = page.locator(f"#tab_id_title_{code}").bounding_box()
        for part in (f"#id_title_{code}", f"#id_title_{code}_helptext"):
            box = page.locator(part).bounding_box()
            assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 1, part
    assert page.problems == []


def test_side_by_side_stays_chosen_on_the_next_form(change_form):
    page = change_form("es")
    page.click(TOGGLE)
    page.reload()
    expect(page.locator("#id_title_es")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_a_publishing_error_opens_and_flags_its_language_tab(change_form, lang):
    page = change_form(lang)
    page.click("li[aria-controls=tab_id_summary_es] > a")
    page.fill("#id_summary_es", "")
    page.select_option("#id_status", "published")
    page.click("input[name=_continue]")

    tab = page.locator("li[aria-controls=tab_id_summary_es]")
    expect(tab).to_have_class(re.compile(r"\bui-tab-has-errors\b"))
    expect(page.locator("#id_summary_es")).to_be_visible()
    expect(page.locator("ul.errorlist.nonfield li")).to_have_count(1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", ["tabs", "side by side"])
def test_axe_finds_no_violation_on_the_change_form(change_form, lang, view):
    assert AXE_SCRIPT.exists(), "axe-core is missing: run `npm ci` (or `make test`)"
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = change_form(lang, bypass_csp=True)
    if view == "side by side":
        page.click(TOGGLE)
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["passes"], "axe ran no check"
    violations = results["violations"]
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"


def test_the_clear_all_mark_of_an_optional_autocomplete_still_clears_it(change_form, practice):
    page = change_form("es")
    box = page.locator("#id_actors + .select2")
    expect(box.locator(".select2-selection__choice")).to_have_count(1)
    # Beside the list of chosen items, not inside it (axe's "list" rule).
    expect(box.locator("ul > .select2-selection__clear")).to_have_count(0)
    box.locator(".select2-selection__clear").dispatch_event("mousedown")
    expect(box.locator(".select2-selection__choice")).to_have_count(0)
    expect(box.locator(".select2-selection__clear")).to_have_count(0)
    assert page.locator("#id_actors").evaluate("select => select.selectedOptions.length") == 0
