"""Spreadsheet import and export (CSV and XLSX), shared by every kind of entry.

Relations are written with readable, stable keys (country codes, vocabulary slugs, source ids)
so editors can fill them in by hand. An import is all-or-nothing: one bad row and nothing is
saved; the dry run lists every bad row with its number and reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Status

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


def listed(name, model, key):
    """A column of `|`-separated keys (country codes, slugs or ids) for a many-to-many field."""
    return fields.Field(attribute=name, column_name=name, widget=many(model, key))


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
