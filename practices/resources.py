"""Spreadsheet import and export of programmes and practices (CSV and XLSX).

Relations are written with readable, stable keys (country codes, vocabulary slugs, source ids)
so editors can fill them in by hand. An import is all-or-nothing: one bad row and nothing is
saved; the dry run lists every bad row with its number and reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from countries.models import Country

from .models import (
    Actor,
    Practice,
    Programme,
    ProgrammeKind,
    Source,
    Status,
    TargetGroup,
    Theme,
)

LIST_SEPARATOR = "|"


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like ManyToManyWidget, but an unknown value is an error instead of being dropped."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        wanted = {part.strip() for part in str(value or "").split(self.separator) if part.strip()}
        known = {str(getattr(obj, self.field)) for obj in found}
        if unknown := sorted(wanted - known):
            raise ValueError(
                _("Unknown %(what)s: %(values)s")
                % {"what": self.model._meta.verbose_name, "values": ", ".join(unknown)}
            )
        return found


def many(model, field):
    return StrictManyToManyWidget(model, separator=LIST_SEPARATOR, field=field)


class EditorialResource(resources.ModelResource):
    required_lists: tuple[str, ...] = ("sources",)

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        status = row.get("status") or Status.DRAFT
        if status not in Status.values:
            raise ValidationError(
                {"status": _("Unknown status “%(status)s”.") % {"status": status}}
            )
        row["status"] = status
        for name in self._meta.model.translated_field_names():
            if name in row and row[name] is None:
                row[name] = ""
        if empty := [name for name in self.required_lists if not str(row.get(name) or "").strip()]:
            raise ValidationError({name: _("At least one is required.") for name in empty})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Publishing through a spreadsheet needs the same complete translations as in the admin.
        errors = dict(import_validation_errors or {})
        if instance.status == Status.PUBLISHED:
            try:
                instance.check_publishable()
            except ValidationError as error:
                errors.setdefault("status", []).extend(error.messages)
        super().validate_instance(instance, errors, validate_unique)


class ProgrammeResource(EditorialResource):
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=widgets.ForeignKeyWidget(ProgrammeKind, field="slug"),
    )
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=widgets.ForeignKeyWidget(Country, field="code"),
    )
    sources = fields.Field(attribute="sources", column_name="sources", widget=many(Source, "pk"))

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
            "beneficiaries",
            "beneficiaries_year",
            "sources",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class PracticeResource(EditorialResource):
    required_lists = ("countries", "themes", "sources")

    countries = fields.Field(
        attribute="countries", column_name="countries", widget=many(Country, "code")
    )
    programme = fields.Field(
        attribute="programme",
        column_name="programme",
        widget=widgets.ForeignKeyWidget(Programme, field="pk"),
    )
    themes = fields.Field(attribute="themes", column_name="themes", widget=many(Theme, "slug"))
    actors = fields.Field(attribute="actors", column_name="actors", widget=many(Actor, "pk"))
    target_groups = fields.Field(
        attribute="target_groups", column_name="target_groups", widget=many(TargetGroup, "slug")
    )
    sources = fields.Field(attribute="sources", column_name="sources", widget=many(Source, "pk"))

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
            "start_year",
            "end_year",
            "is_ongoing",
            "sources",
            "status",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
