"""What changed between consecutive versions of an entry, field by field and per language."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist


def _label(model, name):
    for code, language in settings.LANGUAGES:
        if name.endswith(f"_{code}"):
            try:
                base = model._meta.get_field(name.removesuffix(f"_{code}"))
                return f"{base.verbose_name} ({language})"
            except FieldDoesNotExist:
                break
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


IGNORED = {"search_text", "updated_at", "created_at"}


def _shown(value):
    if isinstance(value, list):
        # Related ids come in whatever order their model sorts by; only the set matters.
        return ", ".join(str(item) for item in sorted(value))
    return "" if value is None else str(value)


def _relation(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.many_to_many else None


def _named(field, ids):
    """Related entries by name rather than id, so a reviewer can tell what was chosen."""
    if not ids:
        return ""
    names = {obj.pk: str(obj) for obj in field.related_model._base_manager.filter(pk__in=ids)}
    return ", ".join(sorted(names.get(pk, f"#{pk}") for pk in ids))


def field_changes(model, before, after):
    """[(field label, before, after)] for each field `after` changes; `before` may be empty."""
    rows = []
    for name, value in after.items():
        if name in IGNORED or name == model._meta.pk.attname:
            continue
        # The untranslated column only repeats one of its languages, whichever was active.
        if any(f"{name}_{code}" in after for code, _language in settings.LANGUAGES):
            continue
        previous = before.get(name)
        if before and _shown(previous) == _shown(value):
            continue
        if not before and value in (None, "", []):
            continue
        if relation := _relation(model, name):
            rows.append((_label(model, name), _named(relation, previous), _named(relation, value)))
        else:
            rows.append((_label(model, name), _shown(previous), _shown(value)))
    return rows


def entry_fields(entry):
    """The entry as stored, in the shape of a version's `field_dict`, to compare with one."""
    opts = entry._meta
    fields = {field.attname: getattr(entry, field.attname) for field in opts.concrete_fields}
    for field in opts.many_to_many:
        fields[field.attname] = list(getattr(entry, field.name).values_list("pk", flat=True))
    return fields


def version_changes(model, versions, proposals=()):
    """Map each revision id to [(field label, before, after)], oldest version compared to nothing.

    `versions` may come newest first; each is compared with the one saved just before it.
    A proposal (its revision id in `proposals`) never went live as such, so the version after
    it is compared with the one before it.
    """
    ordered = sorted(versions, key=lambda version: version.revision.date_created)
    changes = {}
    previous = {}
    for version in ordered:
        try:
            data = version.field_dict
        except Exception:  # a version saved before a field was removed cannot be read back
            changes[version.revision_id] = []
            continue
        changes[version.revision_id] = field_changes(model, previous, data)
        if version.revision_id not in proposals:
            previous = data
    return changes
