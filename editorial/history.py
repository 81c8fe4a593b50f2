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
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def version_changes(model, versions):
    """Map each revision id to [(field label, before, after)], oldest version compared to nothing.

    `versions` may come newest first; each is compared with the one saved just before it.
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
        rows = []
        for name, value in data.items():
            if name in IGNORED or name == model._meta.pk.attname:
                continue
            before = previous.get(name)
            if previous and _shown(before) == _shown(value):
                continue
            if not previous and value in (None, "", []):
                continue
            rows.append((_label(model, name), _shown(before), _shown(value)))
        changes[version.revision_id] = rows
        previous = data
    return changes
