import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from practices.filters import SearchFilterMixin, SlugChoiceFilter, countries_by_name
from practices.models import Theme

from .models import Addressee, Forum, Horizon, Recommendation


class RecommendationFilter(SearchFilterMixin):
    theme = SlugChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    addressee = SlugChoiceFilter(
        field_name="addressees", queryset=Addressee.objects.all(), label=_("Addressed to")
    )
    horizon = django_filters.MultipleChoiceFilter(
        choices=Horizon.choices, label=_("Horizon"), widget=forms.CheckboxSelectMultiple
    )
    country = SlugChoiceFilter(
        queryset=countries_by_name, label=_("Country"), method="filter_country"
    )
    forum = django_filters.ModelMultipleChoiceFilter(
        queryset=Forum.objects.published(),
        label=_("Forum"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_country(self, queryset, name, countries):
        # A recommendation for the whole region applies to every country in it.
        if not countries:
            return queryset
        return queryset.filter(Q(countries__in=countries) | Q(whole_region=True)).distinct()
