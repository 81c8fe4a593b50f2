"""Practices and programmes as open data; the formats are editorial.export's."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.export import columns, export_records, names, read_in_chunks, timestamp

# The downloaded files' names, without their extension, in the page's language.
PRACTICES_FILE = pgettext_lazy("name of a downloaded file", "practices")
PROGRAMMES_FILE = pgettext_lazy("name of a downloaded file", "programmes")

# How sure each entry is, the same for practices and programmes.
EVIDENCE_COLUMNS = (
    (
        "evidence_level",
        _("What its sources show: described only, results reported, or independently evaluated."),
    ),
    (
        "verified_on",
        _("The day a reviewer last checked it against its sources (ISO 8601); empty if not yet."),
    ),
)


def evidence(entry):
    return {
        "evidence_level": str(entry.get_evidence_level_display()),
        "verified_on": entry.verified_on.isoformat() if entry.verified_on else None,
    }


PRACTICE_FIELDS = columns(
    "id",
    "url",
    "title",
    ("summary", _("A summary in a few lines.")),
    ("description", _("What was done and how (long text).")),
    ("results", _("The results the sources report (long text); empty if they report none.")),
    ("lessons_learned", _("The lessons learned (long text); empty if the sources give none.")),
    "countries",
    "country_codes",
    ("level", _("Its level: regional, national or local.")),
    ("programme", _("The government programme it belongs to, if any.")),
    ("programme_kind", _("That programme's kind, such as regularization or migratory amnesty.")),
    "themes",
    ("implementing_actors", _("The institutions and organisations that carried it out.")),
    ("target_groups", _("The groups of people it is meant for.")),
    (
        "compact_objectives",
        _(
            "The objectives of the Global Compact for Safe, Orderly and Regular Migration it "
            "serves directly, by number and official title: the catalogue's own classification, "
            "not the sources'."
        ),
    ),
    "start_year",
    "end_year",
    "ongoing",
    "planned",
    "sources",
    *EVIDENCE_COLUMNS,
    "published_at",
    "updated_at",
)


# Many-to-many relations of a practice that its record names, read a chunk at a time.
PRACTICE_RELATIONS = (
    "countries",
    "themes",
    "actors",
    "target_groups",
    "compact_objectives",
    "sources",
)


def practice_record(practice, related, request):
    """`related`: the rows of each of PRACTICE_RELATIONS linked to `practice`."""
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
        "countries": names(related["countries"]),
        "country_codes": [country.code for country in related["countries"]],
        "level": str(practice.get_level_display()),
        "programme": programme.name if programme else None,
        "programme_kind": programme.kind.name if programme else None,
        "themes": names(related["themes"]),
        "implementing_actors": names(related["actors"]),
        "target_groups": names(related["target_groups"]),
        "compact_objectives": [objective.official for objective in related["compact_objectives"]],
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "ongoing": practice.is_ongoing,
        "planned": practice.is_planned,
        "sources": names(related["sources"]),
        **evidence(practice),
        "published_at": timestamp(practice.published_at),
        "updated_at": timestamp(practice.updated_at),
    }


def export_practices(practices, request, fmt):
    count, chunks = read_in_chunks(practices.select_related("programme__kind"), PRACTICE_RELATIONS)
    records = (practice_record(practice, related, request) for practice, related in chunks)
    return export_records(records, PRACTICE_FIELDS, PRACTICES_FILE, fmt, count)


PROGRAMME_FIELDS = columns(
    "id",
    "url",
    ("name", _("Its name.")),
    ("summary", _("What the programme does (long text).")),
    ("kind", _("Its kind, such as regularization or migratory amnesty.")),
    ("country", _("The country that runs it; empty for a regional programme.")),
    ("country_code", _("That country's two-letter ISO 3166-1 code, such as GT or PA.")),
    ("legal_basis", _("The laws or decrees it rests on (long text); empty if not stated.")),
    ("eligibility", _("Who may take part (long text); empty if the sources do not say.")),
    ("responsible_institution", _("The institution in charge of it.")),
    "start_year",
    "end_year",
    "ongoing",
    "planned",
    ("beneficiaries", _("How many people it reached, as the sources count them.")),
    ("beneficiaries_year", _("The year those people were counted.")),
    "sources",
    *EVIDENCE_COLUMNS,
    "published_at",
    "updated_at",
)


def programme_record(programme, request):
    country = programme.country
    return {
        "id": programme.pk,
        "url": request.build_absolute_uri(programme.get_absolute_url()),
        "name": programme.name,
        "summary": programme.summary,
        "kind": programme.kind.name,
        "country": country.name if country else None,
        "country_code": country.code if country else None,
        "legal_basis": programme.legal_basis,
        "eligibility": programme.eligibility,
        "responsible_institution": programme.responsible_institution,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "ongoing": programme.is_ongoing,
        "planned": programme.is_planned,
        "beneficiaries": programme.beneficiaries,
        "beneficiaries_year": programme.beneficiaries_year,
        "sources": names(programme.sources.all()),
        **evidence(programme),
        "published_at": timestamp(programme.published_at),
        "updated_at": timestamp(programme.updated_at),
    }


def export_programmes(programmes, request, fmt):
    count, chunks = read_in_chunks(programmes)
    records = (programme_record(programme, request) for programme, _related in chunks)
    return export_records(records, PROGRAMME_FIELDS, PROGRAMMES_FILE, fmt, count)
