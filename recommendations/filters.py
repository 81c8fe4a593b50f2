import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from countries.filters import CountryChoiceFilter
from countries.models import Country
from editorial.filters import SearchFilterMixin, SlugChoiceFilter
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
    country = CountryChoiceFilter(field_name="countries", method="filter_country")
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
        return queryset.for_countries(Country.objects.filter(slug__in=countries))
