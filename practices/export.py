"""Practices as open data; the formats are editorial.export's."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.export import columns, export_records, names, timestamp

# The downloaded file's name, without its extension, in the page's language.
PRACTICES_FILE = pgettext_lazy("name of a downloaded file", "practices")

PRACTICE_FIELDS = columns(
    "id",
    "url",
    "title",
    ("summary", _("A summary in a few lines.")),
    ("description", _("What was done and how, in HTML (paragraphs, lists, links).")),
    ("results", _("The results the sources report, in HTML; empty if they report none.")),
    ("lessons_learned", _("The lessons learned, in HTML; empty if the sources give none.")),
    "countries",
    "country_codes",
    ("level", _("Its level: regional, national or local.")),
    ("programme", _("The government programme it belongs to, if any.")),
    ("programme_kind", _("That programme's kind, such as regularization or migratory amnesty.")),
    "themes",
    ("implementing_actors", _("The institutions and organisations that carried it out.")),
    ("target_groups", _("The groups of people it is meant for.")),
    ("start_year", _("The year it began; empty if the sources do not say.")),
    ("end_year", _("The year it ended; empty if it goes on or the sources do not say.")),
    ("ongoing", _("Whether it is still under way: true or false.")),
    "sources",
    "published_at",
    "updated_at",
)


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
    return export_records(records, PRACTICE_FIELDS, PRACTICES_FILE, fmt)
