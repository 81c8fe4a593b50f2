from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from editorial.models import TranslatedSlug, spanish_slug_field


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


class KeyFigure(models.Model):
    """A number about a country, always with the year it refers to and its source."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="figures", verbose_name=_("country")
    )
    label = models.CharField(_("what it measures"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.ForeignKey(
        "editorial.Source",
        on_delete=models.PROTECT,
        related_name="key_figures",
        verbose_name=_("source"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["country", "position", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100),
                name="key_figure_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.country}: {self.label} ({self.year})"
