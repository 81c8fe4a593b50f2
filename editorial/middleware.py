"""Public pages at scale: cached for visitors, bounded in time, a 503 when the database fails;
addresses in the other language's words redirected to this language's."""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.text import compress_string
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_from_request,
    override,
)

from .cache import generation

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
RETRY_AFTER_SECONDS = 10
# GZipMiddleware leaves shorter bodies as they are: compressing them is not worth it.
GZIP_MINIMUM_BYTES = 200


class PublicPageCacheMiddleware:
    """Public pages as rendered for visitors who are not signed in, until the content changes.

    It sits inside GZip and ConditionalGet, so cached pages still answer 304, and before
    sessions and authentication, so a cached page costs no query. A page is kept compressed,
    so GZip leaves it alone: it is compressed once, not on every answer.
    Whoever sends a session cookie (staff) always gets live pages and previews. Pages are keyed
    by the content generation: any committed write to the content makes every cached page stale.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if not self.for_visitor(request):
            return self.get_response(request)
        # Taken before rendering: if the content changes meanwhile, this page is filed under
        # the generation it was read from, which is already stale.
        key = page_key(request) if settings.PAGE_CACHE_SECONDS else None
        if key and (page := cache.get(key)) is not None:
            return answer(page, request)
        response = self.get_response(request)
        if shareable(response):
            if settings.PROXY_CACHE_SECONDS and not response.has_header("Cache-Control"):
                # Browsers check back every time (the ETag makes that a 304); a proxy or CDN
                # may answer for us a little while. Signed-in staff send a session cookie, so
                # they get their own, live answer.
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=settings.PROXY_CACHE_SECONDS
                )
                patch_vary_headers(response, ["Cookie"])
            if key:
                page = compressed_once(request, response)
                cache.set(key, page, settings.PAGE_CACHE_SECONDS)
                return answer(page, request)
        return response

    def for_visitor(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path_info.startswith(self.public_prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )


def page_key(request):
    # Scheme and host too: the page names its own address in its canonical and hreflang links.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{generation()}:{request.method}:{address}"


def compressed_once(request, response):
    """The page to cache: its body compressed once, as GZipMiddleware would compress it.

    Compressing a 65 KB list on every answer cost more than the rest of a cached answer
    together; clients that do not accept gzip (rare: some crawlers and scripts) get it
    decompressed instead, which is several times cheaper. The ETag is that of the plain body,
    as ConditionalGetMiddleware would set it, so an ETag seen before still earns a 304.
    Pages hold no secret (no cookie, no CSRF token), so one compressed copy is safe to share.
    """
    if request.method == "GET" and not response.has_header("ETag"):
        set_response_etag(response)
    plain = response.content
    if len(plain) < GZIP_MINIMUM_BYTES:
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    body = compress_string(plain, max_random_bytes=GZipMiddleware.max_random_bytes)
    if len(body) >= len(plain):
        return response
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = "gzip"
    response.plain_etag = response.get("ETag")
    if response.plain_etag and response.plain_etag.startswith('"'):
        # A strong ETag names one representation; this one differs from the plain body's.
        response["ETag"] = f"W/{response.plain_etag}"
    return response


def answer(page, request):
    """The cached page as this client takes it: compressed if it accepts gzip, else plain.

    `page` is the cache's own copy (each read unpickles a new one), free to change.
    """
    if page.get("Content-Encoding") != "gzip" or accepts_gzip(request):
        return page
    page.content = gzip.decompress(page.content)
    page["Content-Length"] = str(len(page.content))
    del page["Content-Encoding"]
    if page.plain_etag:
        page["ETag"] = page.plain_etag
    return page


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def shareable(response):
    """Whether the same response may go to every visitor: no cookie, not private, complete."""
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & {"private", "no-store", "no-cache"}
    )


class AdminStatementTimeoutMiddleware:
    """Lifts the database's statement timeout for the admin.

    The timeout (STATEMENT_TIMEOUT_MS) keeps one slow public page from holding a worker;
    editors' imports, exports and history pages may rightly take longer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.STATEMENT_TIMEOUT_MS
        limited = timeout and connection.vendor == "postgresql"
        if not (limited and request.path_info.startswith(ADMIN_PREFIX)):
            return self.get_response(request)
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        try:
            return self.get_response(request)
        finally:
            restore_statement_timeout(timeout)


def restore_statement_timeout(timeout):
    # The connection outlives the request (CONN_MAX_AGE); the next one may be a visitor's.
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(timeout)}")
    except DatabaseError:
        # A connection that cannot take it is not reused: a new one starts with the timeout.
        connection.close()


class DatabaseUnavailableMiddleware:
    """A query over the time limit, or a database out of reach, answers 503, not 500.

    The visitor reads, in the page's language, that the catalogue is briefly unavailable and
    to try again shortly; proxies and crawlers read Retry-After. The page asks nothing of the
    database. What fails outside a view comes to the same page through the 500 handler,
    catalogue.views.server_error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        # With the traceback: it shows which query ran over the time limit.
        logger.warning("Database unavailable for %s: %s", request.path, exception, exc_info=True)
        return database_unavailable(request)


def is_database_unavailable(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable(request):
    """The 503 page, in the language the request asks for.

    Outside a view (catalogue.views.server_error), LocaleMiddleware may not have chosen the
    language yet, and the thread would still speak the previous request's.
    """
    with override(get_language_from_request(request, check_path=True)):
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class CrossOriginResourcePolicyMiddleware:
    """Other sites' pages may not load ours, nor our files, as their own resources.

    Django has a setting for Cross-Origin-Opener-Policy but none for this header. Feed readers,
    crawlers and other servers do not load resources into a page: they are unaffected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class TranslatedPathMiddleware:
    """An address in the other language's words redirects to the same page in this one's.

    Paths are translated (/es/practicas/, /en/practices/), so links shared when every path was
    English (/es/practices/), or mixed up by hand (/en/practicas/), would otherwise be 404s.
    They move permanently, query string kept. A path without a language prefix goes, like
    Django's LocaleMiddleware does it, to the visitor's language, temporarily. It looks only at
    addresses that found nothing, so pages that exist pay nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        prefix = get_language_from_path(request.path_info)
        rest = request.path_info[len(prefix) + 1 :] if prefix else request.path_info
        target = path_in_language(rest, prefix or get_language())
        # The page exists in these very words: the 404 is the page's own (an unknown entry).
        if target is None or target == request.path:
            return response
        query = request.META.get("QUERY_STRING")
        url = f"{target}?{query}" if query else target
        if prefix:
            return HttpResponsePermanentRedirect(url)
        redirect = HttpResponseRedirect(url)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect


def path_in_language(rest, language):
    """The path, in `language`'s words, of the page that `rest` (a path after its language
    prefix) names in any language's words, even mixed (/paises/compare/); None when it names
    no page."""
    candidates = [rest]
    if settings.APPEND_SLASH and not rest.endswith("/"):
        candidates.append(f"{rest}/")
    for candidate in candidates:
        if (found := resolve_in_any_words(language_patterns(), candidate.lstrip("/"))) is None:
            continue
        view_name, kwargs = found
        with override(language):
            try:
                return reverse(view_name, kwargs=kwargs)
            except NoReverseMatch:
                return None
    return None


def language_patterns():
    """The patterns of the pages under a language prefix."""
    (prefixed,) = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern)
    ]
    return prefixed.url_patterns


def resolve_in_any_words(patterns, path, namespaces=()):
    """(view name, keyword arguments) of the page `path` names, each of its words read in
    whichever language it is written in; None when it names no page.

    Django reads a whole path in one language. Here each level of the patterns may be read in
    any, in the patterns' order as Django tries them, so in /paises/compare/ the word "compare"
    finds the comparison, which comes before a country's slug, rather than a country so named.
    """
    for pattern in patterns:
        for code, _name in settings.LANGUAGES:
            with override(code):
                match = pattern.pattern.match(path)
            if not match:
                continue
            rest, _args, kwargs = match
            if isinstance(pattern, URLPattern):
                if pattern.name:
                    return ":".join([*namespaces, pattern.name]), kwargs
                continue
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            if (found := resolve_in_any_words(pattern.url_patterns, rest, inner)) is not None:
                view_name, inner_kwargs = found
                return view_name, {**kwargs, **inner_kwargs}
    return None
