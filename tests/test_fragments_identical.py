"""Pages built from kept parts (editorial.fragments) are the very pages rendered afresh: the
same bytes, on the real content, for every kind of public page and filter state, in both
languages, whether the parts were just made or were kept from an earlier page."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from editorial import fragments
from practices.models import Practice

pytestmark = pytest.mark.django_db


def public_paths():
    """Pages that draw cards, filter blocks and maps in different states, in both languages."""
    practice = Practice.objects.published().order_by("pk").first()
    country = practice.countries.order_by("pk").first()
    theme = practice.themes.order_by("pk").first()
    paths = []
    for language in ("en", "es"):
        with override(language):
            listing = reverse("practices:list")
            paths += [
                reverse("home"),
                listing,
                f"{listing}?page=2",
                f"{listing}?country={country.slug}",
                f"{listing}?country={country.slug}&theme={theme.slug}",
                f"{listing}?q=regularization",
                f"{listing}?q=regularizasion",
                f"{listing}?sort=title",
                practice.get_absolute_url(),
                country.get_absolute_url(),
                reverse("countries:list"),
                reverse("recommendations:list"),
            ]
    return paths


def pages(client, paths):
    return {path: client.get(path, follow=True).content for path in paths}


def test_pages_from_kept_parts_are_the_pages_rendered_afresh(
    client, catalogue_content, monkeypatch
):
    paths = public_paths()
    afresh = pages(client, paths)
    monkeypatch.setattr(fragments, "enabled", True)
    monkeypatch.setattr(fragments, "_parts", {})
    monkeypatch.setattr(fragments, "_generation", None)
    making = pages(client, paths)
    kept = pages(client, reversed(paths))

    assert fragments._parts, "no part was kept: the comparison proves nothing"
    for path in paths:
        assert making[path] == afresh[path], path
        assert kept[path] == afresh[path], path
