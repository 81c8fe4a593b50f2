"""What people do with the catalogue, in a real headless Chromium driven by Playwright.

Run with `pytest -m browser` (`make test-postgres` runs them on PostgreSQL). They need Debian's
Chromium at /usr/bin/chromium and axe-core in node_modules/ (`npm ci`); without Chromium they
are skipped. Full-page screenshots go to artifacts/screenshots/<lang>-<width>-<page>.png.
"""

import os
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from catalogue.management.commands.load_initial_data import FIXTURES
from countries.models import Country, KeyFigure, SubRegion
from editorial.models import Status
from practices.models import Practice, Programme, Theme
from recommendations.models import Forum, Recommendation
from scripts.chromium import CHROMIUM
from tests import factories as f

from .screens import VIEWPORTS

ROOT = Path(settings.BASE_DIR)
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

LANGS = ["en", "es"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # live_server serves static files itself; WhiteNoise only notes that STATIC_ROOT is empty.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"no Chromium at {CHROMIUM}: apt-get install chromium to run the browser tests",
    ),
]


# --- Content -------------------------------------------------------------------------------


@pytest.fixture
def catalogue(transactional_db):
    """A small catalogue whose titles the tests know, in both languages."""
    return build_catalogue()


def build_catalogue():
    source = f.make_source(title_en="Regional report", title_es="Informe regional")
    costa_rica = f.make_country(
        code="CR", slug="costa-rica", name_en="Costa Rica", name_es="Costa Rica"
    )
    mexico = f.make_country(
        code="MX",
        slug="mexico",
        name_en="Mexico",
        name_es="México",
        subregion=SubRegion.NORTH_AMERICA,
    )
    panama = f.make_country(code="PA", slug="panama", name_en="Panama", name_es="Panamá")
    regularization = f.make_theme(
        slug="regularization", name_en="Regularization", name_es="Regularización"
    )
    integration = f.make_theme(slug="integration", name_en="Integration", name_es="Integración")
    return_theme = f.make_theme(
        slug="return", name_en="Return and reintegration", name_es="Retorno y reintegración"
    )

    def practice(title_en, title_es, countries, themes, summary_en, summary_es):
        return f.make_practice(
            title_en=title_en,
            title_es=title_es,
            summary_en=summary_en,
            summary_es=summary_es,
            description_en="How it was done, step by step.",
            description_es="Cómo se hizo, paso a paso.",
            countries=countries,
            themes=themes,
            sources=[source],
        )

    plans = practice(
        "Regularization plans for migrant workers",
        "Planes de regularización para personas trabajadoras migrantes",
        [costa_rica],
        [regularization],
        "Employers and the migration authority give workers a legal status.",
        "Empleadores y la autoridad migratoria dan un estatus legal a los trabajadores.",
    )
    amnesty = practice(
        "Migratory amnesty",
        "Amnistía migratoria",
        [panama],
        [regularization],
        "People who overstayed could apply for residence for one year.",
        "Las personas con permanencia vencida pudieron pedir residencia durante un año.",
    )
    mediators = practice(
        "Cultural mediators in schools",
        "Mediadores culturales en las escuelas",
        [costa_rica],
        [integration],
        "Schools hire mediators to welcome children who arrive from abroad.",
        "Las escuelas contratan mediadores para acoger a niñas y niños llegados del exterior.",
    )
    returnees = practice(
        "Support for returnees",
        "Apoyo a personas retornadas",
        [mexico],
        [return_theme],
        "Returnees receive job counselling on arrival.",
        "Las personas retornadas reciben orientación laboral al llegar.",
    )
    # Not f.make_programme: its eager `setdefault("country", make_country())` adds a country
    # whose generated code can clash with the real ISO codes used here.
    programmes = [
        programme(
            costa_rica,
            source,
            name_en="Special regime for agricultural workers",
            name_es="Régimen especial para trabajadores agrícolas",
            start_year=2019,
            end_year=2021,
        ),
        programme(
            panama,
            source,
            name_en="Crisol de Razas",
            name_es="Crisol de Razas",
            start_year=2010,
            is_ongoing=True,
        ),
    ]
    KeyFigure.objects.create(
        country=costa_rica,
        label_en="Migrants regularized",
        label_es="Personas migrantes regularizadas",
        value=Decimal(12000),
        year=2021,
        source=source,
    )
    return SimpleNamespace(
        costa_rica=costa_rica,
        regularization=regularization,
        plans=plans,
        amnesty=amnesty,
        mediators=mediators,
        returnees=returnees,
        programmes=programmes,
    )


def programme(country, source, **fields):
    entry = Programme.objects.create(
        country=country,
        kind=f.make_programme_kind(),
        summary_en="A programme run by the migration authority.",
        summary_es="Un programa de la autoridad migratoria.",
        status=Status.PUBLISHED,
        **fields,
    )
    entry.sources.set([source])
    return entry


def real_content_available():
    return all(any((ROOT / "fixtures").glob(f"{name}.*")) for name in FIXTURES)


@pytest.fixture
def showcase(transactional_db):
    """Paths of the main pages, per language, over the real content when fixtures/ has it."""
    if real_content_available():
        call_command("load_initial_data", verbosity=0)
    else:
        build_catalogue()
    practices = Practice.objects.published().order_by("-published_at", "pk")
    practice = max(practices, key=lambda p: (p.themes.count() + p.countries.count(), -p.pk))
    country = max(Country.objects.all(), key=lambda c: (c.practices.count(), -c.pk))
    theme = max(Theme.objects.all(), key=lambda t: (t.practices.count(), -t.pk))
    programmes = list(Programme.objects.published().order_by("pk")[:2])
    assert practice and country and theme and len(programmes) == 2
    forum = Forum.objects.published().order_by("pk").first()
    recommendation = Recommendation.objects.published().order_by("pk").first()

    def path(name, lang):
        with translation.override(lang):
            return {
                "home": reverse("home"),
                "list": reverse("practices:list"),
                "list-filtered": f"{reverse('practices:list')}?theme={theme.slug}",
                "detail": practice.get_absolute_url(),
                "country-list": reverse("countries:list"),
                "country": country.get_absolute_url(),
                "programme-list": reverse("practices:programmes"),
                "compare": f"{reverse('practices:compare')}?programme={programmes[0].pk}"
                f"&programme={programmes[1].pk}",
                "open-data": reverse("open-data"),
                "not-found": f"/{lang}/no-such-page/",
                "suggest": reverse("practices:suggest"),
                "recommendations": f"{reverse('recommendations:list')}?horizon=short",
                "recommendation": recommendation.get_absolute_url() if recommendation else None,
                "forums": reverse("recommendations:forums"),
                "forum": forum.get_absolute_url() if forum else None,
            }[name]

    return path


# --- Helpers -------------------------------------------------------------------------------


def in_language(lang, entry, field="title"):
    return getattr(entry, f"{field}_{lang}")


def url_of(entry, lang):
    with translation.override(lang):
        return entry.get_absolute_url()


def result_titles(page):
    return sorted(page.locator(".listing__results .card__title a").all_inner_texts())


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


def filter_by_costa_rica_and_regularization(page, lang):
    page.goto(f"/{lang}/practices/")
    # On a phone the filters are folded under one summary, as a person would find them.
    panel = page.locator("details.filters-panel")
    if (
        not panel.evaluate("el => el.open")
        and not page.locator("input[name=country][value=costa-rica]").is_visible()
    ):
        panel.locator("summary.filters__toggle").click()
    page.locator("input[name=country][value=costa-rica]").check()
    page.locator("input[name=theme][value=regularization]").check()
    with page.expect_navigation():
        page.locator("button.filters__apply").click()


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            lines.append(f"  - {node['target']}: {node['failureSummary']!r}".replace("\n", " "))
    return "\n".join(lines)


# --- Finding practices ---------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_filtering_by_country_and_theme_shows_only_matching_practices_as_removable_chips(
    new_page, catalogue, lang, viewport
):
    page = new_page(lang, viewport)
    filter_by_costa_rica_and_regularization(page, lang)

    assert urlsplit(page.url).path == f"/{lang}/practices/"
    assert query_of(page)["country"] == ["costa-rica"]
    assert query_of(page)["theme"] == ["regularization"]
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

    assert "country" not in query_of(page)
    assert query_of(page)["theme"] == ["regularization"]
    assert result_titles(page) == sorted(
        in_language(lang, p) for p in (catalogue.plans, catalogue.amnesty)
    )
    expect(chips).to_have_count(1)
    expect(page.locator("input[name=country][value=costa-rica]")).not_to_be_checked()
    expect(page.locator("input[name=theme][value=regularization]")).to_be_checked()


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
    page.goto(f"/{lang}/practices/")
    search_box = page.locator(".listing__search input[name=q]")
    search_box.fill(typed)
    with page.expect_navigation():
        search_box.press("Enter")

    assert query_of(page)["q"] == [typed]
    assert result_titles(page) == [in_language(lang, practice)]


@pytest.mark.parametrize(
    ("source", "target", "link"), [("en", "es", "Español"), ("es", "en", "English")]
)
def test_switching_language_keeps_the_filters(new_page, catalogue, source, target, link):
    page = new_page(source)
    page.goto(f"/{source}/practices/?theme=regularization")
    with page.expect_navigation():
        page.locator(".language-switch").get_by_role("link", name=link, exact=True).click()

    assert urlsplit(page.url).path == f"/{target}/practices/"
    assert urlsplit(page.url).query == "theme=regularization"
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.locator("input[name=theme][value=regularization]")).to_be_checked()
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
    page.goto(f"/{lang}/practices/")
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
            {key: query_of(page)[key] for key in ("country", "theme")},
            result_titles(page),
            page.locator(".selected-filters .chip").count(),
        )

    expected = (
        {"country": ["costa-rica"], "theme": ["regularization"]},
        [in_language(lang, catalogue.plans)],
        2,
    )
    assert outcomes[False] == outcomes[True] == expected


# --- Sharing a practice --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_button_puts_the_absolute_practice_url_on_the_clipboard(
    new_page, live_server, catalogue, lang
):
    path = url_of(catalogue.amnesty, lang)
    page = new_page(lang)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(path)
    button = page.locator("button.copy-link")
    expect(button).to_be_visible()
    if lang == "en":
        expect(button).to_have_text("Copy link")
    button.click()

    expect(page.locator(".copy-link__status")).not_to_be_empty()
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{live_server.url}{path}"


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


# --- Accessibility -------------------------------------------------------------------------

AXE_PAGES = [
    "home",
    "list-filtered",
    "detail",
    "country-list",
    "country",
    "programme-list",
    "compare",
    "open-data",
    "not-found",
    "suggest",
    "recommendations",
    "recommendation",
    "forums",
    "forum",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_accessibility_violations(new_page, showcase, name, lang, viewport):
    assert AXE_SCRIPT.exists(), "axe-core is missing: run `npm ci` (or `make test`)"
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = new_page(lang, viewport, bypass_csp=True)
    response = page.goto(showcase(name, lang))
    assert response.status == (404 if name == "not-found" else 200)
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["passes"], "axe ran no check"
    violations = results["violations"]
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_fits_a_phone_screen_without_scrolling_sideways(new_page, showcase, lang):
    # WCAG 1.4.10 (reflow), which axe does not check: only a scroll region may be wider.
    page = new_page(lang, "phone")
    too_wide = []
    for name in AXE_PAGES:
        page.goto(showcase(name, lang))
        scroll_width, screen_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > screen_width:
            too_wide.append(f"{page.url} is {scroll_width}px wide on a {screen_width}px screen")

    assert too_wide == []


# --- Screenshots and console ---------------------------------------------------------------

SCREENSHOT_PAGES = ["home", "list", "list-filtered", "detail", "country", "compare", "open-data"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_full_page_screenshots_of_the_main_pages_are_saved(new_page, showcase, lang, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = VIEWPORTS[viewport]["viewport"]["width"]
    page = new_page(lang, viewport)
    for name in SCREENSHOT_PAGES:
        response = page.goto(showcase(name, lang))
        assert response.status == 200, name
        target = SCREENSHOTS / f"{lang}-{width}-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0


@pytest.mark.parametrize("lang", LANGS)
def test_main_pages_load_without_console_errors_or_failed_requests(new_page, showcase, lang):
    problems = []
    page = new_page(lang)
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    # A favicon still loading when the next page starts is aborted by Chromium: not a problem.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and problems.append(f"{request.failure}: {request.url}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and problems.append(f"{response.status}: {response.url}")
        ),
    )
    for name in ["home", "list-filtered", "detail", "country", "compare", "open-data"]:
        page.goto(showcase(name, lang))
        page.wait_for_load_state("load")

    assert problems == []
