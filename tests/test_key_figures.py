"""Key figures: the region's on the home page, each country's on its profile, every one with
the source that gives it; and the sources of each country profile."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from countries.models import Country, KeyFigure, Qualifier

from .factories import make_country, make_source

pytestmark = pytest.mark.django_db

# (country code or None for the region, value, how exact, year, source document): as the
# source documents give them.
SOURCED_FIGURES = {
    (None, Decimal("17127600"), "", None, "002_53b9845461bdc62e.txt"),
    (None, Decimal("281000000"), "", 2020, "002_53b9845461bdc62e.txt"),
    (None, Decimal("500000"), "about", None, "004_c42cc9f84d2b0ff4.txt"),
    ("PA", Decimal("7000"), "more-than", None, "003_d45137c064eecf29.txt"),
    ("PA", Decimal("130"), "more-than", None, "003_d45137c064eecf29.txt"),
    ("PA", Decimal("3000000"), "more-than", None, "003_d45137c064eecf29.txt"),
}


def make_figure(country=None, **fields):
    defaults = {
        "label_en": "returnees a year",
        "label_es": "personas retornadas al año",
        "value": Decimal("500000"),
        "qualifier": Qualifier.ABOUT,
        "source": make_source(title_en="Return meeting", title_es="Reunión sobre retorno"),
    }
    return KeyFigure.objects.create(country=country, **{**defaults, **fields})


def test_the_loaded_figures_are_the_ones_the_sources_give(catalogue_content):
    loaded = {
        (
            figure.country.code if figure.country else None,
            figure.value,
            figure.qualifier,
            figure.year,
            figure.source.document,
        )
        for figure in KeyFigure.objects.select_related("country", "source")
    }
    assert loaded == SOURCED_FIGURES


def test_every_loaded_figure_is_labelled_in_both_languages(catalogue_content):
    for figure in KeyFigure.objects.all():
        assert figure.label_en.strip() and figure.label_es.strip(), figure


def test_regional_figures_are_on_the_home_page_in_both_languages(client, catalogue_content):
    english = client.get("/en/").content.decode()
    assert "17,127,600" in english
    assert "281 million" in english
    assert "about 500,000" in english
    spanish = client.get("/es/").content.decode()
    assert "17\xa0127\xa0600" in spanish
    assert "281 millones" in spanish
    assert "alrededor de 500\xa0000" in spanish


def test_national_figures_are_on_their_profile_not_on_the_home_page(client, catalogue_content):
    panama = Country.objects.get(code="PA")
    with override("en"):
        profile = client.get(panama.get_absolute_url()).content.decode()
    assert "more than 3 million" in profile
    assert "more than 7,000" in profile
    assert "17,127,600" not in profile
    assert "more than 7,000" not in client.get("/en/").content.decode()


def test_a_regional_figure_is_on_no_country_profile(client):
    country = make_country()
    make_figure(label_en="returnees the whole region receives")
    with override("en"):
        page = client.get(country.get_absolute_url()).content.decode()
    assert "returnees the whole region receives" not in page


def test_each_figure_names_its_source_and_its_date(client):
    dated = make_source(title_en="Concept note", published_on="2021-09-22")
    make_figure(source=dated, value=Decimal("281000000"), qualifier="", year=2020)
    make_figure()
    page = client.get("/en/").content.decode()
    assert "Concept note" in page and 'datetime="2021-09-22"' in page
    assert "(2020)" in page
    assert "Return meeting" in page and "undated" in page


def test_figures_read_as_the_page_language_writes_numbers():
    figure = KeyFigure(value=Decimal("3000000"), qualifier=Qualifier.MORE_THAN)
    with override("en"):
        assert figure.amount == "more than 3 million"
    with override("es"):
        assert figure.amount == "más de 3 millones"
    exact = KeyFigure(value=Decimal("17127600"))
    with override("en"):
        assert exact.amount == "17,127,600"


def test_a_figure_with_a_fraction_keeps_it():
    with override("en"):
        assert KeyFigure(value=Decimal("2.5")).amount == "2.5"


def test_regional_and_national_figures_are_told_apart():
    country = make_country()
    regional = make_figure()
    national = make_figure(country=country)
    assert regional in KeyFigure.objects.regional()
    assert national not in KeyFigure.objects.regional()
    assert national in KeyFigure.objects.national()
    assert regional not in KeyFigure.objects.national()


def test_every_country_profile_cites_its_sources(catalogue_content):
    uncited = Country.objects.filter(sources__isnull=True)
    assert not uncited.exists(), list(uncited)


def test_profile_lists_its_sources(client):
    country = make_country()
    country.sources.set([make_source(title_en="Forum news release")])
    with override("en"):
        page = client.get(country.get_absolute_url()).content.decode()
    assert "Sources of this profile" in page
    assert "Forum news release" in page


def test_costa_rica_profile_does_not_claim_the_border_mediators(catalogue_content):
    costa_rica = Country.objects.get(code="CR")
    assert "Experiences from Costa Rica include" not in costa_rica.profile_en
    assert "border area between Costa Rica and Panama" in costa_rica.profile_en


@pytest.mark.parametrize("code", ["CR", "SV", "GT"])
def test_integrated_responses_coverage_is_in_the_profiles(catalogue_content, code):
    profile = Country.objects.get(code=code).profile_en
    assert "Integrated Responses to Migration from Central America" in profile


@pytest.mark.parametrize("code", ["CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"])
def test_profiles_of_the_countries_at_the_return_meeting_name_it(catalogue_content, code):
    country = Country.objects.get(code=code)
    assert "RCM meeting" in country.profile_en
    assert country.sources.filter(document="004_c42cc9f84d2b0ff4.txt").exists()
