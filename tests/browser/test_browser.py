"""What people do with the catalogue, in a real headless Chromium driven by Playwright.

Run with `pytest -m browser` (`make test-postgres` runs them on PostgreSQL). They need Debian's
Chromium at /usr/bin/chromium and axe-core in node_modules/ (`npm ci`); without Chromium they
are skipped. The pages themselves (axe, reflow, console errors, screenshots) are checked in
test_page_quality.py.
"""

import os
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from scripts.chromium import CHROMIUM

from .content import build_catalogue
from .screens import VIEWPORTS

LANGS = ["en", "es"]
pytestmark = [
    pytest.mark.browser,
    # Each test in a transaction of its own; the content they read is committed once, by
    # the module-scoped `committed_db`.
    pytest.mark.django_db,
    # The site serves static files itself; WhiteNoise only notes that STATIC_ROOT is empty.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"no Chromium at {CHROMIUM}: apt-get install chromium to run the browser tests",
    ),
]


# --- Content -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue(committed_db):
    """A small catalogue whose titles the tests know, in both languages, for every test here."""
    return build_catalogue()


# --- Helpers -------------------------------------------------------------------------------


def in_language(lang, entry, field="title"):
    return getattr(entry, f"{field}_{lang}")


def url_of(entry, lang):
    with translation.override(lang):
        return entry.get_absolute_url()


def list_url(lang):
    with translation.override(lang):
        return reverse("practices:list")


def result_titles(page):
    return sorted(page.locator(".listing__results .card__title a").all_inner_texts())


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


# How each language's addresses write the filters these tests choose.
WORDS = {
    "en": {"country": "country", "theme": "theme", "regularization": "regularization"},
    "es": {"country": "pais", "theme": "tema", "regularization": "regularizacion"},
}


def checkbox(lang, name, value):
    words = WORDS[lang]
    return f"input[name={words[name]}][value={words.get(value, value)}]"


def filter_by_costa_rica_and_regularization(page, lang):
    page.goto(list_url(lang))
    # On a phone the filters are folded under one summary, as a person would find them.
    panel = page.locator("details.filters-panel")
    if (
        not panel.evaluate("el => el.open")
        and not page.locator(checkbox(lang, "country", "costa-rica")).is_visible()
    ):
        panel.locator("summary.filters__toggle").click()
    page.locator(checkbox(lang, "country", "costa-rica")).check()
    page.locator(checkbox(lang, "theme", "regularization")).check()
    with page.expect_navigation():
        page.locator("button.filters__apply").click()


# --- Finding practices ---------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_filtering_by_country_and_theme_shows_only_matching_practices_as_removable_chips(
    new_page, catalogue, lang, viewport
):
    page = new_page(lang, viewport)
    filter_by_costa_rica_and_regularization(page, lang)

    words = WORDS[lang]
    assert urlsplit(page.url).path == list_url(lang)
    assert query_of(page) == {
        words["country"]: ["costa-rica"],
        words["theme"]: [words["regularization"]],
    }
    assert result_titles(page) == [in_language(lang, catalogue.plans)]
    chips = page.locator(".selected-filters .chip")
    expect(chips).to_have_count(2)
    country_chip = chips.filter(has_text="Costa Rica")
    expect(country_chip).to_have_count(1)
    expect(
        chips.filter(has_text=in_language(lang, catalogue.regularization, "name"))
    ).to_have_count(1)

    with page.expect_navigation():
        country_chip.click()

    assert query_of(page) == {words["theme"]: [words["regularization"]]}
    assert result_titles(page) == sorted(
        in_language(lang, p) for p in (catalogue.plans, catalogue.amnesty)
    )
    expect(chips).to_have_count(1)
    expect(page.locator(checkbox(lang, "country", "costa-rica"))).not_to_be_checked()
    expect(page.locator(checkbox(lang, "theme", "regularization"))).to_be_checked()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("typed", "accented", "entry"),
    [("regularizacion", "regularización", "plans"), ("amnistia", "amnistía", "amnesty")],
)
def test_searching_without_accents_finds_the_practice_with_the_accented_spanish_title(
    new_page, catalogue, lang, typed, accented, entry
):
    practice = getattr(catalogue, entry)
    assert accented in practice.title_es.lower()
    page = new_page(lang)
    page.goto(list_url(lang))
    search_box = page.locator(".listing__search input[name=q]")
    search_box.fill(typed)
    with page.expect_navigation():
        search_box.press("Enter")

    assert query_of(page)["q"] == [typed]
    # The accented title ranks first; practices of a theme of that name may follow it.
    first = page.locator(".listing__results .card__title a").first.inner_text()
    assert first == in_language(lang, practice)


@pytest.mark.parametrize(
    ("source", "target", "link"), [("en", "es", "Español"), ("es", "en", "English")]
)
def test_switching_language_keeps_the_filters_in_the_other_language_words(
    new_page, catalogue, source, target, link
):
    page = new_page(source)
    page.goto(f"{list_url(source)}?{WORDS[source]['theme']}={WORDS[source]['regularization']}")
    with page.expect_navigation():
        page.locator(".language-switch").get_by_role("link", name=link, exact=True).click()

    assert urlsplit(page.url).path == list_url(target)
    assert urlsplit(page.url).query == f"{WORDS[target]['theme']}={WORDS[target]['regularization']}"
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.locator(checkbox(target, "theme", "regularization"))).to_be_checked()
    assert result_titles(page) == sorted(
        in_language(target, p) for p in (catalogue.plans, catalogue.amnesty)
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_opening_a_practice_from_the_list_shows_its_title_as_the_heading(
    new_page, catalogue, lang, viewport
):
    title = in_language(lang, catalogue.mediators)
    page = new_page(lang, viewport)
    page.goto(list_url(lang))
    with page.expect_navigation():
        page.locator(".card__title").get_by_role("link", name=title, exact=True).click()

    assert urlsplit(page.url).path == url_of(catalogue.mediators, lang)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(title)


@pytest.mark.parametrize("lang", LANGS)
def test_filtering_without_javascript_gives_the_same_results(new_page, catalogue, lang):
    outcomes = {}
    for javascript in (True, False):
        page = new_page(lang, "phone", java_script_enabled=javascript)
        filter_by_costa_rica_and_regularization(page, lang)
        outcomes[javascript] = (
            query_of(page),
            result_titles(page),
            page.locator(".selected-filters .chip").count(),
        )

    words = WORDS[lang]
    expected = (
        {words["country"]: ["costa-rica"], words["theme"]: [words["regularization"]]},
        [in_language(lang, catalogue.plans)],
        2,
    )
    assert outcomes[False] == outcomes[True] == expected


# --- Sharing a practice --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_button_puts_the_absolute_practice_url_on_the_clipboard(
    new_page, site, catalogue, lang
):
    path = url_of(catalogue.amnesty, lang)
    page = new_page(lang)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page.goto(path)
    button = page.locator("button.copy-link")
    expect(button).to_be_visible()
    if lang == "en":
        expect(button).to_have_text("Copy link")
    button.click()

    expect(page.locator(".copy-link__status")).not_to_be_empty()
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{site.url}{path}"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_plain_link_remains_and_the_copy_button_is_hidden(
    new_page, catalogue, lang
):
    path = url_of(catalogue.amnesty, lang)
    page = new_page(lang, java_script_enabled=False)
    page.goto(path)

    expect(page.locator("button.copy-link")).to_be_hidden()
    link = page.locator("a.share__link")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", path)
