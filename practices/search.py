"""Text normalisation shared by indexing and querying.

So "regularizacion" finds "regularización" and "AMNISTIA" finds "amnistía".
"""

import unicodedata

from django.conf import settings


def normalise(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def searchable_text(instance, fields):
    """Both languages of every searchable field, normalised, as one string."""
    parts = []
    for field in fields:
        for code, _name in settings.LANGUAGES:
            parts.append(getattr(instance, f"{field}_{code}", "") or "")
    return normalise(" ".join(parts))
