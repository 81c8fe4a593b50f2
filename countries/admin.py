from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from editorial.admin import TranslatedHistoryAdmin

from .models import Country, KeyFigure


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Country)
class CountryAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "code", "subregion", "is_rcm_member"]
    list_filter = ["subregion", "is_rcm_member"]
    search_fields = ["name_en", "name_es", "code"]
    prepopulated_fields = {"slug": ["name_en"], "slug_es": ["name_es"]}
    inlines = [KeyFigureInline]
