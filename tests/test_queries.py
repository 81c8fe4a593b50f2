"""Query counts per page stay the same however many entries there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from countries.models import Country

from .factories import (
    make_actor,
    make_country,
    make_practice,
    make_programme,
    make_recommendation,
    make_theme,
)

pytestmark = pytest.mark.django_db


def populate(n):
    countries = [make_country() for _ in range(3)]
    themes = [make_theme() for _ in range(3)]
    programme = make_programme(country=countries[0])
    for i in range(n):
        make_practice(
            countries=countries[: 1 + i % 3],
            themes=themes[: 1 + i % 2],
            actors=[make_actor()],
            programme=programme if i % 2 else None,
            start_year=2010 + i % 10,
        )
    return countries[0], programme


def count_queries(client, path):
    """Queries of a page once its vocabulary lists are cached, as visitors meet it."""
    # A download asks its queries as it is sent, so its body is read inside the count.
    client.get(path).getvalue()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        response.getvalue()
    assert response.status_code == 200, path
    return len(queries)


def pages(country, programme, practice):
    return [
        "/en/",
        "/en/practices/",
        f"/en/practices/?country={country.slug}&q=practice&sort=title",
        "/en/practices/?evidence=results&verified_since=2025",
        "/en/practices/?format=json",
        practice.get_absolute_url(),
        "/en/countries/",
        country.get_absolute_url(),
        "/en/programmes/",
        programme.get_absolute_url(),
        f"/en/programmes/compare/?programme={programme.pk}",
        f"/en/countries/compare/?country={country.slug}",
        "/en/feed/",
        f"/en/feed/?country={country.slug}&q=practice",
        "/sitemap.xml",
    ]


def test_query_count_does_not_grow_with_the_catalogue(client):
    country, programme = populate(3)
    with override("en"):
        paths = pages(country, programme, country.practices.first())
    small = {path: count_queries(client, path) for path in paths}
    populate(30)
    large = {path: count_queries(client, path) for path in paths}
    assert large == small


PAGE_QUERY_LIMIT = 8


def test_every_public_page_runs_at_most_eight_queries(client):
    country, programme = populate(12)
    practice = country.practices.first()
    theme = practice.themes.first()
    other, third = Country.objects.exclude(pk=country.pk)[:2]
    make_recommendation(countries=[other, third])
    with override("es"):
        paths = {
            "home": "/es/",
            "list": "/es/practicas/",
            "list page": "/es/practicas/?page=1",
            "search": "/es/practicas/?q=practice",
            "any-word search": "/es/practicas/?q=practice+nowhere",
            "misspelt search": "/es/practicas/?q=practise",
            "filtered": f"/es/practicas/?country={country.slug}&level=national",
            "three facets": (
                f"/es/practicas/?country={country.slug}&theme={theme.slug}&level=national"
            ),
            "detail": practice.get_absolute_url(),
            "country": country.get_absolute_url(),
            "countries": "/es/paises/",
            "programmes": "/es/programas/",
            "programme": programme.get_absolute_url(),
            "recommendations": "/es/recomendaciones/",
            "forums": "/es/foros/",
            "programme comparison": f"/es/programas/comparar/?programme={programme.pk}",
            "country comparison": (
                f"/es/paises/comparar/?pais={country.slug}&pais={other.slug}&pais={third.slug}"
            ),
            "feed": "/es/novedades/",
            "filtered feed": f"/es/novedades/?country={country.slug}&theme={theme.slug}&q=practice",
            "recommendations feed": f"/es/recomendaciones/novedades/?country={country.slug}",
        }
    counts = {name: count_queries(client, path) for name, path in paths.items()}
    assert {name: n for name, n in counts.items() if n > PAGE_QUERY_LIMIT} == {}


def test_cards_leave_the_long_texts_unread():
    from practices.models import Practice

    make_practice(description_en="A long account " * 500, description_es="Un relato " * 500)
    card = Practice.objects.published().as_cards(shown=True)[0]
    assert {"description_en", "description_es", "search_text"} <= card.get_deferred_fields()
    assert {"title_en", "title_es", "summary_en", "summary_es"}.isdisjoint(
        card.get_deferred_fields()
    )


@pytest.mark.parametrize("sort", ["newest", "title"])
def test_a_page_deep_in_a_list_shows_the_same_cards_as_counted_off_row_by_row(client, sort):
    from practices.models import Practice

    for n in range(45):
        make_practice(title_en=f"Practice {n:02}", title_es=f"Práctica {n:02}")
    with override("en"):
        response = client.get(reverse("practices:list"), {"sort": sort, "page": 3})
    shown = [card.pk for card in response.context["page_obj"].object_list]
    ordering = response.context["filterset"].qs.query.order_by
    expected = list(Practice.objects.published().order_by(*ordering).values_list("pk", flat=True))
    assert shown == expected[40:45]
