from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    CountryListFilter,
    EditorialAdmin,
    Task,
    TranslatedHistoryAdmin,
    TranslationFilter,
    VocabularyAdmin,
    publication_fieldset,
    title_column,
)

from .models import (
    Actor,
    ActorType,
    CompactObjective,
    Practice,
    Programme,
    ProgrammeKind,
    Suggestion,
    TargetGroup,
    Theme,
)
from .resources import PracticeResource, ProgrammeResource

for vocabulary in (Theme, ProgrammeKind, ActorType, TargetGroup):
    admin.site.register(vocabulary, VocabularyAdmin)


@admin.register(CompactObjective)
class CompactObjectiveAdmin(VocabularyAdmin):
    list_display = ["number", "short_name", "name", "slug"]
    list_display_links = ["number", "short_name"]
    list_editable = []
    ordering = ["number"]


@admin.register(Actor)
class ActorAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "acronym", "actor_type"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_es", "acronym"]
    autocomplete_fields = ["actor_type"]


@admin.register(Programme)
class ProgrammeAdmin(EditorialAdmin):
    resource_classes = [ProgrammeResource]
    list_display = [
        title_column(Programme, "name"),
        "countries_column",
        "status",
        "translation_state",
        "last_change",
    ]
    list_select_related = ["country"]
    list_filter = ["status", TranslationFilter, "kind", ("country", CountryListFilter)]
    search_fields = ["name_en", "name_es", "responsible_institution_en"]
    autocomplete_fields = ["kind", "country", "sources"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "country", "summary"]}),
        (_("Period"), {"fields": ["start_year", "end_year", "is_ongoing", "is_planned"]}),
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
        publication_fieldset,
    ]


class SuggestionInline(admin.StackedInline):
    model = Suggestion
    extra = 0
    can_delete = False
    readonly_fields = ["name", "email", "organisation", "source_url", "language", "received_at"]

    def has_add_permission(self, request, obj=None):
        return False


class SuggestedFilter(admin.SimpleListFilter):
    title = _("visitors’ suggestions")
    parameter_name = "suggested"

    def lookups(self, request, model_admin):
        return [("yes", _("Suggested by visitors"))]

    def queryset(self, request, queryset):
        return queryset.suggested() if self.value() == "yes" else queryset


@admin.register(Practice)
class PracticeAdmin(EditorialAdmin):
    resource_classes = [PracticeResource]
    saved_filters = [
        *EditorialAdmin.saved_filters,
        (_("Suggested by visitors"), "suggested=yes"),
    ]
    tasks = [
        *EditorialAdmin.tasks,
        Task(
            _("Visitors’ suggestions"),
            "suggested=yes&status__exact=draft",
            lambda practices: practices.suggested().drafts(),
        ),
    ]
    list_display = [
        title_column(Practice, "title"),
        "countries_column",
        "status",
        "translation_state",
        "last_change",
    ]
    list_filter = [
        "status",
        TranslationFilter,
        "level",
        "themes",
        ("countries", CountryListFilter),
        "countries__subregion",
        SuggestedFilter,
    ]
    search_fields = ["title_en", "title_es", "summary_en", "summary_es"]
    autocomplete_fields = [
        "countries",
        "programme",
        "themes",
        "actors",
        "target_groups",
        "compact_objectives",
        "sources",
    ]
    inlines = [SuggestionInline]
    fieldsets = [
        (None, {"fields": ["title", "summary", "description", "results", "lessons_learned"]}),
        (
            _("Where and who"),
            {"fields": ["countries", "level", "programme", "actors", "target_groups", "themes"]},
        ),
        (_("Period"), {"fields": ["start_year", "end_year", "is_ongoing", "is_planned"]}),
        (_("Global Compact for Migration"), {"fields": ["compact_objectives"]}),
        (_("Sources"), {"fields": ["sources"]}),
        publication_fieldset,
    ]
