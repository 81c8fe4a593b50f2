"""Open data: any filtered practice list as CSV or JSON, in the page's language."""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import get_language

FIELDS = [
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
        "countries": [country.name for country in practice.countries.all()],
        "country_codes": [country.code for country in practice.countries.all()],
        "level": str(practice.get_level_display()),
        "programme": programme.name if programme else None,
        "programme_kind": programme.kind.name if programme else None,
        "themes": [theme.name for theme in practice.themes.all()],
        "implementing_actors": [actor.name for actor in practice.actors.all()],
        "target_groups": [group.name for group in practice.target_groups.all()],
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "ongoing": practice.is_ongoing,
        "sources": [str(source) for source in practice.sources.all()],
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "updated_at": practice.updated_at.isoformat(),
    }


def export_practices(practices, request, fmt):
    records = [practice_record(practice, request) for practice in practices]
    filename = f"practices-{get_language()}.{fmt}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"count": len(records), "results": records}, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.DictWriter(response, fieldnames=FIELDS)
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
