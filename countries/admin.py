from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from editorial.admin import FieldHelp, TranslatedHistoryAdmin

from .models import Country, KeyFigure


class KeyFigureInline(FieldHelp, TranslationTabularInline):
    model = KeyFigure
    help_texts = {
        "value": _("The number alone, e.g. 7000 for “more than 7,000”."),
        "unit": _("A unit the number needs after it, e.g. %; leave empty when the label says it."),
        "source": _("The document the figure comes from, found by its title."),
        "position": _("Order on the country's page: lower numbers come first."),
    }
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Country)
class CountryAdmin(TranslatedHistoryAdmin):
    help_texts = {
        "name": _("The country's short name in each language, e.g. Dominican Republic."),
        "slug": _(
            "Names it in English addresses, made from the English name; links shared with an "
            "earlier one stop finding it."
        ),
        "subregion": _("Central America, North America or the Caribbean."),
        "profile": _(
            "A short paragraph on the country's migration situation and policies, each statement "
            "from one of the sources below, e.g. the main programmes and who they serve."
        ),
    }
    list_display = ["name", "code", "subregion", "is_rcm_member"]
    list_filter = ["subregion", "is_rcm_member"]
    search_fields = ["name_en", "name_es", "code"]
    prepopulated_fields = {"slug": ["name_en"], "slug_es": ["name_es"]}
    autocomplete_fields = ["sources"]
    inlines = [KeyFigureInline]


class ScopeFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("region", _("The region")), ("country", _("A country"))]

    def queryset(self, request, queryset):
        if self.value() == "region":
            return queryset.regional()
        if self.value() == "country":
            return queryset.national()
        return queryset


# A country's figures are edited on its page; this list is where the region's live.
@admin.register(KeyFigure)
class KeyFigureAdmin(TranslatedHistoryAdmin):
    list_display = ["label", "value_as_written", "year", "country", "source", "position"]
    list_filter = [ScopeFilter, "country", "source"]
    search_fields = ["label_en", "label_es"]
    autocomplete_fields = ["country", "source"]

    @admin.display(description=_("value"), ordering="value")
    def value_as_written(self, figure):
        return figure.amount
