"""What every kind of entry shares: status and dates, sources, vocabularies, editor scopes.

Content apps (countries, practices, recommendations) build on these; nothing here imports them.
"""

import difflib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, migrations, models, transaction
from django.db.models import Case, Prefetch, ProtectedError, Q, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import fragments
from .related import prefetch_small_relations
from .richtext import sanitise
from .search import catalogue_words, searchable_text

SLUG_LENGTH = 80


def slug_for(text):
    """The readable part of an entry's URL; the id before it is what finds the entry.

    Cut at a word boundary, so a long title never ends its link in half a word.
    """
    slug = slugify(text)
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug[:SLUG_LENGTH] or "entry"


def spanish_slug_field():
    return models.SlugField(
        _("Spanish slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Names it in the addresses of Spanish pages; made from the Spanish name when left "
            "empty. Links shared with an earlier one stop finding it."
        ),
    )


def spanish_slug_operations(app_label, *model_names):
    """Migration operations giving the rows of `model_names` a Spanish slug, made from their
    Spanish name as a save would make it, before the slugs must be unique."""

    def fill(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = list(model.objects.order_by("pk"))
            taken = set()
            for row in rows:
                slug = base = slug_for(row.name_es or row.slug)
                n = 1
                while slug in taken:
                    n += 1
                    slug = f"{base}-{n}"
                taken.add(slug)
                row.slug_es = slug
            model.objects.bulk_update(rows, ["slug_es"], batch_size=1000)

    return [
        *(
            migrations.AddField(
                model_name=name,
                name="slug_es",
                field=models.SlugField(blank=True, db_index=False, default="", max_length=120),
                preserve_default=False,
            )
            for name in model_names
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(
            migrations.AlterField(model_name=name, name="slug_es", field=spanish_slug_field())
            for name in model_names
        ),
    ]


class TranslatedSlug:
    """A row that lists filter by, named in their addresses by `slug` in English and by
    `slug_es` in Spanish (`?tema=integracion`).

    `slug` stays the stable key of imports, exports and counts. Lists read either language's
    slug on either language's page, so a link works whichever language it was shared in.
    """

    def slug_in(self, language):
        return getattr(self, f"slug_{language}", "") or self.slug

    @property
    def url_slug(self):
        """Its slug in the page's language."""
        return self.slug_in(get_language())

    def save(self, *args, **kwargs):
        if not self.slug_es:
            self.slug_es = self.free_slug(slug_for(getattr(self, "name_es", "") or self.slug))
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "slug_es"}
        super().save(*args, **kwargs)

    def free_slug(self, slug):
        taken = set(
            type(self)
            ._default_manager.exclude(pk=self.pk)
            .filter(slug_es__startswith=slug)
            .values_list("slug_es", flat=True)
        )
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        return candidate


class Vocabulary(TranslatedSlug, models.Model):
    """A term of a controlled vocabulary that editors manage, labelled in both languages."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    slug_es = spanish_slug_field()
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # The words "did you mean" may offer (see SearchTerm).
    suggestion_fields = ("name",)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SearchTermQuerySet(models.QuerySet):
    def refresh(self):
        """Rebuild the word list once the catalogue has changed since it was built."""
        from .cache import generation

        current = generation()
        if cache.get(TERMS_BUILT_KEY) == current:
            return
        sources = [
            (model, model.suggestion_fields)
            for model in apps.get_models()
            if getattr(model, "suggestion_fields", ())
        ]
        words = catalogue_words(sources)
        with transaction.atomic():
            self.all().delete()
            # Two visitors may rebuild at once after an edit; the second finds the words there.
            self.bulk_create(
                (
                    SearchTerm(normalised=key[:60], language=language, word=word[:60])
                    for (key, language), word in words.items()
                ),
                ignore_conflicts=True,
            )
        cache.set(TERMS_BUILT_KEY, current, None)

    def closest(self, term, language):
        """The catalogue word nearest to a misspelt `term`, in `language` if it has one."""
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import TrigramSimilarity

            nearest = (
                self.filter(normalised__trigram_similar=term)
                .annotate(similarity=TrigramSimilarity("normalised", term))
                .order_by("-similarity", Case(When(language=language, then=0), default=1))
                .first()
            )
            return nearest.word if nearest else None
        rows = list(self.values_list("normalised", "word", "language"))
        # The page's own language first: "regularizasion" gives "regularización" in Spanish.
        for wanted in (language, None):
            known = {key: word for key, word, lang in rows if wanted in (None, lang)}
            if close := difflib.get_close_matches(term, known, n=1, cutoff=0.75):
                return known[close[0]]
        return None


TERMS_BUILT_KEY = "search-terms-built"


class SearchTerm(models.Model):
    """A word of the published catalogue, offered when a search finds nothing."""

    normalised = models.CharField(max_length=60)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    word = models.CharField(max_length=60)

    objects = SearchTermQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["normalised", "language"], name="one_word_per_language")
        ]

    def __str__(self):
        return self.word


class Source(models.Model):
    """A document an entry is based on; every public entry cites at least one."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    document = models.CharField(
        _("document name"),
        max_length=200,
        blank=True,
        help_text=_("File name or reference of the document when it has no public URL."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(document=""),
                name="source_has_url_or_document",
                violation_error_message=_("Give the source's URL or its document name."),
            ),
        ]

    def __str__(self):
        return self.title


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def newest_first(self):
        return self.order_by("-published_at", "pk")

    def in_review(self):
        return self.filter(status=Status.REVIEW)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def missing_translation(self, language=None):
        """Entries with a text that publishing requires left empty in `language`, or in any."""
        codes = [language] if language else [code for code, _name in settings.LANGUAGES]
        return self.filter(self._empty_in(codes))

    def translated(self):
        """Entries whose texts that publishing requires are written in every language."""
        return self.exclude(self._empty_in([code for code, _name in settings.LANGUAGES]))

    def _empty_in(self, codes):
        fields = self.model.required_translations
        return Q.create(
            [(f"{field}_{code}", "") for field in fields for code in codes], connector=Q.OR
        )

    def with_pending_change(self):
        """Published entries with an editor's change waiting for a reviewer."""
        pending = ProposedChange.objects.pending().for_model(self.model)
        return self.filter(pk__in=pending.values("object_id"))

    # What a card of this kind of entry shows: many-to-many relations to small tables, and
    # the foreign keys to follow.
    card_relations: tuple[str, ...] = ()
    card_select_related: tuple[str, ...] = ()
    # The name its card template keeps a card under (editorial.fragments), the entry's id its
    # only value.
    card_fragment: str | None = None
    # The fields its card reads, when the entry's long texts are not among them: a listed
    # entry then comes without them (a practice's row is some 13 KB, its card's share 1 KB).
    card_fields: tuple[str, ...] = ()

    def for_listing(self):
        """What a card of this kind of entry shows, in a fixed number of queries."""
        return self.select_related(*self.card_select_related).prefetch_related(*self.card_relations)

    def as_cards(self, *, shown=False):
        """The entries as a list, with what their cards show, in two queries in all.

        `shown`: the caller shows the entries as cards and reads nothing else of them, so an
        entry whose card this request would get as kept needs its row alone.
        """
        entries = self.select_related(*self.card_select_related)
        if self.query.low_mark and all(
            isinstance(name, str) and name.lstrip("-") not in self.query.annotations
            for name in self.query.order_by
        ):
            # A page deep in a list: its ids first, which the database counts off in the
            # listing index alone, then those rows. Read at once, the rows of every page
            # before it would be fetched to be skipped (12 ms at page 200 of 10,000).
            entries = self.model._default_manager.filter(pk__in=self.values("pk"))
            if self.query.order_by:
                entries = entries.order_by(*self.query.order_by)
            entries = entries.select_related(*self.card_select_related)
        if shown and self.card_fields:
            entries = entries.only(*self.card_columns())
        entries = list(entries)
        drawn = [
            entry
            for entry in entries
            if not (shown and fragments.is_kept(self.card_fragment, (entry.pk,)))
        ]
        prefetch_small_relations(drawn, *self.card_relations)
        return entries

    def card_columns(self):
        """`card_fields`, a translated field in each language's column."""
        names = {field.name for field in self.model._meta.concrete_fields}
        columns = []
        for name in self.card_fields:
            translated = [f"{name}_{code}" for code, _name in settings.LANGUAGES]
            columns += translated if set(translated) <= names else [name]
        return columns


def published_counts(*models):
    """How many published entries each model has, in one query."""
    return count_each([model.objects.published() for model in models])


def count_each(querysets):
    """How many rows each queryset has, in one query: a page that shows several counts waits
    for one round trip to the database, not one per count."""
    if not querysets:
        return ()
    parts, params = [], []
    for queryset in querysets:
        sql, queryset_params = queryset.values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS entries)")
        params += queryset_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return cursor.fetchone()


def published_related(model, relation, *, cards=False):
    """Prefetch only the published entries behind `relation`, as `published_<relation>`.

    Public pages show related entries through this, so a draft never appears through a
    published one. With `cards`, each comes with what its card shows.
    """
    published = model._meta.get_field(relation).related_model.objects.published()
    return Prefetch(
        relation,
        queryset=published.for_listing() if cards else published,
        to_attr=f"published_{relation}",
    )


class Editorial(models.Model):
    """Editorial status and dates shared by everything editors publish."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Unaccented, lower-cased text of both languages, so search works the same on any database.
    search_text = models.TextField(editable=False, default="")
    # The same of the title alone (the first searchable field): titles that match rank first.
    search_title = models.TextField(editable=False, default="")

    searchable_fields: tuple[str, ...] = ()
    # Relations whose names a search also reads: "Belice" finds every practice of Belize.
    searchable_relations: tuple[str, ...] = ()
    # The words "did you mean" may offer, from published entries (see SearchTerm).
    suggestion_fields: tuple[str, ...] = ()
    # The relation to the countries an entry concerns, for editors limited to some countries.
    country_lookup = "countries"
    # Translated fields that must be written in every language before publishing.
    required_translations: tuple[str, ...] = ()
    # Translated fields that accept a small set of HTML, cleaned with nh3 on save and output.
    rich_text_fields: tuple[str, ...] = ()
    # Fields only reviewers (the publish permission) set: the admin's form shows them to editors
    # read-only, and proposed changes never carry them.
    reviewer_fields: tuple[str, ...] = ()

    # Written by save() itself, so they follow any partial save.
    derived_fields = ("search_text", "search_title", "published_at")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.stamp_publication()
        self.prepare_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.derived_fields}
        super().save(*args, **kwargs)

    def stamp_publication(self, when=None):
        """A published entry keeps the date it was first published."""
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = when or timezone.now()

    def prepare_text(self):
        """Normalise blanks, clean rich text and rebuild the search text, as every save does.

        Also called for rows written without save() (loaddata), so they end up identical.
        """
        # Translation columns are nullable; keep "no text" as one value so comparisons,
        # exports and round trips never tell None from "".
        for name in self.translated_field_names():
            if getattr(self, name) is None:
                setattr(self, name, "")
        for field in self.rich_text_fields:
            for code, _language in settings.LANGUAGES:
                name = f"{field}_{code}"
                setattr(self, name, sanitise(getattr(self, name)))
        self.search_text = searchable_text(self, self.searchable_fields)
        self.search_title = searchable_text(self, self.searchable_fields[:1])

    @classmethod
    def translated_field_names(cls):
        """Every per-language column of this model's translated fields (title_en, title_es…)."""
        from modeltranslation.translator import translator

        fields = translator.get_options_for_model(cls).fields
        return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def missing_translations(self):
        """Labels such as "summary (Spanish)" for each required field left empty."""
        return [
            f"{self._meta.get_field(field).verbose_name} ({language})"
            for field in self.required_translations
            for code, language in settings.LANGUAGES
            if self._is_empty(field, code)
        ]

    def missing_languages(self):
        """The codes of the languages in which a field that publishing requires is empty."""
        return [
            code
            for code, _language in settings.LANGUAGES
            if any(self._is_empty(field, code) for field in self.required_translations)
        ]

    def _is_empty(self, field, code):
        return not (getattr(self, f"{field}_{code}", "") or "").strip()

    def empty_translation_columns(self):
        """The columns (summary_es…) of required fields left empty, as a spreadsheet names them."""
        return [
            f"{field}_{code}"
            for field in self.required_translations
            for code, _language in settings.LANGUAGES
            if self._is_empty(field, code)
        ]

    def check_publishable(self):
        if missing := self.missing_translations():
            # The code lets a spreadsheet import name the empty cells instead.
            raise ValidationError(
                _("This entry cannot be published while these fields are empty: %(fields)s.")
                % {"fields": ", ".join(str(label) for label in missing)},
                code="missing_translations",
            )

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED:
            self.check_publishable()

    def delete(self, *args, **kwargs):
        if self.status == Status.PUBLISHED:
            raise ProtectedError(
                _("A published entry cannot be deleted; archive it instead."), {self}
            )
        return super().delete(*args, **kwargs)


def public(entry):
    """`entry` when the public may see it, else None: a draft is never named in public."""
    return entry if entry is not None and entry.is_published else None


def published_has_date(prefix):
    return models.CheckConstraint(
        condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
        name=f"{prefix}_published_has_date",
    )


class EditorScope(models.Model):
    """Limits a member of staff to the entries of some countries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_scope",
        verbose_name=_("user"),
    )
    countries = models.ManyToManyField(
        "countries.Country",
        related_name="+",
        blank=True,
        verbose_name=_("countries"),
        help_text=_("The user sees and changes only these countries' entries; empty means all."),
    )

    class Meta:
        verbose_name = _("country scope")
        verbose_name_plural = _("country scopes")

    def __str__(self):
        return str(self.user)


class EntryRecordQuerySet(models.QuerySet):
    """Records about entries of any kind, each naming its entry by content type and id."""

    def for_model(self, model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def for_entry(self, entry):
        return self.for_model(type(entry)).filter(object_id=entry.pk)


class ProposedChangeQuerySet(EntryRecordQuerySet):
    def pending(self):
        return self.filter(outcome=ProposedChange.Outcome.PENDING)


class ProposedChange(models.Model):
    """An editor's change to a published entry, kept as a version until a reviewer decides.

    The entry's row is not written meanwhile, so the public keeps seeing the published text.
    The revision (signed by the editor) holds the entry as the editor left it, relations
    included; it stays in the history whatever the outcome.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published by a reviewer")
        DISCARDED = "discarded", _("Discarded by a reviewer")
        REPLACED = "replaced", _("Replaced by a later proposal")

    revision = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.CASCADE,
        related_name="proposed_change",
        verbose_name=_("revision"),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind of entry")
    )
    # Every editorial entry has an integer id; an integer here lets lists filter on it.
    object_id = models.PositiveBigIntegerField(_("entry id"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(outcome="pending"),
                name="one_pending_change_per_entry",
            )
        ]

    def __str__(self):
        return f"{self.version.object_repr} ({self.get_outcome_display()})"

    @property
    def author(self):
        return self.revision.user

    @cached_property
    def version(self):
        return self.revision.version_set.get()

    @property
    def is_pending(self):
        return self.outcome == self.Outcome.PENDING


class ReviewNoteQuerySet(EntryRecordQuerySet):
    def sent_back(self, entry):
        """The note of the reviewer who sent `entry` back to draft, while that is still the
        last thing that happened to its status; None otherwise."""
        if entry.status != Status.DRAFT or entry.status_changed_at is None:
            return None
        notes = self.for_entry(entry).filter(written_at__gte=entry.status_changed_at)
        return notes.select_related("written_by").order_by("-written_at").first()


class ReviewNote(models.Model):
    """What a reviewer asks of the author when sending an entry back to draft."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind of entry")
    )
    object_id = models.PositiveBigIntegerField(_("entry id"))
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    # The moment the entry went back to draft, so the note shows until its status next moves.
    written_at = models.DateTimeField(_("written"))

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.text


class StaffLanguage(models.Model):
    """The language a member of staff last signed in to the admin in: mail about the entries
    they work on is written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_language",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("mail language")
        verbose_name_plural = _("mail languages")

    def __str__(self):
        return self.get_language_display()
