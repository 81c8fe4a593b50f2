from collections.abc import Callable
from typing import NamedTuple

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import notifications, proposals, scopes, services
from .editor import RichTextEditor, with_nonce
from .history import entry_fields, field_changes, version_changes
from .models import (
    Editorial,
    EditorialQuerySet,
    EditorScope,
    ProposedChange,
    ReviewNote,
    Source,
    Status,
    count_each,
)
from .related import prefetch_small_relations
from .roles import publish_permission
from .spreadsheets import SpreadsheetImportMixin


class FieldHelp:
    """For the admins and the inlines editors write in: advice on each field, and the rich-text
    editor on the long texts that may be formatted."""

    # What to write in each field, by field name; both language tabs of a translated field
    # share it. Kept on the admin rather than the model, so changing the advice needs no
    # migration; a field's help on the model stands where none is given here.
    help_texts = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        name = getattr(db_field, "translated_field", db_field).name
        if name in getattr(db_field.model, "rich_text_fields", ()):
            kwargs["widget"] = RichTextEditor
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and name in self.help_texts:
            formfield.help_text = self.help_texts[name]
        return formfield


def _field_name(model, form, name):
    """The untranslated name of a changed form field, as gettext finds it when it is shown."""
    for code, _language in settings.LANGUAGES:
        name = name.removesuffix(f"_{code}")
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        field = form.fields.get(name)
        return str(field.label if field and field.label else name)


class HistoryAdmin(FieldHelp, VersionAdmin):
    """Every change is kept; the history lists what changed, field by field, in both languages.

    Restoring an earlier version is for reviewers (and superusers) only.
    """

    object_history_template = "admin/editorial/object_history.html"
    revision_form_template = "admin/editorial/revision_form.html"
    history_latest_first = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def history_view(self, request, object_id, extra_context=None):
        obj = self.reachable_object(request, object_id)
        versions = list(Version.objects.get_for_object(obj).select_related("revision__user"))
        proposed = {
            proposal.revision_id: proposal
            for proposal in ProposedChange.objects.filter(
                revision__in=[version.revision_id for version in versions]
            ).select_related("decided_by")
        }
        return super().history_view(
            request,
            object_id,
            extra_context={
                "changes": version_changes(self.model, versions, proposed),
                "proposals": proposed,
                "can_restore": self.can_restore(request),
                **(extra_context or {}),
            },
        )

    def reachable_object(self, request, object_id):
        """The entry, if this user may work on it; otherwise a 404 that names nothing."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404(_("No such entry, or not one of your countries'."))
        return obj

    def can_restore(self, request):
        # Restoring an entry can publish it again: a reviewer's act. Other records (sources,
        # vocabularies) take only the right to change them.
        if issubclass(self.model, Editorial):
            return request.user.has_perm(publish_permission(self.model))
        return self.has_change_permission(request)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.can_restore(request):
            raise PermissionDenied
        entry = self.reachable_object(request, object_id)
        # A version of this entry only: the id in the address could name another entry's.
        version = get_object_or_404(Version.objects.get_for_object(entry), pk=version_id)
        extra_context = {
            "restore_changes": field_changes(self.model, entry_fields(entry), version.field_dict),
            **(extra_context or {}),
        }
        return super().revision_view(request, object_id, version_id, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        # Django keeps the form's labels ("Status", "Summary [es]"), which have no translation;
        # the fields' own names do, and the rows of the history say which language changed.
        changed = [
            part["changed"]
            for part in message
            if "changed" in part and "name" not in part["changed"]
        ]
        if changed:
            with translation.override(None):
                changed[0]["fields"] = list(
                    dict.fromkeys(_field_name(self.model, form, name) for name in form.changed_data)
                )
        return message

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._keep_comment_untranslated(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._keep_comment_untranslated(entry)
        return entry

    @staticmethod
    def _keep_comment_untranslated(entry):
        # django-reversion keeps the summary in the words of whoever saved; kept as Django keeps
        # it, the history shows it in the words of whoever reads (Revision.get_comment).
        if reversion.is_active():
            reversion.set_comment(entry.change_message)

    def can_recover(self, request):
        # A deleted entry has no countries left to check a scope against, so recovering one
        # is for staff who work on every country.
        return self.can_restore(request) and scopes.scoped_countries(request.user) is None

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_recover": self.can_recover(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.can_recover(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.can_recover(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)


class TranslatedHistoryAdmin(HistoryAdmin, TabbedTranslationAdmin):
    change_list_template = "admin/editorial/change_list.html"
    change_form_template = "admin/editorial/change_form.html"

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = with_nonce(context["media"], request)
        return super().render_change_form(request, context, *args, **kwargs)

    class Media:
        css = {"all": ["css/admin.css"]}
        # After the tabs' script, so that its ready handler, which builds the tabs, runs first.
        js = [
            "admin/js/jquery.init.js",
            "modeltranslation/js/tabbed_translation_fields.js",
            "js/language-tabs.js",
            "js/translation-view.js",
            "js/admin-labels.js",
        ]


class VocabularyAdmin(TranslatedHistoryAdmin):
    help_texts = {
        "name": _("The term as readers will see it in filters, e.g. Regularization."),
        "description": _("One sentence on what the term covers, shown beside it in filters."),
        "slug": _("Names the term in English addresses; made from the English name."),
        "position": _("Order in lists and filters: lower numbers come first."),
    }
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_es", "slug", "slug_es"]
    prepopulated_fields = {"slug": ["name_en"], "slug_es": ["name_es"]}


@admin.register(Source)
class SourceAdmin(TranslatedHistoryAdmin):
    help_texts = {
        "title": _(
            "The document's own title, as printed on it, e.g. “8 countries address key aspects "
            "of migrant integration at Regional Forum”."
        ),
        "publisher": _(
            "Who published it, written out with the acronym, e.g. International Organization "
            "for Migration (IOM)."
        ),
        "published_on": _("The date printed on the document; leave empty when it has none."),
        "url": _(
            "The public address of the document, so readers can check it, e.g. "
            "https://www.iom.int/…; leave empty when it is not online."
        ),
        "document": _(
            "File name or reference of the document when it has no public URL, e.g. "
            "000_fe3bc1cc3bdba8e7.txt."
        ),
        "note": _(
            "What readers should know to find or weigh it, e.g. “Undated news release on the "
            "forum held in San José, Costa Rica, on 4–5 August 2022.”"
        ),
    }
    list_display = ["title", "publisher", "published_on", "document"]
    list_filter = ["publisher"]
    search_fields = ["title_en", "title_es", "publisher_en", "document", "url"]
    date_hierarchy = "published_on"


class Task(NamedTuple):
    """Something entries may be waiting for: `entries` picks them out of a queryset, `query`
    is the address of their filtered change list."""

    label: str
    query: str
    entries: Callable


MISSING_TEXT = {"es": _("Missing Spanish text"), "en": _("Missing English text")}


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("complete", _("Complete in both languages")),
            ("missing", _("Missing a language")),
            *((f"missing-{code}", label) for code, label in MISSING_TEXT.items()),
        ]

    def queryset(self, request, queryset):
        if self.value() == "complete":
            return queryset.translated()
        if self.value() == "missing":
            return queryset.missing_translation()
        if self.value() in ("missing-es", "missing-en"):
            return queryset.missing_translation(self.value().removeprefix("missing-"))
        return queryset


class ProposedChangeFilter(admin.SimpleListFilter):
    title = _("proposed changes")
    parameter_name = "proposed_change"

    def lookups(self, request, model_admin):
        return [("pending", _("Awaiting review"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.with_pending_change()
        return queryset


class RelatedListFilter(admin.RelatedFieldListFilter):
    """Names the choice of entries with none, which Django offers as a bare dash."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = _("None")


class CountryListFilter(RelatedListFilter):
    """Offers an editor limited to some countries those countries only."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.scope = scopes.scoped_countries(request.user)
        super().__init__(field, request, params, model, model_admin, field_path)

    def field_choices(self, field, request, model_admin):
        if self.scope is None:
            return super().field_choices(field, request, model_admin)
        return [(country.pk, str(country)) for country in self.scope]

    @property
    def include_empty_choice(self):
        # Entries without a country are out of a limited editor's reach.
        return super().include_empty_choice and self.scope is None


class EditorialChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Each row names its countries: read for the whole page at once, from the cached
        # table of countries, rather than once per row.
        field = self.model._meta.get_field(self.model.country_lookup)
        if field.many_to_many:
            prefetch_small_relations(self.result_list, field.name)


# Countries a list row names before it says how many more there are.
COUNTRIES_SHOWN = 2


def title_column(model, field):
    """A list column with the entry's `field` (its title or name) kept to two lines on screen.

    The whole text stays on the page, for screen readers and the browser's search, and shows
    on hover; editors see every other column at 1366 px without scrolling sideways.
    """

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def title(entry):
        text = getattr(entry, field)
        return format_html('<span class="entry-title" title="{}">{}</span>', text, text)

    return title


def transition_action(status, label, confirmation, *, sends_back=False):
    """An admin action moving the selected entries to `status`, after a confirmation page.

    One that `sends_back` entries in review to draft asks there for a note to their authors.
    """

    def action(modeladmin, request, queryset):
        note = request.POST.get("note", "").strip()
        if request.POST.get("confirmed") != "yes" or (sends_back and not note):
            return TemplateResponse(
                request,
                "admin/editorial/confirm_transition.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "title": label,
                    "question": confirmation,
                    "entries": queryset,
                    "action": request.POST["action"],
                    "opts": modeladmin.model._meta,
                    "asks_note": sends_back,
                    "note_missing": sends_back and request.POST.get("confirmed") == "yes",
                },
            )
        done = 0
        # Each reviewer or author hears once of all the entries moved here.
        with notifications.one_mail_each():
            for entry in queryset:
                if sends_back and entry.status != Status.REVIEW:
                    reason = _("Only entries in review can be sent back.")
                    messages.error(request, f"{entry}: {reason}")
                    continue
                try:
                    services.entry_transition(
                        entry=entry, status=status, user=request.user, note=note
                    )
                    done += 1
                except ValidationError as error:
                    messages.error(request, f"{entry}: {' '.join(error.messages)}")
                except PermissionDenied as error:
                    messages.error(request, f"{entry}: {error}")
        if done:
            message = ngettext(
                "%(n)d entry is now “%(status)s”.", "%(n)d entries are now “%(status)s”.", done
            )
            messages.success(request, message % {"n": done, "status": status.label})
        return None

    action.__name__ = f"make_{status}"
    return admin.action(description=label)(action)


publication_fieldset = (
    _("Publication"),
    {
        "fields": [
            "status",
            "review_note",
            "published_at",
            "status_changed_at",
            "status_changed_by_name",
            "created_at",
            "updated_at",
        ]
    },
)


class PublishingBoundField(forms.BoundField):
    """Marks the label of a field that publishing needs as the admin marks a required one, in
    every language tab, though a draft may leave it empty."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if getattr(self.field, "required_for_publishing", False):
            classes = {*(attrs or {}).get("class", "").split(), "required"}
            attrs = {**(attrs or {}), "class": " ".join(sorted(classes - {""}))}
        return super().label_tag(contents, attrs, label_suffix, tag)


class EditorialForm(forms.ModelForm):
    """Limits the status to the moves the editor may make, and checks them on save. Sending
    someone else's entry back from review to draft takes a note for its author."""

    bound_field_class = PublishingBoundField
    user = None
    # The entry as it stood before a restore wrote an earlier version over it (revision_view).
    stored_before_restore = None

    review_note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When you send an entry in review back to draft, say what its author should "
            "change, e.g. “Add the decree number to the legal basis.” They get it by e-mail "
            "and see it on the entry."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            allowed = services.allowed_statuses(self.user, self.instance)
            self.fields["status"].choices = [(s.value, s.label) for s in allowed]
        if not services.can_publish(self.user, self.instance):
            # A disabled field keeps the stored value whatever the request sends.
            for name in self._meta.model.reviewer_fields:
                if name in self.fields:
                    self.fields[name].disabled = True
        for field in self._meta.model.required_translations:
            for code, _language in settings.LANGUAGES:
                if f"{field}_{code}" in self.fields:
                    self.fields[f"{field}_{code}"].required_for_publishing = True

    def clean(self):
        cleaned = super().clean()
        lookup = self._meta.model.country_lookup
        if lookup in self.fields:
            chosen = cleaned.get(lookup)
            chosen = list(chosen) if hasattr(chosen, "__iter__") else [chosen] if chosen else []
            try:
                scopes.check_countries_in_scope(self.user, chosen)
            except ValidationError as error:
                self.add_error(lookup, error)
        self.stored_entry = self.stored()
        status = cleaned.get("status")
        if status and self.stored_entry is not None:
            try:
                services.check_transition(
                    entry=self.instance,
                    status=status,
                    user=self.user,
                    previous=self.stored_entry.status,
                )
            except PermissionDenied as error:
                raise ValidationError(str(error)) from error
            except ValidationError as error:
                # The entry here still holds the stored text; the model's own check, run on
                # the text as sent, tells what publishing misses (see _post_clean).
                if error.code != "missing_translations":
                    raise
            stored = self.stored_entry
            sends_back = services.sends_back(stored=stored, status=status, user=self.user)
            if sends_back and "review_note" in self.fields and not cleaned.get("review_note"):
                self.add_error(
                    "review_note",
                    _("Say what the author should change: they get this note by e-mail."),
                )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Flag each empty field that publishing needs, so its language tab shows the error.
        if any(error.code == "missing_translations" for error in self.non_field_errors().data):
            for column in self.instance.empty_translation_columns():
                if column in self.fields:
                    self.add_error(column, _("Publishing needs this text."))

    def stored(self):
        """The entry as it stands in the database; None while it is being created."""
        if self.stored_before_restore is not None:
            return self.stored_before_restore
        if self.instance.pk is None:
            return None
        return type(self.instance).objects.filter(pk=self.instance.pk).first()


class EditorialAdmin(SpreadsheetImportMixin, ImportExportMixin, TranslatedHistoryAdmin):
    """Shared by everything with an editorial status."""

    form = EditorialForm
    help_texts = {
        "status": _(
            "Draft while you write; “In review” when it is ready for a reviewer; only "
            "“Published” entries are public. Publishing needs every field marked in bold written "
            "in both English and Spanish."
        ),
    }
    list_filter = ["status", TranslationFilter]
    readonly_fields = [
        "published_at",
        "status_changed_at",
        "status_changed_by_name",
        "created_at",
        "updated_at",
    ]
    list_select_related = True
    save_on_top = True
    export_formats = [CSV, XLSX]
    actions = [
        transition_action(
            Status.REVIEW,
            _("Submit selected entries for review"),
            _("Submit these entries for review? Reviewers will be able to publish them."),
        ),
        transition_action(
            Status.DRAFT,
            _("Send selected entries back to their authors"),
            _(
                "Send these entries back to draft? Their authors get your note by e-mail and "
                "see it on the entry."
            ),
            sends_back=True,
        ),
        transition_action(
            Status.PUBLISHED,
            _("Publish selected entries"),
            _("Publish these entries? They will appear on the public site at once."),
        ),
        transition_action(
            Status.ARCHIVED,
            _("Archive selected entries"),
            _("Archive these entries? They will no longer be public; nothing is deleted."),
        ),
    ]

    # Named shortcuts to the lists editors come back to, shown above every changelist.
    saved_filters = [
        (_("Awaiting review"), "status__exact=review"),
        (_("Changes awaiting review"), "proposed_change=pending"),
        (_("Drafts"), "status__exact=draft"),
        (_("Missing Spanish text"), "translation=missing-es"),
        (_("Missing English text"), "translation=missing-en"),
        (_("Published"), "status__exact=published"),
    ]

    # What the admin home counts, each a link to its filtered list (see `what_needs_doing`).
    tasks = [
        Task(_("Awaiting review"), "status__exact=review", EditorialQuerySet.in_review),
        Task(
            _("Changes awaiting review"),
            "proposed_change=pending",
            EditorialQuerySet.with_pending_change,
        ),
        Task(_("Drafts"), "status__exact=draft", EditorialQuerySet.drafts),
        Task(_("Missing a language"), "translation=missing", EditorialQuerySet.missing_translation),
    ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"saved_filters": self.saved_filters, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ProposedChangeFilter]

    # As text: the admin would link the name to the user's page, a bare 403 for all but
    # superusers.
    @admin.display(description=_("status changed by"))
    def status_changed_by_name(self, entry):
        return entry.status_changed_by

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new entry has no author to send it back to yet.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "review_note"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Shown as text to those who may not set them: a disabled date box still offers
        # "Today" and the calendar, and the date they put there was silently dropped.
        if not request.user.has_perm(publish_permission(self.model)):
            readonly = [*readonly, *self.model.reviewer_fields]
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        stored = getattr(request, "entry_before_restore", None)
        return type(form.__name__, (form,), {"user": request.user, "stored_before_restore": stored})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting writes the earlier version over the entry before its form is built: the
        # workflow must check, and tell people of, the move from the entry as it stands now.
        request.entry_before_restore = self.get_object(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/proposed-change/",
                self.admin_site.admin_view(self.proposed_change_view),
                name=f"{opts.app_label}_{opts.model_name}_proposed_change",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        extra_context = {
            "proposed_change": entry and proposals.pending_change(entry),
            "review_note": entry and ReviewNote.objects.sent_back(entry),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if proposals.needs_review(entry=obj, user=request.user):
            relations = {
                field.name: form.cleaned_data[field.name]
                for field in obj._meta.many_to_many
                if field.name in form.cleaned_data
            }
            obj.proposed_change = proposals.propose_change(
                entry=obj, relations=relations, user=request.user
            )
            return
        stored = form.stored_entry
        if stored is None or obj.status != stored.status:
            services.mark_status_change(
                entry=obj,
                status=Status(obj.status),
                user=request.user,
                stored=stored,
                note=form.cleaned_data.get("review_note", ""),
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # A proposed change holds its relations in its version until a reviewer publishes it.
        if getattr(form.instance, "proposed_change", None) is None:
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        # The inlines of a proposed change were not saved, so only the form's fields count.
        if getattr(form.instance, "proposed_change", None) is not None:
            formsets = []
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if getattr(obj, "proposed_change", None) is None:
            return super().response_change(request, obj)
        messages.info(
            request,
            _(
                "Your change awaits a reviewer’s approval; the published text stays online "
                "until then."
            ),
        )
        return HttpResponseRedirect(request.path)

    def proposed_change_view(self, request, object_id):
        """The change awaiting review, field by field; reviewers publish or discard it here."""
        entry = self.reachable_object(request, object_id)
        if not self.has_view_or_change_permission(request, entry):
            raise PermissionDenied
        proposal = proposals.pending_change(entry)
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
        if proposal is None:
            messages.info(request, _("No change to this entry awaits review."))
            return redirect(change_url)
        may_decide = self.can_restore(request)
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            try:
                if "publish" in request.POST:
                    proposals.publish_change(proposal=proposal, user=request.user)
                    messages.success(request, _("The change is published."))
                else:
                    proposals.discard_change(proposal=proposal, user=request.user)
                    messages.success(request, _("The change is discarded; nothing was published."))
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(error.messages) if hasattr(error, "messages") else str(error)
                messages.error(request, reason)
                return redirect(request.path)
            return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/editorial/proposed_change.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Change awaiting review"),
                "opts": opts,
                "original": entry,
                "proposal": proposal,
                "rows": proposals.proposed_rows(entry, proposal),
                "may_decide": may_decide,
                "change_url": change_url,
            },
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        if queryset.filter(status=Status.PUBLISHED).exists():
            messages.error(request, _("Published entries cannot be deleted; archive them instead."))
            return
        super().delete_queryset(request, queryset)

    def has_import_permission(self, request):
        return services.can_publish(request.user, self.model())

    def has_publish_permission(self, request):
        """For actions only reviewers may take (`permissions=["publish"]`)."""
        return services.can_publish(request.user, self.model())

    def get_queryset(self, request):
        # No select_related here: the change list would then ignore `list_select_related`.
        return scopes.limit_to_scope(super().get_queryset(request), request.user)

    def get_changelist(self, request, **kwargs):
        return EditorialChangeList

    @admin.display(description=_("countries"))
    def countries_column(self, entry):
        names = [str(country) for country in scopes.entry_countries(entry)]
        if len(names) <= COUNTRIES_SHOWN:
            return ", ".join(names) or "—"
        shown = _("%(countries)s and %(n)d more") % {
            "countries": ", ".join(names[:COUNTRIES_SHOWN]),
            "n": len(names) - COUNTRIES_SHOWN,
        }
        return format_html('<span title="{}">{}</span>', ", ".join(names), shown)

    @admin.display(description=_("translation"))
    def translation_state(self, entry):
        missing = entry.missing_languages()
        if not missing:
            return _("Complete")
        return format_html(
            '<span class="translation-missing" title="{}">{}</span>',
            ", ".join(str(label) for label in entry.missing_translations()),
            MISSING_TEXT[missing[0]] if len(missing) == 1 else _("Missing text in both languages"),
        )

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, entry):
        changed = localtime(entry.updated_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            changed.isoformat(),
            date_format(changed, "DATETIME_FORMAT"),
            date_format(changed, "SHORT_DATE_FORMAT"),
        )


def what_needs_doing(request, site):
    """[(task, [(count, kind of entry, list address)])] for every task of the entries the user
    works on (their countries' only), each count the number its filtered list shows; every
    count is read in one query."""
    admins = sorted(
        (
            model_admin
            for model_admin in site._registry.values()
            if isinstance(model_admin, EditorialAdmin)
            and model_admin.has_view_or_change_permission(request)
        ),
        key=lambda model_admin: str(model_admin.model._meta.verbose_name_plural),
    )
    work = [(task, model_admin) for model_admin in admins for task in model_admin.tasks]
    counts = count_each(
        [task.entries(model_admin.get_queryset(request)) for task, model_admin in work]
    )
    found = {task: [] for task, _model_admin in work}
    for (task, model_admin), count in zip(work, counts, strict=True):
        if not count:
            continue
        opts = model_admin.model._meta
        changelist = reverse(
            f"{site.name}:{opts.app_label}_{opts.model_name}_changelist", current_app=site.name
        )
        name = opts.verbose_name if count == 1 else opts.verbose_name_plural
        found[task].append((count, name, f"{changelist}?{task.query}"))
    return list(found.items())


class EditorScopeInline(admin.StackedInline):
    model = EditorScope
    can_delete = True
    autocomplete_fields = ["countries"]
    verbose_name = verbose_name_plural = _("Limit to countries")


# The user admin gains the country scope, so a superuser sets it where roles are set.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class CatalogueUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, EditorScopeInline]
