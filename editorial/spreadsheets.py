"""Spreadsheets going out and coming in: formulas escaped, uploads bounded and short-lived.

A cell that begins with a formula sign is run by spreadsheet programs when the file is opened,
so every CSV or XLSX export escapes it as OWASP's advice on CSV injection says, with a leading
single quote. Imports take the quote off again, so an exported file imports back unchanged.

Admin imports refuse files above a size and a row limit before doing any work on them, and
the upload kept between the dry run and its confirmation is removed when it is no longer
needed.
"""

import os
import stat
import tempfile
import time
from io import BytesIO
from pathlib import Path

import openpyxl
import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import RowResult
from import_export.tmp_storages import BaseStorage

from .history import _label

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
# The quote itself is escaped too, so that taking one quote off on import gives back exactly
# what was exported, even for text that really begins with a quote.
ESCAPED_SIGNS = (*FORMULA_SIGNS, "'")

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Long enough to read a dry run before confirming it, short enough not to keep abandoned ones.
UPLOAD_LIFETIME_SECONDS = 60 * 60
UPLOAD_FOLDER = Path(tempfile.gettempdir()) / "catalogue-imports"


def escape_formula(value):
    """The value as a spreadsheet shows it as text, never as a formula to run."""
    if isinstance(value, str) and value.startswith(ESCAPED_SIGNS):
        return f"'{value}"
    return value


def unescape_formula(value):
    """The value escape_formula was given, from what it returned."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(ESCAPED_SIGNS):
        return value[1:]
    return value


class TooManyRows(Exception):
    def __init__(self):
        super().__init__(
            _("Import at most %(limit)d rows at a time; split the file into smaller ones.")
            % {"limit": MAX_ROWS}
        )


class CSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        if len(dataset) > MAX_ROWS:
            raise TooManyRows
        return dataset


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        # Read row by row and stop past the limit: a few compressed megabytes of XLSX can
        # unpack into millions of rows.
        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = book.active.iter_rows(values_only=True)
            dataset = tablib.Dataset(headers=list(next(rows)))
            for number, values in enumerate(rows, 1):
                if number > MAX_ROWS:
                    raise TooManyRows
                dataset.append(values)
        finally:
            book.close()
        return dataset


class UploadExpired(Exception):
    pass


class UploadStorage(BaseStorage):
    """Where an upload waits between its dry run and its confirmation.

    Files live in a folder of their own and are removed once imported, as soon as their dry
    run finds a problem, and by the next upload once they are older than an hour.
    """

    def save(self, data):
        folder = private_upload_folder()
        remove_stale_uploads()
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as file:
            file.write(data)
        self.name = Path(file.name).name

    def read(self):
        try:
            with open(self.path(), self.read_mode, encoding=self.encoding) as file:
                return file.read()
        except FileNotFoundError:
            raise UploadExpired from None

    def remove(self):
        self.path().unlink(missing_ok=True)

    def path(self):
        # The name comes back from the confirmation form: never let it leave the folder.
        return UPLOAD_FOLDER / Path(self.name).name


def private_upload_folder():
    UPLOAD_FOLDER.mkdir(mode=0o700, exist_ok=True)
    # The temporary folder is shared: a folder someone else made there first would let them
    # read uploads, or swap one before it is confirmed.
    found = UPLOAD_FOLDER.lstat()
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o077:
        raise ImproperlyConfigured(f"{UPLOAD_FOLDER} must be a folder only this user can open.")
    return UPLOAD_FOLDER


def remove_stale_uploads():
    oldest = time.time() - UPLOAD_LIFETIME_SECONDS
    for path in UPLOAD_FOLDER.iterdir():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except FileNotFoundError:
            pass  # another worker removed it first


class SpreadsheetImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; import files of at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        return upload


class SpreadsheetExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name):
        # django-import-export titles the column name ("Title Es"), English on every page;
        # editors read the field's name in their language, and the column it fills.
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        try:
            name = _label(resource._meta.model, field.attribute if field else field_name)
        except FieldDoesNotExist:
            return column
        return f"{capfirst(name)} · {column}"


class SpreadsheetImportMixin:
    """For an admin with django-import-export's ImportExportMixin: the limits, the upload's
    life, and pages that say what to correct and work under the Content Security Policy."""

    import_form_class = SpreadsheetImportForm
    export_form_class = SpreadsheetExportForm
    import_formats = [CSV, XLSX]
    tmp_storage_class = UploadStorage
    import_template_name = "admin/editorial/import.html"
    export_template_name = "admin/editorial/export.html"

    def get_export_filename(self, request, queryset, file_format):
        # Named as the public downloads are, in the editor's language ("buenas-practicas-…"),
        # and dated in the site's time zone, not by the model's class name in UTC.
        name = slugify(self.model._meta.verbose_name_plural)
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, TooManyRows):
            form.add_error("import_file", ValidationError(str(error)))
        else:
            super().add_data_read_fail_error_to_form(form, error)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        # A dry run that found a problem, or nothing to change, is never confirmed: its upload
        # would wait for nothing.
        context = response.context_data
        if name and ("confirm_form" not in context or not context["result"].changed_rows()):
            self.get_tmp_storage_class()(name=name).remove()
        return response

    def add_success_message(self, result, request):
        # In the dry run's words; django-import-export's own message counts deletions and
        # "skipped" rows, and its Spanish is marked fuzzy, so Spanish editors read English.
        messages.success(
            request,
            _("Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
            % {
                "new": result.totals[RowResult.IMPORT_TYPE_NEW],
                "changed": result.totals[RowResult.IMPORT_TYPE_UPDATE],
                "unchanged": result.totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except UploadExpired:
            messages.error(
                request, _("The uploaded file waited too long to be confirmed; upload it again.")
            )
            app_label, model_name = self.get_model_info()
            url = reverse(
                f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name
            )
            return HttpResponseRedirect(url)
