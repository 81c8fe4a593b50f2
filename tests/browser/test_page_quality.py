"""Every main page, in both languages, on a phone and a desktop, in a real headless Chromium.

axe-core finds no accessibility violation, no page scrolls sideways on a phone, none logs a
console error or a failed request, and full-page screenshots go to
artifacts/screenshots/<lang>-<width>-<page>.png. test_browser.py says how to run them.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from catalogue.management.commands.load_initial_data import FIXTURES
from countries.filters import CountrySelection
from countries.models import Country
from practices.models import Practice, Programme, Theme
from recommendations.models import Forum, Recommendation
from scripts.chromium import CHROMIUM

from .content import build_catalogue
from .screens import VIEWPORTS

ROOT = Path(settings.BASE_DIR)
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

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


def real_content_available():
    return all(any((ROOT / "fixtures").glob(f"{name}.*")) for name in FIXTURES)


@pytest.fixture(scope="module")
def showcase(committed_db):
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
    compared = [programme.country for programme in programmes if programme.country][:2]
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
                "country-compare": f"{reverse('countries:compare')}?"
                + "&".join(
                    f"{CountrySelection.parameter('country')}={c.url_slug}"
                    for c in [*compared, country]
                ),
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


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            lines.append(f"  - {node['target']}: {node['failureSummary']!r}".replace("\n", " "))
    return "\n".join(lines)


# --- Accessibility -------------------------------------------------------------------------

AXE_PAGES = [
    "home",
    "list-filtered",
    "detail",
    "country-list",
    "country",
    "programme-list",
    "compare",
    "country-compare",
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

SCREENSHOT_PAGES = [
    "home",
    "list",
    "list-filtered",
    "detail",
    "country",
    "compare",
    "country-compare",
    "open-data",
]


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
