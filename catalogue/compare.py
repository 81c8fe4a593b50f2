"""Countries side by side: their programmes, their practices by theme, the recommendations
that apply to them."""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse, translate_url
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from countries.filters import CountrySelection
from countries.models import Country
from editorial.related import cached_rows
from editorial.search import normalise
from editorial.views import printable, with_query, without_empty_fields
from practices.facets import FACETS, index
from practices.filters import PracticeFilter
from practices.forms import MAX_COMPARED, programme_parameter
from practices.models import Programme, Theme
from practices.pictures import country_theme_matrix
from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation


def practices_by_theme(country_slugs):
    """{country slug: Counter({theme slug: its published practices on that theme})}, with the
    country's number of published practices under None.

    Counted over the practices' facet values kept in memory (practices.facets), as the
    list's own counts are, so each number matches the list it links to and costs no query.
    """
    country, theme = FACETS.index("country"), FACETS.index("theme")
    wanted = set(country_slugs)
    counts = {slug: Counter() for slug in country_slugs}
    for values in index.current().values():
        for slug in wanted.intersection(values[country]):
            counts[slug][None] += 1
            counts[slug].update(values[theme])
    return counts


def list_address(view_name, filterset_class, **values):
    """A list narrowed by `values` (page-language slugs), in the page's words."""
    query = urlencode({filterset_class.parameter(name): value for name, value in values.items()})
    return f"{reverse(view_name)}?{query}"


class CountryCompareView(TemplateView):
    """Two to four countries side by side, at an address in the page's words that can be
    shared: /es/paises/comparar/?pais=guatemala&pais=mexico.

    Countries are read as lists read them (either language's slug, or the ISO code): a value
    that names no country is left out and named, and the page still answers 200. More than
    four is an address no form makes: the first four are compared, with a 400.
    """

    template_name = "countries/country_compare.html"
    # Read by the `list_url` template tag, which writes links to this page.
    filterset_class = CountrySelection

    def get(self, request, *args, **kwargs):
        if (clean := without_empty_fields(request)) is not None:
            return redirect(clean, permanent=True)
        programmes = Programme.objects.published().select_related("kind")
        selection = CountrySelection(
            request.GET or None,
            queryset=Country.objects.prefetch_related(
                Prefetch("programmes", queryset=programmes, to_attr="published_programmes")
            ),
            request=request,
        )
        selection.is_valid()
        problems = [
            _("“%(value)s” is not a country of the catalogue, so the comparison leaves it out.")
            % {"value": printable(value)}
            for _label, value in selection.unknown
        ]
        chosen = selection.chosen
        status = 200
        if len(chosen) > MAX_COMPARED:
            problems.append(
                _("At most %(n)s countries can be compared; showing the first %(n)s.")
                % {"n": MAX_COMPARED}
            )
            chosen = chosen[:MAX_COMPARED]
            status = 400
        found = {country.slug: country for country in selection.qs} if chosen else {}
        countries = [found[slug] for slug in chosen if slug in found]
        context = self.get_context_data(
            countries=countries,
            problems=problems,
            choices=sorted(cached_rows(Country).values(), key=lambda c: normalise(c.name)),
            chosen=chosen,
            parameter=CountrySelection.parameter("country"),
            **self.addresses(countries),
        )
        if countries:
            context.update(self.comparison(countries))
        return self.render_to_response(context, status=status)

    def addresses(self, countries):
        """This comparison's address in each language, its countries in that language's words."""
        query = QueryDict(mutable=True)
        query.setlist(
            CountrySelection.parameter("country"), [country.url_slug for country in countries]
        )
        path = self.request.path
        return {
            "canonical_path": with_query(path, query),
            "alternate_urls": {
                code: with_query(translate_url(path, code), CountrySelection.translate(query, code))
                for code, _name in settings.LANGUAGES
            },
        }

    def comparison(self, countries):
        counts = practices_by_theme([country.slug for country in countries])
        recommendations = list(
            Recommendation.objects.published()
            .for_countries(countries)
            .newest_first()
            .prefetch_related("countries")
        )
        whole_region = [r for r in recommendations if r.whole_region]
        for country in countries:
            country.practice_total = counts[country.slug][None]
            country.practices_url = list_address(
                "practices:list", PracticeFilter, country=country.url_slug
            )
            country.own_recommendations = [
                r for r in recommendations if not r.whole_region and country in r.countries.all()
            ]
            country.recommendation_total = len(country.own_recommendations) + len(whole_region)
            country.recommendations_url = list_address(
                "recommendations:list", RecommendationFilter, country=country.url_slug
            )
        themes = [
            (
                theme,
                [
                    (
                        counts[country.slug][theme.slug],
                        list_address(
                            "practices:list",
                            PracticeFilter,
                            country=country.url_slug,
                            theme=theme.url_slug,
                        ),
                    )
                    for country in countries
                ],
            )
            for theme in cached_rows(Theme).values()
            if any(counts[country.slug][theme.slug] for country in countries)
        ]
        programmes = [p for country in countries for p in country.published_programmes]
        return {
            "themes": themes,
            "matrix": country_theme_matrix(countries, themes_in_use=True),
            "whole_region": whole_region,
            # Their programmes side by side too, when there are few enough to compare.
            "programmes_url": (
                f"{reverse('practices:compare')}?"
                f"{urlencode([(programme_parameter(), p.pk) for p in programmes])}"
                if 2 <= len(programmes) <= MAX_COMPARED
                else None
            ),
        }
