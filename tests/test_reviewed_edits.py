"""Reviewed edits: an editor's change to a published entry waits for a reviewer to publish it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags
from reversion.models import Version

from editorial.models import ProposedChange, Status
from practices.models import Practice

from .factories import make_country, make_editor, make_practice, make_reviewer
from .test_workflow import change_url, practice_form_data

pytestmark = pytest.mark.django_db


def review_url(practice):
    return reverse("admin:practices_practice_proposed_change", args=[practice.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def propose(practice, editor=None, **changes):
    """Post the admin change form as an editor; return the response, redirects followed."""
    client = logged_in(editor or make_editor())
    return client.post(change_url(practice), practice_form_data(practice, **changes), follow=True)


def public_page(practice):
    return Client().get(practice.get_absolute_url(), follow=True).content.decode()


@pytest.fixture
def practice():
    return make_practice(title_en="Published title", title_es="Título publicado")


def test_an_editors_change_leaves_the_public_page_and_list_as_published(practice):
    propose(practice, title_en="Proposed title")
    assert "Published title" in public_page(practice)
    assert "Proposed title" not in public_page(practice)
    public_list = Client().get(reverse("practices:list")).content.decode()
    assert "Published title" in public_list and "Proposed title" not in public_list


def test_an_editors_change_becomes_a_pending_change_and_the_editor_is_told(practice):
    page = propose(practice, title_en="Proposed title").content.decode()
    assert "Your change awaits a reviewer’s approval" in page
    pending = ProposedChange.objects.pending().for_entry(practice).get()
    assert pending.version.field_dict["title_en"] == "Proposed title"
    assert Practice.objects.get(pk=practice.pk).title_en == "Published title"


def test_a_pending_change_holds_the_relations_chosen(practice):
    other = make_country()
    propose(practice, countries=[other.pk])
    pending = ProposedChange.objects.pending().for_entry(practice).get()
    assert pending.version.field_dict["countries"] == [other.pk]
    assert other not in Practice.objects.get(pk=practice.pk).countries.all()


def test_a_further_edit_replaces_the_pending_change(practice):
    propose(practice, title_en="First proposal")
    propose(practice, title_en="Second proposal")
    pending = ProposedChange.objects.pending().for_entry(practice).get()
    assert pending.version.field_dict["title_en"] == "Second proposal"
    replaced = ProposedChange.objects.for_entry(practice).exclude(pk=pending.pk).get()
    assert replaced.outcome == ProposedChange.Outcome.REPLACED


def test_the_reviewer_sees_before_and_after_in_both_languages(practice):
    propose(practice, title_en="Proposed title", title_es="Título propuesto")
    page = logged_in(make_reviewer()).get(review_url(practice)).content.decode()
    # The words that differ are marked apart: <del>Published</del> title.
    text = strip_tags(page)
    for shown in ("title (English)", "title (Spanish)", "Published title", "Proposed title"):
        assert shown in text
    assert "Título publicado" in text and "Título propuesto" in text
    assert 'name="publish"' in page


def test_the_change_page_points_the_reviewer_to_the_pending_change(practice):
    propose(practice, title_en="Proposed title")
    page = logged_in(make_reviewer()).get(change_url(practice)).content.decode()
    assert review_url(practice) in page


def test_publishing_shows_the_new_title_on_the_public_page_at_once(practice):
    other = make_country()
    propose(practice, title_en="Proposed title", countries=[other.pk])
    logged_in(make_reviewer()).post(review_url(practice), {"publish": "1"})
    practice.refresh_from_db()
    assert practice.title_en == "Proposed title"
    assert list(practice.countries.all()) == [other]
    assert practice.status == Status.PUBLISHED
    assert "Proposed title" in public_page(practice)
    assert "proposed title" in practice.search_text


def test_publishing_records_a_version_signed_by_the_reviewer(practice):
    editor, reviewer = make_editor(), make_reviewer()
    propose(practice, editor, title_en="Proposed title")
    logged_in(reviewer).post(review_url(practice), {"publish": "1"})
    latest = Version.objects.get_for_object(practice).first()
    assert latest.revision.user == reviewer
    assert latest.field_dict["title_en"] == "Proposed title"
    assert editor.get_username() in latest.revision.comment
    pending = ProposedChange.objects.for_entry(practice).get()
    assert pending.outcome == ProposedChange.Outcome.PUBLISHED


def test_the_history_keeps_the_proposal_and_the_publication(practice):
    editor, reviewer = make_editor(), make_reviewer()
    propose(practice, editor, title_en="Proposed title")
    client = logged_in(reviewer)
    history_url = reverse("admin:practices_practice_history", args=[practice.pk])
    assert "Pending review" in client.get(history_url).content.decode()
    client.post(review_url(practice), {"publish": "1"})
    page = client.get(history_url).content.decode()
    assert "Published by a reviewer" in page
    assert [version.revision.user for version in Version.objects.get_for_object(practice)] == [
        reviewer,
        editor,
    ]


def test_discarding_leaves_the_entry_as_published(practice):
    propose(practice, title_en="Proposed title")
    logged_in(make_reviewer()).post(review_url(practice), {"discard": "1"})
    assert Practice.objects.get(pk=practice.pk).title_en == "Published title"
    assert not ProposedChange.objects.pending().for_entry(practice).exists()
    assert "Published title" in public_page(practice)


def test_an_editor_cannot_publish_their_own_pending_change(practice):
    editor = make_editor()
    propose(practice, editor, title_en="Proposed title")
    response = logged_in(editor).post(review_url(practice), {"publish": "1"})
    assert response.status_code == 403
    assert Practice.objects.get(pk=practice.pk).title_en == "Published title"
    assert ProposedChange.objects.pending().for_entry(practice).exists()


def test_staff_limited_to_belize_cannot_see_or_publish_a_panama_change():
    belize, panama = make_country(name_en="Belize"), make_country(name_en="Panama")
    practice = make_practice(title_en="Panama practice", countries=[panama])
    propose(practice, make_editor(countries=[panama]), title_en="Proposed title")
    for user in (make_editor(countries=[belize]), make_reviewer(countries=[belize])):
        client = logged_in(user)
        assert client.get(review_url(practice)).status_code == 404
        assert client.post(review_url(practice), {"publish": "1"}).status_code == 404
        waiting = client.get(
            reverse("admin:practices_practice_changelist") + "?proposed_change=pending"
        )
        assert "Panama practice" not in waiting.content.decode()
    assert Practice.objects.get(pk=practice.pk).title_en == "Panama practice"


def test_changes_awaiting_review_is_a_saved_view(practice):
    make_practice(title_en="Untouched practice")
    propose(practice, title_en="Proposed title")
    client = logged_in(make_reviewer())
    changelist = reverse("admin:practices_practice_changelist")
    assert "Changes awaiting review" in client.get(changelist).content.decode()
    waiting = client.get(changelist + "?proposed_change=pending").content.decode()
    assert "Published title" in waiting and "Untouched practice" not in waiting


def test_a_reviewers_edit_of_a_published_entry_goes_live_at_once(practice):
    propose(practice, make_reviewer(), title_en="Reviewed title")
    assert Practice.objects.get(pk=practice.pk).title_en == "Reviewed title"
    assert not ProposedChange.objects.exists()


def test_an_editor_edits_a_draft_directly():
    draft = make_practice(status=Status.DRAFT, published_at=None, title_en="Draft title")
    propose(draft, title_en="Edited draft")
    assert Practice.objects.get(pk=draft.pk).title_en == "Edited draft"
    assert not ProposedChange.objects.exists()
