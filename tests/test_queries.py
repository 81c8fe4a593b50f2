"""Query counts per page stay the same however many entries there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from .factories import make_actor, make_country, make_practice, make_programme, make_theme

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
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def pages(country, programme, practice):
    return [
        "/en/",
        "/en/practices/",
        f"/en/practices/?country={country.slug}&q=practice&sort=title",
        "/en/practices/?format=json",
        practice.get_absolute_url(),
        "/en/countries/",
        country.get_absolute_url(),
        "/en/programmes/",
        programme.get_absolute_url(),
        f"/en/programmes/compare/?programme={programme.pk}",
        "/en/feed/",
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


@pytest.mark.parametrize(
    ("path", "limit"),
    [("/en/", 11), ("/en/practices/", 17), ("/en/countries/", 2), ("/en/programmes/", 4)],
)
def test_pages_stay_within_their_query_budget(client, path, limit):
    populate(5)
    assert count_queries(client, path) <= limit
