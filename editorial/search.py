"""Search in both languages, accent- and case-insensitive, on indexes when on PostgreSQL.

Every entry keeps `search_text`: both languages of its searchable fields, unaccented and lower
case, so "regularizacion" finds "regularización" and "AMNISTIA" finds "amnistía", and
`search_title`, the same of its title alone. On PostgreSQL a trigger keeps a vector of each
(English and Spanish stems) current on every write, bulk writes and restores included, with
GIN indexes on them (see `title_vectors`). A word matches as a stem in either language or as
the beginning of a word ("regulariz"), and entries with the words in their title come first.
SQLite, for the demo, matches the same words by substring.
"""

import functools
import operator
import re
import unicodedata
from functools import reduce

from django.apps import apps
from django.conf import settings
from django.db import connection, migrations
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, When
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Words "did you mean" may offer: letters only, so the numbers in titles never crowd the list.
WORD = re.compile(r"\b[^\W\d_]{3,}\b")


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


def first_words(value):
    """`value` as far as a search reads it: its first MAX_TERMS words within MAX_QUERY_LENGTH
    characters, cut between words (a single longer word is cut at the limit)."""
    words = value.split()[:MAX_TERMS]
    while len(" ".join(words)) > MAX_QUERY_LENGTH and len(words) > 1:
        words.pop()
    return " ".join(words)[:MAX_QUERY_LENGTH]


# Letters and digits only: safe to hand to to_tsquery as a prefix ("regulariz:*").
PREFIX = re.compile(r"[^\W_]{3,}")


def term_query(term):
    """A tsquery for one word: its stem in either language, or any word it begins."""
    sql = "plainto_tsquery('english'::regconfig, %s) || plainto_tsquery('spanish'::regconfig, %s)"
    params = [term, term]
    if PREFIX.fullmatch(term):
        sql += " || to_tsquery('simple'::regconfig, %s)"
        params.append(f"{term}:*")
    return f"({sql})", params


def search(queryset, value, *, match_all=True):
    """Entries with every word of `value` (or, with match_all=False, any), best matches first.

    A word is found in the entry's text, or in the names of what it is linked to (see
    `linked_to_names`): "Belice" finds every practice of Belize. On PostgreSQL the results
    carry a `rank`: whether the title has the words too.
    """
    terms = search_terms(value)
    if not terms:
        return queryset
    model = queryset.model
    combine = operator.and_ if match_all else operator.or_
    if connection.vendor != "postgresql":
        conditions = [
            Q(search_text__contains=term) | linked_to_names(model, term) for term in terms
        ]
        in_title = reduce(combine, [Q(search_title__contains=term) for term in terms])
        return queryset.filter(reduce(combine, conditions)).annotate(
            rank=ExpressionWrapper(in_title, output_field=BooleanField())
        )
    table = connection.ops.quote_name(model._meta.db_table)
    in_text, params, conditions = [], [], []
    for term in terms:
        sql, term_params = term_query(term)
        in_text.append(sql)
        params += term_params
        if linked := linked_to_names(model, term):
            # A subquery of its own, so the text is still matched on its index.
            matches = f"SELECT id FROM {table} WHERE search_vector @@ {sql}"
            conditions.append(Q(pk__in=RawSQL(matches, term_params)) | linked)
        else:
            conditions.append(
                Q(RawSQL(f"{table}.search_vector @@ {sql}", term_params, BooleanField()))
            )
    query = "(" + (" && " if match_all else " || ").join(in_text) + ")"
    # A hashed subquery on the title index: ranking costs one lookup an entry, not a rank
    # computed over each matching entry's whole vector.
    in_title = f"{table}.id IN (SELECT id FROM {table} WHERE title_vector @@ {query})"
    return queryset.filter(reduce(combine, conditions)).annotate(
        rank=RawSQL(in_title, params, output_field=BooleanField())
    )


def linked_to_names(model, term):
    """Q: entries linked to a country, theme, actor… whose name, in either language, has the
    word `term`; an empty Q when none has.

    The relations are the model's `searchable_relations`; their rows come from the cache
    (editorial.related), so this costs no query.
    """
    from .cache import generation

    condition = Q()
    for name in getattr(model, "searchable_relations", ()):
        field = model._meta.get_field(name)
        ids = ids_named(field.related_model._meta.label, term, generation())
        if not ids:
            continue
        if field.many_to_many:
            through = field.remote_field.through.objects.filter(
                **{f"{field.m2m_reverse_field_name()}__in": ids}
            )
            condition |= Q(pk__in=through.values(field.m2m_field_name()))
        else:
            condition |= Q(**{f"{name}__in": ids})
    return condition


@functools.lru_cache(maxsize=1024)
def ids_named(label, term, current):
    """Ids of the published rows of model `label` whose names have the word `term`, as the
    catalogue stood at generation `current`.

    Kept by the worker: every search asks it for each word and each relation, and going
    through the names of every country, theme and actor costs a search page milliseconds.
    """
    from .related import cached_rows

    return tuple(
        pk
        for pk, row in cached_rows(apps.get_model(label)).items()
        if getattr(row, "status", "published") == "published" and names_have(row, term)
    )


def names_have(row, term):
    """Whether a word of the row's names (both languages, acronym) begins with `term` or is
    another number or gender of it: "belice" and "Belice", "retornados" and "retornadas",
    "returnees" and "Returnee".
    """
    names = [getattr(row, f"name_{code}", "") or "" for code, _ in settings.LANGUAGES]
    names.append(getattr(row, "acronym", "") or "")
    stem = light_stem(term)
    return any(
        word.startswith(term) or light_stem(word) == stem
        for word in normalise(" ".join(names)).split()
    )


def light_stem(word):
    """The word without a plural ending, then without a gender ending (-a, -o, -e)."""
    for ending in ("es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            word = word[: -len(ending)]
            break
    if word[-1:] in ("a", "o", "e") and len(word) > 4:
        word = word[:-1]
    return word


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


VECTORS_FUNCTION = """
CREATE OR REPLACE FUNCTION editorial_search_vectors() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := to_tsvector('english'::regconfig, coalesce(NEW.search_text, ''))
        || to_tsvector('spanish'::regconfig, coalesce(NEW.search_text, ''));
    NEW.title_vector := to_tsvector('english'::regconfig, coalesce(NEW.search_title, ''))
        || to_tsvector('spanish'::regconfig, coalesce(NEW.search_title, ''));
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""


def title_vectors(*tables):
    """A migration operation adding a stored, indexed `title_vector` beside `search_vector`.

    Titles that match rank first: a GIN index on the title's vector finds them, so ranking
    costs a lookup an entry instead of a rank computed over each match's long vector, which
    is stored out of line. Words typed in part are prefixes in the vectors now, so the
    trigram index on the text goes. Run it before the titles are filled: the trigger writes
    both vectors then. Nothing happens on SQLite.
    """

    def create(table):
        return [
            VECTORS_FUNCTION,
            f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
            f"DROP INDEX IF EXISTS {table}_search_trgm",
            # Made anew, without statistics: given how many entries a common word matches, the
            # planner would read every row's out-of-line vector (90 ms at 10,000 practices)
            # rather than the index (7 ms); without them it assumes few matches and uses it.
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector, "
            "ADD COLUMN title_vector tsvector",
            f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS 0, "
            "ALTER COLUMN title_vector SET STATISTICS 0",
            f"CREATE TRIGGER {table}_search_vector "
            f"BEFORE INSERT OR UPDATE OF search_text, search_title ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION editorial_search_vectors()",
            f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
            f"CREATE INDEX {table}_title_vector ON {table} USING gin (title_vector)",
        ]

    def drop(table):
        return [
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS title_vector",
            *_index_sql(table)[2:],
        ]

    return migrations.RunPython(_for_tables(tables, create), _for_tables(tables, drop))


def fill_titles(*models):
    """A migration operation writing `search_title` of every row of `models` (app, model, field)."""

    def operation(apps, schema_editor):
        for app_label, model_name, field in models:
            model = apps.get_model(app_label, model_name)
            rows = list(model.objects.all())
            for row in rows:
                row.search_title = searchable_text(row, (field,))
            model.objects.bulk_update(rows, ["search_title"], batch_size=1000)

    return migrations.RunPython(operation, migrations.RunPython.noop)


def _for_tables(tables, statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            for statement in statements(table):
                schema_editor.execute(statement)

    return operation


# The trigger-kept vector of the first search migrations, which still run on a new database.

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
    """The trigger-kept `search_vector` column of the first search migrations."""
    return migrations.RunPython(_for_tables(tables, _index_sql), _for_tables(tables, _drop_sql))
