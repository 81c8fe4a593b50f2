"""Counts per filter value within the practice list's results, and their total.

SQL finds the ids of the results (filtered and searched, on indexes); the counts come from
each practice's facet values kept in memory (editorial.facets).
"""

import hashlib

from django.core.cache import cache
from django.db import connection

from countries.models import Country
from editorial.cache import generation, rebuilt_after_change
from editorial.facets import FacetIndex, shared
from editorial.related import cached_rows, linked_ids

from .models import Actor, CompactObjective, Practice, Programme, TargetGroup, Theme

FACETS = [
    "country",
    "subregion",
    "theme",
    "kind",
    "level",
    "actor_type",
    "target_group",
    "objective",
    "evidence",
]
# Many-to-many relations, each read as (practice, related id) rows.
LINKS = {
    "countries": Country,
    "themes": Theme,
    "actors": Actor,
    "target_groups": TargetGroup,
    "compact_objectives": CompactObjective,
}


def facet_values():
    """{practice id: its values in each of FACETS} for every published practice."""
    links = linked_ids(Practice, list(LINKS))
    linked = {name: {} for name in LINKS}
    for (name, practice_id), related in links.items():
        linked[name][practice_id] = related
    rows = {name: cached_rows(model) for name, model in LINKS.items()}
    kinds = dict(Programme.objects.published().values_list("pk", "kind__slug"))
    seen = {}
    values = {}
    for pk, level, programme_id, evidence in Practice.objects.published().values_list(
        "pk", "level", "programme_id", "evidence_level"
    ):
        countries = [rows["countries"][id] for id in linked["countries"].get(pk, ())]
        actors = [rows["actors"][id] for id in linked["actors"].get(pk, ())]
        kind = kinds.get(programme_id)
        values[pk] = (
            shared((country.slug for country in countries), seen),
            shared((country.subregion for country in countries), seen),
            shared((rows["themes"][id].slug for id in linked["themes"].get(pk, ())), seen),
            shared([kind] if kind else [], seen),
            shared([level], seen),
            shared((actor.actor_type.slug for actor in actors), seen),
            shared(
                (rows["target_groups"][id].slug for id in linked["target_groups"].get(pk, ())),
                seen,
            ),
            shared(
                (
                    rows["compact_objectives"][id].slug
                    for id in linked["compact_objectives"].get(pk, ())
                ),
                seen,
            ),
            shared([evidence], seen),
        )
    return values


index = FacetIndex("practices", FACETS, facet_values)


def catalogue_facets(results):
    """(number of published practices, {filter name: {value: number having it}}).

    The whole catalogue's counts are the same for every visitor until the catalogue changes,
    and the list's first page and the home page ask for them most: they are kept in the shared
    cache until then. `results` are the published practices.
    """
    key = f"facets:catalogue:{generation()}"
    counted = cache.get(key)
    if counted is None:
        ids, facets = ordered_results(results.order_by())
        counted = len(ids), facets
        cache.set(key, counted, None)
    return counted


@rebuilt_after_change
def count_catalogue():
    """The facet values and the whole catalogue's counts, which home and the list's first page
    show, made ready after a change."""
    catalogue_facets(Practice.objects.published())


# With a list's counts, the ids of its first ten pages are kept; deeper pages ask the database.
KEPT_IDS = 200
RESULTS_SECONDS = 24 * 3600


def list_results(results, query):
    """(number of results, their facets, the first KEPT_IDS ids in order) of a list narrowed
    by `query` (a text naming the filters, the search and the order).

    Kept in the shared cache until the catalogue changes: a search for a common word reads its
    thousands of ids once, however large the catalogue, and not again for each visitor.
    """
    digest = hashlib.sha256(query.encode()).hexdigest()
    key = f"results:{generation()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        ids, facets = ordered_results(results)
        kept = len(ids), facets, ids[:KEPT_IDS]
        cache.set(key, kept, RESULTS_SECONDS)
    return kept


def ordered_results(results):
    """The ids of `results` in their order, with their facets: one query however searched.

    Returns (ids, {filter name: {value: count}}); the page then reads its rows by id.
    """
    # Straight from the cursor: the ORM's row objects would cost more than the query. The
    # id comes first; a distinct query also selects the columns it is ordered by.
    sql, params = results.values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids, index.count(ids)


def catalogue_pairs(first, second):
    """{(value of `first`, value of `second`): published practices having both}, such as
    (country, theme), kept in the shared cache until the catalogue changes."""
    key = f"facets:pairs:{first}:{second}:{generation()}"
    counted = cache.get(key)
    if counted is None:
        counted = index.pairs(first, second)
        cache.set(key, counted, None)
    return counted
