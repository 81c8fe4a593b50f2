"""Related rows of small tables (countries, themes, sources…) without a query per relation.

Pages show entries with their countries, themes and the like. Those tables are small and
change only when editors change them, so their rows are cached until the catalogue next
changes; what remains is one query saying which rows each entry links to, for every
relation at once. The results fill Django's prefetch cache, so `entry.countries.all()` in a
template or export reads them as if prefetched.
"""

from django.core.cache import cache
from django.db import connection

from .cache import kept_until_change

# This worker's copies, {model label: (generation, rows)}.
_kept = {}


def cached_rows(model):
    """{id: row} of every row of `model`, in its default order, until the catalogue changes.

    The rows are shared by every request of the worker: read them, never change them.
    """
    label = model._meta.label_lower
    return kept_until_change(_kept, label, lambda current: shared_rows(model, label, current))


def shared_rows(model, label, current):
    key = f"rows:{label}:{current}"
    rows = cache.get(key)
    if rows is None:
        related = getattr(model, "cached_with", ())
        rows = {row.pk: row for row in model._default_manager.select_related(*related)}
        cache.set(key, rows, None)
    return rows


def linked_ids(model, relations, entry_ids=None):
    """{(relation name, entry id): [related ids]} of the many-to-many `relations` of `model`, in
    one query; of every entry, or of `entry_ids` only."""
    quote = connection.ops.quote_name
    ids = list(entry_ids) if entry_ids is not None else None
    parts, params = [], []
    for index, name in enumerate(relations):
        field = model._meta.get_field(name)
        source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        table = quote(field.remote_field.through._meta.db_table)
        part = f"SELECT {index}, {source}, {target} FROM {table}"
        if ids is not None:
            part += f" WHERE {source} IN ({', '.join(['%s'] * len(ids))})"
            params += ids
        parts.append(part)
    links = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, entry_id, related_id in cursor.fetchall():
            links.setdefault((relations[index], entry_id), []).append(related_id)
    return links


def prefetch_small_relations(entries, *relations):
    """Fill the many-to-many `relations` of `entries` in one query; returns them as a list."""
    entries = list(entries)
    if not entries or not relations:
        return entries
    model = type(entries[0])
    links = linked_ids(model, relations, [entry.pk for entry in entries])
    for name in relations:
        rows = cached_rows(model._meta.get_field(name).related_model)
        for entry in entries:
            linked = set(links.get((name, entry.pk), ()))
            fill(entry, name, [row for pk, row in rows.items() if pk in linked])
    return entries


def fill(entry, name, rows):
    """Put `rows` where Django keeps a prefetched relation, so .all() reads them."""
    queryset = getattr(entry, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(entry, "_prefetched_objects_cache"):
        entry._prefetched_objects_cache = {}
    entry._prefetched_objects_cache[name] = queryset
