from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    CountryListFilter,
    EditorialAdmin,
    RelatedListFilter,
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
    help_texts = {
        **EditorialAdmin.help_texts,
        "name": _(
            "The meeting's official name, e.g. Forum on integration and its relationship with "
            "the regularization of migrants in Mesoamerica."
        ),
        "summary": _(
            "Two or three sentences: who met, where, when and on what, e.g. “Migration and "
            "labour authorities of eight countries met in San José, Costa Rica, on 4 and 5 "
            "August 2022.”"
        ),
        "conclusions": _(
            "What the forum concluded, as its record puts it; the recommendations it adopted "
            "are entered as recommendations and linked to it."
        ),
        "place": _("City and country, e.g. San José, Costa Rica."),
        "start_date": _("The first day of the meeting."),
        "end_date": _("The last day; the same as the first for a one-day meeting."),
        "organisers": _("The institutions that convened it, e.g. IOM and the RCM."),
        "countries": _("The countries whose delegations took part."),
        "practices": _("The practices presented at the meeting."),
        "sources": _(
            "The meeting's record, agenda or news release, found by its title; add a missing "
            "one under Sources first."
        ),
    }
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
    help_texts = {
        **EditorialAdmin.help_texts,
        "title": _(
            "What should be done, in a few words starting with a verb, e.g. Make regularization "
            "procedures simpler and cheaper."
        ),
        "text": _(
            "The recommendation as the source gives it, in full; say who should act and how, "
            "without adding to what the source says."
        ),
        "addressees": _("Who should act on it, e.g. National governments or Regional bodies."),
        "themes": _("The themes a reader would look for it under, e.g. Integration."),
        "countries": _("The countries it is addressed to; leave empty for the whole region."),
        "forum": _("The regional meeting the source records it at, if any."),
        "practices": _("Practices in the catalogue that show it at work."),
        "sources": _(
            "The document that records it, found by its title; add a missing one under Sources "
            "first."
        ),
    }
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
        ("themes", RelatedListFilter),
        ("countries", CountryListFilter),
        ("addressees", RelatedListFilter),
        ("forum", RelatedListFilter),
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
