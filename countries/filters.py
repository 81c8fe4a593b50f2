from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.filters import FixedChoices, SlugChoiceFilter

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
