"""A counter of catalogue changes: cached pages and lists are keyed by it, so any write
to the catalogue makes them stale at once, on every server sharing the cache.
"""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "content-generation"


def fresh_start():
    # Microseconds, so a counter the cache evicted starts again above any value it reached:
    # pages cached under an old value are never served as current.
    return time.time_ns() // 1000


def generation():
    current = cache.get(KEY)
    if current is None:
        current = fresh_start()
        if not cache.add(KEY, current, timeout=None):
            current = cache.get(KEY, current)
    return current


def bump():
    try:
        cache.incr(KEY)
    except ValueError:
        cache.add(KEY, fresh_start(), timeout=None)


def bump_on_commit(**signal):
    # After commit, not before: a page rendered from the old rows while the write is not yet
    # committed must not be cached under the new value. A rolled-back write changes nothing.
    transaction.on_commit(bump)


def relations_changed(action, **signal):
    if action.startswith("post_"):
        bump_on_commit()
