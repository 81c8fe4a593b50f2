"""What changed between consecutive versions of an entry, field by field and per language.

Values read as editors know them: related entries and choices by their names in the interface
language, dates in the site's time zone, yes or no; texts are compared word by word, so a
reviewer sees at once which words of a long description changed.
"""

import re
from collections import defaultdict
from difflib import SequenceMatcher
from html import unescape
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


class Change(NamedTuple):
    """One field in one language: its label, and its value before and after, as safe HTML with
    the changed words in <del> and <ins>."""

    label: str
    before: SafeString
    after: SafeString


# Words of unchanged text kept on each side of a change; longer stretches are cut short.
CONTEXT_WORDS = 12
# A text shown whole, with nothing to compare it with (an entry's first version), is cut here.
FIRST_VERSION_WORDS = 40

# A word or a punctuation mark with the spaces after it: texts match on words, never on a
# lone space between two changed words.
TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
# Texts that share less than this are shown whole, the one struck through, the other marked new.
ALIKE = 0.4


def _label(model, name):
    for code, language in settings.LANGUAGES:
        if name.endswith(f"_{code}"):
            try:
                base = model._meta.get_field(name.removesuffix(f"_{code}"))
                return f"{base.verbose_name} ({language})"
            except FieldDoesNotExist:
                break
    return str(model._meta.get_field(name).verbose_name)


def _shown_field(model, name, stored):
    """The field behind `name` in a version, if editors should see its changes."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the version was saved
        return None
    # Search text and the dates the database keeps are not edited; the untranslated column
    # only repeats whichever language was active when the entry was saved.
    if not field.editable or field.primary_key:
        return None
    if any(f"{name}_{code}" in stored for code, _language in settings.LANGUAGES):
        return None
    return field


def _same(field, before, after):
    if field.many_to_many:
        return set(before or []) == set(after or [])
    return (before if before is not None else "") == (after if after is not None else "")


def _raw_changes(model, before, after):
    """[(field name, field, before, after)] for each field `after` changes, as stored."""
    rows = []
    for name, value in after.items():
        field = _shown_field(model, name, after)
        if field is None:
            continue
        previous = before.get(name)
        if before and _same(field, previous, value):
            continue
        if not before and value in (None, "", []):
            continue
        rows.append((name, field, previous, value))
    return rows


def _names(rows):
    """{related model: {id: name}} for every related entry the rows name, one query a model."""
    wanted = defaultdict(set)
    for _name, field, *values in rows:
        if field.is_relation:
            for value in values:
                wanted[field.related_model].update(
                    value or [] if field.many_to_many else [value] if value is not None else []
                )
    return {
        related: {pk: str(row) for pk, row in related._base_manager.in_bulk(ids).items()}
        for related, ids in wanted.items()
    }


def _text(model, name, field, value, names):
    """A stored value as editors read it, in the interface language."""
    if value in (None, "", []):
        return ""
    if field.many_to_many:
        known = names[field.related_model]
        return ", ".join(sorted(known.get(pk, f"#{pk}") for pk in value))
    if field.is_relation:
        return names[field.related_model].get(value, f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if name.rsplit("_", 1)[0] in getattr(model, "rich_text_fields", ()):
        return _plain(value)
    return str(value)


def _plain(html):
    """Rich text as the words a reader sees, a paragraph or list item a line."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|li|h\d|blockquote)>", "\n", html)
    text = re.sub(r"(?i)<li[^>]*>", "• ", text)
    return re.sub(r"\n\s*\n+", "\n", unescape(strip_tags(text))).strip()


def _elided(tokens, *, first, last):
    """Unchanged text, cut to the words next to the changes around it."""
    if len(tokens) <= 2 * CONTEXT_WORDS + 4:
        return "".join(tokens)
    head = "".join(tokens[:CONTEXT_WORDS]).rstrip()
    tail = "".join(tokens[-CONTEXT_WORDS:])
    if first:
        return f"… {tail}"
    return f"{head} …" if last else f"{head} … {tail}"


def compared(before, after):
    """`before` and `after` as HTML, each with the words it alone has marked."""
    a, b = TOKENS.findall(before), TOKENS.findall(after)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < ALIKE:
        return format_html("<del>{}</del>", before), format_html("<ins>{}</ins>", after)
    old, new = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            first, last = i1 == j1 == 0, (i2, j2) == (len(a), len(b))
            same = escape(_elided(a[i1:i2], first=first, last=last))
            old.append(same)
            new.append(same)
            continue
        if i2 > i1:
            old.append(_marked("<del>{}</del>{}", a[i1:i2]))
        if j2 > j1:
            new.append(_marked("<ins>{}</ins>{}", b[j1:j2]))
    # Every part is escaped above.
    return mark_safe("".join(old)), mark_safe("".join(new))


def marked_inline(before, after):
    """One text showing the change from `before` to `after`: the words it loses in <del>, the
    words it gains in <ins>, in place, as an import's preview shows a changed cell."""
    a, b = TOKENS.findall(before), TOKENS.findall(after)
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(_marked("<del>{}</del>{}", a[i1:i2]))
        if j2 > j1:
            parts.append(_marked("<ins>{}</ins>{}", b[j1:j2]))
    # Every part is escaped above.
    return mark_safe("".join(parts))


def _marked(template, tokens):
    """The words marked, the space after them not."""
    text = "".join(tokens)
    words = text.rstrip()
    return format_html(template, words, text[len(words) :])


def _change(model, name, field, before, after, names, *, first):
    old, new = (_text(model, name, field, value, names) for value in (before, after))
    if first:
        return Change(
            _label(model, name), escape(""), escape(Truncator(new).words(FIRST_VERSION_WORDS))
        )
    textual = isinstance(field, models.CharField | models.TextField) and not field.choices
    if textual and old and new:
        return Change(_label(model, name), *compared(old, new))
    return Change(
        _label(model, name),
        format_html("<del>{}</del>", old) if old else escape(""),
        format_html("<ins>{}</ins>", new) if new else escape(""),
    )


def field_changes(model, before, after):
    """[Change] for each field `after` changes; `before` may be empty (a first version)."""
    return _render(model, [(before, after)])[0]


def _render(model, pairs):
    raw = [_raw_changes(model, before, after) for before, after in pairs]
    names = _names(row for rows in raw for row in rows)
    return [
        [_change(model, *row, names, first=not before) for row in rows]
        for (before, _after), rows in zip(pairs, raw, strict=True)
    ]


def entry_fields(entry):
    """The entry as stored, in the shape of a version's `field_dict`, to compare with one."""
    opts = entry._meta
    fields = {field.attname: getattr(entry, field.attname) for field in opts.concrete_fields}
    for field in opts.many_to_many:
        fields[field.attname] = list(getattr(entry, field.name).values_list("pk", flat=True))
    return fields


def version_changes(model, versions, proposals=()):
    """Map each revision id to [Change], the oldest version compared to nothing.

    `versions` may come newest first; each is compared with the one saved just before it.
    A proposal (its revision id in `proposals`) never went live as such, so the version after
    it is compared with the one before it. Related names are read once for all the versions.
    """
    ordered = sorted(versions, key=lambda version: version.revision.date_created)
    pairs, revisions, unreadable = [], [], []
    previous = {}
    for version in ordered:
        try:
            data = version.field_dict
        except Exception:  # a version saved before a field was removed cannot be read back
            unreadable.append(version.revision_id)
            continue
        pairs.append((previous, data))
        revisions.append(version.revision_id)
        if version.revision_id not in proposals:
            previous = data
    changes = dict(zip(revisions, _render(model, pairs), strict=True))
    return {**changes, **dict.fromkeys(unreadable, [])}
