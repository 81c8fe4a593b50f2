"""A counter of catalogue changes: cached pages and lists are keyed by it, so any write
to the catalogue makes them stale at once, on every server sharing the cache.
"""

import logging
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

KEY = "content-generation"

# What a change makes stale and the next visitor would otherwise rebuild (a worker's facet
# values, the words of "did you mean"): rebuilt by the request that changed the catalogue,
# once it has been answered.
_rebuilders = []
# Whether the request or command running has changed the catalogue.
_changed = ContextVar("changed", default=False)
# Within a request, the generation as first read: a list page asks for it some fifty times
# (choices, rows, facets, kept parts) and the shared cache is a file read or a round trip
# each time. Read once, before the request reads any row, anything filed under it is at
# least as new as the generation says. None outside requests (commands, tests between
# requests), which read the shared cache every time.
_in_request = ContextVar("in_request", default=False)
_request_generation = ContextVar("request_generation", default=None)


def fresh_start():
    # Microseconds, so a counter the cache evicted starts again above any value it reached:
    # pages cached under an old value are never served as current.
    return time.time_ns() // 1000


def generation():
    current = _request_generation.get()
    if current is not None:
        return current
    current = cache.get(KEY)
    if current is None:
        current = fresh_start()
        if not cache.add(KEY, current, timeout=None):
            current = cache.get(KEY, current)
    if _in_request.get():
        _request_generation.set(current)
    return current


def kept_until_change(store, key, load):
    """What `load(generation)` gives, kept in `store` (a dict of this worker's) under `key`
    until the catalogue next changes: for what a page asks for dozens of times, where even
    the shared cache's read and unpickling show in its speed."""
    current = generation()
    kept_for, value = store.get(key, (None, None))
    if kept_for != current:
        value = load(current)
        store[key] = current, value
    return value


def bump():
    try:
        cache.incr(KEY)
    except ValueError:
        cache.add(KEY, fresh_start(), timeout=None)
    else:
        # The file cache writes the counter back with its default timeout on incr; the
        # counter must outlive every page filed under it.
        cache.touch(KEY, None)
    _request_generation.set(None)  # what this request reads next is of the new generation
    _changed.set(True)


def rebuilt_after_change(function):
    """Register `function` to be called after a request or command that changed the
    catalogue."""
    _rebuilders.append(function)
    return function


def request_started(**signal):
    _changed.set(False)
    _in_request.set(True)
    _request_generation.set(None)


def request_finished(**signal):
    _in_request.set(False)
    _request_generation.set(None)  # the rebuilds file under the generation the change made
    rebuild_if_changed()


def rebuild_if_changed():
    """After the answer to a request that changed the catalogue, or at the end of loading the
    demo content, rebuild what the change made stale, so that the next visitor does not wait
    for it (a second at 100,000 practices). A restore does not: it gives back the backup's
    rows exactly, its did-you-mean words included.

    The editor's browser has its answer by now; this worker is busy a moment longer. What is
    rebuilt is filed under the new generation in the shared cache, where every worker finds
    it; should anything fail here, the next request that needs it rebuilds it, as it would
    have without this.
    """
    if not _changed.get():
        return
    _changed.set(False)
    for rebuild in _rebuilders:
        try:
            rebuild()
        except Exception:
            logger.exception("Rebuilding %s after a change failed", rebuild.__qualname__)


def bump_on_commit(**signal):
    # After commit, not before: a page rendered from the old rows while the write is not yet
    # committed must not be cached under the new value. A rolled-back write changes nothing.
    transaction.on_commit(bump)


def relations_changed(action, **signal):
    if action.startswith("post_"):
        bump_on_commit()


class ResilientRedisCache(RedisCache):
    """Redis as the site's shared cache, where an outage slows pages down instead of failing them.

    While Redis is out of reach, reads miss and writes are dropped: pages are rendered afresh,
    the change counter restarts from the clock (so nothing stale is served once Redis is
    back), and the suggestion limit lets visitors through, the honeypot still in place. A
    write to the catalogue made during the outage may leave a page cached before it in place
    for at most PAGE_CACHE_SECONDS.
    """

    def _forgiving(name, fallback):  # noqa: N805 - builds the methods below
        def method(self, *args, **kwargs):
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unavailable (%s): %s", name, error)
                return fallback(*args, **kwargs)

        method.__name__ = name
        return method

    get = _forgiving("get", lambda key, default=None, version=None: default)
    get_many = _forgiving("get_many", lambda keys, version=None: {})
    set = _forgiving("set", lambda *args, **kwargs: None)
    set_many = _forgiving("set_many", lambda data, *args, **kwargs: list(data))
    add = _forgiving("add", lambda *args, **kwargs: False)
    touch = _forgiving("touch", lambda *args, **kwargs: False)
    delete = _forgiving("delete", lambda *args, **kwargs: False)
    delete_many = _forgiving("delete_many", lambda *args, **kwargs: None)
    has_key = _forgiving("has_key", lambda *args, **kwargs: False)
    incr = _forgiving("incr", lambda key, delta=1, version=None: delta)
    clear = _forgiving("clear", lambda: None)
    del _forgiving
