"""Filters every public list shares: vocabularies by slug and the search box."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH, search


class SlugChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Several values of a vocabulary, by slug, so shared URLs read well and never change."""

    def __init__(self, *args, to_field_name="slug", **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, to_field_name=to_field_name, distinct=True, **kwargs)

    def get_filter_predicate(self, v):
        return {self.field_name: v}


class SearchFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def filter_search(self, queryset, name, value):
        return search(queryset, value)
