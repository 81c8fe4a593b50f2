"""Open data: any filtered list as CSV or JSON, in the page's language."""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import get_language

FORMATS = ("csv", "json")

PRACTICE_FIELDS = [
    "id",
    "url",
    "title",
    "summary",
    "description",
    "results",
    "lessons_learned",
    "countries",
    "country_codes",
    "level",
    "programme",
    "programme_kind",
    "themes",
    "implementing_actors",
    "target_groups",
    "start_year",
    "end_year",
    "ongoing",
    "sources",
    "published_at",
    "updated_at",
]


def names(related):
    return [str(item) for item in related.all()]


def timestamp(value):
    return value.isoformat() if value else None


def practice_record(practice, request):
    programme = practice.programme
    return {
        "id": practice.pk,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
        "title": practice.title,
        "summary": practice.summary,
        "description": practice.description,
        "results": practice.results,
        "lessons_learned": practice.lessons_learned,
        "countries": names(practice.countries),
        "country_codes": [country.code for country in practice.countries.all()],
        "level": str(practice.get_level_display()),
        "programme": programme.name if programme else None,
        "programme_kind": programme.kind.name if programme else None,
        "themes": names(practice.themes),
        "implementing_actors": names(practice.actors),
        "target_groups": names(practice.target_groups),
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "ongoing": practice.is_ongoing,
        "sources": names(practice.sources),
        "published_at": timestamp(practice.published_at),
        "updated_at": timestamp(practice.updated_at),
    }


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
                    key: "; ".join(value) if isinstance(value, list) else value
                    for key, value in record.items()
                }
            )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def export_practices(practices, request, fmt):
    records = (practice_record(practice, request) for practice in practices)
    return export_records(records, PRACTICE_FIELDS, "practices", fmt)
