"""Filters every public list shares: vocabularies by slug and the search box."""

import django_filters
from django import forms
from django.core.cache import cache
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH, search


class CachedChoices(BaseChoiceIterator):
    """(key, label) of every row, kept in the cache until the catalogue next changes.

    Every list page offers every vocabulary; reading them from the cache keeps the page's
    queries to its results. Read when a form is built, in the language of its page.
    """

    def __init__(self, queryset, key_field):
        self.queryset = queryset
        self.key_field = key_field

    def choices(self):
        from .cache import generation

        rows = self.queryset() if callable(self.queryset) else self.queryset.all()
        label = rows.model._meta.label_lower
        key = f"choices:{label}:{self.key_field}:{get_language()}:{generation()}"
        choices = cache.get(key)
        if choices is None:
            choices = [(getattr(row, self.key_field), str(row)) for row in rows]
            cache.set(key, choices, None)
        return choices

    def __iter__(self):
        return iter(self.choices())

    def __len__(self):
        return len(self.choices())


class RelatedChoiceFilter(django_filters.MultipleChoiceFilter):
    """Several values reached through a relation, matched as a subquery.

    A join would repeat an entry once per matching row and need DISTINCT over whole rows,
    long texts included; `pk IN (subquery)` keeps each entry once at no such cost.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        lookup = {f"{self.field_name}__in": value}
        return qs.filter(pk__in=qs.model._default_manager.filter(**lookup).values("pk"))


class SlugChoiceFilter(RelatedChoiceFilter):
    """Several values of a vocabulary, by slug, so shared URLs read well and never change."""

    def __init__(self, *args, queryset, field_name, to_field_name="slug", **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(
            *args,
            field_name=f"{field_name}__{to_field_name}",
            choices=CachedChoices(queryset, to_field_name),
            **kwargs,
        )


class SearchFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    # The view turns this off to fall back to entries with any of the words.
    match_all = True

    @property
    def search_words(self):
        return (getattr(self.form, "cleaned_data", {}) or {}).get("q") or ""

    def filter_search(self, queryset, name, value):
        return search(queryset, value, match_all=self.match_all)
