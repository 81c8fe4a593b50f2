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


class PracticeSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Practice.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProgrammeSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Programme.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class RecommendationSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Recommendation.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ForumSitemap(I18nSitemap):
    def items(self):
        return Forum.objects.published().order_by("pk")

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
            "practices:open-data",
            "countries:list",
            "recommendations:list",
            "recommendations:forums",
            "practices:suggest",
        ]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "practices": PracticeSitemap,
    "programmes": ProgrammeSitemap,
    "recommendations": RecommendationSitemap,
    "forums": ForumSitemap,
    "countries": CountrySitemap,
}
