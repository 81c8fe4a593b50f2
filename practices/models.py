from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, ProtectedError, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .richtext import sanitise
from .search import searchable_text


def slug_for(text):
    """The readable part of an entry's URL; the id before it is what finds the entry."""
    return slugify(text)[:80] or "entry"


class Vocabulary(models.Model):
    """A term of a controlled vocabulary that editors manage, labelled in both languages."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class ProgrammeKind(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("programme kind")
        verbose_name_plural = _("programme kinds")


class ActorType(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Actor(models.Model):
    """An institution or organisation that implements practices."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    actor_type = models.ForeignKey(
        ActorType, on_delete=models.PROTECT, related_name="actors", verbose_name=_("actor type")
    )

    class Meta:
        verbose_name = _("implementing actor")
        verbose_name_plural = _("implementing actors")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


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


class Level(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


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

    searchable_fields: tuple[str, ...] = ()
    # The relation to the countries an entry concerns, for editors limited to some countries.
    country_lookup = "countries"
    # Translated fields that must be written in every language before publishing.
    required_translations: tuple[str, ...] = ()
    # Translated fields that accept a small set of HTML, cleaned with nh3 on save and output.
    rich_text_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.prepare_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "published_at"}
        super().save(*args, **kwargs)

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
        missing = []
        for field in self.required_translations:
            for code, language in settings.LANGUAGES:
                if not (getattr(self, f"{field}_{code}", "") or "").strip():
                    label = self._meta.get_field(field).verbose_name
                    missing.append(f"{label} ({language})")
        return missing

    def check_publishable(self):
        if missing := self.missing_translations():
            raise ValidationError(
                _("This entry cannot be published while these fields are empty: %(fields)s.")
                % {"fields": ", ".join(str(label) for label in missing)}
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


def published_has_date(prefix):
    return models.CheckConstraint(
        condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
        name=f"{prefix}_published_has_date",
    )


def period_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=Q(end_year__isnull=True)
            | Q(start_year__isnull=True)
            | Q(end_year__gte=F("start_year")),
            name=f"{prefix}_ends_after_start",
            violation_error_message=_("The end year cannot be before the start year."),
        ),
        models.CheckConstraint(
            condition=Q(start_year__isnull=True) | Q(start_year__gte=1900, start_year__lte=2100),
            name=f"{prefix}_start_year_plausible",
            violation_error_message=_("The start year must be between 1900 and 2100."),
        ),
    ]


class Period(models.Model):
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    is_ongoing = models.BooleanField(_("ongoing"), default=False)

    class Meta:
        abstract = True

    @property
    def period_label(self):
        if self.start_year and self.end_year:
            if self.start_year == self.end_year:
                return str(self.start_year)
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return _("since %(year)s") % {"year": self.start_year}
        if self.end_year:
            return _("until %(year)s") % {"year": self.end_year}
        return ""


class Programme(Editorial, Period):
    """A government (or intergovernmental) programme or process."""

    name = models.CharField(_("name"), max_length=250)
    summary = models.TextField(_("summary"))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    kind = models.ForeignKey(
        ProgrammeKind,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("kind"),
    )
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
        verbose_name=pgettext_lazy("nation", "country"),
        help_text=_("Leave empty for a regional programme."),
    )
    responsible_institution = models.CharField(
        _("responsible institution"), max_length=250, blank=True
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    beneficiaries_year = models.PositiveSmallIntegerField(
        _("beneficiaries counted in"), null=True, blank=True
    )
    sources = models.ManyToManyField(Source, related_name="programmes", verbose_name=_("sources"))

    country_lookup = "country"
    searchable_fields = ("name", "summary", "legal_basis", "eligibility", "responsible_institution")
    required_translations = ("name", "summary")
    rich_text_fields = ("summary", "legal_basis", "eligibility")

    objects = EditorialQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        permissions = [("publish_programme", _("Can publish, archive and restore programmes"))]
        ordering = ["name"]
        constraints = [
            *period_constraints("programme"),
            models.CheckConstraint(
                condition=Q(beneficiaries__isnull=True) | Q(beneficiaries_year__isnull=False),
                name="programme_beneficiaries_have_year",
                violation_error_message=_("Give the year the beneficiaries were counted."),
            ),
            published_has_date("programme"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practices:programme", kwargs={"pk": self.pk, "slug": slug_for(self.name)})


class PracticeQuerySet(EditorialQuerySet):
    def for_country(self, country):
        return self.filter(countries=country)


class Practice(Editorial, Period):
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"))
    results = models.TextField(_("results"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    countries = models.ManyToManyField(
        "countries.Country", related_name="practices", verbose_name=_("countries")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("programme"),
    )
    themes = models.ManyToManyField(Theme, related_name="practices", verbose_name=_("themes"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    actors = models.ManyToManyField(
        Actor, related_name="practices", blank=True, verbose_name=_("implementing actors")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="practices", blank=True, verbose_name=_("target groups")
    )
    sources = models.ManyToManyField(Source, related_name="practices", verbose_name=_("sources"))

    country_lookup = "countries"
    searchable_fields = ("title", "summary", "description", "results", "lessons_learned")
    required_translations = ("title", "summary", "description")
    rich_text_fields = ("description", "results", "lessons_learned")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [("publish_practice", _("Can publish, archive and restore practices"))]
        ordering = ["-published_at", "title"]
        constraints = [
            *period_constraints("practice"),
            published_has_date("practice"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", kwargs={"pk": self.pk, "slug": slug_for(self.title)})


class Suggestion(models.Model):
    """A practice suggested by a visitor: it arrives as a draft, the contact stays private."""

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, related_name="suggestion", verbose_name=_("draft")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    source_url = models.URLField(_("link to a source"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.practice} ({self.name})"


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
