"""Practices as open data; the formats are editorial.export's."""

from editorial.export import export_records, names, timestamp

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


def practice_record(practice, request):
    # A practice may belong to a programme that is not (or no longer) public.
    programme = practice.programme
    if programme is not None and not programme.is_published:
        programme = None
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


def export_practices(practices, request, fmt):
    records = (practice_record(practice, request) for practice in practices)
    return export_records(records, PRACTICE_FIELDS, "practices", fmt)
