"""A catalogue of realistic size for `make bench`, built from the real entries.

Every synthetic practice copies the full text of one real practice in both languages (title,
summary, description, results, lessons learned), because short made-up strings hide what text
search and page rendering really cost. Countries, themes, target groups, actors, sources,
programmes, levels and years are drawn at random (with a fixed seed, so every run builds the
same catalogue) so that every filter value occurs and filters combine as they would in real use.

Needs a configured Django (django.setup()) whose database already holds the real content.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from practices.models import Practice

TEXT_FIELDS = ("title", "summary", "description", "results", "lessons_learned")
# How many of each a practice gets, drawn from these: mostly one or two, like the real entries.
RELATIONS = {
    "countries": (1, 1, 1, 2),
    "themes": (1, 2, 2, 3),
    "target_groups": (1, 1, 2),
    "actors": (1, 1, 2),
    "sources": (1, 1, 2),
}
YEARS = range(2000, 2026)
# Synthetic entries went online over the last few years, like a catalogue that grew.
PUBLISHED_SPAN = timedelta(days=5 * 365)
BATCH_SIZE = 1000
SEED = 8  # the issue that asked for this benchmark


def add_practices(published_total, drafts):
    """Add practices until `published_total` are published, plus `drafts` drafts.

    Returns the number of practices added.
    """
    templates = list(Practice.objects.order_by("pk"))
    if not templates:
        raise RuntimeError("No practice to copy: load the real content first.")
    rng = random.Random(SEED)
    choices = {name: list(related_model(name).objects.all()) for name in RELATIONS}
    programmes = [*related_model("programme").objects.all(), None]
    levels = [value for value, _label in Practice._meta.get_field("level").choices]
    wanted = max(0, published_total - Practice.objects.filter(status="published").count())
    statuses = ["published"] * wanted + ["draft"] * drafts
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(statuses), BATCH_SIZE):
            batch = []
            for number in range(start, min(start + BATCH_SIZE, len(statuses))):
                practice = Practice(
                    **copied_text(templates[number % len(templates)], number + 1),
                    status=statuses[number],
                    level=rng.choice(levels),
                    programme=rng.choice(programmes),
                    **period(rng),
                )
                if practice.status == "published":
                    practice.published_at = now - PUBLISHED_SPAN * rng.random()
                practice.prepare_text()
                batch.append(practice)
            Practice.objects.bulk_create(batch)
            link_related(batch, choices, rng)
    return len(statuses)


def related_model(name):
    # Looked up from the field: the vocabularies and sources are moving between apps.
    return Practice._meta.get_field(name).related_model


def copied_text(template, number):
    fields = {}
    for field in TEXT_FIELDS:
        for code, _language in settings.LANGUAGES:
            fields[f"{field}_{code}"] = getattr(template, f"{field}_{code}") or ""
    suffix = f" ({number})"
    title_length = Practice._meta.get_field("title").max_length
    for code, _language in settings.LANGUAGES:
        title = fields[f"title_{code}"]
        fields[f"title_{code}"] = title[: title_length - len(suffix)] + suffix
    return fields


def period(rng):
    start = rng.choice(YEARS)
    if rng.random() < 1 / 3:
        return {"start_year": start, "end_year": None, "is_ongoing": True}
    return {"start_year": start, "end_year": min(start + rng.randint(0, 5), YEARS[-1])}


def link_related(practices, choices, rng):
    """Fill the many-to-many tables of `practices` with one bulk insert per relation."""
    for name, counts in RELATIONS.items():
        field = Practice._meta.get_field(name)
        through = field.remote_field.through
        own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        items = choices[name]
        rows = [
            through(**{own: practice.pk, other: item.pk})
            for practice in practices
            for item in rng.sample(items, min(rng.choice(counts), len(items)))
        ]
        through.objects.bulk_create(rows)


def analyze():
    # VACUUM too, as autovacuum soon would after such a load: index-only scans need it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
