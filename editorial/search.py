"""Text normalisation shared by indexing and querying.

So "regularizacion" finds "regularización" and "AMNISTIA" finds "amnistía".
"""

import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models import Q

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def normalise(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def searchable_text(instance, fields):
    """Both languages of every searchable field, normalised, as one string."""
    parts = []
    for field in fields:
        for code, _name in settings.LANGUAGES:
            parts.append(getattr(instance, f"{field}_{code}", "") or "")
    return normalise(" ".join(parts))


def search_terms(value):
    return normalise(value).split()[:MAX_TERMS]


def search(queryset, value):
    """Accent- and case-insensitive search in both languages.

    Every word must occur in the entry's text (as a prefix or inside a word, so "regulariz"
    finds "regularización"). On PostgreSQL, stemmed full-text search in English and Spanish
    also matches ("programmes" finds "programme") and ranks the results.
    """
    terms = search_terms(value)
    if not terms:
        return queryset
    contains_all = Q()
    for term in terms:
        contains_all &= Q(search_text__contains=term)
    if connection.vendor != "postgresql":
        return queryset.filter(contains_all)
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    text = " ".join(terms)
    vector = SearchVector("search_text", config="english") + SearchVector(
        "search_text", config="spanish"
    )
    query = SearchQuery(text, config="english", search_type="plain") | SearchQuery(
        text, config="spanish", search_type="plain"
    )
    # `document=query` is PostgreSQL's @@ match; the rank only orders what matched.
    return queryset.annotate(document=vector, rank=SearchRank(vector, query)).filter(
        contains_all | Q(document=query)
    )
