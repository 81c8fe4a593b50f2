"""Policy recommendations and regional forums: pages, filters, links, exports, bad input."""

import csv
import io
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override

from editorial.models import Status
from recommendations.models import Addressee, Horizon

from .factories import (
    make_country,
    make_forum,
    make_practice,
    make_recommendation,
    make_theme,
    make_vocabulary,
)

pytestmark = pytest.mark.django_db


def url(name, language):
    with override(language):
        return reverse(name)


def url_of(entry, language):
    with override(language):
        return entry.get_absolute_url()


def titles(response):
    return [item.title_en for item in response.context["page_obj"].object_list]


@pytest.mark.parametrize("language", ["en", "es"])
def test_recommendation_pages_render_in_both_languages(client, language):
    forum = make_forum()
    recommendation = make_recommendation(forum=forum)
    for path in [
        url("recommendations:list", language),
        url_of(recommendation, language),
        url("recommendations:forums", language),
        url_of(forum, language),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode()


def test_forum_page_gathers_what_was_presented_and_adopted(client):
    practice = make_practice(title_en="Cultural mediators")
    forum = make_forum(practices=[practice])
    make_recommendation(title_en="Create bonds of trust", forum=forum)
    make_recommendation(title_en="Draft idea", forum=forum, status=Status.DRAFT)
    page = client.get(url_of(forum, "en")).content.decode()
    assert "Cultural mediators" in page
    assert "Create bonds of trust" in page
    assert "Draft idea" not in page


def test_a_presented_practice_names_only_the_countries_its_title_leaves_out(client):
    salvador = make_country(name_en="El Salvador", name_es="El Salvador")
    panama = make_country(name_en="Panama", name_es="Panamá")
    local = make_practice(title_en="Local access in La Unión, El Salvador", countries=[salvador])
    shared = make_practice(title_en="Border health", countries=[salvador, panama])
    page = client.get(url_of(make_forum(practices=[local, shared]), "en")).content.decode()
    assert "La Unión, El Salvador</a> <span" not in page
    assert "(El Salvador, Panama)" in page


def test_practice_page_names_its_forums_and_recommendations(client):
    practice = make_practice()
    forum = make_forum(practices=[practice])
    make_recommendation(title_en="Map institutions", practices=[practice])
    page = client.get(url_of(practice, "en")).content.decode()
    assert forum.name_en in page
    assert "Map institutions" in page


def test_country_profile_lists_recommendations_that_apply(client):
    belize = make_country(slug="belize")
    make_recommendation(title_en="For Belize", countries=[belize])
    make_recommendation(title_en="For the region", whole_region=True)
    make_recommendation(title_en="For elsewhere", countries=[make_country()])
    page = client.get(f"/en/countries/{belize.slug}/").content.decode()
    assert "For Belize" in page and "For the region" in page
    assert "For elsewhere" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("horizon=short", ["Short one"]),
        ("addressee=regional-bodies", ["Short one"]),
        ("theme=return", ["Long one"]),
        ("country=belize", ["Regional one", "Short one"]),
        ("q=credito", ["Long one"]),
    ],
)
def test_recommendation_filters(client, query, expected):
    belize = make_country(slug="belize")
    regional = make_vocabulary(Addressee, slug="regional-bodies")
    make_recommendation(
        title_en="Short one", horizon=Horizon.SHORT, addressees=[regional], countries=[belize]
    )
    make_recommendation(
        title_en="Long one",
        horizon=Horizon.LONG,
        text_es="Acceso al crédito.",
        themes=[make_theme(slug="return")],
    )
    make_recommendation(title_en="Regional one", whole_region=True)
    response = client.get(f"/en/recommendations/?{query}")
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


def test_forum_filter_leaves_out_unpublished_forums(client):
    draft_forum = make_forum(name_en="Draft forum", status=Status.DRAFT)
    response = client.get(f"/en/recommendations/?forum={draft_forum.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{draft_forum.pk}” is not in the catalogue" in page
    assert "Draft forum" not in page


@pytest.mark.parametrize("query", ["horizon=forever", "country=atlantis", "forum=abc"])
def test_unknown_recommendation_filter_values_are_left_out_with_a_message(client, query):
    response = client.get(f"/es/recomendaciones/?{query}")
    assert response.status_code == 200
    assert "no figura en el catálogo" in response.content.decode()


def test_bad_recommendation_input_is_a_4xx_with_a_message(client):
    response = client.get("/es/recomendaciones/?page=x")
    assert 400 <= response.status_code < 500
    assert "notice--problem" in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_recommendations_and_forums_are_nowhere(client, status):
    hidden = make_recommendation(title_en="Hidden recommendation", status=status, whole_region=True)
    forum = make_forum(name_en="Hidden forum", status=status)
    assert client.get(url_of(hidden, "en")).status_code == 404
    assert client.get(url_of(forum, "en")).status_code == 404
    for page in [
        "/en/recommendations/",
        "/en/recommendations/?format=json",
        "/en/forums/",
        "/en/recommendations/feed/",
        "/sitemap.xml",
    ]:
        content = client.get(page).getvalue().decode()
        assert "Hidden recommendation" not in content and "Hidden forum" not in content, page


def test_recommendation_export_follows_filters_and_language(client):
    make_recommendation(horizon=Horizon.SHORT)
    make_recommendation(title_en="Other", title_es="Otra", horizon=Horizon.LONG)
    response = client.get("/es/recomendaciones/?horizon=short&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Agilizar la emisión de documentos"]
    assert rows[0]["horizon"] == "Corto plazo"


def test_forum_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_forum(start_date=date(2022, 8, 5), end_date=date(2022, 8, 4))


def test_recommendation_page_and_forum_share_well(client):
    forum = make_forum()
    page = client.get(url_of(forum, "es")).content.decode()
    assert '<meta property="og:title" content="Foro sobre integración">' in page
    assert 'hreflang="en"' in page


def test_recommendation_pages_query_count_is_constant(client, django_assert_max_num_queries):
    def populate(n):
        forum = make_forum(practices=[make_practice() for _ in range(n)])
        for _ in range(n):
            make_recommendation(
                forum=forum, practices=[make_practice()], countries=[make_country()]
            )
        return forum

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts(forum):
        result = []
        for path in ["/en/recommendations/", "/en/forums/", url_of(forum, "en")]:
            client.get(path)  # vocabulary lists come from the cache after the first visit
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            result.append(len(queries))
        return result

    small = counts(populate(2))
    large = populate(10)
    assert counts(large) == small


def test_a_recommendation_one_speaker_made_says_so_and_names_them(client):
    forum = make_forum(name_en="Return meeting")
    recommendation = make_recommendation(
        forum=forum, forum_role="said", speaker_en="Robert Paiva, IOM Regional Director"
    )
    with override("en"):
        page = client.get(recommendation.get_absolute_url()).content.decode()
        listing = client.get(reverse("recommendations:list")).content.decode()
    assert "Said at" in page and "by Robert Paiva, IOM Regional Director" in page
    assert "Adopted at" not in page
    assert "Said at: Return meeting (Robert Paiva, IOM Regional Director)" in listing


def test_a_proposal_brought_to_the_table_is_not_shown_as_adopted(client):
    forum = make_forum()
    recommendation = make_recommendation(forum=forum, forum_role="proposed")
    with override("es"):
        page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Propuesta en" in page
    assert "Adoptada en" not in page


def test_the_export_says_what_the_forum_made_of_each_recommendation(client):
    make_recommendation(forum=make_forum(), forum_role="said", speaker_en="A minister")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/en/recommendations/?format=csv").getvalue().decode("utf-8-sig")
            )
        )
    )
    assert (rows[0]["forum_role"], rows[0]["speaker"]) == ("said", "A minister")
