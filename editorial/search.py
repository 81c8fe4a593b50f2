"""Search in both languages, accent- and case-insensitive, on indexes when on PostgreSQL.

Every entry keeps `search_text`: both languages of its searchable fields, unaccented and lower
case, so "regularizacion" finds "regularización" and "AMNISTIA" finds "amnistía". On
PostgreSQL a trigger keeps a `search_vector` column (English and Spanish stems of that text)
current on every write, bulk writes and restores included, with a GIN index on it and a
trigram index on the text for words typed in part ("regulariz"). SQLite, for the demo,
matches the same words by substring.
"""

import re
import unicodedata

from django.conf import settings
from django.db import connection, migrations
from django.db.models import BooleanField, Case, F, FloatField, Q, When
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w{3,}")


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


# Either language's stem of a word: "programmes" finds "programme", "retornos" "retorno".
TERM_QUERY = (
    "(plainto_tsquery('english'::regconfig, %s) || plainto_tsquery('spanish'::regconfig, %s))"
)


def search(queryset, value, *, match_all=True):
    """Entries with every word of `value` (or, with match_all=False, any), best matches first.

    A word matches as a stemmed word in either language or as part of a word ("regulariz").
    On PostgreSQL the results carry a `rank` for ordering.
    """
    terms = search_terms(value)
    if not terms:
        return queryset
    if connection.vendor != "postgresql":
        condition = Q()
        for term in terms:
            contains = Q(search_text__contains=term)
            condition = condition & contains if match_all else condition | contains
        return queryset.filter(condition)
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    matches, params = [], []
    for term in terms:
        matches.append(f"({table}.search_vector @@ {TERM_QUERY} OR {table}.search_text LIKE %s)")
        params += [term, term, f"%{escape_like(term)}%"]
    joiner = " AND " if match_all else " OR "
    any_term = " || ".join(TERM_QUERY for _term in terms)
    rank_params = [part for term in terms for part in (term, term)]
    return queryset.filter(
        RawSQL(joiner.join(matches), params, output_field=BooleanField())
    ).annotate(
        rank=RawSQL(f"ts_rank_cd({table}.search_vector, {any_term})", rank_params, FloatField())
    )


def escape_like(term):
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ranked(queryset):
    """Best matches first when the queryset was searched, else the newest."""
    if "rank" in queryset.query.annotations:
        return queryset.order_by(F("rank").desc(), "-published_at", "pk")
    return queryset.order_by("-published_at", "pk")


# --- "Did you mean" ------------------------------------------------------------------------


def suggestion(value):
    """The query with misspelt words replaced by the closest catalogue words, or None.

    `regularizasion` gives "regularización", `Guatemla` "Guatemala". Words come from the
    titles of published entries and the names of countries and vocabularies.
    """
    from .models import SearchTerm

    terms = search_terms(value)
    if not terms:
        return None
    SearchTerm.objects.refresh()
    language = get_language()
    words = SearchTerm.objects.filter(normalised__in=terms).order_by(
        # The page's own language first: "regularizasion" gives "regularización" in Spanish.
        Case(When(language=language, then=0), default=1)
    )
    known = {}
    for normalised, word in words.values_list("normalised", "word"):
        known.setdefault(normalised, word)
    corrected = [
        known.get(term) or SearchTerm.objects.closest(term, language) or term for term in terms
    ]
    if [normalise(word) for word in corrected] == terms:
        return None
    return " ".join(corrected)


def catalogue_words(models_with_words):
    """{(unaccented word, language): word as written} from the fields each model names."""
    words = {}
    for model, fields in models_with_words:
        rows = model.objects.published() if hasattr(model.objects, "published") else model.objects
        columns = [(f"{field}_{code}", code) for field in fields for code, _ in settings.LANGUAGES]
        for values in rows.values_list(*(name for name, _code in columns)):
            for text, (_name, language) in zip(values, columns, strict=True):
                for word in WORD.findall(text or ""):
                    key = (normalise(word), language)
                    # Proper nouns keep their capital; other words show as they do mid-sentence.
                    if word.islower() or key not in words:
                        words[key] = word
    return words


# --- Indexes, created by each content app's migration -------------------------------------

VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION editorial_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := to_tsvector('english'::regconfig, coalesce(NEW.search_text, ''))
        || to_tsvector('spanish'::regconfig, coalesce(NEW.search_text, ''));
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""


def _index_sql(table):
    return [
        VECTOR_FUNCTION,
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
        f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE OF search_text ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION editorial_search_vector()",
        # Fill existing rows through the trigger.
        f"UPDATE {table} SET search_text = search_text",
        f"CREATE INDEX IF NOT EXISTS {table}_search_vector ON {table} USING gin (search_vector)",
        f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} "
        "USING gin (search_text gin_trgm_ops)",
    ]


def _drop_sql(table):
    return [
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
        f"DROP INDEX IF EXISTS {table}_search_trgm",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
    ]


def search_index(*tables):
    """A migration operation giving `tables` their search vector, trigger and indexes.

    The column is not a model field: the database alone keeps it, and it stays out of the
    history and the exports. Nothing happens on SQLite.
    """

    def run(statements):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for table in tables:
                for statement in statements(table):
                    schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(_index_sql), run(_drop_sql))
