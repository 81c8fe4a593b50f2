"""Parts of public pages kept rendered in each worker's memory until the content changes.

A list page shows twenty cards, nine filter blocks and a map; rendering them from templates
cost more than the rest of the page. Each part is kept as HTML under the content generation
(editorial.cache) read as the request arrived, before it read any row, with the page's
language and the values the part is drawn from. A committed write to the content moves the
generation, so every kept part is stale at once, in every worker. Only visitors' requests for
public pages keep parts, as only they are served from the page cache: staff, who may preview
drafts, always get parts rendered afresh.
"""

import threading
from contextvars import ContextVar

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.translation import get_language

from .cache import generation

# At most this many parts a worker: a card is about 1.5 KB, a filter block up to 8 KB.
MAX_PARTS = 5000
# Tests turn this off: their writes never commit, so the generation would never move.
enabled = True

_request_generation = ContextVar("request_generation", default=None)
_lock = threading.Lock()
_parts = {}
_generation = None


def request_started(environ=None, **signal):
    """Remember the generation as a visitor's request for a public page arrives."""
    visitor = (
        enabled
        and environ is not None
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and environ.get("PATH_INFO", "").startswith(public_prefixes())
        and settings.SESSION_COOKIE_NAME not in parse_cookie(environ.get("HTTP_COOKIE", ""))
    )
    _request_generation.set(generation() if visitor else None)


def request_finished(**signal):
    _request_generation.set(None)


def public_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def key(current, name, values):
    return (current, get_language(), name, repr(values))


def is_kept(name, values):
    """Whether this request would be given part `name` drawn from `values` as kept."""
    return kept_html(name, values) is not None


def kept_html(name, values):
    """The HTML of part `name` drawn from `values` if this request may have it, else None."""
    current = _request_generation.get()
    return None if current is None else _parts.get(key(current, name, values))


def kept(name, values, render):
    """The HTML of part `name` drawn from `values` (plain data whose repr says everything the
    part depends on besides the content and the language): kept, or made by `render()`."""
    global _generation
    current = _request_generation.get()
    if current is None:
        return render()
    part = key(current, name, values)
    html = _parts.get(part)
    if html is not None:
        return html
    html = render()
    with _lock:
        if _generation is None or current > _generation:
            # Parts of earlier generations will never be asked for again.
            _parts.clear()
            _generation = current
        if current == _generation:
            if len(_parts) >= MAX_PARTS:
                del _parts[next(iter(_parts))]
            _parts[part] = html
    return html
