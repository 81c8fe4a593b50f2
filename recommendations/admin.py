from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    CountryListFilter,
    EditorialAdmin,
    TranslationFilter,
    VocabularyAdmin,
    publication_fieldset,
    title_column,
)

from .models import Addressee, Forum, Recommendation
from .resources import ForumResource, RecommendationResource

admin.site.register(Addressee, VocabularyAdmin)


@admin.register(Forum)
class ForumAdmin(EditorialAdmin):
    resource_classes = [ForumResource]
    list_display = [
        title_column(Forum, "name"),
        "countries_column",
        "status",
        "translation_state",
        "last_change",
    ]
    list_filter = ["status", TranslationFilter, ("countries", CountryListFilter)]
    search_fields = ["name_en", "name_es", "place_en"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["organisers", "countries", "practices", "sources"]
    fieldsets = [
        (None, {"fields": ["name", "summary", "conclusions"]}),
        (_("Where and when"), {"fields": ["place", "start_date", "end_date"]}),
        (_("Who and what"), {"fields": ["organisers", "countries", "practices"]}),
        (_("Sources"), {"fields": ["sources"]}),
        publication_fieldset,
    ]


@admin.register(Recommendation)
class RecommendationAdmin(EditorialAdmin):
    resource_classes = [RecommendationResource]
    list_display = [
        title_column(Recommendation, "title"),
        "countries_column",
        "status",
        "translation_state",
        "last_change",
    ]
    list_filter = [
        "status",
        TranslationFilter,
        "horizon",
        "themes",
        ("countries", CountryListFilter),
        "addressees",
        "forum",
    ]
    search_fields = ["title_en", "title_es", "text_en", "text_es"]
    autocomplete_fields = ["addressees", "themes", "countries", "practices", "forum", "sources"]
    fieldsets = [
        (None, {"fields": ["title", "text"]}),
        (
            _("Scope"),
            {"fields": ["addressees", "horizon", "themes", "whole_region", "countries"]},
        ),
        (_("Origin and examples"), {"fields": ["forum", "forum_role", "speaker", "practices"]}),
        (_("Sources"), {"fields": ["sources"]}),
        publication_fieldset,
    ]

    @admin.display(description=_("countries"))
    def countries_column(self, entry):
        if entry.whole_region:
            return _("The whole region")
        return super().countries_column(entry)
