"""The practice list narrows by every filter, counts per facet value, sorts and paginates."""

import copy

import pytest
from django.utils import timezone

from countries.models import SubRegion
from practices.filters import PracticeFilter
from practices.models import Level

from .factories import (
    make_actor,
    make_country,
    make_practice,
    make_programme,
    make_programme_kind,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [practice.title for practice in response.context["page_obj"].object_list]


@pytest.fixture
def belize():
    return make_country(name_en="Belize", name_es="Belice", slug="belize", code="BZ")


@pytest.fixture
def mexico():
    return make_country(
        name_en="Mexico",
        name_es="México",
        slug="mexico",
        code="MX",
        subregion=SubRegion.NORTH_AMERICA,
    )


def test_country_filter_keeps_only_that_country(client, belize, mexico):
    make_practice(title_en="In Belize", countries=[belize])
    make_practice(title_en="In Mexico", countries=[mexico])
    assert titles(client.get("/en/practices/?country=belize")) == ["In Belize"]


def test_two_countries_give_either(client, belize, mexico):
    make_practice(title_en="In Belize", countries=[belize])
    make_practice(title_en="In Mexico", countries=[mexico])
    response = client.get("/en/practices/?country=belize&country=mexico")
    assert sorted(titles(response)) == ["In Belize", "In Mexico"]


def test_practice_in_two_countries_is_listed_once(client, belize, mexico):
    make_practice(title_en="Binational", countries=[belize, mexico])
    assert titles(client.get("/en/practices/?country=belize&country=mexico")) == ["Binational"]


def test_subregion_filter(client, belize, mexico):
    make_practice(title_en="In Belize", countries=[belize])
    make_practice(title_en="In Mexico", countries=[mexico])
    assert titles(client.get("/en/practices/?subregion=north-america")) == ["In Mexico"]


def test_theme_and_country_combine(client, belize, mexico):
    health = make_theme(slug="health")
    make_practice(title_en="Health in Belize", countries=[belize], themes=[health])
    make_practice(title_en="Other in Belize", countries=[belize])
    make_practice(title_en="Health in Mexico", countries=[mexico], themes=[health])
    assert titles(client.get("/en/practices/?country=belize&theme=health")) == ["Health in Belize"]


def test_programme_kind_filter(client):
    amnesty = make_programme_kind(slug="migratory-amnesty")
    make_practice(title_en="Amnesty", programme=make_programme(kind=amnesty))
    make_practice(title_en="No programme")
    assert titles(client.get("/en/practices/?kind=migratory-amnesty")) == ["Amnesty"]


def test_level_filter(client):
    make_practice(title_en="Local one", level=Level.LOCAL)
    make_practice(title_en="National one", level=Level.NATIONAL)
    assert titles(client.get("/en/practices/?level=local")) == ["Local one"]


def test_actor_type_filter(client):
    actor = make_actor()
    make_practice(title_en="With actor", actors=[actor])
    make_practice(title_en="Without")
    response = client.get(f"/en/practices/?actor_type={actor.actor_type.slug}")
    assert titles(response) == ["With actor"]


def test_target_group_filter(client):
    returnees = make_target_group(slug="returnees")
    make_practice(title_en="For returnees", target_groups=[returnees])
    make_practice(title_en="For all")
    assert titles(client.get("/en/practices/?target_group=returnees")) == ["For returnees"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year_from=2019", ["2018-2020", "Ongoing since 2021"]),
        ("year_to=2016", ["2010-2015"]),
        ("year_from=2016&year_to=2019", ["2018-2020"]),
    ],
)
def test_period_filter_finds_overlapping_periods(client, query, expected):
    make_practice(title_en="2010-2015", start_year=2010, end_year=2015)
    make_practice(title_en="2018-2020", start_year=2018, end_year=2020)
    make_practice(title_en="Ongoing since 2021", start_year=2021, is_ongoing=True)
    make_practice(title_en="Undated")
    assert sorted(titles(client.get(f"/en/practices/?{query}"))) == expected


def test_facet_counts_follow_the_current_results(client, belize, mexico):
    health = make_theme(slug="health")
    make_practice(countries=[belize], themes=[health])
    make_practice(countries=[belize])
    make_practice(countries=[mexico], themes=[health])
    facets = client.get("/en/practices/?country=belize").context["facets"]
    assert facets["country"] == {"belize": 2}
    assert facets["theme"]["health"] == 1


def test_selected_filters_have_remove_links(client, belize):
    health = make_theme(slug="health", name_en="Health")
    make_practice(countries=[belize], themes=[health])
    response = client.get("/en/practices/?country=belize&theme=health")
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["active_filters"]}
    assert chips == {"Belize": "?theme=health", "Health": "?country=belize"}
    assert "Clear all filters" in response.content.decode()


def test_sort_by_title_uses_the_page_language(client):
    make_practice(title_en="Alpha", title_es="Zeta")
    make_practice(title_en="Beta", title_es="Alfa")
    assert [p.title for p in client.get("/en/practices/?sort=title").context["page_obj"]] == [
        "Alpha",
        "Beta",
    ]
    assert [p.title for p in client.get("/es/practicas/?sort=title").context["page_obj"]] == [
        "Alfa",
        "Zeta",
    ]


def test_newest_first_by_default(client):
    now = timezone.now()
    make_practice(title_en="Older", published_at=now - timezone.timedelta(days=3))
    make_practice(title_en="Newer", published_at=now)
    assert titles(client.get("/en/practices/")) == ["Newer", "Older"]


def test_pagination_keeps_the_filters(client, belize):
    for _ in range(25):
        make_practice(countries=[belize])
    response = client.get("/en/practices/?country=belize")
    assert len(titles(response)) == 20
    assert 'href="?country=belize&amp;page=2"' in response.content.decode()
    assert len(titles(client.get("/en/practices/?country=belize&page=2"))) == 5


def test_filter_state_is_a_plain_get_url(client):
    page = client.get("/en/practices/").content.decode()
    assert '<form class="listing" method="get"' in page


def test_each_request_s_form_shares_the_filter_choices_instead_of_copying_them():
    choices = PracticeFilter.base_filters["country"].extra["choices"]
    assert copy.deepcopy(choices) is choices
