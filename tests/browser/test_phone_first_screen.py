"""What a phone shows first: the results of a search, the facts of a practice.

Run with `pytest -m browser`, as test_browser.py is.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from .content import build_catalogue
from .screens import VIEWPORTS
from .test_browser import pytestmark  # noqa: F401
from .test_page_quality import AXE_SCRIPT, AXE_TAGS, describe_violations

LANGS = ["en", "es"]


@pytest.fixture(scope="module")
def catalogue(committed_db):
    return build_catalogue()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("lang", LANGS)
def test_a_practice_on_a_phone_shows_its_key_facts_before_its_description(
    new_page, catalogue, lang
):
    page = new_page(lang, "phone")
    with translation.override(lang):
        page.goto(catalogue.plans.get_absolute_url())

    facts, description = box(page, ".entry__facts"), box(page, "#description")
    assert facts["y"] + facts["height"] <= description["y"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_practice_on_a_desktop_keeps_its_key_facts_beside_the_text(new_page, catalogue, lang):
    page = new_page(lang, "desktop")
    with translation.override(lang):
        page.goto(catalogue.plans.get_absolute_url())

    facts, body = box(page, ".entry__facts"), box(page, ".entry__body")
    assert facts["x"] >= body["x"] + body["width"]
    assert facts["y"] == pytest.approx(body["y"], abs=40)
    expect(page.locator(".entry__facts")).to_contain_text(
        getattr(catalogue.regularization, f"name_{lang}")
    )


# How each language's addresses write the filters these tests choose.
WORDS = {
    "en": "country=costa-rica&theme=regularization",
    "es": "pais=costa-rica&tema=regularizacion",
}
ACTIVE = {"en": "2 active", "es": "2 activos"}


def list_path(lang):
    with translation.override(lang):
        return reverse("practices:list")


def on_first_screen(page, selector):
    found = page.locator(selector).first.bounding_box()
    return found is not None and found["y"] + found["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_after_a_search_the_count_and_the_first_result_are_on_the_first_screen(
    new_page, catalogue, lang, viewport
):
    page = new_page(lang, viewport)
    page.goto(f"{list_path(lang)}?{WORDS[lang]}")
    search_box = page.locator(".listing__search input[name=q]")
    search_box.fill("regularizacion")
    with page.expect_navigation():
        search_box.press("Enter")

    expect(page.locator(".card__title")).to_have_text([getattr(catalogue.plans, f"title_{lang}")])
    assert on_first_screen(page, ".results__count")
    assert on_first_screen(page, ".listing__results .card__title")


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_filters_fold_behind_one_control_that_counts_them_without_javascript(
    new_page, catalogue, lang
):
    page = new_page(lang, "phone", java_script_enabled=False)
    page.goto(f"{list_path(lang)}?{WORDS[lang]}")
    toggle = page.locator("summary.filters__toggle")
    costa_rica = page.locator("input[type=checkbox][value=costa-rica]")

    expect(toggle).to_contain_text(ACTIVE[lang])
    expect(costa_rica).to_be_hidden()
    toggle.click()
    expect(costa_rica).to_be_visible()
    expect(costa_rica).to_be_checked()


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_desktop_the_filters_stay_open_beside_the_results(new_page, catalogue, lang):
    page = new_page(lang, "desktop")
    page.goto(f"{list_path(lang)}?{WORDS[lang]}")

    filters, results = box(page, ".listing__filters"), box(page, ".listing__results")
    expect(page.locator("input[type=checkbox][value=costa-rica]")).to_be_visible()
    assert filters["x"] + filters["width"] <= results["x"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_list_shows_only_its_results_four_to_a_page(new_page, catalogue, lang):
    # An A4 page less the print stylesheet's margins of 1.5 cm, at 96 pixels an inch.
    width, height = round((21 - 3) / 2.54 * 96), round((29.7 - 3) / 2.54 * 96)
    page = new_page(lang, "desktop")
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media="print")
    page.goto(f"{list_path(lang)}?q=step")

    for hidden in [".listing__search", ".selected-filters", ".listing__filters", ".pagination"]:
        expect(page.locator(hidden)).to_be_hidden()
    cards = page.locator(".listing__results .card")
    expect(cards).to_have_count(4)
    assert on_first_screen(page, ".listing__results .card >> nth=3")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_list_and_its_ways_out_have_no_accessibility_violations(
    new_page, catalogue, lang, viewport
):
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = new_page(lang, viewport, bypass_csp=True)
    page.goto(f"{list_path(lang)}?q=regularizasion+{'x' * 210}&{WORDS[lang]}")
    expect(page.locator(".empty")).to_be_visible()
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["violations"] == [], describe_violations(results["violations"])
