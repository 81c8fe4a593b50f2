"""Open data: any filtered list as CSV or JSON, in the page's language.

Column names are the same in both languages, for programs that read the files; the texts, the
file's name and the page explaining the columns (catalogue's open-data page) follow the page's
language. CSV writes yes/no as `true`/`false`, lists as values separated by "; " and nothing as
an empty cell, in both languages; JSON keeps booleans, lists and null as JSON has them. CSV
cells that would run as formulas are escaped (editorial.spreadsheets); JSON stays as it is,
since no spreadsheet program opens it.
"""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from .spreadsheets import escape_formula

FORMATS = ("csv", "json")

# What the columns that every kind of entry has hold; each export adds its own (`columns`).
SHARED_COLUMNS = {
    "id": _("Its number in the catalogue, which never changes."),
    "url": _("The address of its page, in the language of the file."),
    "title": _("Its title."),
    "themes": _("The themes it concerns."),
    "countries": _("The countries it concerns, by name."),
    "country_codes": _("The same countries as two-letter ISO 3166-1 codes, such as GT or PA."),
    "start_year": _("The year it began; empty if the sources do not say."),
    "end_year": _("The year it ended; empty if it goes on or the sources do not say."),
    "ongoing": _("Whether it is still under way: true or false."),
    "planned": _(
        "Whether it was only planned when the sources were written: true or false; its start "
        "year is then the year planned."
    ),
    "sources": _("The documents it is based on."),
    "published_at": _("When it was published: date and time (ISO 8601) with the time zone."),
    "updated_at": _("When it last changed, in the same form."),
}


def columns(*specs):
    """An export's columns in order, each with what it holds: shared ones by name, others as
    (name, meaning) pairs."""
    return dict((spec, SHARED_COLUMNS[spec]) if isinstance(spec, str) else spec for spec in specs)


def names(related):
    return [str(item) for item in related.all()]


def timestamp(value):
    return value.isoformat() if value else None


def csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(value)
    return escape_formula(value)


def export_records(records, fields, name, fmt):
    """A download of `records` (dicts with `fields`) as CSV or JSON, named `name` (in the
    page's language) with the format's extension."""
    records = list(records)
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"count": len(records), "results": records}, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.DictWriter(response, fieldnames=list(fields))
        writer.writeheader()
        for record in records:
            writer.writerow({key: csv_cell(value) for key, value in record.items()})
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
