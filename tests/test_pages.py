"""Every public page renders in both languages and shows only published entries."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.translation import override

from editorial.models import Status

from .factories import make_country, make_practice, make_programme, make_theme

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es"]


def url(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def entry_url(entry, language):
    with override(language):
        return entry.get_absolute_url()


@pytest.fixture
def published_practice():
    return make_practice(
        title_en="Migratory amnesty in Belize", title_es="Amnistía migratoria en Belice"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "practices:list",
        "practices:programmes",
        "practices:compare",
        "open-data",
        "countries:list",
    ],
)
def test_page_renders_in_each_language(client, published_practice, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_detail_shows_the_title_in_the_page_language(client, published_practice, language):
    response = client.get(entry_url(published_practice, language))
    assert response.status_code == 200
    title = getattr(published_practice, f"title_{language}")
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_spanish_slug_follows_the_spanish_title(published_practice):
    assert entry_url(published_practice, "es").endswith("/amnistia-migratoria-en-belice/")


def test_root_redirects_by_browser_language(client):
    response = client.get("/", headers={"accept-language": "es-CR,es;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_root_redirects_to_english_by_default(client):
    assert client.get("/")["Location"] == "/en/"


def test_old_slug_redirects_permanently_to_the_current_one(client, published_practice):
    response = client.get(f"/en/practices/{published_practice.pk}/old-title/?theme=x")
    assert response.status_code == 301
    assert response["Location"] == entry_url(published_practice, "en") + "?theme=x"


def test_link_without_slug_redirects_to_the_full_link(client, published_practice):
    response = client.get(f"/es/practicas/{published_practice.pk}/")
    assert response.status_code == 301
    assert response["Location"] == entry_url(published_practice, "es")


def test_edited_title_keeps_the_shared_link_working(client, published_practice):
    shared = entry_url(published_practice, "en")
    published_practice.title_en = "Belize migratory amnesty programme"
    published_practice.save()
    response = client.get(shared, follow=True)
    assert response.status_code == 200
    assert b"Belize migratory amnesty programme" in response.content


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_practice_is_not_found(client, status):
    practice = make_practice(status=status, published_at=None)
    assert client.get(entry_url(practice, "en")).status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_practice_is_listed_nowhere(client, status):
    theme = make_theme()
    make_practice(
        title_en="Hidden draft practice", status=status, published_at=None, themes=[theme]
    )
    pages = [
        url("home", "en"),
        url("practices:list", "en"),
        url("practices:list", "en") + "?q=hidden",
        url("practices:list", "en") + f"?theme={theme.slug}",
        url("practices:list", "en") + "?format=csv",
        url("practices:list", "en") + "?format=json",
        url("practices:feed", "en"),
        "/sitemap.xml",
    ]
    for page in pages:
        assert b"Hidden draft" not in client.get(page).getvalue(), page


def test_unpublished_programme_is_not_found_nor_compared(client):
    programme = make_programme(status=Status.DRAFT, name_en="Secret programme")
    assert client.get(entry_url(programme, "en")).status_code == 404
    response = client.get(url("practices:compare", "en"), {"programme": programme.pk})
    assert b"Secret programme" not in response.content
    assert b"Secret programme" not in client.get(url("practices:programmes", "en")).content


def test_country_profile_lists_its_published_practices_and_programmes(client):
    country = make_country(name_en="Belize", name_es="Belice", slug="belize")
    make_practice(title_en="Belize practice", countries=[country])
    make_practice(title_en="Belize draft", countries=[country], status=Status.DRAFT)
    make_programme(name_en="Belize programme", country=country)
    page = client.get(url("countries:detail", "en", slug="belize")).content.decode()
    assert "Belize practice" in page
    assert "Belize programme" in page
    assert "Belize draft" not in page


def test_unknown_country_is_not_found(client):
    assert client.get(url("countries:detail", "en", slug="atlantis")).status_code == 404


def test_programme_detail_lists_its_published_practices(client):
    programme = make_programme(name_en="Regularization plan")
    make_practice(title_en="Plan in practice", programme=programme)
    page = client.get(entry_url(programme, "en")).content.decode()
    assert "Plan in practice" in page


def test_comparison_puts_programmes_side_by_side(client):
    first = make_programme(name_en="First plan", legal_basis_en="Decree 1")
    second = make_programme(name_en="Second plan", eligibility_en="Residents since 2010")
    response = client.get(url("practices:compare", "en"), {"programme": [first.pk, second.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("First plan") < page.index("Second plan")
    assert "Decree 1" in page and "Residents since 2010" in page
    assert "Not stated in the sources" in page


def test_practice_detail_cites_sources_and_related_practices(client):
    theme = make_theme()
    practice = make_practice(themes=[theme])
    neighbour = make_practice(title_en="Neighbouring practice", themes=[theme])
    page = client.get(entry_url(practice, "en")).content.decode()
    assert practice.sources.get().title_en in page
    assert neighbour.title_en in page
    assert "Cite this practice" in page


def related_titles(client, practice):
    response = client.get(entry_url(practice, "en"))
    return [card.title_en for card in response.context["related"]]


def test_related_practices_share_a_theme_or_a_country_most_shared_themes_first(client):
    themes, country = [make_theme(), make_theme()], make_country()
    practice = make_practice(themes=themes, countries=[country])
    one_theme = make_practice(title_en="One theme", themes=themes[:1])
    both_themes = make_practice(title_en="Both themes", themes=themes)
    same_country = make_practice(
        title_en="Same country", themes=[make_theme()], countries=[country]
    )
    make_practice(title_en="Nothing shared", themes=[make_theme()])
    assert related_titles(client, practice) == [
        both_themes.title_en,
        one_theme.title_en,
        same_country.title_en,
    ]


def test_related_practices_are_published_ones_and_never_the_practice_itself(client):
    theme = make_theme()
    practice = make_practice(themes=[theme])
    make_practice(title_en="Draft neighbour", themes=[theme], status=Status.DRAFT)
    assert related_titles(client, practice) == []


def test_text_missing_in_one_language_falls_back_visibly(client):
    practice = make_practice(results_en="More than 7,000 people supported.", results_es="")
    page = client.get(entry_url(practice, "es")).content.decode()
    assert '<div lang="en"><p class="fallback-note" lang="es">' in page
    assert "More than 7,000 people supported." in page


def test_text_in_the_page_language_has_no_fallback_note(client):
    practice = make_practice(results_en="Supported.", results_es="Apoyadas.")
    page = client.get(entry_url(practice, "es")).content.decode()
    assert "fallback-note" not in page
    assert "<p>Apoyadas.</p>" in page


def test_server_error_page_stands_alone_in_both_languages():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page
    assert "Algo falló de nuestro lado" in page
    assert "{%" not in page


def test_server_error_answers_with_the_bilingual_page(client, monkeypatch):
    from catalogue.views import HomeView

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/es/")
    assert response.status_code == 500
    assert "Algo falló de nuestro lado" in response.content.decode()


class TagBalance(HTMLParser):
    """Every element a page opens, it closes, in order."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source"}

    def __init__(self):
        super().__init__()
        self.open, self.mismatches = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.mismatches.append((tag, self.open[-3:]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_pages_are_well_formed(client, published_practice, language):
    for name in ["home", "practices:list", "practices:programmes", "practices:compare"]:
        checker = TagBalance()
        checker.feed(client.get(url(name, language)).content.decode())
        assert (checker.mismatches, checker.open) == ([], []), name
    checker = TagBalance()
    checker.feed(client.get(url("recommendations:list", language)).content.decode())
    assert (checker.mismatches, checker.open) == ([], [])


def test_country_profile_counts_its_published_practices_only(client):
    country = make_country(name_en="Belize", name_es="Belice", slug="belize")
    for status in (Status.PUBLISHED, Status.PUBLISHED, Status.DRAFT):
        make_practice(countries=[country], status=status)
    page = client.get(url("countries:detail", "en", slug="belize")).content.decode()
    assert "See, filter and download this country’s 2 good practices" in page


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        ("en", ["Compare this country with others", "this country’s good practices as"]),
        ("es", ["Comparar este país con otros", "las buenas prácticas de este país"]),
    ],
)
def test_a_country_page_never_puts_a_name_where_it_would_need_an_article(
    client, language, sentences
):
    # "of United States", "de República Dominicana": the page's heading names the country.
    country = make_country(name_en="United States", name_es="Estados Unidos", slug="united-states")
    make_practice(countries=[country])
    page = client.get(entry_url(country, language)).content.decode()
    for sentence in sentences:
        assert sentence in page
    assert "of United States" not in page and "de Estados Unidos" not in page


def test_counting_practices_leaves_the_shared_rows_as_they_were():
    from catalogue.views import with_practice_counts
    from countries.models import Country
    from editorial.related import cached_rows

    make_country(slug="belize")
    counted = with_practice_counts(cached_rows(Country).values(), {"belize": 3})
    assert [country.n for country in counted] == [3]
    assert not any(hasattr(country, "n") for country in cached_rows(Country).values())
