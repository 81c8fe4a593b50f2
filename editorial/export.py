"""Open data: any filtered list as CSV or JSON, in the page's language.

Column names are the same in both languages, for programs that read the files; the texts, the
file's name and the page explaining the columns (catalogue's open-data page) follow the page's
language. CSV writes yes/no as `true`/`false`, lists as values separated by "; " and nothing as
an empty cell, in both languages; JSON keeps booleans, lists and null as JSON has them. CSV
cells that would run as formulas are escaped (editorial.spreadsheets); JSON stays as it is,
since no spreadsheet program opens it.

Downloads are streamed: entries are read from the database CHUNK_SIZE at a time and written
as they are read, so a download of the whole catalogue holds one chunk in memory, starts at
once, and asks two queries a chunk (read_in_chunks), however long the list.
"""

import csv
import json
import textwrap

from django.http import StreamingHttpResponse
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from .related import cached_rows, linked_ids
from .spreadsheets import escape_formula

FORMATS = ("csv", "json")
# Entries read from the database at a time: what a download holds in memory.
CHUNK_SIZE = 500
# Columns of every entry that no download reads, and half the size of its row.
SEARCH_FIELDS = ("search_text", "search_title")

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


def names(rows):
    return [str(row) for row in rows]


def read_in_chunks(entries, relations=()):
    """(how many entries there are, an iterator of (entry, {relation: [related rows]})) of the
    queryset `entries`, in its order.

    The ids come first, in one query asked before the download starts. Then each chunk of
    CHUNK_SIZE ids is one short query with `entries`' own filters (an entry unpublished
    meanwhile is left out) and prefetch_related lookups, and one for the links of its
    many-to-many `relations` to small tables, whose rows are cached (editorial.related). No
    query holds a cursor open while the client reads: the whole catalogue of 100,000 read
    through one would outlast the statement timeout. Related rows come as lists rather than
    through `entry.countries.all()`, which made a queryset per entry and relation, and cost
    more than the rest of a download together.
    """
    ids = list(entries.prefetch_related(None).values_list("pk", flat=True))
    return len(ids), chunks_of(entries, ids, relations)


def chunks_of(entries, ids, relations):
    model = entries.model
    rows = {name: cached_rows(model._meta.get_field(name).related_model) for name in relations}
    position = {name: {pk: index for index, pk in enumerate(rows[name])} for name in relations}
    for start in range(0, len(ids), CHUNK_SIZE):
        wanted = ids[start : start + CHUNK_SIZE]
        chunk = entries.filter(pk__in=wanted).order_by().defer(*SEARCH_FIELDS)
        found = {entry.pk: entry for entry in chunk}
        links = linked_ids(model, relations, found) if relations and found else {}
        for entry in filter(None, map(found.get, wanted)):
            related = {}
            for name in relations:
                # As on the cards, a row newer than the cached ones is left out; its commit
                # moves the change counter, and the next download reads it.
                known = position[name]
                linked = [pk for pk in links.get((name, entry.pk), ()) if pk in known]
                related[name] = [rows[name][pk] for pk in sorted(linked, key=known.get)]
            yield entry, related


def timestamp(value):
    return value.isoformat() if value else None


def csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(value)
    return escape_formula(value)


def export_records(records, fields, name, fmt, count):
    """A streamed download of `records` (dicts with `fields`, made as it is sent) as CSV or
    JSON, named `name` (in the page's language) with the format's extension; `count`: how
    many records there are, which JSON gives first."""
    if fmt == "json":
        lines = json_lines(records, count)
        content_type = "application/json; charset=utf-8"
    else:
        lines = csv_lines(records, fields)
        content_type = "text/csv; charset=utf-8"
    response = StreamingHttpResponse(in_language(get_language(), lines), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def in_language(language, lines):
    # The records are made while the response is sent, after the view has returned: texts,
    # labels and addresses must still be those of the page's language.
    with override(language):
        yield from lines


class Line:
    """What the csv module writes to: each row comes back as its line."""

    def write(self, line):
        return line


def csv_lines(records, fields):
    writer = csv.DictWriter(Line(), fieldnames=list(fields))
    # The byte order mark first, so spreadsheet programs read the accents right.
    yield "\ufeff" + writer.writeheader()
    for record in records:
        yield writer.writerow({key: csv_cell(value) for key, value in record.items()})


def json_lines(records, count):
    """The text json.dumps({"count": …, "results": [records]}, indent=2) writes, a record at a
    time."""
    yield f'{{\n  "count": {count},\n  "results": ['
    separator = "\n"
    for record in records:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        yield separator + textwrap.indent(text, "    ")
        separator = ",\n"
    yield "\n  ]\n}" if separator == ",\n" else "]\n}"
