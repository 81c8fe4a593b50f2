"""Editorial workflow: roles, transitions, previews, history, and what editors may not do."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from reversion.models import Version

from editorial import services
from editorial.models import Status
from editorial.roles import EDITORS, REVIEWERS
from practices.models import Practice

from .factories import make_country, make_practice, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_user(django_user_model):
    def make(role):
        if role == "anonymous":
            return None
        if role == "superuser":
            return django_user_model.objects.create_superuser(role, f"{role}@example.org", "pw")
        user = django_user_model.objects.create_user(
            role, f"{role}@example.org", "pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name={"editor": EDITORS, "reviewer": REVIEWERS}[role]))
        return user

    return make


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def practice_form_data(practice, **changes):
    data = {
        "title_en": practice.title_en,
        "title_es": practice.title_es,
        "summary_en": practice.summary_en,
        "summary_es": practice.summary_es,
        "description_en": practice.description_en,
        "description_es": practice.description_es,
        "results_en": practice.results_en,
        "results_es": practice.results_es,
        "lessons_learned_en": practice.lessons_learned_en,
        "lessons_learned_es": practice.lessons_learned_es,
        "countries": [c.pk for c in practice.countries.all()],
        "themes": [t.pk for t in practice.themes.all()],
        "sources": [s.pk for s in practice.sources.all()],
        "level": practice.level,
        "evidence_level": practice.evidence_level,
        "status": practice.status,
        "suggestion-TOTAL_FORMS": "0",
        "suggestion-INITIAL_FORMS": "0",
        "suggestion-MIN_NUM_FORMS": "0",
        "suggestion-MAX_NUM_FORMS": "1",
    }
    data.update(changes)
    return data


def change_url(practice):
    return reverse("admin:practices_practice_change", args=[practice.pk])


# --- roles -------------------------------------------------------------------------------


def test_roles_exist_after_migrate_and_sync_again_without_change():
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    call_command("sync_roles", verbosity=0)
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert before == after
    assert "publish_practice" in after[REVIEWERS]
    assert "publish_practice" not in after[EDITORS]
    assert "change_practice" in after[EDITORS]
    assert not any(
        codename.startswith("delete_") and codename != "delete_suggestion"
        for codename in after[REVIEWERS]
    )


# --- the permissions matrix ------------------------------------------------------------------

ROLES = ["anonymous", "editor", "reviewer", "superuser"]
STAFF_ONLY = list(zip(ROLES, [False, True, True, True], strict=True))


@pytest.mark.parametrize(("role", "allowed"), STAFF_ONLY)
def test_who_may_preview_a_draft(client, make_user, role, allowed):
    draft = make_practice(status=Status.DRAFT, published_at=None)
    response = as_user(client, make_user(role)).get(draft.get_absolute_url())
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert "preview-banner" in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize(("role", "allowed"), STAFF_ONLY)
def test_who_may_edit(client, make_user, role, allowed):
    practice = make_practice(status=Status.DRAFT, published_at=None)
    client = as_user(client, make_user(role))
    response = client.post(change_url(practice), practice_form_data(practice, title_en="Edited"))
    practice.refresh_from_db()
    assert (practice.title_en == "Edited") is allowed
    if allowed:
        assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "status", "allowed"),
    [
        ("editor", Status.REVIEW, True),
        ("editor", Status.PUBLISHED, False),
        ("editor", Status.ARCHIVED, False),
        ("reviewer", Status.REVIEW, True),
        ("reviewer", Status.PUBLISHED, True),
        ("superuser", Status.PUBLISHED, True),
    ],
)
def test_who_may_submit_and_publish_through_the_action(client, make_user, role, status, allowed):
    practice = make_practice(status=Status.DRAFT, published_at=None)
    client = as_user(client, make_user(role))
    action = {
        Status.REVIEW: "make_review",
        Status.PUBLISHED: "make_published",
        Status.ARCHIVED: "make_archived",
    }[status]
    url = reverse("admin:practices_practice_changelist")
    post = {"action": action, "_selected_action": [practice.pk]}
    confirmation = client.post(url, post)
    assert confirmation.status_code == 200
    assert "Yes, I’m sure" in confirmation.content.decode()
    client.post(url, {**post, "confirmed": "yes"})
    practice.refresh_from_db()
    assert (practice.status == status) is allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("reviewer", True)])
def test_who_may_archive(make_user, role, allowed):
    practice = make_practice()
    user = make_user(role)
    if allowed:
        services.entry_archive(entry=practice, user=user)
        assert Practice.objects.get(pk=practice.pk).status == Status.ARCHIVED
    else:
        with pytest.raises(PermissionDenied):
            services.entry_archive(entry=practice, user=user)


@pytest.mark.parametrize(
    ("role", "status_code"), [("anonymous", 302), ("editor", 403), ("reviewer", 200)]
)
def test_who_may_restore_an_earlier_version(client, make_user, role, status_code):
    practice = make_practice()
    with reversion.create_revision():
        practice.save()
    version = Version.objects.get_for_object(practice).first()
    url = reverse("admin:practices_practice_revision", args=[practice.pk, version.pk])
    assert as_user(client, make_user(role)).get(url).status_code == status_code


@pytest.mark.parametrize(
    ("role", "status_code"), [("anonymous", 302), ("editor", 403), ("reviewer", 200)]
)
def test_who_may_import(client, make_user, role, status_code):
    url = reverse("admin:practices_practice_import")
    assert as_user(client, make_user(role)).get(url).status_code == status_code


def test_editor_cannot_publish_by_editing_the_status(client, make_user):
    practice = make_practice(status=Status.REVIEW, published_at=None)
    client = as_user(client, make_user("editor"))
    response = client.post(change_url(practice), practice_form_data(practice, status="published"))
    assert response.status_code == 200  # the form comes back with an error
    assert Practice.objects.get(pk=practice.pk).status == Status.REVIEW


def test_editor_sees_only_the_statuses_they_may_choose(client, make_user):
    practice = make_practice(status=Status.DRAFT, published_at=None)
    page = as_user(client, make_user("editor")).get(change_url(practice)).content.decode()
    assert 'value="review"' in page
    assert 'value="published"' not in page


# --- transitions ---------------------------------------------------------------------------


def test_publishing_records_who_and_when(make_user):
    reviewer = make_user("reviewer")
    practice = make_practice(status=Status.REVIEW, published_at=None)
    services.entry_publish(entry=practice, user=reviewer)
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert practice.published_at is not None
    assert practice.status_changed_by == reviewer
    assert Version.objects.get_for_object(practice).first().revision.user == reviewer


def test_publishing_with_missing_spanish_is_refused_naming_the_fields(make_user):
    practice = make_practice(status=Status.REVIEW, published_at=None, description_es="")
    with pytest.raises(ValidationError, match="description"):
        services.entry_publish(entry=practice, user=make_user("reviewer"))
    assert Practice.objects.get(pk=practice.pk).status == Status.REVIEW


def test_an_archived_entry_cannot_go_back_to_review(make_user):
    practice = make_practice(status=Status.ARCHIVED)
    with pytest.raises(ValidationError):
        services.entry_submit(entry=practice, user=make_user("reviewer"))


def test_published_practice_cannot_be_deleted(client, make_user):
    practice = make_practice()
    with pytest.raises(ProtectedError):
        practice.delete()
    client = as_user(client, make_user("superuser"))
    url = reverse("admin:practices_practice_delete", args=[practice.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_bulk_delete_refuses_when_a_published_practice_is_selected(client, make_user):
    published, draft = make_practice(), make_practice(status=Status.DRAFT, published_at=None)
    client = as_user(client, make_user("superuser"))
    client.post(
        reverse("admin:practices_practice_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk, draft.pk], "post": "yes"},
    )
    assert Practice.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


# --- history -------------------------------------------------------------------------------


def test_editing_then_restoring_brings_back_every_field_in_both_languages(client, make_user):
    theme, other_theme = make_theme(), make_theme()
    country, other_country = make_country(), make_country()
    practice = make_practice(
        themes=[theme], countries=[country], results_en="R1", results_es="R1 es"
    )
    client = as_user(client, make_user("reviewer"))
    client.post(change_url(practice), practice_form_data(practice))  # first version
    original = {
        f: getattr(practice, f) for f in practice_form_data(practice) if f.endswith(("_en", "_es"))
    }
    edited = practice_form_data(
        practice,
        **{field: f"changed {field}" for field in original},
        themes=[other_theme.pk],
        countries=[other_country.pk],
    )
    assert client.post(change_url(practice), edited).status_code == 302
    practice.refresh_from_db()
    assert practice.title_es == "changed title_es"

    history = client.get(reverse("admin:practices_practice_history", args=[practice.pk]))
    assert "title (Spanish)" in history.content.decode()
    assert "changed title_es" in history.content.decode()

    first = Version.objects.get_for_object(practice).last()
    first.revision.revert()
    practice.refresh_from_db()
    assert {f: getattr(practice, f) for f in original} == original
    assert list(practice.themes.all()) == [theme]
    assert list(practice.countries.all()) == [country]


def test_history_page_lists_changes_for_an_editor(client, make_user):
    practice = make_practice()
    client = as_user(client, make_user("editor"))
    client.post(change_url(practice), practice_form_data(practice, summary_en="New summary"))
    page = client.get(reverse("admin:practices_practice_history", args=[practice.pk]))
    assert page.status_code == 200
    assert "New summary" in page.content.decode()


# --- editors limited to some countries ---------------------------------------------------


@pytest.fixture
def belize_editor(make_user):
    from editorial.models import EditorScope

    belize = make_country(slug="belize", name_en="Belize")
    editor = make_user("editor")
    EditorScope.objects.create(user=editor).countries.set([belize])
    return editor, belize


def test_scoped_editor_sees_only_their_countries_entries(client, belize_editor):
    editor, belize = belize_editor
    make_practice(title_en="Belize practice", countries=[belize])
    make_practice(title_en="Mexico practice", countries=[make_country(slug="mexico")])
    page = as_user(client, editor).get(reverse("admin:practices_practice_changelist"))
    assert "Belize practice" in page.content.decode()
    assert "Mexico practice" not in page.content.decode()


def test_scoped_editor_cannot_open_another_countrys_entry(client, belize_editor):
    editor, _belize = belize_editor
    other = make_practice(countries=[make_country()])
    response = as_user(client, editor).get(change_url(other))
    assert response.status_code == 302  # the admin's "does not exist" redirect


def test_scoped_editor_cannot_move_an_entry_to_another_country(client, belize_editor):
    editor, belize = belize_editor
    practice = make_practice(status=Status.DRAFT, published_at=None, countries=[belize])
    mexico = make_country(slug="mexico")
    response = as_user(client, editor).post(
        change_url(practice), practice_form_data(practice, countries=[belize.pk, mexico.pk])
    )
    assert response.status_code == 200
    assert "You can only work on entries of" in response.content.decode()
    assert list(Practice.objects.get(pk=practice.pk).countries.all()) == [belize]


def test_superuser_sets_the_scope_on_the_user_page(client, make_user, belize_editor):
    editor, _belize = belize_editor
    client = as_user(client, make_user("superuser"))
    page = client.get(reverse("admin:auth_user_change", args=[editor.pk]))
    assert page.status_code == 200
    assert "Limit to countries" in page.content.decode()


def test_saved_views_lead_to_working_filtered_lists(client, make_user):
    make_practice(status=Status.REVIEW, published_at=None, title_en="Waiting practice")
    make_practice(title_en="Live practice")
    client = as_user(client, make_user("editor"))
    changelist = reverse("admin:practices_practice_changelist")
    page = client.get(changelist).content.decode()
    assert "Awaiting review" in page and "Suggested by visitors" in page
    waiting = client.get(changelist + "?status__exact=review").content.decode()
    assert "Waiting practice" in waiting and "Live practice" not in waiting
    assert client.get(changelist + "?suggested=yes").status_code == 200
    assert client.get(changelist + "?translation=missing-es").status_code == 200
