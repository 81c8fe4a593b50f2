"""Nothing unpublished is shown, named, counted or linked on any public path, through any relation.

Every unpublished entry carries the word HIDDEN in its titles, so a page that names it or links
to it (its slug holds the word too) gives it away.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
import reversion
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from reversion.models import Version

from editorial.models import EditorScope, Status
from editorial.roles import EDITORS, REVIEWERS
from practices.models import CompactObjective, Practice

from .factories import (
    make_country,
    make_forum,
    make_practice,
    make_programme,
    make_recommendation,
    make_vocabulary,
)

pytestmark = pytest.mark.django_db

HIDDEN = "zqxhidden"
UNPUBLISHED = [Status.DRAFT, Status.REVIEW, Status.ARCHIVED]


def hidden_titles(kind, status):
    return {
        "en": f"{HIDDEN.capitalize()} {status} {kind}",
        "es": f"{HIDDEN.capitalize()} {kind} {status} en español",
    }


@pytest.fixture
def region():
    """A published catalogue in which every relation also reaches unpublished entries."""
    belize = make_country(code="BZ", slug="belize", name_en="Belize", name_es="Belice")
    panama = make_country(code="PA", slug="panama", name_en="Panama", name_es="Panamá")
    world = {"belize": belize, "panama": panama, "published": [], "hidden": []}
    programme = make_programme(country=belize)
    practice = make_practice(countries=[belize], programme=programme)
    recommendation = make_recommendation(countries=[belize], practices=[practice])
    forum = make_forum(countries=[belize], practices=[practice])
    world["published"] += [programme, practice, recommendation, forum]
    for status in UNPUBLISHED:
        titles = hidden_titles("programme", status)
        hidden_programme = make_programme(
            country=panama, status=status, name_en=titles["en"], name_es=titles["es"]
        )
        # A published practice of an unpublished programme must not name it.
        world["published"].append(make_practice(countries=[belize], programme=hidden_programme))
        titles = hidden_titles("practice", status)
        hidden_practice = make_practice(
            countries=[panama],
            status=status,
            title_en=titles["en"],
            title_es=titles["es"],
            programme=programme,
        )
        titles = hidden_titles("recommendation", status)
        hidden_recommendation = make_recommendation(
            status=status,
            title_en=titles["en"],
            title_es=titles["es"],
            countries=[belize],
            practices=[practice],
            forum=forum,
        )
        titles = hidden_titles("forum", status)
        hidden_forum = make_forum(
            status=status,
            name_en=titles["en"],
            name_es=titles["es"],
            countries=[belize],
            practices=[practice],
        )
        recommendation.practices.add(hidden_practice)
        forum.practices.add(hidden_practice)
        world["hidden"] += [hidden_programme, hidden_practice, hidden_recommendation, hidden_forum]
    # The published recommendation was adopted at an unpublished forum.
    recommendation.forum = world["hidden"][3]
    recommendation.save()
    return world


def of_kind(world, model_name):
    return [entry for entry in world["hidden"] if entry._meta.model_name == model_name]


def public_paths(world, language):
    hidden_ids = "&".join(
        f"programme={entry.pk}"
        for entry in world["hidden"]
        if entry._meta.model_name == "programme"
    )
    with override(language):
        practices, recommendations = reverse("practices:list"), reverse("recommendations:list")
        return [
            reverse("home"),
            practices,
            f"{practices}?q={HIDDEN}",
            f"{practices}?q={HIDDEN[:-1]}m",
            f"{practices}?format=csv",
            f"{practices}?format=json",
            reverse("practices:programmes"),
            f"{reverse('practices:programmes')}?format=csv",
            f"{reverse('practices:programmes')}?format=json",
            f"{reverse('practices:compare')}?{hidden_ids}",
            reverse("countries:list"),
            f"{reverse('countries:compare')}?country=belize&country=panama",
            recommendations,
            f"{recommendations}?format=csv",
            f"{recommendations}?format=json",
            f"{recommendations}?q={HIDDEN}",
            reverse("recommendations:forums"),
            reverse("practices:feed"),
            f"{reverse('practices:feed')}?country=panama",
            f"{reverse('practices:feed')}?q={HIDDEN}",
            reverse("recommendations:feed"),
            f"{reverse('recommendations:feed')}?country=belize",
            "/sitemap.xml",
            *(entry.get_absolute_url() for entry in world["published"]),
            world["belize"].get_absolute_url(),
            world["panama"].get_absolute_url(),
        ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_public_path_shows_names_or_links_anything_unpublished(client, region, language):
    leaks = {}
    for path in public_paths(region, language):
        response = client.get(path)
        assert response.status_code < 500, path
        page = response.getvalue().decode().lower()
        # A search page repeats what was typed; that names nothing.
        typed = parse_qs(urlsplit(path).query).get("q", [""])[0]
        if HIDDEN in (page.replace(typed, "") if typed else page):
            leaks[path] = response.status_code
    assert leaks == {}


def test_unpublished_entries_are_not_found_at_their_addresses(client, region):
    for entry in region["hidden"]:
        for language in ("en", "es"):
            with override(language):
                url = entry.get_absolute_url()
            assert client.get(url).status_code == 404, url


def test_counts_on_the_home_page_are_of_published_entries_only(client, region):
    counts = client.get("/en/").context["counts"]
    assert counts["practices"] == 4
    assert counts["programmes"] == 1
    assert counts["recommendations"] == 1


def test_global_compact_objective_counts_are_of_published_practices_only(client, region):
    objective = make_vocabulary(CompactObjective, number=21, slug="21", slug_es="21")
    for practice in Practice.objects.all():
        practice.compact_objectives.add(objective)
    counts = client.get("/en/practices/").context["facets"]["objective"]
    assert counts == {"21": Practice.objects.published().count()}
    assert Practice.objects.exclude(status=Status.PUBLISHED).exists()


def staff_limited_to(country, role, django_user_model):
    user = django_user_model.objects.create_user(f"{role}-{country.slug}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    EditorScope.objects.create(user=user).countries.set([country])
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS])
def test_country_limited_staff_cannot_preview_other_countries_drafts(
    region, role, django_user_model
):
    client = staff_limited_to(region["belize"], role, django_user_model)
    outside = [
        entry for entry in region["hidden"] if entry._meta.model_name in {"practice", "programme"}
    ]
    for entry in outside:
        assert client.get(entry.get_absolute_url()).status_code == 404, entry


def test_country_limited_staff_preview_their_own_countries_drafts(region, django_user_model):
    client = staff_limited_to(region["panama"], EDITORS, django_user_model)
    draft = of_kind(region, "practice")[0]
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_country_limited_staff_still_see_published_entries_of_other_countries(
    region, django_user_model
):
    client = staff_limited_to(region["panama"], EDITORS, django_user_model)
    practice = region["published"][1]
    assert client.get(practice.get_absolute_url()).status_code == 200


@pytest.fixture
def belize_reviewer(region, django_user_model):
    return staff_limited_to(region["belize"], REVIEWERS, django_user_model)


def test_country_limited_staff_get_no_history_of_other_countries_entries(region, belize_reviewer):
    practice = of_kind(region, "practice")[0]
    with reversion.create_revision():
        practice.save()
    version = Version.objects.get_for_object(practice).first()
    for url in [
        reverse("admin:practices_practice_history", args=[practice.pk]),
        reverse("admin:practices_practice_revision", args=[practice.pk, version.pk]),
    ]:
        response = belize_reviewer.get(url, follow=True)
        assert response.status_code == 404, url
        assert HIDDEN not in response.content.decode().lower(), url


def test_country_limited_staff_cannot_list_or_recover_deleted_entries(region, belize_reviewer):
    practice = of_kind(region, "practice")[0]
    with reversion.create_revision():
        practice.save()
    version = Version.objects.get_for_object(practice).first()
    practice.delete()
    for url in [
        reverse("admin:practices_practice_recoverlist"),
        reverse("admin:practices_practice_recover", args=[version.pk]),
    ]:
        response = belize_reviewer.get(url)
        assert response.status_code == 403, url
        assert HIDDEN not in response.content.decode().lower(), url
    changelist = belize_reviewer.get(reverse("admin:practices_practice_changelist"))
    assert "recoverlist" not in changelist.content.decode()


def test_reviewers_of_every_country_still_recover_deleted_entries(region, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    client = Client()
    client.force_login(reviewer)
    assert client.get(reverse("admin:practices_practice_recoverlist")).status_code == 200
