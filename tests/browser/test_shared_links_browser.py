"""Shared list links in a real browser: a stale value spoils nothing, Spanish pages speak Spanish.

Run with `pytest -m browser`, as test_browser.py is.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils.translation import override
from playwright.sync_api import expect

from practices.filters import PracticeFilter

from .content import build_catalogue
from .screens import VIEWPORTS
from .test_browser import list_url, pytestmark, result_titles  # noqa: F401

LANGS = ["en", "es"]


@pytest.fixture(scope="module")
def catalogue(committed_db):
    return build_catalogue()


def english_words():
    """Every parameter name and value of the practice list that Spanish writes otherwise."""
    words = set()
    for name in [*PracticeFilter.base_filters, *PracticeFilter.parameters]:
        english = PracticeFilter.parameter(name, "en")
        if english != PracticeFilter.parameter(name, "es"):
            words.add(english)
        if (choices := PracticeFilter.choices_of(name)) is not None:
            with override("es"):
                entries = choices.entries()
            words |= {c.word("en") for c in entries if c.word("en") != c.word("es")}
    return words


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_stale_filter_value_keeps_the_valid_ones(new_page, catalogue, lang, viewport):
    page = new_page(lang, viewport)
    response = page.goto(
        f"{list_url(lang)}?country=costa-rica&country=atlantida&theme=regularization"
    )

    assert response.status == 200
    assert result_titles(page) == [getattr(catalogue.plans, f"title_{lang}")]
    expect(page.locator(".notice--problem")).to_contain_text("atlantida")
    expect(page.locator(".selected-filters .chip")).to_have_count(2)
    expect(page.locator("input[type=checkbox][value=costa-rica]")).to_be_checked()
    expect(page.locator("input[type=checkbox][value=atlantida]")).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_spanish_filter_addresses_carry_no_english_words(new_page, catalogue, viewport):
    english = english_words()
    assert {"country", "theme", "regularization", "sort", "newest"} <= english
    page = new_page("es", viewport)
    page.goto(list_url("es"))
    costa_rica = page.locator("input[type=checkbox][value=costa-rica]")
    # On a phone the filters are folded under one summary; wide screens always show them.
    if not costa_rica.is_visible():
        page.locator("summary.filters__toggle").click()
    costa_rica.check()
    page.locator("input[type=checkbox][value=regularizacion]").check()
    with page.expect_navigation():
        page.locator("button.filters__apply").click()

    links = page.locator("main a[href*='?'], link[rel=canonical], link[hreflang=es]")
    addresses = [
        page.url,
        page.locator("meta[property='og:url']").get_attribute("content"),
        # The map's links are SVG <a>s, whose `href` is no string: read the attribute.
        *links.evaluate_all(
            "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)"
        ),
    ]
    assert len(addresses) > 8  # the chips, the orders, the downloads, the canonical link…
    words = {
        word
        for address in addresses
        for pair in parse_qsl(urlsplit(address).query)
        for word in pair
    }
    boxes = page.locator("input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(box => [box.name, box.value])"
    )
    words |= {word for pair in boxes for word in pair}
    assert words & english == set()
