"""Mail about the workflow: reviewers hear of entries submitted for review and of changes
proposed to published ones; authors hear of their entries published or sent back, and of
their proposed changes published or discarded.

Every status change goes through services.mark_status_change, whatever did it (the admin's
form, a bulk action, a spreadsheet import, a restore), and lands here. Mail goes out once the
change is committed, so a change rolled back (a dry run, a refused file) sends nothing. Within
`one_mail_each()` (bulk actions, imports), each person gets one mail per kind of news that
lists every entry, rather than one mail per entry.

Each mail is written in its recipient's language: the one they last signed in to the admin in
(StaffLanguage), which needs nothing from editors and follows the language they work in.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from . import scopes
from .models import StaffLanguage, Status
from .roles import publish_permission

logger = logging.getLogger(__name__)

SUBMITTED = "submitted"
PUBLISHED = "published"
SENT_BACK = "sent back"
# An editor's change to a published entry (editorial.proposals).
CHANGE_PROPOSED = "change proposed"
CHANGE_PUBLISHED = "change published"
CHANGE_DISCARDED = "change discarded"

# The news each move of status is, if any.
NEWS = {
    (Status.DRAFT, Status.REVIEW): SUBMITTED,
    (Status.REVIEW, Status.DRAFT): SENT_BACK,
    (Status.DRAFT, Status.PUBLISHED): PUBLISHED,
    (Status.REVIEW, Status.PUBLISHED): PUBLISHED,
    (Status.ARCHIVED, Status.PUBLISHED): PUBLISHED,
}

_collected = ContextVar("collected_news", default=None)


@dataclass
class News:
    kind: str
    entry: object
    by: object
    # Who the news is about: who submitted the entry or proposed the change. Without one, the
    # entry's author is the user who signed its first version.
    author_id: int | None = None
    note: str = ""


def record_move(*, entry, previous, status, user, submitted_by_id, note=""):
    """Tell the people concerned, once committed, that `user` moved `entry` to `status`."""
    if (kind := NEWS.get((Status(previous), Status(status)))) is not None:
        record(News(kind, entry, user, submitted_by_id, note))


def record(news):
    """Send `news` once the transaction is committed, with the rest of its block's."""
    if (collected := _collected.get()) is not None:
        collected.append(news)
    else:
        transaction.on_commit(partial(send, [news]))


@contextmanager
def one_mail_each():
    """Within this block, each recipient gets one mail per kind of news, after the commit."""
    if _collected.get() is not None:
        yield
        return
    collected = []
    token = _collected.set(collected)
    try:
        yield
    finally:
        _collected.reset(token)
    if collected:
        transaction.on_commit(partial(send, collected))


def send(news):
    """Write and send the mail for `news`. The changes are committed by now: a mail server
    that fails is logged for the administrators, never shown to the editor as an error."""
    try:
        letters = {}
        for item in news:
            for recipient in recipients(item):
                letters.setdefault((recipient, item.kind), []).append(item)
        messages = [write(recipient, kind, items) for (recipient, kind), items in letters.items()]
        if messages:
            get_connection().send_messages(messages)
    except Exception:
        logger.exception("Mail about the editorial workflow could not be sent.")


def recipients(news):
    """Active staff with an address who should hear this news, never the one who made it."""
    if news.kind in (SUBMITTED, CHANGE_PROPOSED):
        found = reviewers(news.entry)
    else:
        found = [author] if (author := author_of(news)) else []
    return [
        user
        for user in found
        if user.pk != news.by.pk and user.is_active and user.is_staff and user.email
    ]


def reviewers(entry):
    """The reviewers who may publish `entry`: all of them, or those limited to its countries.

    Where none may, the superusers, so that nothing waits unseen.
    """
    users = get_user_model().objects
    candidates = (
        users.with_perm(
            publish_permission(type(entry)),
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_staff=True)
        .prefetch_related("editor_scope__countries")
    )
    countries = scopes.entry_countries(entry)
    found = [user for user in candidates if scopes.covers(user, countries)]
    return found or list(users.filter(is_superuser=True))


def author_of(news):
    if news.author_id is not None:
        return get_user_model().objects.filter(pk=news.author_id).first()
    first = Version.objects.get_for_object(news.entry).select_related("revision__user")
    version = first.order_by("pk").first()
    return version.revision.user if version else None


def remember_language(sender, request, user, **kwargs):
    """On sign-in, keep the language the admin speaks to a member of staff for their mail."""
    if user.is_staff:
        language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
        StaffLanguage.objects.update_or_create(user=user, defaults={"language": language})


def language_of(user):
    stored = StaffLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return stored or settings.LANGUAGE_CODE


def write(recipient, kind, items):
    with translation.override(language_of(recipient)):
        subject, opening = HEADINGS[kind](items)
        lines = [opening, ""]
        for item in items:
            entry = item.entry
            lines.append(f"- {entry._meta.verbose_name}: {entry}")
            lines.append(f"  {address(entry, kind)}")
            if item.note:
                lines.append("  " + _("Note from %(reviewer)s:") % {"reviewer": name(item.by)})
                lines += [f"    {line}" for line in item.note.splitlines()]
            lines.append("")
        lines.append(str(CLOSINGS[kind]))
        site = _("Catalogue editors")
        return EmailMessage(
            subject=f"[{site}] {subject}", body="\n".join(lines) + "\n", to=[recipient.email]
        )


def name(user):
    return user.get_full_name() or user.get_username()


def address(entry, kind):
    """Where the news sends its reader: the entry on the public site, in the reader's
    language, once published; the change awaiting review; else the entry in the admin."""
    opts = entry._meta
    if kind in (PUBLISHED, CHANGE_PUBLISHED):
        path = entry.get_absolute_url()
    elif kind == CHANGE_PROPOSED:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_proposed_change", args=[entry.pk])
    else:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    return settings.SITE_URL.rstrip("/") + path


def submitted(items):
    by = name(items[0].by)
    if len(items) == 1:
        return (
            _("Awaiting your review: %(entry)s") % {"entry": items[0].entry},
            _("%(editor)s submitted this entry for review:") % {"editor": by},
        )
    return (
        _("%(n)d entries await your review") % {"n": len(items)},
        _("%(editor)s submitted these entries for review:") % {"editor": by},
    )


def published(items):
    by = name(items[0].by)
    if len(items) == 1:
        return (
            _("Published: %(entry)s") % {"entry": items[0].entry},
            _("%(reviewer)s published your entry; it is on the public site:") % {"reviewer": by},
        )
    return (
        _("%(n)d of your entries are published") % {"n": len(items)},
        _("%(reviewer)s published your entries; they are on the public site:") % {"reviewer": by},
    )


def sent_back(items):
    by = name(items[0].by)
    if len(items) == 1:
        return (
            _("Sent back to you: %(entry)s") % {"entry": items[0].entry},
            _("%(reviewer)s sent your entry back to draft:") % {"reviewer": by},
        )
    return (
        _("%(n)d entries sent back to you") % {"n": len(items)},
        _("%(reviewer)s sent your entries back to draft:") % {"reviewer": by},
    )


def change_proposed(items):
    return (
        _("A change awaits your review: %(entry)s") % {"entry": items[0].entry},
        _("%(editor)s proposed a change to this published entry:") % {"editor": name(items[0].by)},
    )


def change_published(items):
    return (
        _("Your change is published: %(entry)s") % {"entry": items[0].entry},
        _("%(reviewer)s published your change; it is on the public site:")
        % {"reviewer": name(items[0].by)},
    )


def change_discarded(items):
    return (
        _("Your change was not published: %(entry)s") % {"entry": items[0].entry},
        _("%(reviewer)s discarded your change; the published text stays as it was:")
        % {"reviewer": name(items[0].by)},
    )


HEADINGS = {
    SUBMITTED: submitted,
    PUBLISHED: published,
    SENT_BACK: sent_back,
    CHANGE_PROPOSED: change_proposed,
    CHANGE_PUBLISHED: change_published,
    CHANGE_DISCARDED: change_discarded,
}
NOTHING_MORE = gettext_lazy("Nothing more to do; thank you.")
CLOSINGS = {
    SUBMITTED: gettext_lazy("Open each to read it, then publish it or send it back with a note."),
    PUBLISHED: NOTHING_MORE,
    SENT_BACK: gettext_lazy(
        "The note shows on the entry too. Make the changes, then submit it for review again."
    ),
    CHANGE_PROPOSED: gettext_lazy(
        "The published text stays online until you publish or discard the change."
    ),
    CHANGE_PUBLISHED: NOTHING_MORE,
    CHANGE_DISCARDED: gettext_lazy("The entry's history keeps your change."),
}
