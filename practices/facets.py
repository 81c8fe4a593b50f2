"""Counts per filter value within the current results, and their total, in one query.

The results (filtered and searched) are computed once, as a common table expression, and
every facet counts its relation table against it; the search is never run twice.
"""

from django.core.cache import cache
from django.db import connection

from countries.models import Country
from editorial.cache import generation
from editorial.models import Status

from .models import Actor, ActorType, Practice, Programme, ProgrammeKind, TargetGroup, Theme


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def facet_sql():
    practice = _table(Practice)
    countries = _table(Practice.countries.through)
    themes = _table(Practice.themes.through)
    actors = _table(Practice.actors.through)
    target_groups = _table(Practice.target_groups.through)
    return f"""
        WITH matching (id) AS ({{results}})
        SELECT 'total', '', COUNT(*) FROM matching
        UNION ALL
        SELECT 'country', c.slug, COUNT(*) FROM {countries} r
            JOIN matching m ON m.id = r.practice_id JOIN {_table(Country)} c ON c.id = r.country_id
            GROUP BY c.slug
        UNION ALL
        SELECT 'subregion', c.subregion, COUNT(DISTINCT r.practice_id) FROM {countries} r
            JOIN matching m ON m.id = r.practice_id JOIN {_table(Country)} c ON c.id = r.country_id
            GROUP BY c.subregion
        UNION ALL
        SELECT 'theme', t.slug, COUNT(*) FROM {themes} r
            JOIN matching m ON m.id = r.practice_id JOIN {_table(Theme)} t ON t.id = r.theme_id
            GROUP BY t.slug
        UNION ALL
        SELECT 'kind', k.slug, COUNT(*) FROM {practice} p
            JOIN matching m ON m.id = p.id JOIN {_table(Programme)} g ON g.id = p.programme_id
            JOIN {_table(ProgrammeKind)} k ON k.id = g.kind_id
            WHERE g.status = %s
            GROUP BY k.slug
        UNION ALL
        SELECT 'level', p.level, COUNT(*) FROM {practice} p
            JOIN matching m ON m.id = p.id GROUP BY p.level
        UNION ALL
        SELECT 'actor_type', t.slug, COUNT(DISTINCT r.practice_id) FROM {actors} r
            JOIN matching m ON m.id = r.practice_id JOIN {_table(Actor)} a ON a.id = r.actor_id
            JOIN {_table(ActorType)} t ON t.id = a.actor_type_id
            GROUP BY t.slug
        UNION ALL
        SELECT 'target_group', t.slug, COUNT(*) FROM {target_groups} r
            JOIN matching m ON m.id = r.practice_id
            JOIN {_table(TargetGroup)} t ON t.id = r.targetgroup_id
            GROUP BY t.slug
    """


def practice_facets(results, *, narrowed=True):
    """(number of results, {filter name: {value: number of results having it}}).

    Counts of the whole catalogue (`narrowed=False`: no filter, no search) are the same for
    every visitor until the catalogue changes, and the list's first page asks for them most:
    they are kept in the cache until then.
    """
    if narrowed:
        return count_facets(results)
    key = f"facets:catalogue:{generation()}"
    counted = cache.get(key)
    if counted is None:
        counted = count_facets(results)
        cache.set(key, counted, None)
    return counted


def count_facets(results):
    sql, params = results.order_by().values("pk").query.sql_with_params()
    facets = {name: {} for name in FACETS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(facet_sql().format(results=sql), [*params, Status.PUBLISHED])
        for name, value, count in cursor.fetchall():
            if name == "total":
                total = count
            else:
                facets[name][value] = count
    return total, facets


FACETS = ["country", "subregion", "theme", "kind", "level", "actor_type", "target_group"]
