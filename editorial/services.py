"""Editorial transitions: who may move an entry from one status to another, and the checks.

Every transition is saved inside a reversion revision, so the history shows who did it, when,
and what the entry looked like.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Status

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


def mark_status_change(*, entry, status, user):
    entry.status = status
    entry.status_changed_at = timezone.now()
    entry.status_changed_by = user
    entry.stamp_publication(entry.status_changed_at)


@transaction.atomic
def entry_transition(*, entry, status, user):
    """Move one entry to a new status, as `user`, recording it in the history."""
    check_transition(entry=entry, status=status, user=user)
    with reversion.create_revision():
        mark_status_change(entry=entry, status=status, user=user)
        entry.save()
        reversion.set_user(user)
        reversion.set_comment(_("Status changed to “%(status)s”.") % {"status": status.label})
    return entry


def entry_submit(*, entry, user):
    return entry_transition(entry=entry, status=Status.REVIEW, user=user)


def entry_publish(*, entry, user):
    return entry_transition(entry=entry, status=Status.PUBLISHED, user=user)


def entry_archive(*, entry, user):
    return entry_transition(entry=entry, status=Status.ARCHIVED, user=user)
