import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from countries.filters import CountryChoiceFilter
from countries.models import SubRegion
from editorial.filters import RelatedChoiceFilter, SearchFilterMixin, SlugChoiceFilter
from editorial.search import ranked

from .models import ActorType, Level, Practice, Programme, ProgrammeKind, TargetGroup, Theme


class PracticeFilter(SearchFilterMixin):
    SORTS = {
        "relevance": pgettext_lazy("sort order", "Relevance"),
        "newest": pgettext_lazy("sort order", "Newest"),
        "title": pgettext_lazy("sort order", "Title"),
    }

    country = CountryChoiceFilter()
    subregion = RelatedChoiceFilter(
        field_name="countries__subregion",
        choices=SubRegion.choices,
        label=_("Sub-region"),
        widget=forms.CheckboxSelectMultiple,
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
        ongoing = Q(end_year__isnull=True) & (Q(is_ongoing=True) | Q(start_year__gte=value))
        return queryset.filter(Q(end_year__gte=value) | ongoing)

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, once the search has ranked

    @property
    def current_sort(self):
        """The order asked for; by default the best matches of a search, else the newest."""
        data = getattr(self.form, "cleaned_data", {})
        return data.get("sort") or ("relevance" if data.get("q") else "newest")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.current_sort
        if sort == "title":
            return queryset.order_by(f"title_{get_language()}", "pk")
        if sort == "relevance":
            return ranked(queryset)
        return queryset.newest_first()


class ProgrammeFilter(SearchFilterMixin):
    kind = SlugChoiceFilter(
        field_name="kind", queryset=ProgrammeKind.objects.all(), label=_("Programme kind")
    )
    country = CountryChoiceFilter(field_name="country")

    class Meta:
        model = Programme
        fields = []
