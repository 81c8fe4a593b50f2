"""Writes that belong to practices alone; the shared workflow is in editorial.services."""

from django.db import transaction

from editorial.models import Status

from .models import Practice, Suggestion


@transaction.atomic
def practice_suggest(*, data, language):
    """Turn a visitor's suggestion into a draft practice; the contact stays on the suggestion."""
    practice = Practice.objects.create(
        **{
            f"title_{language}": data["title"],
            f"summary_{language}": data["summary"],
            f"description_{language}": data["description"],
        },
        level=data["level"],
        status=Status.DRAFT,
    )
    practice.countries.set(data["countries"])
    practice.themes.set(data["themes"])
    return Suggestion.objects.create(
        practice=practice,
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        source_url=data["source_url"],
        language=language,
    )
