"""Filters every public list shares: vocabularies by slug, the search box, and query strings
in the page's language.

A Spanish page writes `?pais=panama&tema=integracion`, an English one
`?country=panama&theme=integration`; either page reads both, and ISO codes, so a link keeps
working whichever language it was shared in. The words are translations (context "URL
parameter" and "URL value"), or a row's slug in each language (`TranslatedSlug`).
"""

import functools
from typing import NamedTuple

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator
from django.utils.text import slugify
from django.utils.translation import get_language, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH, first_words, search


def url_word(word, language):
    """A translatable word of a query string as URLs in `language` write it."""
    with override(language):
        return slugify(str(word))


def languages():
    return [code for code, _name in settings.LANGUAGES]


class Choice(NamedTuple):
    stored: str  # what the database holds: the English slug, an id, a code's value
    words: dict  # {language: how that language's URLs write it}
    aliases: tuple  # other names it goes by, in any case (ISO codes)
    label: str

    def word(self, language):
        return self.words.get(language, self.stored)


class TranslatedChoices(BaseChoiceIterator):
    """A filter's choices, offered as the page's language writes them, found however written."""

    def entries(self):
        raise NotImplementedError

    def __iter__(self):
        language = get_language()
        return ((choice.word(language), choice.label) for choice in self.entries())

    def __len__(self):
        return len(self.entries())

    def __deepcopy__(self, memo):
        # Every request's form deep-copies its fields, choices included; they are read only
        # and shared by the worker's forms, and copying their entries cost a list page 3 ms.
        return self

    def known(self):
        """{every way of writing a choice, lower-cased: the choice}.

        The page's language comes first, then the other languages, then aliases, so a word that
        two choices share finds the one this page means.
        """
        entries = self.entries()
        page = get_language()
        # Every link a list page writes reads it: kept with the entries it was made from.
        made_from, known = getattr(self, "_known", {}).get(page, (None, None))
        if made_from is entries:
            return known
        known = {}
        for language in [page, *(code for code in languages() if code != page)]:
            for choice in entries:
                known.setdefault(choice.word(language).lower(), choice)
        for choice in entries:
            for alias in choice.aliases:
                known.setdefault(alias.lower(), choice)
        self._known = {**getattr(self, "_known", {}), page: (entries, known)}
        return known


class CachedChoices(TranslatedChoices):
    """Rows with a slug in each language (`TranslatedSlug`), known by their `aliases` fields too,
    kept in the cache until the catalogue next changes.

    Every list page offers every vocabulary; reading them from the cache keeps the page's
    queries to its results. Read when a form is built, in the language of its page.
    """

    def __init__(self, queryset, aliases=()):
        self.queryset = queryset
        self.aliases = aliases
        self.model_label = None
        # This worker's copy, {language: (catalogue generation, entries)}.
        self.kept = {}

    def rows(self):
        return self.queryset() if callable(self.queryset) else self.queryset.all()

    def choice(self, row):
        return Choice(
            row.slug,
            {code: row.slug_in(code) for code in languages()},
            tuple(getattr(row, field) for field in self.aliases),
            str(row),
        )

    def entries(self):
        from .cache import kept_until_change

        return kept_until_change(self.kept, get_language(), self.shared_entries)

    def shared_entries(self, current):
        """The entries in the page's language from the shared cache, made if missing."""
        if self.model_label is None:
            self.model_label = self.rows().model._meta.label_lower
        key = f"choices:{self.model_label}:{type(self).__name__}:{get_language()}:{current}"
        entries = cache.get(key)
        if entries is None:
            entries = [self.choice(row) for row in self.rows()]
            cache.set(key, entries, None)
        return entries


class NumberedChoices(CachedChoices):
    """Rows known by their id, a number that every language writes alike."""

    def choice(self, row):
        number = str(row.pk)
        return Choice(number, dict.fromkeys(languages(), number), (), str(row))


class FixedChoices(TranslatedChoices):
    """Choices fixed in code (levels, sub-regions, orders): `words` translates their values."""

    def __init__(self, choices, words):
        self.choices = choices
        self.words = words
        # {language: entries}: translations do not change while the process runs.
        self.kept = {}

    def entries(self):
        language = get_language()
        if (entries := self.kept.get(language)) is None:
            entries = self.kept[language] = [
                Choice(
                    value,
                    {code: url_word(self.words.get(value, value), code) for code in languages()},
                    (),
                    str(label),
                )
                for value, label in self.choices
            ]
        return entries


class TranslatedChoiceFilter(django_filters.MultipleChoiceFilter):
    """Several values of `TranslatedChoices`, matched by what the database holds."""

    def __init__(self, *args, choices, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, choices=choices, **kwargs)

    def stored(self, values):
        """What the database holds for `values`, written in any language."""
        known = self.extra["choices"].known()
        return [known[value.lower()].stored for value in values if value.lower() in known]

    def filter(self, qs, value):
        return super().filter(qs, self.stored(value or []))


class RelatedChoiceFilter(TranslatedChoiceFilter):
    """Several values reached through a relation, matched as a subquery.

    A join would repeat an entry once per matching row and need DISTINCT over whole rows,
    long texts included; `pk IN (subquery)` keeps each entry once at no such cost.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        lookup = {f"{self.field_name}__in": self.stored(value)}
        return qs.filter(pk__in=qs.model._default_manager.filter(**lookup).values("pk"))


class SlugChoiceFilter(RelatedChoiceFilter):
    """Several rows of a vocabulary, by slug, so shared URLs read well and never change."""

    def __init__(self, *args, queryset, field_name, aliases=(), **kwargs):
        super().__init__(
            *args,
            field_name=f"{field_name}__slug",
            choices=CachedChoices(queryset, aliases),
            **kwargs,
        )


class ListFilterSet(django_filters.FilterSet):
    """A list's filters, read from a query string in any language, written in the page's.

    A choice that names nothing (a country spelt wrong, a theme since removed) is left out and
    listed in `unknown` as (filter label, value), so the rest of a shared link still applies.
    """

    # How URLs name the list's parameters; a parameter not here is named as its filter is.
    parameters = {
        # Translators: a word of web addresses: lower-case letters, no spaces or accents.
        "page": pgettext_lazy("URL parameter", "page"),
        "format": pgettext_lazy("URL parameter", "format"),
    }

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.unknown = []
        if self.is_bound:
            self.data = self.read(data)

    @classmethod
    def parameter(cls, name, language=None):
        """How URLs in `language` (the page's by default) name the parameter `name`."""
        return cls.parameter_in(name, language or get_language())

    @classmethod
    @functools.cache
    def parameter_in(cls, name, language):
        # Asked hundreds of times a page (every link is written in the page's words), and the
        # translations never change while the process runs.
        word = cls.parameters.get(name)
        return url_word(word, language) if word else name

    @classmethod
    @functools.cache
    def parameter_names(cls):
        """{the parameter's name in any language: the parameter}."""
        return {
            cls.parameter(name, code): name
            for name in [*cls.base_filters, *cls.parameters]
            for code in languages()
        }

    @classmethod
    def choices_of(cls, name):
        filter_ = cls.base_filters.get(name)
        choices = filter_.extra.get("choices") if filter_ else None
        return choices if isinstance(choices, TranslatedChoices) else None

    def read(self, data):
        """`data` in the page's words; choices no language knows go to `unknown`."""
        names = self.parameter_names()
        page = get_language()
        query = QueryDict(mutable=True)
        for key, values in pairs(data):
            name = names.get(key, key)
            choices = self.choices_of(name)
            known = choices.known() if choices is not None else None
            for value in values:
                if known is not None:
                    if not value.strip():
                        continue
                    choice = known.get(value.strip().lower())
                    if choice is None:
                        self.unknown.append((self.filters[name].label, value))
                        continue
                    value = choice.word(page)
                if value not in query.getlist(self.parameter(name)):
                    query.appendlist(self.parameter(name), value)
        return query

    @classmethod
    def translate(cls, query, language=None):
        """`query`, in any language's words, in `language`'s (the page's by default)."""
        language = language or get_language()
        names = cls.parameter_names()
        translated = QueryDict(mutable=True)
        for key, values in pairs(query):
            name = names.get(key, key)
            choices = cls.choices_of(name)
            known = choices.known() if choices is not None else {}
            for value in values:
                choice = known.get(str(value).lower())
                translated.appendlist(
                    cls.parameter(name, language), choice.word(language) if choice else value
                )
        return translated

    def query(self, *leave_out):
        """The query string as read, in the page's words, without the parameters `leave_out`
        (named as filters are); values the list left out are not in it."""
        query = self.data.copy() if self.is_bound else QueryDict(mutable=True)
        for name in leave_out:
            query.pop(self.parameter(name), None)
        return query

    def written_counts(self, counts):
        """{filter: {value in the page's words: number}} from counts by stored value."""
        page = get_language()
        written = {}
        for name, numbers in counts.items():
            choices = self.choices_of(name)
            words = (
                {c.stored: c.word(page) for c in choices.entries()} if choices is not None else {}
            )
            written[name] = {words.get(value, value): n for value, n in numbers.items()}
        return written

    def forget_invalid(self):
        """Drop the values the form rejected, so the page shows unselected what the list
        ignores."""
        for name in self.form.errors:
            self.data.pop(self.parameter(name), None)

    def get_form_class(self):
        form_class = super().get_form_class()
        names = {name: self.parameter(name) for name in self.filters}

        def add_prefix(form, field_name):
            # The form reads and writes each field under its name in the page's language.
            return names.get(field_name, field_name)

        return type(form_class.__name__, (form_class,), {"add_prefix": add_prefix})


def pairs(data):
    """(key, [values]) of a QueryDict or of a plain dict."""
    if hasattr(data, "lists"):
        return data.lists()
    return [(key, value if isinstance(value, list) else [value]) for key, value in data.items()]


class SearchFilterMixin(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    # The view turns this off to fall back to entries with any of the words.
    match_all = True
    # Whether the search typed was longer than a search reads, and cut to its first words.
    shortened = False

    def read(self, data):
        query = super().read(data)
        typed = query.get("q", "")
        kept = first_words(typed)
        if kept != " ".join(typed.split()):
            # A pasted paragraph finds what its first words find rather than an error; the
            # page shows them as the search and says it was cut.
            self.shortened = True
            query["q"] = kept
        return query

    @property
    def search_words(self):
        return (getattr(self.form, "cleaned_data", {}) or {}).get("q") or ""

    def filter_search(self, queryset, name, value):
        return search(queryset, value, match_all=self.match_all)
