"""Spreadsheet import and export of programmes and practices; see editorial.resources."""

from countries.models import Country
from editorial.models import Source
from editorial.resources import EditorialResource, listed, related

from .models import (
    Actor,
    CompactObjective,
    Practice,
    Programme,
    ProgrammeKind,
    TargetGroup,
    Theme,
)


class ProgrammeResource(EditorialResource):
    kind = related("kind", ProgrammeKind, "slug")
    country = related("country", Country, "code")
    sources = listed("sources", Source, "pk")

    class Meta:
        model = Programme
        fields = (
            "id",
            "name_en",
            "name_es",
            "summary_en",
            "summary_es",
            "legal_basis_en",
            "legal_basis_es",
            "eligibility_en",
            "eligibility_es",
            "responsible_institution_en",
            "responsible_institution_es",
            "kind",
            "country",
            "start_year",
            "end_year",
            "is_ongoing",
            "is_planned",
            "beneficiaries",
            "beneficiaries_year",
            "sources",
            "evidence_level",
            "verified_on",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class PracticeResource(EditorialResource):
    required_lists = ("countries", "themes", "sources")

    countries = listed("countries", Country, "code")
    programme = related("programme", Programme, "pk")
    themes = listed("themes", Theme, "slug")
    actors = listed("actors", Actor, "pk")
    target_groups = listed("target_groups", TargetGroup, "slug")
    compact_objectives = listed("compact_objectives", CompactObjective, "slug")
    sources = listed("sources", Source, "pk")

    class Meta:
        model = Practice
        fields = (
            "id",
            "title_en",
            "title_es",
            "summary_en",
            "summary_es",
            "description_en",
            "description_es",
            "results_en",
            "results_es",
            "lessons_learned_en",
            "lessons_learned_es",
            "countries",
            "programme",
            "themes",
            "level",
            "actors",
            "target_groups",
            "compact_objectives",
            "start_year",
            "end_year",
            "is_ongoing",
            "is_planned",
            "sources",
            "evidence_level",
            "verified_on",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
