"""Comparisons: programmes field by field, countries side by side, at addresses to share."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from editorial.models import Status

from .factories import (
    make_country,
    make_practice,
    make_programme,
    make_recommendation,
    make_theme,
)

pytestmark = pytest.mark.django_db


def address(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def row_headers(page):
    return re.findall(
        r'<th scope="row">(?:<span class="visually-hidden">[^<]*</span>)?([^<]+)</th>', page
    )


def column_headers(page):
    return re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', page)


# --- Programmes ----------------------------------------------------------------------------


def compare_programmes(client, programmes, language="en"):
    return client.get(
        address("practices:compare", language), {"programme": [p.pk for p in programmes]}
    )


@pytest.mark.parametrize(
    ("language", "parameter"),
    [("en", "programme"), ("en", "programa"), ("es", "programa"), ("es", "programme")],
)
def test_programmes_to_compare_are_read_in_either_languages_words(client, language, parameter):
    first, second = make_programme(name_en="First plan"), make_programme(name_en="Second plan")
    with override(language):
        path = reverse("practices:compare")
    response = client.get(path, {parameter: [first.pk, second.pk]})
    assert response.status_code == 200
    assert len(column_headers(response.content.decode())) == 2


@pytest.mark.parametrize(("language", "parameter"), [("en", "programme"), ("es", "programa")])
def test_the_programme_list_names_its_choices_in_the_page_words(client, language, parameter):
    programme = make_programme()
    with override(language):
        page = client.get(reverse("practices:programmes")).content.decode()
    assert f'name="{parameter}" value="{programme.pk}"' in page


@pytest.mark.parametrize(("language", "parameter"), [("en", "programme"), ("es", "programa")])
def test_a_programme_page_offers_its_comparison_in_the_page_words(client, language, parameter):
    programme = make_programme()
    with override(language):
        page = client.get(programme.get_absolute_url()).content.decode()
        compare = reverse("practices:compare")
    assert f'href="{compare}?{parameter}={programme.pk}"' in page


def test_programme_comparison_leaves_out_rows_no_programme_fills(client):
    first = make_programme(legal_basis_en="Decree 1", start_year=2015)
    second = make_programme()
    page = compare_programmes(client, [first, second]).content.decode()
    assert row_headers(page) == [
        "Country",
        "Kind",
        "Evidence",
        "Period",
        "Summary",
        "Legal basis",
        "Sources",
    ]


def test_programme_comparison_names_the_rows_it_leaves_out(client):
    page = compare_programmes(client, [make_programme(), make_programme()]).content.decode()
    assert (
        "Not shown, as the sources state them for none of these programmes: Period, "
        "Legal basis, Eligibility, Responsible institution, Beneficiaries."
    ) in page


def test_programme_comparison_names_the_rows_it_leaves_out_in_spanish(client):
    response = compare_programmes(client, [make_programme(), make_programme()], "es")
    assert (
        "No se muestran porque las fuentes no los indican para ninguno de estos programas: "
        "Período, Base legal"
    ) in response.content.decode()


def test_a_row_one_programme_fills_says_what_the_other_lacks(client):
    first = make_programme(eligibility_en="Residents since 2010")
    second = make_programme()
    page = compare_programmes(client, [first, second]).content.decode()
    assert "Residents since 2010" in page
    assert page.count("Not stated in the sources") == 1


def test_programme_comparison_with_every_row_filled_leaves_nothing_out(client):
    filled = {
        "legal_basis_en": "Decree 1",
        "eligibility_en": "Residents",
        "responsible_institution_en": "Migration office",
        "beneficiaries": 0,
        "beneficiaries_year": 2020,
        "start_year": 2019,
    }
    page = compare_programmes(client, [make_programme(**filled)]).content.decode()
    assert "Not shown" not in page
    assert "Beneficiaries" in row_headers(page)


def test_programme_comparison_tells_phone_readers_it_scrolls_sideways(client):
    page = compare_programmes(client, [make_programme(), make_programme()]).content.decode()
    assert 'aria-describedby="scroll-hint"' in page
    assert "Scroll the table sideways to see every column." in page


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("/en/programmes/", "Scroll the table sideways to see every column."),
        ("/es/programas/", "Desplace la tabla"),
    ],
)
def test_the_programme_list_tells_phone_readers_its_table_scrolls_sideways(client, path, hint):
    make_programme()
    page = client.get(path).content.decode()
    assert 'aria-describedby="scroll-hint"' in page
    assert hint in page


# --- Countries -----------------------------------------------------------------------------


@pytest.fixture
def region():
    guatemala = make_country(code="GT", slug="guatemala", name_en="Guatemala", name_es="Guatemala")
    mexico = make_country(code="MX", slug="mexico", name_en="Mexico", name_es="México")
    belize = make_country(code="BZ", slug="belize", name_en="Belize", name_es="Belice")
    health = make_theme(slug="health", name_en="Health", name_es="Salud")
    work = make_theme(slug="work", name_en="Work", name_es="Trabajo")
    make_theme(slug="unused", name_en="Unused theme", name_es="Tema sin prácticas")
    make_practice(countries=[guatemala], themes=[health])
    make_practice(countries=[guatemala, mexico], themes=[health, work])
    make_practice(countries=[mexico], themes=[work])
    make_practice(countries=[mexico], themes=[health], status=Status.DRAFT, published_at=None)
    make_programme(name_en="Guatemalan plan", country=guatemala)
    make_programme(name_en="Mexican plan", country=mexico)
    make_programme(name_en="Draft plan", country=mexico, status=Status.DRAFT)
    make_recommendation(title_en="For Guatemala", countries=[guatemala])
    make_recommendation(title_en="For Belize", countries=[belize])
    make_recommendation(title_en="For everyone", whole_region=True)
    make_recommendation(title_en="Draft for Mexico", countries=[mexico], status=Status.DRAFT)
    return {"guatemala": guatemala, "mexico": mexico, "belize": belize}


def compare_countries(client, query, language="en"):
    return client.get(f"{address('countries:compare', language)}?{query}")


def test_country_comparison_puts_countries_side_by_side_in_the_order_asked(client, region):
    response = compare_countries(client, "country=mexico&country=guatemala")
    assert response.status_code == 200
    page = response.content.decode()
    assert column_headers(page) == ["Mexico", "Guatemala"]
    assert page.index("Mexican plan") < page.index("Guatemalan plan")


def test_country_comparison_counts_published_practices_by_theme(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    cells = dict(
        re.findall(
            r'<tr class="compare__theme"><th scope="row">.*?</span>(\w+)</th>(.*?)</tr>', page
        )
    )
    counts = {theme: re.findall(r">(\d+) practices?<", row) for theme, row in cells.items()}
    assert counts == {"Health": ["2", "1"], "Work": ["1", "2"]}


def test_country_comparison_leaves_out_themes_no_compared_country_has(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    assert "Unused theme" not in page


def test_each_count_links_to_the_list_it_counts_in_the_page_words(client, region):
    page = compare_countries(client, "pais=guatemala&pais=mexico", "es").content.decode()
    assert '<a href="/es/practicas/?pais=mexico&amp;tema=trabajo">2 prácticas</a>' in page
    assert '<a href="/es/practicas/?pais=guatemala">2 prácticas</a>' in page


def test_every_count_matches_the_list_it_links_to(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    links = re.findall(r'<a href="(/en/practices/\?[^"]+)">(\d+) practices?</a>', page)
    assert len(links) == 6  # two totals, two themes for each of two countries
    for link, count in links:
        listed = client.get(link.replace("&amp;", "&"))
        assert listed.context["page_obj"].paginator.count == int(count), link


def test_country_comparison_shows_only_published_programmes(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    assert "Mexican plan" in page
    assert "Draft plan" not in page


def test_country_comparison_lists_the_recommendations_that_apply(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    assert "For Guatemala" in page
    assert "For Belize" not in page
    assert "Draft for Mexico" not in page
    whole_region = page[page.index('id="whole-region"') :]
    assert "For everyone" in whole_region


def test_country_comparison_links_each_countrys_recommendations(client, region):
    page = compare_countries(client, "pais=guatemala&pais=mexico", "es").content.decode()
    assert 'href="/es/recomendaciones/?pais=guatemala"' in page


def test_the_spanish_country_comparison_links_its_programmes_in_spanish_words(client, region):
    page = compare_countries(client, "pais=guatemala&pais=mexico", "es").content.decode()
    [link] = re.findall(r'href="(/es/programas/comparar/\?[^"]+)"', page)
    assert link.startswith("/es/programas/comparar/?programa=")


def test_country_comparison_offers_to_compare_their_programmes(client, region):
    page = compare_countries(client, "country=guatemala&country=mexico").content.decode()
    [link] = re.findall(r'href="(/en/programmes/compare/\?[^"]+)"', page)
    response = client.get(link.replace("&amp;", "&"))
    assert column_headers(response.content.decode()) == ["Guatemalan plan", "Mexican plan"]


def test_country_comparison_reads_iso_codes_and_either_languages_slugs(client, region):
    page = compare_countries(client, "pais=GT&pais=belice&pais=mexico", "es").content.decode()
    assert column_headers(page) == ["Guatemala", "Belice", "México"]


def test_a_country_asked_for_twice_is_compared_once(client, region):
    page = compare_countries(client, "country=mexico&country=MX&country=guatemala").content.decode()
    assert column_headers(page) == ["Mexico", "Guatemala"]


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "“atlantida” is not a country of the catalogue, so the comparison leaves it out."),
        ("es", "«atlantida» no es un país del catálogo; la comparación lo omite."),
    ],
)
def test_an_unknown_country_is_left_out_and_named(client, region, language, notice):
    response = compare_countries(client, "country=guatemala&country=atlantida&country=MX", language)
    assert response.status_code == 200
    page = response.content.decode()
    assert notice in page
    assert len(column_headers(page)) == 2


def test_more_than_four_countries_is_a_bad_address_that_still_compares_four(client, region):
    more = [make_country() for _ in range(3)]
    query = "&".join(f"country={c.slug}" for c in [region["guatemala"], region["mexico"], *more])
    response = compare_countries(client, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "At most 4 countries can be compared; showing the first 4." in page
    assert len(column_headers(page)) == 4


def test_empty_fields_redirect_to_the_clean_comparison_address(client, region):
    response = compare_countries(client, "country=&country=mexico")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/compare/?country=mexico"


def test_without_countries_the_page_offers_the_form_of_every_country(client, region):
    response = compare_countries(client, "")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose two to four countries" in page
    assert set(re.findall(r'name="country" value="([^"]+)"', page)) == {
        "guatemala",
        "mexico",
        "belize",
    }


def test_one_country_asks_for_others(client, region):
    page = compare_countries(client, "country=mexico").content.decode()
    assert "Choose up to three more countries below to compare with Mexico." in page


def test_spanish_form_writes_spanish_words(client, region):
    page = compare_countries(client, "country=belize&country=mexico", "es").content.decode()
    assert '<form method="get" action="/es/paises/comparar/"' in page
    assert re.findall(r'name="pais" value="(belice)" id="[^"]+" checked', page) == ["belice"]


def test_comparison_names_its_address_in_each_language(client, region):
    page = compare_countries(client, "country=BZ&country=atlantida&country=mexico", "es")
    page = page.content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/es/paises/comparar/?pais=belice&amp;pais=mexico">'
        in page
    )
    assert (
        'hreflang="en" href="http://testserver/en/countries/compare/?country=belize&amp;country=mexico"'
        in page
    )


def test_english_path_words_on_spanish_pages_redirect_to_the_comparison(client):
    response = client.get("/en/paises/comparar/?pais=mexico")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/compare/?pais=mexico"


def test_countries_page_links_to_the_comparison(client, region):
    page = client.get(address("countries:list", "es")).content.decode()
    assert 'href="/es/paises/comparar/"' in page


def test_country_page_offers_to_compare_it_with_others(client, region):
    with override("es"):
        url = region["belize"].get_absolute_url()
    page = client.get(url).content.decode()
    assert 'href="/es/paises/comparar/?pais=belice"' in page


@pytest.mark.parametrize("path", ["/en/countries/compare/", "/es/paises/comparar/"])
def test_the_empty_comparison_names_its_address_without_a_bare_question_mark(client, path):
    page = client.get(path).content.decode()
    assert f'rel="canonical" href="http://testserver{path}"' in page
