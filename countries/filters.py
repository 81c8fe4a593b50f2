from django.utils.translation import gettext_lazy as _

from editorial.filters import SlugChoiceFilter

from .models import Country


def countries_by_name():
    return Country.objects.by_name()


class CountryChoiceFilter(SlugChoiceFilter):
    """Countries by slug, listed alphabetically in the page's language."""

    def __init__(self, *args, field_name="countries", **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(*args, queryset=countries_by_name, field_name=field_name, **kwargs)
