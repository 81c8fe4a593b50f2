"""Spanish pages live at Spanish paths, and every address shared before still finds its page."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils.translation import override

from countries.models import Country
from practices.models import Practice
from recommendations.models import Forum, Recommendation

from .factories import make_country

pytestmark = pytest.mark.django_db

ARGUMENTS = {"pk": 7, "slug": "amnistia"}


def named_pages(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_pages(entry.url_patterns, inner)
        elif entry.name:
            yield (
                f"{namespace}{entry.name}",
                {key: ARGUMENTS[key] for key in entry.pattern.converters},
            )


def public_pages():
    """Every page under the language prefix, by name, with arguments for its placeholders."""
    (prefixed,) = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern)
    ]
    return sorted(named_pages(prefixed.url_patterns))


PAGES = public_pages()
# The home page is only its language prefix: it has no words to translate.
WORDED_PAGES = [(name, kwargs) for name, kwargs in PAGES if name != "home"]


def url(name, language, kwargs=None):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def words(path):
    """The words of a path after its language prefix, without the entry's id and slug."""
    arguments = {str(value) for value in ARGUMENTS.values()}
    return {part for part in path.strip("/").split("/")[1:] if part not in arguments}


ENGLISH_WORDS = set().union(*(words(url(name, "en", kwargs)) for name, kwargs in PAGES))


def test_every_public_page_is_found():
    names = {name for name, _kwargs in PAGES}
    assert {"home", "open-data", "practices:detail", "recommendations:forum"} <= names


@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _kwargs in PAGES])
def test_spanish_path_shares_no_word_with_the_english_one(name, kwargs):
    spanish = url(name, "es", kwargs)
    assert not words(spanish) & ENGLISH_WORDS, spanish
    assert re.fullmatch(r"[a-z0-9/-]+", spanish), spanish


@pytest.mark.parametrize(
    ("name", "kwargs"), WORDED_PAGES, ids=[name for name, _kwargs in WORDED_PAGES]
)
def test_english_path_on_a_spanish_page_redirects_permanently_with_its_query(client, name, kwargs):
    english = url(name, "en", kwargs)
    old = english.replace("/en/", "/es/", 1)
    spanish = url(name, "es", kwargs)
    response = client.get(f"{old}?country=panama&q=retorno")
    assert response.status_code == 301
    assert response["Location"] == f"{spanish}?country=panama&q=retorno"


def test_spanish_path_on_an_english_page_redirects_to_the_english_path(client):
    response = client.get("/en/practicas/?theme=health")
    assert response.status_code == 301
    assert response["Location"] == "/en/practices/?theme=health"


@pytest.mark.parametrize(
    ("mixed", "path"),
    [
        ("/es/paises/compare/", "/es/paises/comparar/"),
        ("/es/countries/comparar/", "/es/paises/comparar/"),
        ("/es/programas/compare/", "/es/programas/comparar/"),
        ("/es/sugerir/thanks/", "/es/sugerir/gracias/"),
        ("/en/countries/comparar/", "/en/countries/compare/"),
        ("/en/programas/compare/", "/en/programmes/compare/"),
    ],
)
def test_path_mixing_both_languages_words_redirects_permanently_with_its_query(client, mixed, path):
    response = client.get(f"{mixed}?country=guatemala&country=mexico")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?country=guatemala&country=mexico"


def test_english_path_without_its_final_slash_redirects_at_once(client):
    response = client.get("/es/open-data")
    assert response.status_code == 301
    assert response["Location"] == "/es/datos-abiertos/"


def test_path_without_a_language_goes_to_the_browsers_language_in_its_words(client):
    response = client.get("/practices/?q=retorno", headers={"accept-language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/practicas/?q=retorno"
    assert "Accept-Language" in response["Vary"]


def test_unknown_entry_at_a_spanish_path_stays_not_found(client):
    assert client.get("/es/practicas/999999/nada/").status_code == 404


def test_unknown_country_at_a_spanish_path_stays_not_found(client):
    # "nada" is a word of no language: the path names a country, which does not exist.
    assert client.get("/es/paises/nada/").status_code == 404


def test_unknown_path_stays_not_found(client):
    assert client.get("/es/nada/").status_code == 404


def test_form_sent_to_an_old_path_is_not_redirected(client):
    # A redirect would drop the form's data; only GET and HEAD move.
    assert client.post("/es/suggest/", {}).status_code == 404


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/admin/login/"])
def test_addresses_outside_the_languages_stay_where_they_are(client, path):
    assert client.get(path).status_code == 200


# --- The language switch -------------------------------------------------------------------


def switch_link(page, language):
    match = re.search(rf'<a href="([^"]*)" hreflang="{language}" lang="{language}">', page)
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize(
    "name", ["practices:list", "practices:compare", "open-data", "recommendations:forums"]
)
def test_language_switch_goes_to_the_same_page_in_the_other_languages_words(client, name):
    page = client.get(f"{url(name, 'es')}?q=retorno").content.decode()
    assert switch_link(page, "en") == f"{url(name, 'en')}?q=retorno"
    page = client.get(url(name, "en")).content.decode()
    assert switch_link(page, "es") == url(name, "es")


# --- Country profiles --------------------------------------------------------------------


@pytest.fixture
def belize():
    return make_country(name_en="Belize", name_es="Belice", slug="belize")


def test_country_profile_lives_at_its_slug_in_each_language(client, belize):
    with override("es"):
        assert belize.get_absolute_url() == "/es/paises/belice/"
    assert client.get("/es/paises/belice/").status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/es/paises/belize/", "/es/paises/belice/"),
        ("/en/countries/belice/", "/en/countries/belize/"),
    ],
)
def test_country_slug_of_the_other_language_redirects_permanently(client, belize, old, new):
    response = client.get(f"{old}?q=retorno")
    assert response.status_code == 301
    assert response["Location"] == f"{new}?q=retorno"


def test_language_switch_on_a_country_goes_to_its_slug_in_the_other_language(client, belize):
    page = client.get("/es/paises/belice/").content.decode()
    assert switch_link(page, "en") == "/en/countries/belize/"
    assert 'hreflang="en" href="http://testserver/en/countries/belize/"' in page


# --- Links on Spanish pages ----------------------------------------------------------------


def spanish_pages():
    with override("es"):
        return [
            reverse("home"),
            reverse("practices:list"),
            Practice.objects.published().first().get_absolute_url(),
            reverse("practices:programmes"),
            reverse("practices:compare"),
            Country.objects.get(code="GT").get_absolute_url(),
            reverse("recommendations:list"),
            Recommendation.objects.published().first().get_absolute_url(),
            reverse("recommendations:forums"),
            Forum.objects.published().first().get_absolute_url(),
            reverse("open-data"),
        ]


def test_links_on_spanish_pages_have_no_english_words_in_their_paths(client, catalogue_content):
    english_slugs = {
        country.slug for country in Country.objects.all() if country.slug != country.slug_es
    }
    assert "belize" in english_slugs
    for path in spanish_pages():
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        links = re.findall(r'(?:href|content)="(?:https?://testserver)?(/es/[^"?#]*)', page)
        assert links, path
        for link in links:
            assert not words(link) & (ENGLISH_WORDS | english_slugs), (path, link)


def test_spanish_page_names_its_spanish_address_for_sharing(client):
    page = client.get("/es/datos-abiertos/").content.decode()
    assert '<link rel="canonical" href="http://testserver/es/datos-abiertos/">' in page
    assert '<meta property="og:url" content="http://testserver/es/datos-abiertos/">' in page
    assert 'hreflang="en" href="http://testserver/en/open-data/"' in page


def test_sitemap_lists_pages_at_their_paths_in_each_language(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/es/datos-abiertos/" in xml
    assert "http://testserver/en/open-data/" in xml
    assert "/es/open-data/" not in xml


def test_spanish_feed_links_to_spanish_paths(client, catalogue_content):
    xml = client.get("/es/novedades/").content.decode()
    links = [urlsplit(link).path for link in re.findall(r'href="([^"]+)"', xml)]
    assert "/es/practicas/" in links
    entries = [link for link in links if link != "/es/novedades/"]
    assert all(link.startswith("/es/practicas/") for link in entries), entries


@pytest.mark.parametrize(
    ("missing", "other_home", "hreflang"),
    [("/es/no-existe/", "/en/", "en"), ("/en/no-such-page/", "/es/", "es")],
)
def test_the_language_switch_of_a_missing_page_leads_to_the_other_languages_home(
    client, missing, other_home, hreflang
):
    response = client.get(missing)
    assert response.status_code == 404
    assert f'<a href="{other_home}" hreflang="{hreflang}"' in response.content.decode()
