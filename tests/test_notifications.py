"""Mail about the workflow: reviewers of an entry's countries hear it awaits them, its author
hears it is published or sent back (with the reviewer's note, also shown on the entry), each in
their own language, after the change is committed, whichever way the status changed."""

import pytest
import reversion
import tablib
from django.urls import reverse
from reversion.models import Version

from editorial import notifications, proposals, services
from editorial.models import ReviewNote, StaffLanguage, Status
from practices.models import Practice
from practices.resources import PracticeResource

from .factories import make_country, make_editor, make_practice, make_reviewer
from .test_workflow import practice_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def belize():
    return make_country(code="BZ", name_en="Belize", name_es="Belice")


@pytest.fixture
def panama():
    return make_country(code="PA", name_en="Panama", name_es="Panamá")


@pytest.fixture
def editor(belize):
    return make_editor(countries=[belize])


@pytest.fixture
def reviewer():
    return make_reviewer()


@pytest.fixture
def draft(belize):
    return make_practice(
        countries=[belize],
        status=Status.DRAFT,
        published_at=None,
        title_en="Migratory amnesty",
        title_es="Amnistía migratoria",
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def speaks(user, language):
    StaffLanguage.objects.create(user=user, language=language)
    return user


def to(message):
    return message.to[0]


def submitted(entry, editor, committed):
    with committed():
        services.entry_submit(entry=entry, user=editor)


# --- who hears what --------------------------------------------------------------------------


def test_a_submitted_entry_is_mailed_to_the_reviewers_who_may_publish_it(
    draft, editor, reviewer, belize, panama, mailoutbox, committed
):
    belize_reviewer = make_reviewer(countries=[belize])
    make_reviewer(countries=[panama])
    submitted(draft, editor, committed)
    assert sorted(to(message) for message in mailoutbox) == sorted(
        [reviewer.email, belize_reviewer.email]
    )
    [message] = [m for m in mailoutbox if to(m) == reviewer.email]
    assert message.subject == "[Catalogue editors] Awaiting your review: Migratory amnesty"
    assert f"http://127.0.0.1:8000/admin/practices/practice/{draft.pk}/change/" in message.body


def test_nothing_is_mailed_before_the_change_is_committed(draft, editor, reviewer, mailoutbox):
    services.entry_submit(entry=draft, user=editor)
    assert mailoutbox == []


def test_with_no_reviewer_for_its_countries_the_superusers_hear_of_it(
    draft, editor, panama, django_user_model, mailoutbox, committed
):
    make_reviewer(countries=[panama])
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    submitted(draft, editor, committed)
    assert [to(message) for message in mailoutbox] == [chief.email]


def test_publishing_mails_the_editor_who_submitted_it(
    draft, editor, reviewer, mailoutbox, committed
):
    submitted(draft, editor, committed)
    mailoutbox.clear()
    with committed():
        services.entry_publish(entry=draft, user=reviewer)
    [message] = mailoutbox
    assert to(message) == editor.email
    assert message.subject == "[Catalogue editors] Published: Migratory amnesty"
    assert f"http://127.0.0.1:8000{draft.get_absolute_url()}" in message.body


def test_an_entry_published_from_draft_is_mailed_to_who_wrote_it(
    draft, editor, reviewer, mailoutbox, committed
):
    # The history's first version names who wrote the entry.
    with reversion.create_revision():
        reversion.set_user(editor)
        draft.save()
    with committed():
        services.entry_publish(entry=draft, user=reviewer)
    assert [to(message) for message in mailoutbox] == [editor.email]


def test_nobody_is_mailed_about_their_own_move(belize, reviewer, mailoutbox, committed):
    entry = make_practice(countries=[belize], status=Status.DRAFT, published_at=None)
    with committed():
        services.entry_submit(entry=entry, user=reviewer)
        services.entry_publish(entry=entry, user=reviewer)
    assert mailoutbox == []


def test_sending_back_mails_the_author_the_reviewers_note_and_shows_it_on_the_entry(
    client, draft, editor, reviewer, mailoutbox, committed
):
    submitted(draft, editor, committed)
    mailoutbox.clear()
    with committed():
        services.entry_send_back(entry=draft, user=reviewer, note="Add the decree number.")
    [message] = mailoutbox
    assert to(message) == editor.email
    assert message.subject == "[Catalogue editors] Sent back to you: Migratory amnesty"
    assert "    Add the decree number." in message.body

    client.force_login(editor)
    page = client.get(reverse("admin:practices_practice_change", args=[draft.pk]))
    assert "<p>Add the decree number.</p>" in page.content.decode()


def test_the_note_leaves_the_entry_once_it_is_submitted_again(
    client, draft, editor, reviewer, committed
):
    submitted(draft, editor, committed)
    services.entry_send_back(entry=draft, user=reviewer, note="Add the decree number.")
    services.entry_submit(entry=draft, user=editor)
    client.force_login(reviewer)
    page = client.get(reverse("admin:practices_practice_change", args=[draft.pk]))
    assert "Add the decree number." not in page.content.decode()
    assert ReviewNote.objects.for_entry(draft).get().written_by == reviewer


def test_a_mail_server_that_fails_leaves_the_change_saved(
    draft, editor, reviewer, monkeypatch, committed, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "get_connection", refuse)
    submitted(draft, editor, committed)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert "could not be sent" in caplog.text


# --- each in their own language -----------------------------------------------------------


def test_each_reviewer_reads_the_mail_in_their_own_language(draft, editor, mailoutbox, committed):
    spanish = speaks(make_reviewer(), "es")
    english = speaks(make_reviewer(), "en")
    submitted(draft, editor, committed)
    mails = {to(message): message for message in mailoutbox}
    assert mails[spanish.email].subject == (
        "[Equipo editorial del catálogo] Pendiente de su revisión: Amnistía migratoria"
    )
    assert "envió esta entrada a revisión:" in mails[spanish.email].body
    assert mails[english.email].subject.endswith("Awaiting your review: Migratory amnesty")


def test_a_spanish_author_reads_the_reviewers_note_in_a_spanish_mail(
    draft, editor, reviewer, mailoutbox, committed
):
    speaks(editor, "es")
    submitted(draft, editor, committed)
    mailoutbox.clear()
    with committed():
        services.entry_send_back(entry=draft, user=reviewer, note="Falta el número del decreto.")
    [message] = mailoutbox
    assert message.subject == (
        "[Equipo editorial del catálogo] Se le devolvió «Amnistía migratoria»"
    )
    assert f"Nota de {reviewer.username}:" in message.body
    assert "Falta el número del decreto." in message.body
    assert f"/es/practicas/{draft.pk}/" not in message.body


def test_a_spanish_author_gets_the_spanish_address_of_the_published_entry(
    draft, editor, reviewer, mailoutbox, committed
):
    speaks(editor, "es")
    submitted(draft, editor, committed)
    mailoutbox.clear()
    with committed():
        services.entry_publish(entry=draft, user=reviewer)
    [message] = mailoutbox
    assert message.subject == "[Equipo editorial del catálogo] Se publicó «Amnistía migratoria»"
    assert f"/es/practicas/{draft.pk}/" in message.body


def test_signing_in_keeps_the_admins_language_for_mail(client, editor):
    editor.set_password("a-password-for-tests")
    editor.save()
    client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": "a-password-for-tests"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert StaffLanguage.objects.get(user=editor).language == "es"


def test_someone_who_never_signed_in_is_written_to_in_english(draft, editor, mailoutbox, committed):
    make_reviewer()
    submitted(draft, editor, committed)
    assert "Awaiting your review" in mailoutbox[0].subject


# --- every way of changing a status ---------------------------------------------------------


def change_url(entry):
    return reverse("admin:practices_practice_change", args=[entry.pk])


def test_submitting_in_the_admin_form_mails_the_reviewers(
    client, draft, editor, reviewer, mailoutbox, committed
):
    client.force_login(editor)
    with committed():
        response = client.post(change_url(draft), practice_form_data(draft, status="review"))
    assert response.status_code == 302
    assert [to(message) for message in mailoutbox] == [reviewer.email]


def test_sending_back_in_the_admin_form_asks_for_a_note(
    client, draft, editor, reviewer, mailoutbox, committed
):
    submitted(draft, editor, committed)
    mailoutbox.clear()
    client.force_login(reviewer)
    refused = client.post(change_url(draft), practice_form_data(draft, status="draft"))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["review_note"]

    with committed():
        client.post(
            change_url(draft),
            practice_form_data(draft, status="draft", review_note="Cite the decree."),
        )
    assert ReviewNote.objects.for_entry(draft).get().text == "Cite the decree."
    assert [to(message) for message in mailoutbox] == [editor.email]


def test_an_editor_withdrawing_their_own_entry_needs_no_note(
    client, draft, editor, reviewer, committed
):
    submitted(draft, editor, committed)
    client.force_login(editor)
    response = client.post(change_url(draft), practice_form_data(draft, status="draft"))
    assert response.status_code == 302


def action(client, name, entries, **extra):
    return client.post(
        reverse("admin:practices_practice_changelist"),
        {"action": name, "_selected_action": [e.pk for e in entries], "confirmed": "yes", **extra},
    )


def test_a_bulk_submission_sends_each_reviewer_one_mail_listing_every_entry(
    client, draft, belize, editor, reviewer, mailoutbox, committed
):
    other = make_practice(countries=[belize], status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    with committed():
        action(client, "make_review", [draft, other])
    [message] = mailoutbox
    assert message.subject == "[Catalogue editors] 2 entries await your review"
    assert "Migratory amnesty" in message.body and str(other) in message.body


def test_the_send_back_action_asks_for_a_note_then_sends_it(
    client, draft, editor, reviewer, mailoutbox, committed
):
    submitted(draft, editor, committed)
    mailoutbox.clear()
    client.force_login(reviewer)
    asked = action(client, "make_draft", [draft])
    assert "Say what the authors should change" in asked.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW

    with committed():
        action(client, "make_draft", [draft], note="Cite the decree.")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert "Cite the decree." in mailoutbox[0].body


def test_the_send_back_action_leaves_published_entries_alone(client, belize, reviewer):
    published = make_practice(countries=[belize])
    client.force_login(reviewer)
    action(client, "make_draft", [published], note="Cite the decree.")
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def sheet(status):
    """The practices as exported, each row given `status`."""
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    return tablib.Dataset(
        *[
            [
                status if header == "status" else cell
                for header, cell in zip(data.headers, row, strict=True)
            ]
            for row in data
        ],
        headers=data.headers,
    )


def test_an_import_that_submits_entries_mails_each_reviewer_once(
    draft, belize, reviewer, mailoutbox, committed
):
    make_practice(countries=[belize], status=Status.DRAFT, published_at=None)
    importer = make_reviewer()
    with committed():
        result = PracticeResource().import_data(sheet(status="review"), user=importer)
    assert not result.problems
    [message] = mailoutbox
    assert to(message) == reviewer.email
    assert message.subject.endswith("2 entries await your review")


def test_a_dry_run_import_mails_nobody(draft, reviewer, mailoutbox, committed):
    with committed():
        PracticeResource().import_data(sheet(status="review"), user=make_reviewer(), dry_run=True)
    assert mailoutbox == []
    assert Practice.objects.get().status == Status.DRAFT


def test_restoring_a_version_in_review_mails_the_reviewers(
    client, draft, editor, reviewer, mailoutbox, committed
):
    submitted(draft, editor, committed)
    in_review = Version.objects.get_for_object(draft).first()
    services.entry_send_back(entry=draft, user=reviewer, note="Cite the decree.")
    mailoutbox.clear()

    restorer = make_reviewer()
    client.force_login(restorer)
    url = reverse("admin:practices_practice_revision", args=[draft.pk, in_review.pk])
    with committed():
        response = client.post(url, practice_form_data(draft, status="review"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert sorted(to(message) for message in mailoutbox) == [reviewer.email]


# --- an editor's change to a published entry -----------------------------------------------


@pytest.fixture
def published(belize):
    return make_practice(
        countries=[belize], title_en="Migratory amnesty", title_es="Amnistía migratoria"
    )


def proposed(published, editor, committed):
    with committed():
        return proposals.propose_change(entry=published, relations={}, user=editor)


def test_a_proposed_change_is_mailed_to_the_reviewers_with_its_address(
    published, editor, reviewer, mailoutbox, committed
):
    proposed(published, editor, committed)
    [message] = mailoutbox
    assert to(message) == reviewer.email
    assert message.subject.endswith("A change awaits your review: Migratory amnesty")
    assert f"/admin/practices/practice/{published.pk}/proposed-change/" in message.body


def test_the_editor_hears_their_change_is_published_in_spanish(
    published, editor, reviewer, mailoutbox, committed
):
    speaks(editor, "es")
    proposal = proposed(published, editor, committed)
    mailoutbox.clear()
    with committed():
        proposals.publish_change(proposal=proposal, user=reviewer)
    [message] = mailoutbox
    assert to(message) == editor.email
    assert message.subject.endswith("Se publicó su cambio en «Amnistía migratoria»")


def test_the_editor_hears_their_change_is_discarded(
    published, editor, reviewer, mailoutbox, committed
):
    proposal = proposed(published, editor, committed)
    mailoutbox.clear()
    with committed():
        proposals.discard_change(proposal=proposal, user=reviewer)
    [message] = mailoutbox
    assert message.subject.endswith("Your change was not published: Migratory amnesty")
    assert "The entry's history keeps your change." in message.body
