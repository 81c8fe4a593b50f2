"""Shared links show the right results, in either language, whatever became of their values."""

import re

import pytest
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import override

from practices.filters import PracticeFilter, ProgrammeFilter
from recommendations.filters import RecommendationFilter

from .factories import (
    make_country,
    make_forum,
    make_practice,
    make_programme,
    make_recommendation,
    make_theme,
)

pytestmark = pytest.mark.django_db


def address(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def practices_in(language):
    return address("practices:list", language)


def titles(response):
    return sorted(practice.title for practice in response.context["page_obj"])


@pytest.fixture
def panama():
    return make_country(name_en="Panama", name_es="Panamá", slug="panama", code="PA")


@pytest.fixture
def mexico():
    return make_country(name_en="Mexico", name_es="México", slug="mexico", code="MX")


@pytest.fixture
def integration():
    return make_theme(name_en="Integration", name_es="Integración", slug="integration")


@pytest.fixture
def listed(panama, mexico, integration):
    """One practice in Panama on integration, one in Panama on something else, one in Mexico."""
    make_practice(title_en="Panama integration", countries=[panama], themes=[integration])
    make_practice(title_en="Panama other", countries=[panama])
    make_practice(title_en="Mexico integration", countries=[mexico], themes=[integration])


def checked(page):
    """(name, value) of every ticked checkbox."""
    return set(
        re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]+)"[^>]* checked', page)
    )


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "Country: “atlantida” is not in the catalogue, so this list leaves it out."),
        ("es", "País: «atlantida» no figura en el catálogo; esta lista lo omite."),
    ],
)
def test_a_stale_value_keeps_the_valid_ones_and_is_named(client, listed, language, notice):
    query = "?country=panama&country=atlantida&theme=integration"
    response = client.get(practices_in(language) + query)
    assert response.status_code == 200
    with override("en"):
        assert titles(response) == ["Panama integration"]
    page = response.content.decode()
    assert notice in page
    assert "atlantida" not in re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)


@pytest.mark.parametrize("code", ["PA", "pa", "Pa"])
def test_iso_codes_find_their_country_in_any_case(client, listed, code):
    response = client.get(f"{practices_in('en')}?country={code}")
    assert response.status_code == 200
    assert titles(response) == ["Panama integration", "Panama other"]
    assert ("country", "panama") in checked(response.content.decode())


def test_a_malformed_year_answers_400_and_is_not_shown_as_chosen(client, listed):
    response = client.get(f"{practices_in('en')}?country=panama&year_from=20x0")
    assert response.status_code == 400
    page = response.content.decode()
    assert "20x0" not in re.search(r'<input id="id_year_from"[^>]*>', page).group(0)
    assert titles(response) == ["Panama integration", "Panama other"]
    assert [chip["label"] for chip in response.context["active_filters"]] == ["Panama"]


def test_a_submitted_form_with_empty_fields_redirects_to_its_clean_address(client, listed):
    path = practices_in("en")
    response = client.get(f"{path}?q=&country=panama&year_from=&year_to=+&theme=integration")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?country=panama&theme=integration"


def test_a_form_sent_empty_redirects_to_the_whole_list(client):
    path = practices_in("es")
    response = client.get(f"{path}?q=&year_from=&year_to=")
    assert response.status_code == 301
    assert response["Location"] == path


def test_canonical_link_and_og_url_name_the_list_in_the_page_words(client, listed):
    page = client.get(f"{practices_in('es')}?country=PA&theme=integration").content.decode()
    expected = f"http://testserver{practices_in('es')}?pais=panama&amp;tema=integracion"
    assert f'<link rel="canonical" href="{expected}">' in page
    assert f'<meta property="og:url" content="{expected}">' in page


def test_spanish_pages_write_spanish_names_and_values(client, listed):
    response = client.get(f"{practices_in('es')}?pais=panama&tema=integracion&orden=titulo")
    page = response.content.decode()
    assert {("pais", "panama"), ("tema", "integracion")} <= checked(page)
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["active_filters"]}
    assert chips == {
        "Panamá": "?tema=integracion&orden=titulo",
        "Integración": "?pais=panama&orden=titulo",
    }
    assert "?pais=panama&amp;tema=integracion&amp;orden=recientes" in page
    assert "?pais=panama&amp;tema=integracion&amp;orden=titulo&amp;formato=csv" in page


def test_english_values_and_names_still_work_on_spanish_pages(client, listed):
    response = client.get(f"{practices_in('es')}?country=panama&theme=integration")
    assert response.status_code == 200
    with override("en"):
        assert titles(response) == ["Panama integration"]
    assert {("pais", "panama"), ("tema", "integracion")} <= checked(response.content.decode())


def test_spanish_values_and_names_work_on_english_pages(client, listed):
    response = client.get(f"{practices_in('en')}?pais=panama&tema=integracion&nivel=nacional")
    assert titles(response) == ["Panama integration"]
    page = response.content.decode()
    assert {("country", "panama"), ("theme", "integration"), ("level", "national")} <= checked(page)


def test_facet_counts_stand_beside_the_spanish_values(client, listed):
    facets = client.get(f"{practices_in('es')}?pais=panama").context["facets"]
    assert facets["theme"]["integracion"] == 1
    assert facets["level"]["nacional"] == 2
    assert facets["subregion"]["centroamerica"] == 2


def test_pages_go_on_in_the_page_words(client, panama):
    for _ in range(21):
        make_practice(countries=[panama])
    page = client.get(f"{practices_in('es')}?pais=panama").content.decode()
    assert "?pais=panama&amp;pagina=2" in page
    assert client.get(f"{practices_in('es')}?pais=panama&page=2").status_code == 200


def test_the_language_switch_maps_filters_to_the_other_language(client, listed):
    page = client.get(f"{practices_in('en')}?theme=integration&sort=title").content.decode()
    expected = f"{practices_in('es')}?tema=integracion&amp;orden=titulo"
    assert f'href="{expected}" hreflang="es"' in page
    assert f'hreflang="es" href="http://testserver{expected}"' in page


def test_links_to_lists_from_other_pages_use_the_page_words(client, panama, integration):
    practice = make_practice(countries=[panama], themes=[integration])
    with override("es"):
        detail = client.get(practice.get_absolute_url()).content.decode()
        country = client.get(panama.get_absolute_url(), follow=True).content.decode()
    assert f'href="{practices_in("es")}?tema=integracion"' in detail
    assert f'href="{practices_in("es")}?pais=panama"' in country


def test_spanish_slug_comes_from_the_spanish_name_and_stays_unique():
    first = make_theme(name_es="Retorno y reintegración", slug="return")
    second = make_theme(name_es="Retorno y reintegración", slug="returns")
    assert first.slug_es == "retorno-y-reintegracion"
    assert second.slug_es == "retorno-y-reintegracion-2"


@pytest.mark.parametrize("filterset", [PracticeFilter, ProgrammeFilter, RecommendationFilter])
def test_each_parameter_name_means_one_filter_in_every_language(filterset):
    meanings = {}
    for name in [*filterset.base_filters, *filterset.parameters]:
        for code in ("en", "es"):
            meanings.setdefault(filterset.parameter(name, code), set()).add(name)
    assert {word: names for word, names in meanings.items() if len(names) > 1} == {}


def test_recommendations_read_and_write_spanish_horizons_and_forget_unpublished_forums(client):
    forum = make_forum()
    unpublished = make_forum(status="draft")
    make_recommendation(title_en="Soon", horizon="short", forum=forum)
    make_recommendation(title_en="Later", horizon="long", forum=forum)
    path = address("recommendations:list", "es")
    response = client.get(f"{path}?horizon=short&forum={forum.pk}&forum={unpublished.pk}")
    assert response.status_code == 200
    with override("en"):
        assert [r.title for r in response.context["page_obj"]] == ["Soon"]
    page = response.content.decode()
    assert ("plazo", "corto") in checked(page)
    assert f"«{unpublished.pk}»" in page


def test_programme_list_links_kinds_in_the_page_words(client):
    programme = make_programme()
    page = client.get(address("practices:programmes", "es")).content.decode()
    assert f"?tipo={programme.kind.slug_es}" in page


LONG_TITLES = {
    "en": "Indigenous cultural mediators for health care in the Costa Rica–Panama border area",
    "es": "Servicios de integración para personas migrantes y comunidades de acogida en Panamá",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_long_title_ends_its_slug_on_a_whole_word(language):
    practice = make_practice(title_en=LONG_TITLES["en"], title_es=LONG_TITLES["es"])
    slug = practice_url(practice, language).rstrip("/").rsplit("/", 1)[1]
    whole = slugify(LONG_TITLES[language])
    assert len(slug) < len(whole)
    assert whole.startswith(f"{slug}-")


def test_a_slug_once_cut_mid_word_still_finds_its_practice(client):
    practice = make_practice(title_es=LONG_TITLES["es"])
    old = "servicios-de-integracion-para-personas-migrantes-y-comunidades-de-acogida-en-pan"
    response = client.get(address("practices:detail", "es", pk=practice.pk, slug=old))
    assert response.status_code == 301
    assert response["Location"] == practice_url(practice, "es")


def practice_url(practice, language):
    with override(language):
        return practice.get_absolute_url()


def test_removing_the_last_filter_links_to_the_bare_list(client, listed):
    response = client.get(f"{practices_in('es')}?pais=panama")
    [chip] = response.context["active_filters"]
    assert chip["remove_url"] == ""
