import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from countries.filters import SUBREGIONS, CountryChoiceFilter
from editorial.filters import (
    FixedChoices,
    RelatedChoiceFilter,
    SearchFilterMixin,
    SlugChoiceFilter,
    TranslatedChoiceFilter,
)
from editorial.search import ranked

from .models import (
    ActorType,
    CompactObjective,
    EvidenceLevel,
    Level,
    Practice,
    Programme,
    ProgrammeKind,
    TargetGroup,
    Theme,
)


class PeriodForm(forms.Form):
    """A period that ends before it begins finds nothing: say so rather than list nothing."""

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and end < start:
            self.add_error(
                "year_to",
                _("It is before the “From year” (%(year)s); the list leaves it out.")
                % {"year": start},
            )
        return data


class PracticeFilter(SearchFilterMixin):
    SORTS = {
        "relevance": pgettext_lazy("sort order", "Relevance"),
        "newest": pgettext_lazy("sort order", "Newest"),
        "title": pgettext_lazy("sort order", "Title"),
    }

    parameters = {
        **SearchFilterMixin.parameters,
        "country": pgettext_lazy("URL parameter", "country"),
        "theme": pgettext_lazy("URL parameter", "theme"),
        "kind": pgettext_lazy("URL parameter", "kind"),
        "level": pgettext_lazy("URL parameter", "level"),
        "actor_type": pgettext_lazy("URL parameter", "actor_type"),
        "target_group": pgettext_lazy("URL parameter", "target_group"),
        "objective": pgettext_lazy("URL parameter", "objective"),
        "evidence": pgettext_lazy("URL parameter", "evidence"),
        "verified_since": pgettext_lazy("URL parameter", "verified_since"),
        "year_from": pgettext_lazy("URL parameter", "year_from"),
        "year_to": pgettext_lazy("URL parameter", "year_to"),
        "sort": pgettext_lazy("URL parameter", "sort"),
    }

    country = CountryChoiceFilter()
    subregion = RelatedChoiceFilter(
        field_name="countries__subregion", choices=SUBREGIONS, label=_("Sub-region")
    )
    theme = SlugChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    kind = SlugChoiceFilter(
        field_name="programme__kind",
        queryset=ProgrammeKind.objects.all(),
        label=_("Programme kind"),
    )
    level = TranslatedChoiceFilter(
        choices=FixedChoices(
            Level.choices, {Level.NATIONAL: pgettext_lazy("URL value", "national")}
        ),
        label=_("Level"),
    )
    actor_type = SlugChoiceFilter(
        field_name="actors__actor_type",
        queryset=ActorType.objects.all(),
        label=_("Implementing actor"),
    )
    target_group = SlugChoiceFilter(
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        label=_("Target group"),
    )
    # Objectives go by their number in both languages: ?objective=21, ?objetivo=21.
    objective = SlugChoiceFilter(
        field_name="compact_objectives",
        queryset=CompactObjective.objects.all(),
        label=_("Global Compact objective"),
    )
    evidence = TranslatedChoiceFilter(
        field_name="evidence_level",
        choices=FixedChoices(
            EvidenceLevel.choices,
            {
                EvidenceLevel.DESCRIBED: pgettext_lazy("URL value", "described"),
                EvidenceLevel.RESULTS: pgettext_lazy("URL value", "results"),
                EvidenceLevel.EVALUATED: pgettext_lazy("URL value", "evaluated"),
            },
        ),
        label=_("Evidence"),
    )
    verified_since = django_filters.NumberFilter(
        label=_("Verified since"),
        field_name="verified_on",
        lookup_expr="year__gte",
        min_value=1900,
        max_value=2100,
    )
    year_from = django_filters.NumberFilter(
        label=_("From year"), method="filter_year_from", min_value=1900, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        label=_("To year"), method="filter_year_to", min_value=1900, max_value=2100
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=FixedChoices(
            list(SORTS.items()),
            {
                "relevance": pgettext_lazy("URL value", "relevance"),
                "newest": pgettext_lazy("URL value", "newest"),
                "title": pgettext_lazy("URL value", "title"),
            },
        ),
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Practice
        fields = []
        form = PeriodForm

    def filter_year_from(self, queryset, name, value):
        # A practice counts when its period overlaps the years asked for.
        ongoing = Q(end_year__isnull=True) & (Q(is_ongoing=True) | Q(start_year__gte=value))
        return queryset.filter(Q(end_year__gte=value) | ongoing)

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, once the search has ranked

    @property
    def current_sort(self):
        """The order asked for; by default the best matches of a search, else the newest."""
        data = getattr(self.form, "cleaned_data", {})
        if data.get("sort"):
            return self.choices_of("sort").known()[data["sort"].lower()].stored
        return "relevance" if data.get("q") else "newest"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.current_sort
        if sort == "title":
            return queryset.order_by(f"title_{get_language()}", "pk")
        if sort == "relevance":
            return ranked(queryset)
        return queryset.newest_first()


class ProgrammeFilter(SearchFilterMixin):
    parameters = {
        **SearchFilterMixin.parameters,
        "kind": pgettext_lazy("URL parameter", "kind"),
        "country": pgettext_lazy("URL parameter", "country"),
    }

    kind = SlugChoiceFilter(
        field_name="kind", queryset=ProgrammeKind.objects.all(), label=_("Programme kind")
    )
    country = CountryChoiceFilter(field_name="country")

    class Meta:
        model = Programme
        fields = []
