"""List pages as readers meet them: titles that name the filters, a link to share."""

import re

import pytest

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
