"""Counts per filter value within the current results: one query per facet, whatever the size."""

from django.db.models import Count

from countries.models import Country

from .models import ActorType, Practice, ProgrammeKind, TargetGroup, Theme


def _counts(queryset, key, relation):
    rows = queryset.values(key).annotate(n=Count(relation, distinct=True))
    return {row[key]: row["n"] for row in rows}


def practice_facets(results):
    """Map each filter name to {value: number of results having it}."""
    ids = results.order_by().values("pk")
    return {
        "country": _counts(Country.objects.filter(practices__in=ids), "slug", "practices"),
        "subregion": _counts(Country.objects.filter(practices__in=ids), "subregion", "practices"),
        "theme": _counts(Theme.objects.filter(practices__in=ids), "slug", "practices"),
        "kind": _counts(
            ProgrammeKind.objects.filter(programmes__practices__in=ids),
            "slug",
            "programmes__practices",
        ),
        "level": _counts(Practice.objects.filter(pk__in=ids), "level", "pk"),
        "actor_type": _counts(
            ActorType.objects.filter(actors__practices__in=ids), "slug", "actors__practices"
        ),
        "target_group": _counts(TargetGroup.objects.filter(practices__in=ids), "slug", "practices"),
    }
