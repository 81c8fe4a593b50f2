"""List pages as readers meet them: titles that name the filters, a link to share, and an
empty list that offers a way out."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_country, make_practice, make_recommendation, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def panama():
    return make_country(code="PA", slug="panama", name_en="Panama", name_es="Panamá")


@pytest.fixture
def integration():
    return make_theme(slug="integration", name_en="Integration", name_es="Integración")


@pytest.fixture
def health():
    return make_theme(slug="health", name_en="Health", name_es="Salud")


def page_of(response):
    assert response.status_code == 200
    return response.content.decode()


def title(page):
    return re.search(r"<title>([^<]*)</title>", page).group(1)


def og_title(page):
    return re.search(r'<meta property="og:title" content="([^"]*)">', page).group(1)


def main(page):
    return page[page.index("<main") : page.index("</main>")]


# --- Titles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/es/practicas/?pais=panama&tema=integration", "Buenas prácticas: Panamá, Integración"),
        ("/en/practices/?country=panama&theme=integration", "Good practices: Panama, Integration"),
    ],
)
def test_a_filtered_list_is_titled_with_its_filters_in_the_page_language(
    client, panama, integration, path, named
):
    make_practice(countries=[panama], themes=[integration])
    page = page_of(client.get(path))
    assert title(page).startswith(f"{named} · ")
    assert og_title(page) == named


def test_a_searched_list_is_titled_with_the_words_in_the_page_quotes(client):
    page = page_of(client.get("/es/practicas/?q=retorno"))
    assert og_title(page) == "Buenas prácticas: «retorno»"


def test_a_list_without_filters_is_titled_with_its_name_alone(client):
    page = page_of(client.get("/en/practices/"))
    assert og_title(page) == "Good practices"


def test_a_filtered_recommendation_list_is_titled_with_its_filters(client, integration):
    make_recommendation(themes=[integration], whole_region=True)
    page = page_of(client.get("/es/recomendaciones/?tema=integracion"))
    assert og_title(page) == "Recomendaciones de política pública: Integración"


# --- Sharing and the filter panel -----------------------------------------------------------


def test_a_list_offers_to_copy_its_full_address_without_the_page_number(client, panama):
    for _ in range(21):
        make_practice(countries=[panama])
    page = page_of(client.get("/es/practicas/?pais=panama&pagina=2"))
    assert (
        'data-copy="http://testserver/es/practicas/?pais=panama"' in page
        and 'class="button button--secondary copy-link"' in page
    )
    assert 'src="/static/js/copy-link.js"' in page


def test_the_filter_panel_stays_folded_and_says_how_many_filters_are_in_force(
    client, panama, integration
):
    make_practice(countries=[panama], themes=[integration])
    page = page_of(client.get("/en/practices/?country=panama&theme=integration&q=practice"))
    assert '<details class="filters-panel">' in page
    # The search stands outside the panel: two filters, not three.
    assert '<span class="filters__active">2 active</span>' in page


# --- The empty list -------------------------------------------------------------------------


def test_an_empty_search_speaks_of_the_search_not_of_filters(client):
    make_practice()
    page = main(page_of(client.get("/en/practices/?q=zzzqqq")))
    results = re.sub(r"<[^>]+>", " ", page[page.index('id="results-title"') :])
    assert "No good practice matches “zzzqqq”." in results
    assert "filter" not in results.lower()


def test_an_empty_list_hides_its_sort_and_download_links(client):
    make_practice()
    page = page_of(client.get("/en/practices/?q=zzzqqq"))
    assert "Sort by:" not in page
    assert "format=csv" not in page
    assert "copy-link" not in main(page)


def test_an_empty_search_offers_the_spelling_suggestion(client):
    make_practice(title_en="Regularization in Panama")
    page = page_of(client.get("/en/practices/?q=regularizasion"))
    assert re.search(r'Did you mean: <a href="\?q=[Rr]egularization">', page)


def test_an_empty_search_offers_the_themes_that_have_practices(client, integration, health):
    make_practice(themes=[integration])
    make_practice(themes=[integration])
    page = main(page_of(client.get("/es/practicas/?q=zzzqqq")))
    offered = page[page.index("Explorar por tema") :]
    assert 'href="/es/practicas/?tema=integracion"' in offered
    assert re.search(r"Integración<span class=\"count\">.*?2.*?</span>", offered)
    assert "Salud" not in offered


def test_an_empty_filtered_search_offers_each_removal_with_its_number_of_results(
    client, panama, integration, health
):
    make_practice(title_en="Health posts", countries=[panama], themes=[health])
    make_practice(title_en="Health fairs", themes=[integration])
    make_practice(title_en="Schools", countries=[panama], themes=[integration])
    response = client.get("/en/practices/?q=health&country=panama&theme=integration")
    assert response.context["page_obj"].paginator.count == 0
    removals = {what: number for what, _address, number in response.context["removals"]}
    assert removals == {
        "Without the search “health”": 1,
        "Without Country: Panama": 1,
        "Without Theme: Integration": 1,
    }
    page = page_of(response)
    assert 'href="/en/practices/?country=panama&amp;theme=integration"' in page
    assert "(1 result)" in page


def test_removing_one_of_several_values_of_a_filter_is_not_offered(client, panama, integration):
    belize = make_country(slug="belize", name_en="Belize")
    make_practice(themes=[integration])
    response = client.get("/en/practices/?country=panama&country=belize&theme=integration")
    offered = [what for what, _address, _number in response.context["removals"]]
    assert offered == [f"Without Country: {panama.name}, {belize.name}"]


def test_removals_count_the_entries_with_any_word_when_none_has_every_word(
    client, panama, integration
):
    make_practice(title_en="Health posts", countries=[panama])
    response = client.get("/en/practices/?q=health+schools&country=panama&theme=integration")
    removals = {what: number for what, _address, number in response.context["removals"]}
    assert removals["Without Theme: Integration"] == 1


def test_an_empty_list_with_filters_stays_within_eight_queries(client, panama, integration):
    for _ in range(5):
        make_practice(countries=[panama], themes=[integration], start_year=2015)
    path = "/es/practicas/?q=zzzqqq+yyyxxx&pais=panama&tema=integracion&desde=2010"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.context["removals"]
    assert len(queries) <= 8
