from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import (
    Actor,
    ActorType,
    Practice,
    Programme,
    ProgrammeKind,
    Source,
    TargetGroup,
    Theme,
)


class VocabularyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


for vocabulary in (Theme, ProgrammeKind, ActorType, TargetGroup):
    admin.site.register(vocabulary, VocabularyAdmin)


@admin.register(Actor)
class ActorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "acronym", "actor_type"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_es", "acronym"]
    autocomplete_fields = ["actor_type"]


@admin.register(Source)
class SourceAdmin(TabbedTranslationAdmin):
    list_display = ["title", "publisher", "published_on", "document"]
    list_filter = ["publisher"]
    search_fields = ["title_en", "title_es", "publisher_en", "document", "url"]
    date_hierarchy = "published_on"


class EditorialAdmin(TabbedTranslationAdmin):
    """Shared by everything with an editorial status."""

    list_filter = ["status"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    list_select_related = True
    save_on_top = True

    @admin.display(description=_("translation"))
    def translation_state(self, obj):
        missing = obj.missing_translations()
        return _("missing: %(fields)s") % {"fields": ", ".join(missing)} if missing else "✓"


@admin.register(Programme)
class ProgrammeAdmin(EditorialAdmin):
    list_display = ["name", "country", "kind", "period_label", "status", "translation_state"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["name_en", "name_es", "responsible_institution_en"]
    autocomplete_fields = ["kind", "country", "sources"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "country", "summary"]}),
        (_("Period"), {"fields": ["start_year", "end_year", "is_ongoing"]}),
        (
            _("Details"),
            {
                "fields": [
                    "legal_basis",
                    "eligibility",
                    "responsible_institution",
                    "beneficiaries",
                    "beneficiaries_year",
                ]
            },
        ),
        (_("Sources"), {"fields": ["sources"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]


@admin.register(Practice)
class PracticeAdmin(EditorialAdmin):
    list_display = ["title", "level", "programme", "status", "published_at", "translation_state"]
    list_filter = ["status", "level", "themes", "countries", "countries__subregion"]
    search_fields = ["title_en", "title_es", "summary_en", "summary_es"]
    autocomplete_fields = ["countries", "programme", "themes", "actors", "target_groups", "sources"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "description", "results", "lessons_learned"]}),
        (
            _("Where and who"),
            {"fields": ["countries", "level", "programme", "actors", "target_groups", "themes"]},
        ),
        (_("Period"), {"fields": ["start_year", "end_year", "is_ongoing"]}),
        (_("Sources"), {"fields": ["sources"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
