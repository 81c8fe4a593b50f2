from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.filters import FixedChoices, ListFilterSet, SlugChoiceFilter

from .models import Country, SubRegion


def countries_by_name():
    return Country.objects.by_name()


class CountryChoiceFilter(SlugChoiceFilter):
    """Countries by slug or ISO code (`PA`, as editors' spreadsheets write them), listed
    alphabetically in the page's language."""

    def __init__(self, *args, field_name="countries", **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(
            *args, queryset=countries_by_name, field_name=field_name, aliases=("code",), **kwargs
        )


SUBREGIONS = FixedChoices(
    SubRegion.choices,
    {
        SubRegion.CENTRAL_AMERICA: pgettext_lazy("URL value", "central-america"),
        SubRegion.NORTH_AMERICA: pgettext_lazy("URL value", "north-america"),
        SubRegion.CARIBBEAN: pgettext_lazy("URL value", "caribbean"),
    },
)


class CountrySelection(ListFilterSet):
    """Countries chosen by slug in either language or ISO code (`?pais=mexico&pais=GT`), in
    the order asked for; a value that names no country is left out and listed in `unknown`."""

    parameters = {
        **ListFilterSet.parameters,
        "country": pgettext_lazy("URL parameter", "country"),
    }

    country = CountryChoiceFilter(method="filter_chosen")

    class Meta:
        model = Country
        fields = []

    @property
    def chosen(self):
        """The slugs chosen, each once, in the order asked for."""
        values = (getattr(self.form, "cleaned_data", {}) or {}).get("country") or []
        return list(dict.fromkeys(self.filters["country"].stored(values)))

    def filter_chosen(self, queryset, name, values):
        return queryset.filter(slug__in=self.chosen)
