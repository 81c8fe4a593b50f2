"""Spreadsheet import and export (CSV and XLSX), shared by every kind of entry.

Relations are written with readable, stable keys (country codes, vocabulary slugs, source ids)
so editors can fill them in by hand; countries and vocabulary terms are also found by their
name in either language. An import is all-or-nothing: one bad row and nothing is saved; the dry
run lists every problem with its row as the spreadsheet numbers it, its column, its value and
what the cell should hold, in the editor's language.

An import keeps the admin's rules: only reviewers import, a user limited to some countries
touches only their entries, and status changes follow the workflow. Every entry it creates or
changes gets a version in the history, signed by the importing user. Cells exported with a
formula sign are escaped (editorial.spreadsheets) and taken back as they were on import.
"""

import unicodedata
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from import_export import fields, resources, results, widgets
from import_export.results import RowResult

from . import notifications, scopes, services
from .history import marked_inline
from .models import Status
from .spreadsheets import escape_formula, unescape_formula

LIST_SEPARATOR = "|"
# Spreadsheet programs number the header row 1, so the first entry is on row 2.
HEADER_ROWS = 1
# Besides its key, a country or vocabulary term is found by any of these it has.
NAME_FIELDS = ("name_en", "name_es", "slug_es")


def normalised(text):
    """Text as a name is compared: case, accents and spacing aside (“méxico” finds México)."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def cell_text(value):
    """A cell as text; spreadsheet programs turn an id such as 12 into the number 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_number(text):
    """Whether `text` is a whole number a database column can hold."""
    return text.isascii() and text.isdigit() and len(text) < 19


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


class Lookup:
    """Rows of `model` by their `key` (a code, a slug or an id), or by a name in either language.

    Countries and vocabularies are small: they are read once per import. Other rows are found
    by id, each id once.
    """

    def __init__(self, model, key):
        self.model = model
        self.key = key
        self.by_name = None
        self.by_id = {}

    def get(self, text):
        """The row `text` names, or None."""
        if self.key == "pk":
            if text not in self.by_id:
                self.by_id[text] = (
                    self.model._default_manager.filter(pk=text).first() if is_number(text) else None
                )
            return self.by_id[text]
        if self.by_name is None:
            # The key last, so it wins over a name that happens to read the same.
            names = [name for name in NAME_FIELDS if has_field(self.model, name)] + [self.key]
            self.by_name = {
                normalised(value): row
                for row in self.model._default_manager.all()
                for name in names
                if (value := getattr(row, name))
            }
        return self.by_name.get(normalised(text))

    def hint(self):
        """What a cell should hold, with an example from the catalogue itself."""
        example = self.model._default_manager.values_list(self.key, flat=True).first()
        if self.key == "pk":
            return _("Write an id number such as %(example)s.") % {"example": example}
        if self.key == "code":
            return _("Write a code such as %(example)s, or the name in English or Spanish.") % {
                "example": example
            }
        return _("Write a slug such as %(example)s, or the name in English or Spanish.") % {
            "example": example
        }

    def unknown(self, texts):
        return _("Not in the list of %(what)s: %(values)s.") % {
            "what": self.model._meta.verbose_name_plural,
            "values": ", ".join(texts),
        }


class LookupWidget(widgets.ForeignKeyWidget):
    """One related row, written as its key; its name in either language is found as well."""

    def __init__(self, model, field):
        super().__init__(model, field=field)
        self.lookup = Lookup(model, field)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if (found := self.lookup.get(text)) is None:
            raise ValueError(f"{self.lookup.unknown([text])} {self.lookup.hint()}")
        return found


class LookupListWidget(widgets.ManyToManyWidget):
    """Related rows, written as their keys separated by `|`; an unknown one is an error."""

    def __init__(self, model, field):
        super().__init__(model, separator=LIST_SEPARATOR, field=field)
        self.lookup = Lookup(model, field)

    def clean(self, value, row=None, **kwargs):
        texts = [text for part in cell_text(value).split(self.separator) if (text := part.strip())]
        found = {text: self.lookup.get(text) for text in texts}
        if unknown := [text for text, row in found.items() if row is None]:
            raise ValueError(
                " ".join(
                    [
                        self.lookup.unknown(unknown),
                        self.lookup.hint(),
                        _("Separate several with %(separator)s.") % {"separator": self.separator},
                    ]
                )
            )
        return list(dict.fromkeys(found.values()))


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if not is_number(text):
            raise ValueError(_("Write a year such as 2020."))
        return int(text)


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if not is_number(text):
            raise ValueError(_("Write a whole number, in figures only, such as 1500."))
        return int(text)


class DayWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except ValueError:
            raise ValueError(_("Write a date as year-month-day, such as 2024-05-17.")) from None


class YesNoWidget(widgets.BooleanWidget):
    """Exports 1 and 0; takes those, true and false, or yes and no in either language."""

    def clean(self, value, row=None, **kwargs):
        text = normalised(cell_text(value))
        if not text:
            return None
        if text in {"1", "true", "yes", "si", "verdadero"}:
            return True
        if text in {"0", "false", "no", "falso"}:
            return False
        raise ValueError(_("Write 1 for yes or 0 for no."))


class ChoiceWidget(widgets.CharWidget):
    """One of a field's fixed values, or its label in either language."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices
        self.index = None

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        if self.index is None:
            self.index = {}
            for code, _name in settings.LANGUAGES:
                with override(code):
                    self.index |= {normalised(label): key for key, label in self.choices}
            self.index |= {normalised(key): key for key, _label in self.choices}
        if (key := self.index.get(normalised(text))) is None:
            raise ValueError(
                _("Write one of: %(choices)s.")
                % {"choices": ", ".join(key for key, _label in self.choices)}
            )
        return key


def sheet_widget(django_field):
    """The widget that reads this kind of cell and says what it expects when it cannot."""
    if django_field.choices:
        return ChoiceWidget(django_field.choices)
    if isinstance(django_field, models.BooleanField):
        return YesNoWidget()
    if isinstance(django_field, models.DateField) and not isinstance(
        django_field, models.DateTimeField
    ):
        return DayWidget()
    if isinstance(django_field, models.IntegerField):
        return YearWidget() if django_field.name.endswith("year") else WholeNumberWidget()
    return None


def related(name, model, key):
    """A column holding one related row's key (a country code, a slug or an id)."""
    return fields.Field(attribute=name, column_name=name, widget=LookupWidget(model, key))


def listed(name, model, key):
    """A column of `|`-separated keys (country codes, slugs or ids) for a many-to-many field."""
    return fields.Field(attribute=name, column_name=name, widget=LookupListWidget(model, key))


@dataclass
class Problem:
    """One thing to correct in the spreadsheet, where the editor finds it."""

    row: int | None
    column: str
    value: str
    message: str


class SheetResult(results.Result):
    """An import's outcome, its rows numbered as the spreadsheet numbers them."""

    problems: list[Problem]

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + HEADER_ROWS, row, validation_error)
        self.invalid_rows[-1].cells = row

    def append_error_row(self, number, row, errors):
        for error in errors:
            error.number = number + HEADER_ROWS
        super().append_error_row(number + HEADER_ROWS, row, errors)

    def changed_rows(self):
        """The rows that would create or change an entry; unchanged ones are left out."""
        changes = {RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE}
        return [row for row in self.valid_rows() if row.import_type in changes]


class ChangeDiff(resources.Diff):
    """For the preview: (column, marked-up change) for each cell that changes the entry."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.columns = [field.column_name for field in resource.get_import_fields()]
        # A new entry's id is the database's, given on saving; the dry run's, from a sequence
        # that PostgreSQL does not roll back, is not the one the entry will get.
        self.keys = {resource.fields[name].column_name for name in resource.get_import_id_fields()}

    def as_html(self):
        cells = zip(self.columns, self.left, self.right, strict=True)
        if self.new:
            return [
                (column, after)
                for column, _before, after in cells
                if after != "" and column not in self.keys
            ]
        return [
            # Word by word, as the history compares versions; django-import-export marks letters
            # with inline styles, which the Content Security Policy refuses.
            (column, marked_inline(force_str(before), force_str(after)))
            for column, before, after in cells
            if before != after
        ]


class EditorialResource(resources.ModelResource):
    required_lists: tuple[str, ...] = ("sources",)

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if (widget := sheet_widget(django_field)) is not None:
            field.widget = widget
        return field

    def get_result_class(self):
        return SheetResult

    def get_diff_class(self):
        return ChangeDiff

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
        # Reviewers hear of the entries the file submits once it is saved, in one mail.
        with notifications.one_mail_each(), reversion.create_revision():
            reversion.set_user(kwargs["user"])
            # Kept untranslated: the history shows it in the words of whoever reads it.
            reversion.set_comment(gettext_noop("Imported from a spreadsheet."))
            result = super().import_data_inner(
                dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
            )
            # A file with a bad row saves nothing, its revision included; after a database
            # error the transaction could not even take the revision's queries.
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        result.problems = self.problems(result)
        return result

    def problems(self, result):
        """Every problem of the file, row by row, each named by its column once."""
        columns = {field.attribute: field.column_name for field in self.get_import_fields()}
        found = [Problem(None, "", "", str(error.error)) for error in result.base_errors]
        for invalid in result.invalid_rows:
            for key, messages in invalid.error_dict.items():
                column = "" if key == NON_FIELD_ERRORS else columns.get(key, key)
                value = cell_text(invalid.cells.get(column)) if column else ""
                found += [
                    Problem(invalid.number, column, value, message)
                    for message in dict.fromkeys(messages)
                ]
        for number, errors in result.row_errors():
            found += [Problem(number, "", "", str(error.error)) for error in errors]
        return sorted(found, key=lambda problem: problem.row or 0)

    def get_or_init_instance(self, instance_loader, row):
        try:
            return super().get_or_init_instance(instance_loader, row)
        except ValueError as error:
            raise ValidationError({"id": str(error)}) from error

    def before_import_row(self, row, **kwargs):
        for name, value in row.items():
            row[name] = unescape_formula(value)
        for name in self._meta.model.translated_field_names():
            if name in row and row[name] is None:
                row[name] = ""

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
        errors.update(self.list_errors(row))
        # The status is settled before the instance is validated: a published entry must carry
        # its publication date by then.
        stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
        # A new entry starts as a draft, as in the admin's form.
        previous = stored.status if stored is not None else Status.DRAFT
        if "status" not in errors and (stored is None or instance.status != previous):
            user = kwargs["user"]
            try:
                services.check_transition(
                    entry=instance, status=instance.status, user=user, previous=previous
                )
            except PermissionDenied as error:
                errors["status"] = [ValidationError(str(error))]
            except ValidationError as error:
                errors["status"] = error.error_list
            else:
                services.mark_status_change(
                    entry=instance, status=Status(instance.status), user=user, stored=stored
                )
        if errors:
            raise ValidationError(errors)

    def list_errors(self, row):
        """The many-to-many cells' problems, found with the row's others (import-export would
        read them only once the row is saved)."""
        errors = {}
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            name = field.column_name
            if name in self.required_lists and not cell_text(row.get(name)):
                message = " ".join([_("Give at least one."), field.widget.lookup.hint()])
                errors[field.attribute] = [ValidationError(message)]
            elif name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error))]
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(self.by_cell(instance, error.error_dict)) from None

    def by_cell(self, instance, errors):
        """The errors with "cannot be published while these fields are empty", which the
        workflow and the model's own checks may both give, told once per empty cell."""
        kept = {}
        unpublishable = False
        for key, error_list in errors.items():
            for error in error_list:
                if error.code == "missing_translations":
                    unpublishable = True
                else:
                    kept.setdefault(key, []).append(error)
        if unpublishable:
            for column in instance.empty_translation_columns():
                kept[column] = [
                    ValidationError(_("A published entry needs this text; the cell is empty."))
                ]
        return kept

    def after_import_row(self, row, row_result, **kwargs):
        row_result.number = kwargs["row_number"] + HEADER_ROWS

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
