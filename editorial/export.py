"""Open data: any filtered list as CSV or JSON, in the page's language.

CSV cells that would run as formulas are escaped (editorial.spreadsheets); JSON stays as it
is, since no spreadsheet program opens it.
"""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import get_language

from .spreadsheets import escape_formula

FORMATS = ("csv", "json")


def names(related):
    return [str(item) for item in related.all()]


def timestamp(value):
    return value.isoformat() if value else None


def export_records(records, fields, name, fmt):
    """A download of `records` (dicts with `fields`) as CSV or JSON."""
    records = list(records)
    filename = f"{name}-{get_language()}.{fmt}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"count": len(records), "results": records}, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.DictWriter(response, fieldnames=fields)
        writer.writeheader()
        for record in records:
            writer.writerow(
                {
                    key: escape_formula("; ".join(value) if isinstance(value, list) else value)
                    for key, value in record.items()
                }
            )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
