"""Whatever a visitor sends to a public address, the answer is never a server error.

Hypothesis generates requests to every public URL in both languages: lists with every filter
parameter and values of every sort (unicode, NUL, huge numbers, bytes that are not UTF-8,
parameters repeated or without a value), detail addresses with any id and slug, the comparison,
feeds, downloads and the suggestion form. No answer may be a 5xx or show a traceback.
"""

from functools import partial
from types import SimpleNamespace
from urllib.parse import quote, quote_from_bytes

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from editorial.export import FORMATS
from editorial.models import Status
from practices.filters import PracticeFilter, ProgrammeFilter
from practices.forms import SuggestionForm
from practices.models import Level
from recommendations.filters import RecommendationFilter
from recommendations.models import Horizon

from . import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

LANGUAGES = ["en", "es"]
# Examples per test, and the requests each makes: 2,600 × 2 + 1,000 × 3 + 900 × 2 = 10,000.
LIST_EXAMPLES = 2600
DETAIL_EXAMPLES = 1000
SUGGESTION_EXAMPLES = 900


def fuzzing(max_examples):
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        # Examples share the test's catalogue and client on purpose: building them for each
        # example would cost far more than the requests themselves.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )


@pytest.fixture
def visitor():
    # One client for every example: a new one loads the whole middleware stack again.
    return Client(enforce_csrf_checks=False)


@pytest.fixture
def catalogue(settings):
    """A small catalogue with one of everything, and what a visitor may send about it."""
    settings.SUGGESTIONS_PER_HOUR = 10**9
    countries = [f.make_country(slug=slug) for slug in ("panama", "mexico", "belize")]
    themes = [f.make_theme(slug=slug) for slug in ("regularization", "integration")]
    actor = f.make_actor()
    target_group = f.make_target_group()
    programme = f.make_programme(country=countries[0])
    practices = [
        f.make_practice(
            countries=countries[: n + 1],
            themes=themes[n % 2 :],
            actors=[actor],
            target_groups=[target_group],
            programme=programme,
            start_year=2010 + n,
        )
        for n in range(3)
    ]
    draft = f.make_practice(status=Status.DRAFT)
    forum = f.make_forum(countries=countries[:2], practices=practices[:2])
    recommendation = f.make_recommendation(countries=countries[1:], practices=practices[1:])
    slugs = [entry.slug for entry in countries + themes]
    known = [
        *slugs,
        programme.kind.slug,
        actor.actor_type.slug,
        target_group.slug,
        *recommendation.addressees.values_list("slug", flat=True),
        str(programme.pk),
        str(forum.pk),
    ]
    ids = [entry.pk for entry in [*practices, draft, programme, recommendation, forum]]
    return SimpleNamespace(
        queries=query_strings(known),
        details=detail_paths(ids, slugs),
        suggestions=suggestion_forms(slugs),
    )


def assert_no_server_error(response, request):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code < 500, request
    assert b"Traceback" not in body and b"Exception Value" not in body, request


# --- What a visitor may send ----------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%",
    "%00",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "9" * 30,
    "-" + "9" * 30,
    "²",
    "١٢٣",
    "\u202e",
    "\ufeff",
    "😀",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "a" * 5000,
    "None",
    "null",
    "true",
]
CHOICES = [value for value, _label in Level.choices + Horizon.choices] + list(FORMATS)
PARAMETERS = sorted(
    {
        *PracticeFilter.base_filters,
        *ProgrammeFilter.base_filters,
        *RecommendationFilter.base_filters,
        "page",
        "format",
        "programme",
    }
)


def text_values(known):
    return st.one_of(
        st.sampled_from(known + CHOICES),
        st.sampled_from(NASTY),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.floats().map(str),
        st.text(max_size=40),
    )


def encoded(value):
    return quote(value, safe="")


def encoded_bytes(value):
    return quote_from_bytes(value, safe="")


def as_pair(pair):
    return f"{pair[0]}={pair[1]}"


def query_strings(known):
    """Query strings, or form bodies, with bytes that are not UTF-8 and names without values."""
    name = st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=12)).map(encoded)
    value = st.one_of(text_values(known).map(encoded), st.binary(max_size=12).map(encoded_bytes))
    pair = st.one_of(st.tuples(name, value).map(as_pair), name)
    return st.lists(pair, max_size=8).map("&".join)


def detail_paths(ids, slugs):
    number = st.one_of(st.sampled_from(ids), st.integers(min_value=0, max_value=2**80)).map(str)
    slug = st.one_of(
        st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True),
        st.text(min_size=1, max_size=30).map(encoded),
    )
    # A list's name and what follows its path: /es/practicas/ + 12/un-titulo.
    kind = st.sampled_from(
        ["practices:list", "practices:programmes", "recommendations:list", "recommendations:forums"]
    )
    return st.one_of(
        st.tuples(kind, number),
        st.tuples(kind, st.tuples(number, slug).map("/".join)),
        st.tuples(st.just("countries:list"), st.one_of(st.sampled_from(slugs), slug)),
    )


def suggestion_forms(slugs):
    """A good suggestion with a few of its fields changed to anything, repeated or left out."""
    good = {
        "title": "Job fairs",
        "summary": "Municipal job fairs.",
        "description": "Every quarter.",
        "countries": slugs[0],
        "level": Level.LOCAL,
        "themes": slugs[-1],
        "source_url": "https://example.org/report",
        "name": "Ana",
        "email": "ana@example.org",
        "organisation": "Municipality",
        "website": "",
    }
    assert set(good) == set(SuggestionForm.base_fields), "a field the fuzzer does not fill"
    anything = text_values(slugs)
    changed = {
        name: st.one_of(
            anything,
            st.lists(anything, min_size=2, max_size=4),
            st.just(LEFT_OUT),
            st.just(longest_accepted(field)),
        )
        for name, field in SuggestionForm.base_fields.items()
    }
    names = st.sets(st.sampled_from(sorted(good)), max_size=4)
    return names.flatmap(partial(changes_to, changed)).map(partial(changed_form, good))


LEFT_OUT = object()


def longest_accepted(field):
    """The longest value the form accepts for a field: what is stored must hold it too."""
    length = getattr(field, "max_length", None) or 5000
    if isinstance(field, forms.EmailField):
        return "a" * (length - len("@example.org")) + "@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/" + "a" * (length - len("https://example.org/"))
    return "a" * length


def changes_to(changed, names):
    return st.fixed_dictionaries({name: changed[name] for name in names})


def changed_form(good, changes):
    return {name: value for name, value in {**good, **changes}.items() if value is not LEFT_OUT}


# --- The requests ---------------------------------------------------------------------------

LIST_PAGES = [
    "home",
    "practices:list",
    "practices:programmes",
    "practices:compare",
    "recommendations:list",
    "recommendations:forums",
    "countries:list",
    "open-data",
    "practices:suggest",
    "practices:suggest-thanks",
    "practices:feed",
    "recommendations:feed",
]
# Half the lists are asked for as pages, half as downloads (ignored where a list has none).
DOWNLOADS = ["", "", *(f"format={fmt}" for fmt in FORMATS)]
# Outside the language prefixes; "" is the redirect to a language.
UNPREFIXED = ["", "sitemap.xml", "robots.txt", "favicon.ico"]


def url(name, language):
    with override(language):
        return reverse(name)


@given(data=st.data())
@fuzzing(LIST_EXAMPLES)
def test_lists_feeds_and_downloads_never_fail(catalogue, visitor, data):
    name = data.draw(st.sampled_from(LIST_PAGES))
    download = data.draw(st.sampled_from(DOWNLOADS))
    query = "&".join(filter(None, [data.draw(catalogue.queries), download]))
    for language in LANGUAGES:
        address = f"{url(name, language)}?{query}"
        assert_no_server_error(visitor.get(address), address)


@given(data=st.data())
@fuzzing(DETAIL_EXAMPLES)
def test_detail_addresses_and_site_files_never_fail(catalogue, visitor, data):
    query = data.draw(st.one_of(st.just(""), catalogue.queries))
    name, rest = data.draw(catalogue.details)
    for language in LANGUAGES:
        address = f"{url(name, language)}{rest}/?{query}"
        assert_no_server_error(visitor.get(address), address)
    site_file = data.draw(st.sampled_from(UNPREFIXED))
    assert_no_server_error(visitor.get(f"/{site_file}?{query}"), site_file)


@given(data=st.data())
@fuzzing(SUGGESTION_EXAMPLES)
def test_suggestions_never_fail(catalogue, visitor, data):
    for language in LANGUAGES:
        address = url("practices:suggest", language)
        if data.draw(st.booleans()):
            response = visitor.post(address, data.draw(catalogue.suggestions))
        else:
            # A raw form body, which may hold bytes no browser would send.
            body = data.draw(catalogue.queries)
            response = visitor.post(address, body, content_type="application/x-www-form-urlencoded")
        assert_no_server_error(response, address)
