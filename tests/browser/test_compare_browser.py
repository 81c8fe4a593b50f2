"""Comparisons in a real browser, on a phone and a desktop, in both languages: countries chosen
with a form that needs no JavaScript, and tables that say they scroll sideways where they do.

Run with `pytest -m browser`, as test_browser.py is.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from django.utils.translation import override
from playwright.sync_api import expect

from .content import build_catalogue
from .screens import VIEWPORTS
from .test_browser import pytestmark  # noqa: F401

LANGS = ["en", "es"]


@pytest.fixture(scope="module")
def catalogue(committed_db):
    return build_catalogue()


def address(name, lang):
    with override(lang):
        return reverse(name)


def column_headers(page):
    return page.locator("table.compare thead th").all_inner_texts()


def country_comparison(lang):
    word = {"en": "country", "es": "pais"}[lang]
    return f"{address('countries:compare', lang)}?{word}=costa-rica&{word}=mexico&{word}=panama"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_countries_are_compared_from_the_countries_page_without_javascript(
    new_page, catalogue, lang, viewport
):
    page = new_page(lang, viewport, java_script_enabled=False)
    page.goto(address("countries:list", lang))
    with page.expect_navigation():
        page.locator(f"main a[href='{address('countries:compare', lang)}']").click()
    page.get_by_label("Costa Rica", exact=True).check()
    page.get_by_label({"en": "Panama", "es": "Panamá"}[lang], exact=True).check()
    with page.expect_navigation():
        page.locator("form.compare-form button[type=submit]").click()

    word = {"en": "country", "es": "pais"}[lang]
    assert urlsplit(page.url).path == address("countries:compare", lang)
    assert parse_qsl(urlsplit(page.url).query) == [(word, "costa-rica"), (word, "panama")]
    assert column_headers(page) == ["Costa Rica", {"en": "Panama", "es": "Panamá"}[lang]]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_theme_count_opens_the_list_it_counts(new_page, catalogue, lang, viewport):
    page = new_page(lang, viewport)
    page.goto(country_comparison(lang))
    theme = getattr(catalogue.regularization, f"name_{lang}")
    row = page.locator("tr.compare__theme", has_text=theme)
    link = row.locator("td a").first
    link.scroll_into_view_if_needed()
    count = int(link.inner_text().split()[0])
    with page.expect_navigation():
        link.click()

    assert urlsplit(page.url).path == address("practices:list", lang)
    expect(page.locator(".listing__results .card")).to_have_count(count)


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_comparison_says_it_scrolls_and_shows_the_next_column(
    new_page, catalogue, lang
):
    page = new_page(lang, "phone")
    page.goto(country_comparison(lang))

    expect(page.locator(".scroll-hint")).to_be_visible()
    region = page.locator(".table-scroll--compare")
    scroll_width, client_width = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert scroll_width > client_width
    # The next country starts on the screen, so the cut-off column shows there is more.
    second = page.locator("table.compare thead th").nth(1).bounding_box()
    assert second["x"] < page.viewport_size["width"]
    # Only the table scrolls: the page itself fits the screen.
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_desktop_the_comparison_fits_without_a_hint(new_page, catalogue, lang):
    page = new_page(lang, "desktop")
    page.goto(country_comparison(lang))

    expect(page.locator(".scroll-hint")).to_be_hidden()
    region = page.locator(".table-scroll--compare")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert len(column_headers(page)) == 3


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_programme_comparison_leaves_out_rows_the_sources_leave_empty(
    new_page, catalogue, lang, viewport
):
    first, second = catalogue.programmes
    page = new_page(lang, viewport)
    page.goto(f"{address('practices:compare', lang)}?programme={first.pk}&programme={second.pk}")

    notice = page.locator("main .notice").first
    expect(notice).to_be_visible()
    expect(notice).to_contain_text({"en": "Legal basis", "es": "Base legal"}[lang])
    rows = page.locator("table.compare tbody th").all_inner_texts()
    assert {"en": "Period", "es": "Período"}[lang] in rows
    assert {"en": "Legal basis", "es": "Base legal"}[lang] not in rows
    expect(page.locator(".scroll-hint")).to_be_visible(visible=viewport == "phone")
