"""Feeds follow a list as it is filtered: a country's, a theme's, a search's, in either language."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from .factories import make_country, make_practice, make_recommendation, make_theme

pytestmark = pytest.mark.django_db


def address(name, language):
    with override(language):
        return reverse(name)


def entry_titles(response):
    # The feed's own <title> comes first; each entry's follows.
    return re.findall(r"<title>([^<]*)</title>", response.content.decode())[1:]


def feed_title(response):
    return re.findall(r"<title>([^<]*)</title>", response.content.decode())[0]


def links(response, rel):
    return re.findall(rf'<link href="([^"]+)" rel="{rel}"', response.content.decode())


@pytest.fixture
def panama():
    return make_country(name_en="Panama", name_es="Panamá", slug="panama", code="PA")


@pytest.fixture
def mexico():
    return make_country(name_en="Mexico", name_es="México", slug="mexico", code="MX")


@pytest.fixture
def health():
    return make_theme(name_en="Health", name_es="Salud", slug="health")


@pytest.fixture
def listed(panama, mexico, health):
    make_practice(
        title_en="Clinics in Panama",
        title_es="Clínicas en Panamá",
        countries=[panama],
        themes=[health],
    )
    make_practice(title_en="Jobs in Panama", title_es="Empleo en Panamá", countries=[panama])
    make_practice(
        title_en="Returnees in Mexico",
        title_es="Personas retornadas en México",
        summary_en="Returnees find work.",
        countries=[mexico],
        themes=[health],
    )


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "?country=mexico", ["Returnees in Mexico"]),
        ("es", "?pais=mexico", ["Personas retornadas en México"]),
        ("es", "?country=mexico", ["Personas retornadas en México"]),
        ("en", "?country=PA&theme=health", ["Clinics in Panama"]),
        ("es", "?pais=panama&tema=salud", ["Clínicas en Panamá"]),
    ],
)
def test_practice_feed_lists_only_what_its_filters_match(client, listed, language, query, expected):
    response = client.get(address("practices:feed", language) + query)
    assert response.status_code == 200
    assert entry_titles(response) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Returnees in Mexico"), ("es", "Personas retornadas en México")],
)
def test_practice_feed_follows_a_search(client, listed, language, expected):
    response = client.get(address("practices:feed", language) + "?q=returnees")
    assert entry_titles(response) == [expected]


def test_searched_feed_stays_newest_first(client, panama):
    older = make_practice(title_en="Returnees return", countries=[panama])
    older.published_at = timezone.now() - timedelta(days=30)
    older.save()
    make_practice(title_en="Newer news on returnees", countries=[panama])
    response = client.get("/en/feed/?q=returnees")
    assert entry_titles(response) == ["Newer news on returnees", "Returnees return"]


def test_feed_leaves_out_an_unknown_value_and_applies_the_rest(client, listed):
    response = client.get("/en/feed/?country=panama&country=atlantida&theme=health")
    assert response.status_code == 200
    assert entry_titles(response) == ["Clinics in Panama"]


@pytest.mark.parametrize(
    ("language", "query", "reason"),
    [
        ("en", "?year_from=20x0", "From year: Enter a number."),
        ("es", "?desde=20x0", "Desde el año: Introduzca un número."),
    ],
)
def test_malformed_feed_filter_answers_400_saying_why(client, listed, language, query, reason):
    response = client.get(address("practices:feed", language) + query)
    assert response.status_code == 400
    assert response.content.decode() == reason


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("en", "", "Newly published good practices"),
        ("en", "?country=mexico&theme=health", "Newly published good practices — Mexico, Health"),
        (
            "es",
            "?pais=mexico&tema=salud",
            "Buenas prácticas publicadas recientemente — México, Salud",
        ),
    ],
)
def test_feed_title_names_its_filters_in_the_page_language(client, listed, language, query, title):
    response = client.get(address("practices:feed", language) + query)
    assert feed_title(response) == title


def test_feed_title_names_the_words_searched_for(client, listed):
    response = client.get("/es/novedades/?q=retorno")
    assert feed_title(response) == "Buenas prácticas publicadas recientemente — «retorno»"


def test_feed_links_to_its_list_and_to_itself_in_the_page_words(client, listed):
    response = client.get("/es/novedades/?country=PA&theme=health&sort=title&page=2")
    # The feed's first link is its list; each entry's follows.
    assert urlsplit(links(response, "alternate")[0])[2:4] == (
        "/es/practicas/",
        "pais=panama&amp;tema=salud",
    )
    assert [urlsplit(link)[2:4] for link in links(response, "self")] == [
        ("/es/novedades/", "pais=panama&amp;tema=salud")
    ]


def test_english_feed_address_on_spanish_page_keeps_its_filters(client):
    response = client.get("/es/feed/?country=mexico")
    assert response.status_code == 301
    assert response["Location"] == "/es/novedades/?country=mexico"


@pytest.mark.parametrize("language", ["en", "es"])
def test_recommendation_feed_follows_the_country_filter(client, panama, mexico, language):
    make_recommendation(title_en="For Panama", title_es="Para Panamá", countries=[panama])
    make_recommendation(title_en="For Mexico", title_es="Para México", countries=[mexico])
    make_recommendation(title_en="For everyone", title_es="Para todos", whole_region=True)
    with override(language):
        query = f"?{'pais' if language == 'es' else 'country'}={panama.url_slug}"
    response = client.get(address("recommendations:feed", language) + query)
    expected = {"en": ["For Panama", "For everyone"], "es": ["Para Panamá", "Para todos"]}
    assert sorted(entry_titles(response)) == sorted(expected[language])


def head_feeds(page):
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', page
    )


@pytest.mark.parametrize(
    ("language", "query", "feed"),
    [
        ("en", "?country=mexico&q=returnees", "/en/feed/?country=mexico&amp;q=returnees"),
        ("es", "?country=mexico&tema=salud", "/es/novedades/?pais=mexico&amp;tema=salud"),
    ],
)
def test_practice_list_links_its_own_feed(client, listed, language, query, feed):
    page = client.get(address("practices:list", language) + query).content.decode()
    [(title, href)] = head_feeds(page)
    assert href == feed
    assert ("Mexico" if language == "en" else "México") in title
    assert f'<a href="{feed}" type="application/atom+xml">' in page


def test_practice_list_feed_leaves_out_what_the_list_leaves_out(client, listed):
    page = client.get("/en/practices/?country=atlantida&theme=health&page=1").content.decode()
    [(title, href)] = head_feeds(page)
    assert (title, href) == ("Newly published good practices — Health", "/en/feed/?theme=health")


def test_recommendation_list_links_its_own_feed(client, panama):
    page = client.get("/es/recomendaciones/?country=panama").content.decode()
    [(title, href)] = head_feeds(page)
    assert href == "/es/recomendaciones/novedades/?pais=panama"
    assert title == "Recomendaciones de política pública publicadas recientemente — Panamá"
    assert f'<a href="{href}" type="application/atom+xml">' in page


def test_country_page_links_the_feed_of_its_practices(client, listed, mexico):
    with override("es"):
        page = client.get(mexico.get_absolute_url()).content.decode()
    [(title, href)] = head_feeds(page)
    assert (title, href) == (
        "Buenas prácticas publicadas recientemente — México",
        "/es/novedades/?pais=mexico",
    )
    assert f'<a href="{href}" type="application/atom+xml">' in page
