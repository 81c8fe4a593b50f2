from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.models import (
    Editorial,
    EditorialQuerySet,
    Source,
    Status,
    Vocabulary,
    public,
    published_has_date,
    slug_for,
)


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class ProgrammeKindQuerySet(models.QuerySet):
    def with_published(self):
        """Kinds with published programmes, each with their number as `n`."""
        published = Q(programmes__status=Status.PUBLISHED)
        return self.annotate(n=Count("programmes", filter=published, distinct=True)).filter(n__gt=0)


class ProgrammeKind(Vocabulary):
    objects = ProgrammeKindQuerySet.as_manager()

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


class CompactObjective(Vocabulary):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration,
    under its official title in each language."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    # The official titles run longer than other vocabularies' names.
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The official United Nations title, word for word.")
    )
    # Filters and lists name it shortly, as the UN Network on Migration's hub does: 23 official
    # titles of two or three lines each would bury the other filters.
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        help_text=_("As the UN Network on Migration's hub names it, e.g. Consular protection."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("Global Compact objective")
        verbose_name_plural = _("Global Compact objectives")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=23),
                name="compact_objective_number_1_to_23",
                violation_error_message=_(
                    "The Global Compact has 23 objectives, numbered 1 to 23."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_name or self.name}"

    @property
    def official(self):
        """Its number and official title: "21. Cooperate in facilitating safe…"."""
        return f"{self.number}. {self.name}"


class Actor(models.Model):
    """An institution or organisation that implements practices."""

    # Cached with their type, which pages show beside them (editorial.related).
    cached_with = ("actor_type",)

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


class Level(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


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
        models.CheckConstraint(
            condition=Q(is_planned=False) | Q(is_ongoing=False),
            name=f"{prefix}_planned_or_ongoing",
            violation_error_message=_("Something only planned cannot be ongoing yet."),
        ),
    ]


class Period(models.Model):
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    is_ongoing = models.BooleanField(_("ongoing"), default=False)
    is_planned = models.BooleanField(
        _("planned"),
        default=False,
        help_text=_(
            "Only announced, not yet under way, when the sources were written; the start year is "
            "then the year planned."
        ),
    )

    class Meta:
        abstract = True

    @property
    def period_label(self):
        if self.is_planned:
            if self.start_year:
                return _("planned for %(year)s") % {"year": self.start_year}
            return _("planned")
        if self.start_year and self.end_year:
            if self.start_year == self.end_year:
                return str(self.start_year)
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return _("since %(year)s") % {"year": self.start_year}
        if self.end_year:
            return _("until %(year)s") % {"year": self.end_year}
        return ""


class EvidenceLevel(models.TextChoices):
    """How far the sources go in showing that an entry works, from least to most."""

    DESCRIBED = "described", _("Described only")
    RESULTS = "results", _("Results reported")
    EVALUATED = "evaluated", _("Independently evaluated")


class Evidence(models.Model):
    """How sure readers can be of an entry: officials ask before they copy a practice."""

    evidence_level = models.CharField(
        _("evidence level"),
        max_length=10,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.DESCRIBED,
        help_text=_(
            "What the sources show: only a description, results they report, or an evaluation "
            "by someone other than those who ran it. Choose “independently evaluated” only when "
            "a source says such an evaluation was made."
        ),
    )
    verified_on = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("The day a reviewer last checked the entry against its sources."),
    )

    # A reviewer vouches for the entry with this date, so editors cannot set it (see
    # Editorial.reviewer_fields); first among the bases so it overrides that default.
    reviewer_fields = ("verified_on",)

    class Meta:
        abstract = True


class ProgrammeQuerySet(EditorialQuerySet):
    card_select_related = ("kind", "country")


class Programme(Evidence, Editorial, Period):
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
    suggestion_fields = ("name",)
    searchable_fields = ("name", "summary", "legal_basis", "eligibility", "responsible_institution")
    searchable_relations = ("country", "kind")
    required_translations = ("name", "summary")
    rich_text_fields = ("summary", "legal_basis", "eligibility")

    objects = ProgrammeQuerySet.as_manager()

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

    def suggested(self):
        """Practices a visitor suggested through the public form."""
        return self.filter(suggestion__isnull=False)

    card_relations = ("countries", "themes")
    card_fragment = "practice-card"
    card_fields = (
        "status",
        "published_at",
        "title",
        "summary",
        "level",
        "evidence_level",
        "start_year",
        "end_year",
        "is_ongoing",
        "is_planned",
    )


class Practice(Evidence, Editorial, Period):
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
    compact_objectives = models.ManyToManyField(
        CompactObjective,
        related_name="practices",
        blank=True,
        verbose_name=_("Global Compact objectives"),
        help_text=_(
            "The catalogue's own classification, not the sources': choose an objective only "
            "where the practice serves it directly."
        ),
    )
    sources = models.ManyToManyField(Source, related_name="practices", verbose_name=_("sources"))

    country_lookup = "countries"
    suggestion_fields = ("title",)
    searchable_fields = ("title", "summary", "description", "results", "lessons_learned")
    searchable_relations = ("countries", "themes", "actors", "target_groups", "programme")
    required_translations = ("title", "summary", "description")
    rich_text_fields = ("description", "results", "lessons_learned")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [("publish_practice", _("Can publish, archive and restore practices"))]
        ordering = ["-published_at", "title"]
        indexes = [
            # Lists read published practices newest first, and facets count them by level,
            # programme and evidence: one index answers both without reading the long texts.
            models.Index(
                fields=["status", "-published_at", "id"],
                include=["level", "programme", "evidence_level"],
                name="practice_listing",
            ),
        ]
        constraints = [
            *period_constraints("practice"),
            published_has_date("practice"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", kwargs={"pk": self.pk, "slug": slug_for(self.title)})

    @property
    def public_programme(self):
        """The programme, when it is published; a draft programme is never named in public."""
        return public(self.programme)


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
