"""Pages that bring the content apps together: home, country profiles, open data."""

import copy
import sys

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from countries.models import Country, SubRegion, key_figures
from countries.regionmap import region_map
from editorial import fragments
from editorial.middleware import database_unavailable, is_database_unavailable
from editorial.models import Status, published_counts
from editorial.related import cached_rows
from editorial.views import CanonicalAddressMixin
from practices.export import PRACTICE_FIELDS, PRACTICES_FILE, PROGRAMME_FIELDS, PROGRAMMES_FILE
from practices.facets import catalogue_facets
from practices.feeds import LatestPracticesFeed
from practices.models import Practice, Programme, ProgrammeKind, Theme
from practices.pictures import country_theme_matrix, programme_timeline
from recommendations.export import RECOMMENDATION_FIELDS, RECOMMENDATIONS_FILE
from recommendations.models import Forum, Recommendation


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    # Resolved per request: the hashed file name exists only once static files are collected.
    # The admin's language follows each browser's, but this redirect is cached: the English mark.
    return HttpResponsePermanentRedirect(static("img/favicon-en.svg"))


def csrf_failure(request, reason=""):
    """A form sent back without its security token, explained in the page's language: the
    admin's page for the admin, the site's for the rest (CSRF_FAILURE_VIEW)."""
    in_admin = request.path.startswith(reverse("admin:index"))
    template = "admin/403_csrf.html" if in_admin else "403_csrf.html"
    return render(request, template, status=403)


def server_error(request):
    """The 500 page, unless the database was out of reach: then a 503 that says to retry.

    DatabaseUnavailableMiddleware sees only what views raise; this is for the rest, such as
    a signed-in editor's session saved after the view, or the admin's time limit set before.
    Django calls it while handling the exception.
    """
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)


def count_published(relation):
    """Annotation: how many published entries each row has behind `relation`."""
    return Count(relation, filter=Q(**{f"{relation}__status": Status.PUBLISHED}), distinct=True)


class HomeView(TemplateView):
    template_name = "catalogue/home.html"

    def get_context_data(self, **kwargs):
        # The catalogue's facet counts, cached until it changes, give the home page its figures.
        practices, facets = catalogue_facets(Practice.objects.published())
        countries = with_practice_counts(cached_rows(Country).values(), facets["country"])
        programmes, recommendations = published_counts(Programme, Recommendation)
        themes = with_practice_counts(cached_rows(Theme).values(), facets["theme"])
        return super().get_context_data(
            figures=key_figures(),
            # Both asked only when their section is not kept rendered (editorial.fragments).
            newest=SimpleLazyObject(
                lambda: Practice.objects.published().newest_first()[:6].as_cards(shown=True)
            ),
            counts={
                "practices": practices,
                "programmes": programmes,
                "countries": sum(1 for country in countries if country.n),
                "recommendations": recommendations,
            },
            recommendations=SimpleLazyObject(
                lambda: Recommendation.objects.published().newest_first()[:3].as_cards(shown=True)
            ),
            countries=sorted(countries, key=lambda country: country.name),
            region_map=region_map(countries, facets["country"]),
            themes=[theme for theme in themes if theme.n],
            kinds=ProgrammeKind.objects.with_published(),
            **kwargs,
        )


def with_practice_counts(rows, counts):
    """Copies of the rows (shared ones: editorial.related), each with `n`: how many published
    practices have it."""
    copies = []
    for row in rows:
        row = copy.copy(row)
        row.n = counts.get(row.slug, 0)
        copies.append(row)
    return copies


class CountryListView(ListView):
    template_name = "countries/country_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        return Country.objects.by_name().annotate(
            practice_count=count_published("practices"),
            programme_count=count_published("programmes"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["countries"])
        context["subregions"] = [
            (label, [c for c in countries if c.subregion == value])
            for value, label in SubRegion.choices
        ]
        context["region_map"] = region_map(
            countries, {country.slug: country.practice_count for country in countries}
        )
        context["matrix"] = country_theme_matrix(countries)
        return context


class CountryDetailView(CanonicalAddressMixin, DetailView):
    """A country's profile at its slug in the page's language (/es/paises/belice/)."""

    model = Country
    template_name = "countries/country_detail.html"
    context_object_name = "country"

    # The profile shows the newest practices; the filtered list has them all.
    practices_shown = 12

    def get_object(self, queryset=None):
        # Either language's slug finds it; CanonicalAddressMixin then moves to this language's.
        slug = self.kwargs["slug"]
        queryset = self.get_queryset() if queryset is None else queryset
        country = queryset.filter(Q(slug=slug) | Q(slug_es=slug)).first()
        if country is None:
            raise Http404
        return country

    def get_context_data(self, **kwargs):
        country = self.object
        feed_url, feed_title = LatestPracticesFeed.narrowed({"country": country.slug})
        # The profile, when kept rendered (editorial.fragments), needs nothing more than the
        # country's row.
        kept_profile = fragments.kept_html("country-profile", (country.pk,))
        if kept_profile is not None:
            return super().get_context_data(
                kept_profile=kept_profile, feed_url=feed_url, feed_title=feed_title, **kwargs
            )
        prefetch_related_objects(
            [country],
            "sources",
            Prefetch(
                "programmes",
                queryset=Programme.objects.published().select_related("kind"),
                to_attr="published_programmes",
            ),
        )
        practices = Practice.objects.published().for_country(country).newest_first()
        recommendations = Recommendation.objects.published().for_country(country).newest_first()
        # The catalogue's counts, cached until it changes: counting this country's practices
        # in SQL read every practice's status, 5 to 20 ms at 10,000.
        _total, facets = catalogue_facets(Practice.objects.published())
        return super().get_context_data(
            feed_url=feed_url,
            feed_title=feed_title,
            practices=practices[: self.practices_shown].as_cards(shown=True),
            practice_count=facets["country"].get(country.slug, 0),
            figures=key_figures(country),
            timeline=programme_timeline(country.published_programmes),
            recommendations=recommendations.as_cards(shown=True),
            forums=Forum.objects.published().with_country(country),
            **kwargs,
        )


class OpenDataView(TemplateView):
    template_name = "catalogue/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            fields=PRACTICE_FIELDS,
            programme_fields=PROGRAMME_FIELDS,
            recommendation_fields=RECOMMENDATION_FIELDS,
            practices_file=PRACTICES_FILE,
            programmes_file=PROGRAMMES_FILE,
            recommendations_file=RECOMMENDATIONS_FILE,
            **kwargs,
        )
