"""Facet counts come from memory over the result ids; search reads its indexes at any size."""

import pytest
from django.db import connection
from django.urls import reverse

from editorial.cache import bump
from practices.models import Practice

from .factories import make_country, make_practice, make_theme

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner and its statistics are PostgreSQL's"
)


@pytest.fixture
def catalogue():
    belize = make_country(name_en="Belize", name_es="Belice", slug="belize", code="BZ")
    panama = make_country(name_en="Panama", name_es="Panamá", slug="panama", code="PA")
    health, work = make_theme(slug="health"), make_theme(slug="work")
    make_practice(title_en="Amnesty for workers", countries=[belize], themes=[work])
    make_practice(title_en="Clinics for returnees", countries=[panama], themes=[health])
    make_practice(title_en="Amnesty and clinics", countries=[belize, panama], themes=[health, work])
    make_practice(title_en="Draft amnesty", countries=[panama], status="draft")
    return belize, panama


def facets(client, **query):
    return client.get(reverse("practices:list"), query).context["facets"]


def test_search_facets_count_the_published_matches_of_each_value(client, catalogue):
    counted = facets(client, q="amnesty")
    assert counted["country"] == {"belize": 2, "panama": 1}
    assert counted["theme"] == {"health": 1, "work": 2}


def test_facets_follow_a_change_of_the_catalogue(client, catalogue):
    belize, _panama = catalogue
    assert facets(client, q="amnesty")["country"]["belize"] == 2
    make_practice(title_en="Amnesty in the north", countries=[belize])
    bump()  # what the commit of that write does outside a test's transaction
    assert facets(client, q="amnesty")["country"]["belize"] == 3


@postgresql_only
def test_search_vectors_carry_no_planner_statistics(catalogue):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_practice")
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = 'practices_practice' "
            "AND attname IN ('search_vector', 'title_vector')"
        )
        assert cursor.fetchone()[0] == 0


@postgresql_only
def test_the_planner_expects_a_word_to_match_few_entries_so_it_reads_the_index(catalogue):
    """At 10,000 entries an estimate near the truth makes it read every row's vector instead."""
    from editorial.search import search

    belize, _panama = catalogue
    for number in range(200):
        make_practice(title_en=f"Amnesty {number}", countries=[belize])
    sql, params = search(Practice.objects.all(), "amnesty").order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_practice")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        estimate = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    assert Practice.objects.filter(search_text__contains="amnesty").count() > 200
    assert estimate < 20


def test_a_repeated_search_reads_its_counts_and_first_ids_from_the_cache(
    client, catalogue, django_assert_max_num_queries
):
    path = reverse("practices:list")
    first = client.get(path, {"q": "amnesty"})
    with django_assert_max_num_queries(2):  # the page's rows and their links, by id
        again = client.get(path, {"q": "amnesty"})
    assert [p.pk for p in again.context["page_obj"]] == [p.pk for p in first.context["page_obj"]]
    assert again.context["facets"] == first.context["facets"]


def test_pages_past_the_kept_ids_come_in_the_same_order(client, catalogue, monkeypatch):
    import practices.facets

    belize, _panama = catalogue
    for number in range(30):
        make_practice(title_en=f"Amnesty {number:02}", countries=[belize])
    path = reverse("practices:list")
    query = {"q": "amnesty", "sort": "title"}
    everything = [p.title_en for p in client.get(path, query).context["page_obj"]]
    everything += [p.title_en for p in client.get(path, {**query, "page": 2}).context["page_obj"]]
    monkeypatch.setattr(practices.facets, "KEPT_IDS", 20)
    bump()
    kept = [p.title_en for p in client.get(path, query).context["page_obj"]]
    asked = [p.title_en for p in client.get(path, {**query, "page": 2}).context["page_obj"]]
    assert kept + asked == everything == sorted(everything)
    assert len(everything) == 32
