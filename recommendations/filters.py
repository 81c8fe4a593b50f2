from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from countries.filters import CountryChoiceFilter
from countries.models import Country
from editorial.filters import (
    FixedChoices,
    NumberedChoices,
    SearchFilterMixin,
    SlugChoiceFilter,
    TranslatedChoiceFilter,
)
from practices.models import Theme

from .models import Addressee, Forum, Horizon, Recommendation


class RecommendationFilter(SearchFilterMixin):
    parameters = {
        **SearchFilterMixin.parameters,
        "theme": pgettext_lazy("URL parameter", "theme"),
        "addressee": pgettext_lazy("URL parameter", "addressee"),
        "horizon": pgettext_lazy("URL parameter", "horizon"),
        "country": pgettext_lazy("URL parameter", "country"),
        "forum": pgettext_lazy("URL parameter", "forum"),
    }

    theme = SlugChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    addressee = SlugChoiceFilter(
        field_name="addressees", queryset=Addressee.objects.all(), label=_("Addressed to")
    )
    horizon = TranslatedChoiceFilter(
        choices=FixedChoices(
            Horizon.choices,
            {
                Horizon.SHORT: pgettext_lazy("URL value", "short"),
                Horizon.MID: pgettext_lazy("URL value", "mid"),
                Horizon.LONG: pgettext_lazy("URL value", "long"),
            },
        ),
        label=_("Horizon"),
    )
    country = CountryChoiceFilter(field_name="countries", method="filter_country")
    # Forums by number: a forum unpublished since a link was shared is left out, not a 400.
    forum = TranslatedChoiceFilter(
        choices=NumberedChoices(Forum.objects.published), label=_("Forum")
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_country(self, queryset, name, countries):
        # A recommendation for the whole region applies to every country in it.
        if not countries:
            return queryset
        slugs = self.filters["country"].stored(countries)
        return queryset.for_countries(Country.objects.filter(slug__in=slugs))
