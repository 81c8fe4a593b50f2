from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    EditorialAdmin,
    TranslationFilter,
    VocabularyAdmin,
    publication_fieldset,
)

from .models import Addressee, Forum, Recommendation
from .resources import ForumResource, RecommendationResource

admin.site.register(Addressee, VocabularyAdmin)


@admin.register(Forum)
class ForumAdmin(EditorialAdmin):
    resource_classes = [ForumResource]
    list_display = ["name", "place", "start_date", "status", "translation_state"]
    list_filter = ["status", TranslationFilter, "countries"]
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
    list_display = ["title", "horizon", "forum", "status", "published_at", "translation_state"]
    list_filter = ["status", TranslationFilter, "horizon", "addressees", "themes", "forum"]
    search_fields = ["title_en", "title_es", "text_en", "text_es"]
    autocomplete_fields = ["addressees", "themes", "countries", "practices", "forum", "sources"]
    fieldsets = [
        (None, {"fields": ["title", "text"]}),
        (
            _("Scope"),
            {"fields": ["addressees", "horizon", "themes", "whole_region", "countries"]},
        ),
        (_("Origin and examples"), {"fields": ["forum", "practices"]}),
        (_("Sources"), {"fields": ["sources"]}),
        publication_fieldset,
    ]
