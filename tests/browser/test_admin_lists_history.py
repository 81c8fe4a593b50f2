"""The admin home, the change lists and the history, in a real headless Chromium at 1366 px, in
both languages: what editors see, no refused style or script, and no accessibility violation."""

import pytest
import reversion
from playwright.sync_api import expect

from editorial.models import Status
from tests import factories as f

from .admin import ADMIN_MARKS, PASSWORD, signed_in_page
from .test_page_quality import AXE_SCRIPT, AXE_TAGS, describe_violations

pytestmark = ADMIN_MARKS
LANGS = ["en", "es"]


@pytest.fixture
def practice(django_user_model):
    """A practice with two versions: a long description changed by a few words."""
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    text = "Municipal offices in border towns help migrants and their families regularize. "
    practice = f.make_practice(
        title_en=("Regularization desks in the municipalities of the northern border " * 2).strip(),
        title_es=(
            "Ventanillas de regularización en los municipios de la frontera norte " * 2
        ).strip(),
        description_en=text * 6,
        countries=[f.make_country(name_en=name) for name in ("Belize", "Guatemala", "Mexico")],
    )
    for description in (text * 6, text * 5 + text.replace("migrants", "returnees")):
        with reversion.create_revision():
            practice.description_en = description
            practice.save()
            reversion.set_user(user)
    f.make_practice(status=Status.REVIEW, published_at=None, summary_es="")
    return practice


@pytest.fixture
def signed_in(new_page):
    """A page of a superuser signed in, in `lang`; console errors (a refused style) collected."""

    def open_page(lang, **options):
        page = signed_in_page(new_page, "chief", lang, **options)
        return page

    return open_page


def history_url(practice):
    return f"/admin/practices/practice/{practice.pk}/history/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_history_shows_a_long_text_before_and_after_side_by_side(signed_in, practice, lang):
    page = signed_in(lang)
    page.goto(history_url(practice))

    row = page.locator("#change-history tbody tr", has=page.locator("del")).first
    before, after = row.locator("td.before"), row.locator("td.after")
    expect(before.locator("del")).to_have_text("migrants")
    expect(after.locator("ins")).to_have_text("returnees")
    left, right = before.bounding_box(), after.bounding_box()
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]
    # The unchanged paragraphs before the change are cut to the words next to it.
    assert before.inner_text().startswith("…")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_history_on_a_phone_breaks_no_field_name_inside_a_word(signed_in, practice, lang):
    page = signed_in(lang, viewport="phone")
    page.goto(history_url(practice))

    # A name of one word that takes more than one line was cut inside the word.
    split = page.evaluate(
        """() => [...document.querySelectorAll('#change-history tbody th[scope=row]')]
            .filter(th => !/\\s/.test(th.textContent.trim()))
            .filter(th => {
                const range = document.createRange();
                range.selectNodeContents(th);
                return range.getClientRects().length > 1;
            })
            .map(th => th.textContent.trim())"""
    )
    assert split == []
    assert page.problems == []


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Awaiting review"), ("es", "Pendientes de revisión")]
)
def test_a_count_on_the_admin_home_opens_the_list_of_those_entries(
    signed_in, practice, lang, label
):
    page = signed_in(lang)
    page.goto("/admin/")

    page.locator(".editorial-tasks tr", has_text=label).get_by_role("link").click()

    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert "status__exact=review" in page.url
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_practice_list_shows_every_column_at_1366_px(signed_in, practice, lang):
    page = signed_in(lang)
    page.goto("/admin/practices/practice/")

    table = page.locator("#result_list").bounding_box()
    results = page.locator("#changelist .results").bounding_box()
    assert table["x"] + table["width"] <= results["x"] + results["width"]
    for column in ("title", "countries_column", "status", "translation_state", "last_change"):
        header = page.locator(f"#result_list th.column-{column}")
        expect(header).to_be_in_viewport()
    # A long title keeps to two lines; the whole of it is on the page and shows on hover.
    whole = getattr(practice, f"title_{lang}")
    title = page.locator(f'#result_list .entry-title[title="{whole}"]')
    line = float(title.evaluate("element => getComputedStyle(element).lineHeight")[:-2])
    assert title.bounding_box()["height"] <= 2 * line + 1
    assert title.inner_text().startswith(whole[:20])
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_practice_list_on_a_phone_keeps_its_titles_readable(signed_in, practice, lang):
    page = signed_in(lang, viewport="phone")
    page.goto("/admin/practices/practice/")

    whole = getattr(practice, f"title_{lang}")
    title = page.locator(f'#result_list .entry-title[title="{whole}"]')
    # The other columns keep their widths; the table scrolls sideways instead of squeezing
    # the title to nothing.
    assert title.bounding_box()["width"] >= 150
    expect(title).to_be_in_viewport()
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["home", "list", "history"])
def test_axe_finds_no_violation_on_the_admin_pages_editors_use(signed_in, practice, name, lang):
    assert AXE_SCRIPT.exists(), "axe-core is missing: run `npm ci` (or `make test`)"
    path = {
        "home": "/admin/",
        "list": "/admin/practices/practice/",
        "history": history_url(practice),
    }
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = signed_in(lang, bypass_csp=True)
    page.goto(path[name])
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["passes"], "axe ran no check"
    violations = results["violations"]
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"
