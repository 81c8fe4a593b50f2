import reversion
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from editorial.admin import (
    CountryListFilter,
    EditorialAdmin,
    RelatedListFilter,
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

evidence_fieldset = (
    _("How sure is this entry"),
    {"fields": ["evidence_level", "verified_on"]},
)


@admin.action(description=_("Mark selected entries as verified today"), permissions=["publish"])
def mark_verified(modeladmin, request, queryset):
    """A reviewer vouches for the entries, as checked against their sources today."""
    today = timezone.localdate()
    for entry in queryset:
        with reversion.create_revision():
            entry.verified_on = today
            entry.save()
            reversion.set_user(request.user)
            # Kept untranslated: the history shows it in the words of whoever reads it.
            reversion.set_comment(gettext_noop("Verified against its sources."))
    count = len(queryset)
    messages.success(
        request,
        ngettext(
            "%(n)d entry marked as verified today.",
            "%(n)d entries marked as verified today.",
            count,
        )
        % {"n": count},
    )


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
    help_texts = {
        "name": _("The institution's full name, e.g. General Directorate of Migration."),
        "acronym": _("As the institution writes it, e.g. DGM; leave empty when it has none."),
        "actor_type": _("Government, local government, IOM/UN, civil society, private sector…"),
    }
    list_display = ["name", "acronym", "actor_type"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_es", "acronym"]
    autocomplete_fields = ["actor_type"]


# Programmes and practices share their period fields, and the advice on filling them.
PERIOD_HELP = {
    "start_year": _("The year it began, as the source gives it, e.g. 2013."),
    "end_year": _("The year it ended; leave empty while it goes on or when the source is silent."),
    "is_ongoing": _("Tick when the latest source says it is still under way."),
}
SOURCES_HELP = _(
    "Every document the text relies on, found by its title; add a missing one under Sources "
    "first. Cite what you write from: a figure without its source is left out."
)


@admin.register(Programme)
class ProgrammeAdmin(EditorialAdmin):
    resource_classes = [ProgrammeResource]
    help_texts = {
        **EditorialAdmin.help_texts,
        **PERIOD_HELP,
        "name": _(
            "The programme's official name, in each language, e.g. Regularization Plans of the "
            "Dominican Republic."
        ),
        "kind": _("What sort of programme it is, e.g. Regularization or Migratory amnesty."),
        "summary": _(
            "Two or three sentences: what the programme does, for whom, and what the source "
            "records of it, e.g. “The Dominican Republic’s Regularization Plans were one of the "
            "experiences shared at the Forum on integration… (San José, 2022).”"
        ),
        "legal_basis": _(
            "The law, decree or resolution it rests on, with its number and year, e.g. Decree "
            "327-13; leave empty when the source does not say."
        ),
        "eligibility": _(
            "Who may apply and on what conditions, e.g. people who entered before a given date "
            "and have no criminal record; as the source puts it."
        ),
        "responsible_institution": _(
            "The institution that runs it, e.g. Ministry of the Interior and Police."
        ),
        "beneficiaries": _(
            "How many people it reached, as a whole number, exactly as the source gives it; "
            "leave empty when the source gives none."
        ),
        "beneficiaries_year": _("The year that number refers to, e.g. 2020."),
        "sources": SOURCES_HELP,
    }
    actions = [*EditorialAdmin.actions, mark_verified]
    list_display = [
        title_column(Programme, "name"),
        "countries_column",
        "status",
        "translation_state",
        "last_change",
    ]
    list_select_related = ["country"]
    list_filter = [
        "status",
        TranslationFilter,
        "kind",
        "evidence_level",
        ("country", CountryListFilter),
    ]
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
        evidence_fieldset,
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
    help_texts = {
        **EditorialAdmin.help_texts,
        **PERIOD_HELP,
        "title": _(
            "A short name that says what was done and where, e.g. Regularization Plans in the "
            "Dominican Republic."
        ),
        "summary": _(
            "One or two sentences that stand alone in lists and link previews: what was done, "
            "by whom, for whom, and where it was shared, e.g. “The Dominican Republic’s "
            "Regularization Plans were shared … at the regional forum held in San José, Costa "
            "Rica, in August 2022.”"
        ),
        "description": _(
            "How it works, in a few paragraphs: the problem, who took part, what they did and "
            "when, as the sources tell it."
        ),
        "results": _(
            "What changed, with figures and their year as a source reports them, e.g. people "
            "regularized or services opened. Plans and intentions are not results; leave it "
            "empty when the sources report none."
        ),
        "lessons_learned": _(
            "What others can take from it, as the sources draw it, e.g. “regularization and "
            "integration are not linear processes.”"
        ),
        "countries": _("Every country where it took place; more than one for a joint practice."),
        "level": _("Where it was run: regional (several countries), national or local."),
        "programme": _("The government programme it belongs to, if it has one."),
        "actors": _("The institutions that carried it out, e.g. the national migration office."),
        "target_groups": _("Who it was for, e.g. returned migrants or migrant workers."),
        "themes": _("The themes a reader would look for it under, e.g. Regularization."),
        "sources": SOURCES_HELP,
    }
    actions = [*EditorialAdmin.actions, mark_verified]
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
        "evidence_level",
        ("themes", RelatedListFilter),
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
        evidence_fieldset,
        publication_fieldset,
    ]
