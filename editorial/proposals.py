"""Reviewed edits: an editor's change to a published entry waits for a reviewer.

The change is kept as a reversion version of the entry in a revision of its own, signed by
the editor and marked by a ProposedChange; the entry's row is not written until a reviewer
publishes it, so the public keeps seeing the published text.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from . import notifications, scopes
from .history import entry_fields, field_changes
from .models import ProposedChange, Status
from .services import can_publish

# What the workflow sets, never a proposal: publishing a change keeps the entry's status and
# dates as they are then, even if it was archived since the change was proposed. Its
# `reviewer_fields` are kept the same way, as editors never set them.
BOOKKEEPING = {
    "status",
    "published_at",
    "status_changed_at",
    "status_changed_by_id",
    "created_at",
    "updated_at",
    "search_text",
}


def needs_review(*, entry, user):
    """Whether `user`'s change to `entry` must wait for a reviewer instead of going live."""
    if entry.pk is None or can_publish(user, entry):
        return False
    return type(entry).objects.filter(pk=entry.pk, status=Status.PUBLISHED).exists()


def pending_change(entry):
    return ProposedChange.objects.pending().for_entry(entry).select_related("revision").first()


@transaction.atomic
def propose_change(*, entry, relations, user):
    """Keep `entry`, as `user` left it, as the change awaiting review; its row is untouched.

    `relations` maps many-to-many field names to querysets of the related objects chosen. A
    change already waiting for this entry is replaced.
    """
    entry.prepare_text()
    # The serializer takes many-to-many values from the prefetch cache when there is one, so
    # the version holds the relations as chosen rather than as stored.
    entry._prefetched_objects_cache = {
        **getattr(entry, "_prefetched_objects_cache", {}),
        **relations,
    }
    content_type = ContentType.objects.get_for_model(entry)
    ProposedChange.objects.pending().for_entry(entry).update(
        outcome=ProposedChange.Outcome.REPLACED, decided_by=user, decided_at=timezone.now()
    )
    revision = Revision.objects.create(
        date_created=timezone.now(),
        user=user,
        comment=_("Proposed a change; it awaits a reviewer’s approval."),
    )
    Version.objects.create(
        revision=revision,
        content_type=content_type,
        object_id=str(entry.pk),
        db=entry._state.db,
        # The format reversion writes by default; each version names its own.
        format="json",
        serialized_data=serializers.serialize("json", [entry]),
        object_repr=str(entry),
    )
    proposal = ProposedChange.objects.create(
        revision=revision, content_type=content_type, object_id=entry.pk
    )
    notifications.record(notifications.News(notifications.CHANGE_PROPOSED, entry, user))
    return proposal


def proposed_rows(entry, proposal):
    """[(field label, as published, as proposed)] for each field the proposal would change."""
    proposed = {
        name: value
        for name, value in proposal.version.field_dict.items()
        if name not in BOOKKEEPING and name not in entry.reviewer_fields
    }
    return field_changes(type(entry), entry_fields(entry), proposed)


def _check_may_decide(*, entry, user):
    if not can_publish(user, entry):
        raise PermissionDenied(_("Only reviewers can publish or discard a proposed change."))
    scopes.check_countries_in_scope(user, scopes.entry_countries(entry))


def _locked_entry(proposal):
    model = proposal.content_type.model_class()
    return model.objects.select_for_update().get(pk=proposal.object_id)


def _decide(proposal, outcome, user):
    proposal.outcome = outcome
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["outcome", "decided_by", "decided_at"])


@transaction.atomic
def publish_change(*, proposal, user):
    """Apply the proposed change to the entry, as `user`, recording it in the history."""
    entry = _locked_entry(proposal)
    _check_may_decide(entry=entry, user=user)
    proposed = proposal.version.field_dict
    opts = entry._meta
    # Both language columns are applied; the untranslated column behind them follows them.
    translated = {name.rsplit("_", 1)[0] for name in entry.translated_field_names()}
    with reversion.create_revision():
        for field in opts.concrete_fields:
            name = field.attname
            if (
                name in proposed
                and name not in BOOKKEEPING | translated | set(entry.reviewer_fields)
                and not field.primary_key
            ):
                setattr(entry, name, proposed[name])
        entry.check_publishable()
        entry.save()
        for field in opts.many_to_many:
            if field.attname in proposed:
                # A term deleted since the proposal cannot be linked any more.
                chosen = field.related_model.objects.filter(pk__in=proposed[field.attname])
                getattr(entry, field.name).set(chosen)
        # The proposal may have moved the entry to other countries.
        scopes.check_countries_in_scope(user, scopes.entry_countries(entry))
        reversion.set_user(user)
        reversion.set_comment(
            _("Published a reviewed change by %(editor)s.")
            % {"editor": proposal.author or _("a former editor")}
        )
    _decide(proposal, ProposedChange.Outcome.PUBLISHED, user)
    notifications.record(
        notifications.News(notifications.CHANGE_PUBLISHED, entry, user, proposal.revision.user_id)
    )
    return entry


@transaction.atomic
def discard_change(*, proposal, user):
    """Leave the entry as published; the proposal stays in the history, marked discarded."""
    entry = _locked_entry(proposal)
    _check_may_decide(entry=entry, user=user)
    _decide(proposal, ProposedChange.Outcome.DISCARDED, user)
    notifications.record(
        notifications.News(notifications.CHANGE_DISCARDED, entry, user, proposal.revision.user_id)
    )
