import django_filters
from django import forms
from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from countries.models import Country, SubRegion

from .models import ActorType, Level, Practice, Programme, ProgrammeKind, TargetGroup, Theme
from .search import normalise

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


class SlugChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Several values of a vocabulary, by slug, so shared URLs read well and never change."""

    def __init__(self, *args, to_field_name="slug", **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, to_field_name=to_field_name, distinct=True, **kwargs)

    def get_filter_predicate(self, v):
        return {self.field_name: v}


def countries_by_name(request):
    return Country.objects.by_name()


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


class SearchFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def filter_search(self, queryset, name, value):
        return search(queryset, value)


class PracticeFilter(SearchFilterMixin):
    SORTS = {
        "relevance": pgettext_lazy("sort order", "Relevance"),
        "newest": pgettext_lazy("sort order", "Newest"),
        "title": pgettext_lazy("sort order", "Title"),
    }

    country = SlugChoiceFilter(
        field_name="countries", queryset=countries_by_name, label=_("Country")
    )
    subregion = django_filters.MultipleChoiceFilter(
        field_name="countries__subregion",
        choices=SubRegion.choices,
        label=_("Sub-region"),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    theme = SlugChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    kind = SlugChoiceFilter(
        field_name="programme__kind",
        queryset=ProgrammeKind.objects.all(),
        label=_("Programme kind"),
    )
    level = django_filters.MultipleChoiceFilter(
        choices=Level.choices, label=_("Level"), widget=forms.CheckboxSelectMultiple
    )
    actor_type = SlugChoiceFilter(
        field_name="actors__actor_type",
        queryset=ActorType.objects.all(),
        label=_("Implementing actor"),
    )
    target_group = SlugChoiceFilter(
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        label=_("Target group"),
    )
    year_from = django_filters.NumberFilter(
        label=_("From year"), method="filter_year_from", min_value=1900, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        label=_("To year"), method="filter_year_to", min_value=1900, max_value=2100
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=list(SORTS.items()), method="filter_sort", empty_label=None
    )

    class Meta:
        model = Practice
        fields = []

    def filter_year_from(self, queryset, name, value):
        # A practice counts when its period overlaps the years asked for.
        return queryset.filter(Q(end_year__gte=value) | Q(end_year__isnull=True, is_ongoing=True)
                               | Q(end_year__isnull=True, start_year__gte=value))  # fmt: skip

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, once the search has ranked

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        sort = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if sort == "title":
            return queryset.order_by(f"title_{get_language()}", "pk")
        if sort == "relevance" and "rank" in queryset.query.annotations:
            return queryset.order_by("-rank", "-published_at", "pk")
        return queryset.order_by("-published_at", "pk")

    @property
    def sort_choices(self):
        return self.SORTS


class ProgrammeFilter(SearchFilterMixin):
    kind = SlugChoiceFilter(queryset=ProgrammeKind.objects.all(), label=_("Programme kind"))
    country = SlugChoiceFilter(queryset=countries_by_name, label=_("Country"))

    class Meta:
        model = Programme
        fields = []
