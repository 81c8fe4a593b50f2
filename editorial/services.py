"""Editorial transitions: who may move an entry from one status to another, and the checks.

Every transition is saved inside a reversion revision, so the history shows who did it, when,
and what the entry looked like. Every way of changing a status (the admin's form, its bulk
actions, a spreadsheet import, a restore) marks it with mark_status_change, so each records
the same and tells the same people by mail (editorial.notifications).
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import notifications
from .models import ReviewNote, Status

# status -> statuses it may move to, and whether moving there needs the publish permission
TRANSITIONS = {
    Status.DRAFT: {Status.REVIEW: False, Status.PUBLISHED: True},
    Status.REVIEW: {Status.DRAFT: False, Status.PUBLISHED: True},
    Status.PUBLISHED: {Status.ARCHIVED: True, Status.DRAFT: True},
    Status.ARCHIVED: {Status.PUBLISHED: True, Status.DRAFT: True},
}


def can_publish(user, entry):
    return user.has_perm(f"{entry._meta.app_label}.publish_{entry._meta.model_name}")


def allowed_statuses(user, entry):
    """The statuses this user may give this entry, its current one included."""
    current = Status(entry.status)
    targets = TRANSITIONS[current]
    publisher = can_publish(user, entry)
    return [current, *(s for s, needs_publish in targets.items() if publisher or not needs_publish)]


def check_transition(*, entry, status, user, previous=None):
    """Refuse a status change the user may not make or the entry is not ready for."""
    previous = Status(previous or entry.status)
    status = Status(status)
    if status == previous:
        return
    if status not in TRANSITIONS[previous]:
        raise ValidationError(
            _("An entry cannot go from “%(from)s” to “%(to)s”.")
            % {"from": previous.label, "to": status.label}
        )
    if TRANSITIONS[previous][status] and not can_publish(user, entry):
        raise PermissionDenied(_("Only reviewers can publish, archive or restore entries."))
    if status == Status.PUBLISHED:
        entry.check_publishable()


def sends_back(*, stored, status, user):
    """Whether moving `stored` (the entry as it stands) to `status` sends someone else's entry
    back from review: then its author needs a note saying what to change."""
    return (
        stored is not None
        and stored.status == Status.REVIEW
        and status == Status.DRAFT
        and stored.status_changed_by_id != user.pk
    )


def mark_status_change(*, entry, status, user, stored, note=""):
    """Give `entry` its new status, as `user` gives it, before it is saved.

    `stored` is the entry as it stands in the database, None for a new one (which starts as a
    draft). A note sending an entry back from review is kept for its author to see. Once the
    change is committed, reviewers hear of an entry awaiting them, and its author of it being
    published or sent back.
    """
    previous = Status(stored.status) if stored is not None else Status.DRAFT
    # Whoever moved it into review submitted it: read before the entry is marked, as `stored`
    # may be the entry itself.
    submitted_by_id = stored.status_changed_by_id if previous == Status.REVIEW else None
    entry.status = status
    entry.status_changed_at = timezone.now()
    entry.status_changed_by = user
    entry.stamp_publication(entry.status_changed_at)
    if note and previous == Status.REVIEW and status == Status.DRAFT:
        ReviewNote.objects.create(
            content_type=ContentType.objects.get_for_model(entry),
            object_id=entry.pk,
            text=note,
            written_by=user,
            written_at=entry.status_changed_at,
        )
    notifications.record_move(
        entry=entry,
        previous=previous,
        status=status,
        user=user,
        submitted_by_id=submitted_by_id,
        note=note,
    )


STATUS_COMMENTS = {
    Status.DRAFT: gettext_noop("Status changed to “Draft”."),
    Status.REVIEW: gettext_noop("Status changed to “In review”."),
    Status.PUBLISHED: gettext_noop("Status changed to “Published”."),
    Status.ARCHIVED: gettext_noop("Status changed to “Archived”."),
}


@transaction.atomic
def entry_transition(*, entry, status, user, note=""):
    """Move one entry, as loaded from the database, to a new status as `user`, recording it in
    the history."""
    check_transition(entry=entry, status=status, user=user)
    with reversion.create_revision():
        mark_status_change(entry=entry, status=status, user=user, stored=entry, note=note)
        entry.save()
        reversion.set_user(user)
        # Kept untranslated: the history shows it in the words of whoever reads it.
        reversion.set_comment(STATUS_COMMENTS[status])
    return entry


def entry_submit(*, entry, user):
    return entry_transition(entry=entry, status=Status.REVIEW, user=user)


def entry_publish(*, entry, user):
    return entry_transition(entry=entry, status=Status.PUBLISHED, user=user)


def entry_archive(*, entry, user):
    return entry_transition(entry=entry, status=Status.ARCHIVED, user=user)


def entry_send_back(*, entry, user, note):
    """Send an entry in review back to draft, with a note telling its author what to change."""
    return entry_transition(entry=entry, status=Status.DRAFT, user=user, note=note)
