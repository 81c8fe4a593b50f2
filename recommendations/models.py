from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.models import (
    Editorial,
    EditorialQuerySet,
    Vocabulary,
    public,
    published_has_date,
    slug_for,
)


class Addressee(Vocabulary):
    """Who a recommendation is addressed to: national governments, regional bodies…"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")


class Horizon(models.TextChoices):
    SHORT = "short", _("Short term")
    MID = "mid", _("Mid term")
    LONG = "long", _("Long term")


class ForumRole(models.TextChoices):
    """What the source records of a recommendation at its forum: not every one was agreed."""

    ADOPTED = "adopted", _("Adopted at")
    PROPOSED = "proposed", _("Proposed at")
    SAID = "said", _("Said at")


class ForumQuerySet(EditorialQuerySet):
    def with_country(self, country):
        return self.filter(countries=country)


class Forum(Editorial):
    """A regional meeting where countries present practices and recommendations are made."""

    name = models.CharField(_("name"), max_length=250)
    summary = models.TextField(_("summary"))
    conclusions = models.TextField(_("conclusions"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    organisers = models.ManyToManyField(
        "practices.Actor",
        related_name="forums_organised",
        blank=True,
        verbose_name=_("organisers"),
    )
    countries = models.ManyToManyField(
        "countries.Country",
        related_name="forums",
        blank=True,
        verbose_name=_("participating countries"),
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        related_name="forums",
        blank=True,
        verbose_name=_("practices presented"),
    )
    sources = models.ManyToManyField(
        "editorial.Source", related_name="forums", verbose_name=_("sources")
    )

    suggestion_fields = ("name",)
    searchable_fields = ("name", "summary", "conclusions", "place")
    searchable_relations = ("countries",)
    required_translations = ("name", "summary")
    rich_text_fields = ("summary", "conclusions")

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = [F("start_date").desc(nulls_last=True), "name"]
        permissions = [("publish_forum", _("Can publish, archive and restore forums"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="forum_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            published_has_date("forum"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recommendations:forum", kwargs={"pk": self.pk, "slug": slug_for(self.name)})


class RecommendationQuerySet(EditorialQuerySet):
    def for_countries(self, countries):
        """Recommendations that name any of the countries, and those for the whole region."""
        return self.filter(Q(countries__in=countries) | Q(whole_region=True)).distinct()

    def for_country(self, country):
        return self.for_countries([country])

    card_relations = ("addressees", "themes", "countries")
    card_select_related = ("forum",)
    card_fragment = "recommendation-card"


class Recommendation(Editorial):
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    addressees = models.ManyToManyField(
        Addressee, related_name="recommendations", verbose_name=_("addressed to")
    )
    horizon = models.CharField(
        _("horizon"),
        max_length=5,
        choices=Horizon.choices,
        blank=True,
        help_text=_("Leave empty when the source does not say."),
    )
    themes = models.ManyToManyField(
        "practices.Theme", related_name="recommendations", verbose_name=_("themes")
    )
    whole_region = models.BooleanField(
        _("applies to the whole region"),
        default=False,
        help_text=_("Tick when it is addressed to every country of the region."),
    )
    countries = models.ManyToManyField(
        "countries.Country",
        related_name="recommendations",
        blank=True,
        verbose_name=_("countries"),
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        related_name="recommendations",
        blank=True,
        verbose_name=_("illustrated by"),
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("forum"),
    )
    forum_role = models.CharField(
        _("at the forum"),
        max_length=10,
        choices=ForumRole.choices,
        default=ForumRole.ADOPTED,
        help_text=_(
            "What the source records: adopted at the forum (among its conclusions), proposed "
            "there (brought to the table) or said there by one speaker."
        ),
    )
    speaker = models.CharField(
        _("speaker"),
        max_length=250,
        blank=True,
        help_text=_("Who said it, as the source names them, when one speaker said it."),
    )
    sources = models.ManyToManyField(
        "editorial.Source", related_name="recommendations", verbose_name=_("sources")
    )

    suggestion_fields = ("title",)
    searchable_fields = ("title", "text")
    searchable_relations = ("countries", "themes", "addressees")
    required_translations = ("title", "text")
    rich_text_fields = ("text",)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy recommendation")
        verbose_name_plural = _("policy recommendations")
        ordering = ["-published_at", "title"]
        permissions = [
            ("publish_recommendation", _("Can publish, archive and restore recommendations"))
        ]
        constraints = [
            published_has_date("recommendation"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "recommendations:detail", kwargs={"pk": self.pk, "slug": slug_for(self.title)}
        )

    @property
    def public_forum(self):
        """The forum it comes from, when that forum is published."""
        return public(self.forum)
