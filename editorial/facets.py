"""Counts per filter value within a list's results, counted in each worker's memory.

A list's facets (countries, themes…) are relations from its entries to small tables. Counted
in SQL, every matching entry is joined to every relation table once per facet: about 100 ms
when a common word matches most of 10,000 entries. Instead each worker keeps, for every
published entry, its values in each facet (tuples of slugs, equal tuples shared) until the
catalogue changes. Counting is then a pass in C over the ids a query found on its indexes, the
same on every database.
"""

import threading
from collections import Counter
from itertools import chain, repeat
from operator import itemgetter

from django.core.cache import cache

from .cache import generation

# How long one catalogue's facet values stay in the shared cache; a change replaces them.
SHARED_SECONDS = 24 * 3600


class FacetIndex:
    """Each published entry's facet values, loaded by `load()` once per catalogue change.

    `load()` returns {entry id: (values of the first facet, values of the second, …)}, one
    tuple of values per name in `names`. One worker loads them after a change (at 10,000
    entries, 100 ms and more) and leaves them in the shared cache under `name`, where the
    other workers, and other servers, read them in a few milliseconds.
    """

    def __init__(self, name, names, load):
        self.name = name
        self.names = names
        self.load = load
        self.loaded_for = None
        self.values = {}
        self.lock = threading.Lock()

    def current(self):
        now = generation()
        if self.loaded_for != now:
            with self.lock:
                if self.loaded_for != now:
                    self.values = self.shared(now)
                    self.loaded_for = now
        return self.values

    def shared(self, now):
        # Filed under the generation read before loading: values loaded while the catalogue
        # changes are filed under the generation that change made stale.
        key = f"facet-values:{self.name}:{now}"
        values = cache.get(key)
        if values is None:
            values = self.load()
            cache.set(key, values, SHARED_SECONDS)
        return values

    def count(self, ids):
        """{facet name: {value: how many of `ids` have it}}."""
        # An entry published after the values were loaded counts under no value until the
        # next load, a moment later.
        rows = list(map(self.current().get, ids, repeat(((),) * len(self.names))))
        return {
            name: dict(Counter(chain.from_iterable(map(itemgetter(position), rows))))
            for position, name in enumerate(self.names)
        }

    def pairs(self, first, second):
        """{(value of `first`, value of `second`): how many entries have both}, over every
        published entry."""
        a, b = self.names.index(first), self.names.index(second)
        return dict(
            Counter(
                (x, y) for values in self.current().values() for x in values[a] for y in values[b]
            )
        )


def shared(values, seen):
    """`values` as a sorted tuple, the same object as an equal tuple met before."""
    key = tuple(sorted(set(values)))
    return seen.setdefault(key, key)
