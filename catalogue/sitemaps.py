from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from countries.models import Country
from practices.models import Practice, Programme
from recommendations.models import Forum, Recommendation


class I18nSitemap(Sitemap):
    # One <url> per language, each listing the other as an hreflang alternate.
    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(I18nSitemap):
    """The published entries of one kind, each with its last change."""

    changefreq = "monthly"

    def __init__(self, model, priority=None):
        self.model = model
        self.priority = priority

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CountrySitemap(I18nSitemap):
    def items(self):
        return Country.objects.order_by("pk")


class PageSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "practices:list",
            "practices:programmes",
            "practices:compare",
            "open-data",
            "countries:list",
            "recommendations:list",
            "recommendations:forums",
            "practices:suggest",
        ]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "practices": PublishedSitemap(Practice, priority=0.8),
    "programmes": PublishedSitemap(Programme),
    "recommendations": PublishedSitemap(Recommendation),
    "forums": PublishedSitemap(Forum),
    "countries": CountrySitemap,
}
