"""Spreadsheet import and export (CSV and XLSX), shared by every kind of entry.

Relations are written with readable, stable keys (country codes, vocabulary slugs, source ids)
so editors can fill them in by hand. An import is all-or-nothing: one bad row and nothing is
saved; the dry run lists every bad row with its number and reason.

An import keeps the admin's rules: only reviewers import, a user limited to some countries
touches only their entries, and status changes follow the workflow. Every entry it creates or
changes gets a version in the history, signed by the importing user. Cells exported with a
formula sign are escaped (editorial.spreadsheets) and taken back as they were on import.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from . import scopes, services
from .models import Status
from .spreadsheets import escape_formula, unescape_formula

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

    def import_data(self, dataset, *, user=None, **kwargs):
        # Scope, permissions and the history's author all come from the importing user;
        # acting as a superuser when none is given would let any script skip them unnoticed.
        if user is None:
            raise PermissionDenied(_("A spreadsheet import needs the user it is made for."))
        if not services.can_publish(user, self._meta.model()):
            raise PermissionDenied(_("Only reviewers can import spreadsheets."))
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, user=user, **kwargs)

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        with reversion.create_revision():
            reversion.set_user(kwargs["user"])
            reversion.set_comment(_("Imported from a spreadsheet."))
            result = super().import_data_inner(
                dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
            )
            # A file with a bad row saves nothing, its revision included; after a database
            # error the transaction could not even take the revision's queries.
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def before_import_row(self, row, **kwargs):
        for name, value in row.items():
            row[name] = unescape_formula(value)
        status = row.get("status")
        if status and status not in Status.values:
            raise ValidationError(
                {"status": _("Unknown status “%(status)s”.") % {"status": status}}
            )
        for name in self._meta.model.translated_field_names():
            if name in row and row[name] is None:
                row[name] = ""
        if empty := [name for name in self.required_lists if not str(row.get(name) or "").strip()]:
            raise ValidationError({name: _("At least one is required.") for name in empty})

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A sheet exported, edited with its status column emptied and imported back must not
        # unpublish anything: a blank status keeps the entry's own, which for a new entry is
        # the model's default, draft.
        if field.attribute == "status" and not row.get("status"):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The status is settled before the instance is validated: a published entry must carry
        # its publication date by then.
        stored = (
            type(instance).objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        )
        if "status" not in errors and instance.status != stored:
            user = kwargs["user"]
            try:
                # A new entry starts as a draft, as in the admin's form.
                services.check_transition(
                    entry=instance,
                    status=instance.status,
                    user=user,
                    previous=stored or Status.DRAFT,
                )
            except PermissionDenied as error:
                errors["status"] = [str(error)]
            except ValidationError as error:
                errors["status"] = error.messages
            else:
                services.mark_status_change(
                    entry=instance, status=Status(instance.status), user=user
                )
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        # Only rows that change their entry come here, so an untouched row of an entry the user
        # may not change (one shared with another country) is skipped rather than refused.
        user = kwargs["user"]
        stored = type(instance).objects.filter(pk=instance.pk).first()
        try:
            # The entry as it stands, too: one outside the user's countries may not be changed,
            # not even to bring it into them.
            if stored is not None:
                scopes.check_countries_in_scope(user, scopes.entry_countries(stored))
            scopes.check_countries_in_scope(user, self.chosen_countries(instance, row))
        except ValidationError as error:
            raise ValidationError({instance.country_lookup: error.messages}) from error

    def chosen_countries(self, instance, row):
        """The countries the entry will concern once the row is imported."""
        field = self.fields[instance.country_lookup]
        if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
            return list(field.clean(row))
        return scopes.entry_countries(instance)

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))
