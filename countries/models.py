from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from editorial.models import TranslatedSlug, spanish_slug_field
from editorial.related import cached_rows


class SubRegion(models.TextChoices):
    CENTRAL_AMERICA = "central-america", _("Central America")
    NORTH_AMERICA = "north-america", _("North America")
    CARIBBEAN = "caribbean", _("Caribbean")


class CountryQuerySet(models.QuerySet):
    def rcm_members(self):
        return self.filter(is_rcm_member=True)

    def by_name(self):
        """Alphabetical in the current language: México before Panamá, Belice first."""
        return self.order_by(f"name_{get_language()}")


class Country(TranslatedSlug, models.Model):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code in capitals, e.g. CR."),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    slug_es = spanish_slug_field()
    subregion = models.CharField(_("sub-region"), max_length=20, choices=SubRegion.choices)
    is_rcm_member = models.BooleanField(
        _("RCM member"),
        default=True,
        help_text=_("Member of the Regional Conference on Migration."),
    )
    profile = models.TextField(_("profile"), blank=True)
    sources = models.ManyToManyField(
        "editorial.Source",
        related_name="countries",
        blank=True,
        verbose_name=_("sources"),
        help_text=_("The documents the profile's statements come from."),
    )

    objects = CountryQuerySet.as_manager()

    # Country names are among the words a misspelt search is corrected to.
    suggestion_fields = ("name",)

    class Meta:
        verbose_name = pgettext_lazy("nation", "country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_is_two_capitals",
                violation_error_message=_("The ISO code must be two capital letters."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("countries:detail", kwargs={"slug": self.url_slug})


class Qualifier(models.TextChoices):
    EXACT = "", pgettext_lazy("before a number", "exactly")
    ABOUT = "about", pgettext_lazy("before a number", "about")
    MORE_THAN = "more-than", pgettext_lazy("before a number", "more than")


class KeyFigureQuerySet(models.QuerySet):
    def regional(self):
        return self.filter(country__isnull=True)

    def national(self):
        return self.filter(country__isnull=False)


class KeyFigure(models.Model):
    """A number the sources give about a country, or about the region as a whole (no country),
    always with the source that gives it."""

    country = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        related_name="figures",
        null=True,
        blank=True,
        verbose_name=pgettext_lazy("nation", "country"),
        help_text=_("Leave empty for a figure about the region as a whole."),
    )
    label = models.CharField(
        _("what it measures"),
        max_length=300,
        help_text=_("What the number counts, as the source says it, e.g. returnees a year."),
    )
    qualifier = models.CharField(
        _("how exact"),
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        blank=True,
        help_text=_("As the source puts it: “some 500,000” is about, “more than 7,000” more than."),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("The year the figure refers to; leave empty when the source does not say."),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Where the source took it from, or the period it covers."),
    )
    source = models.ForeignKey(
        "editorial.Source",
        on_delete=models.PROTECT,
        related_name="key_figures",
        verbose_name=_("source"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = KeyFigureQuerySet.as_manager()

    # Cached with their source, which every figure shows (editorial.related).
    cached_with = ("source",)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["country", "position", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | (Q(year__gte=1900) & Q(year__lte=2100)),
                name="key_figure_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2100."),
            ),
        ]

    def __str__(self):
        place = self.country or _("The region")
        when = f" ({self.year})" if self.year else ""
        return f"{place}: {self.label}{when}"

    @property
    def number(self):
        """The value as the page's language writes it: "281 million", "17 127 600"."""
        value = self.value
        if value == value.to_integral():
            value = int(value)
            # Whole millions read as the sources write them, not as a row of zeros.
            if value >= 1_000_000 and value % 1_000_000 == 0:
                millions = value // 1_000_000
                return ngettext("%(count)s million", "%(count)s million", millions) % {
                    "count": number_format(millions, force_grouping=True)
                }
        return number_format(value, force_grouping=True)

    @property
    def amount(self):
        """The number with how exact it is and its unit: "more than 7,000"."""
        amount = self.number
        if self.qualifier:
            amount = f"{self.get_qualifier_display()} {amount}"
        return f"{amount} {self.unit}" if self.unit else amount


def key_figures(country=None):
    """The figures of `country`, or the region's when None, in their order.

    Read from the cache of the few figures there are: the home page and every profile show
    them at no query.
    """
    wanted = country.pk if country else None
    return [figure for figure in cached_rows(KeyFigure).values() if figure.country_id == wanted]
