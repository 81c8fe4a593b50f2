"""Search is accent- and case-insensitive and finds text in either language."""

import pytest
from django.db import connection

from .factories import make_practice

pytestmark = pytest.mark.django_db


def titles(client, query, language="en"):
    response = client.get(f"/{language}/practices/", {"q": query})
    assert response.status_code == 200
    return [practice.title_en for practice in response.context["page_obj"].object_list]


@pytest.fixture
def amnesty():
    return make_practice(
        title_en="Migratory amnesty in Belize",
        title_es="Amnistía migratoria en Belice",
        summary_en="Belize offered migrants a way to regularize their status.",
        summary_es="Belice ofreció a las personas migrantes una vía de regularización.",
    )


@pytest.fixture
def other():
    return make_practice(
        title_en="Cultural mediators for health",
        title_es="Mediadores culturales",
        summary_en="Indigenous mediators at the border.",
        summary_es="Mediadores indígenas en la frontera.",
    )


@pytest.mark.parametrize(
    "query",
    ["amnesty", "amnistía", "amnistia", "AMNISTIA", "regularizacion", "Regularización", "belice"],
)
def test_finds_in_either_language_without_accents(client, amnesty, other, query):
    assert titles(client, query) == [amnesty.title_en]


def test_every_word_must_match(client, amnesty, other):
    assert titles(client, "amnesty mediators") == []


def test_word_start_finds_the_whole_word(client, amnesty, other):
    assert titles(client, "regulariz") == [amnesty.title_en]


def test_search_from_the_spanish_page_finds_english_words(client, amnesty, other):
    assert titles(client, "amnesty", language="es") == [amnesty.title_en]


def test_search_ranks_title_matches_and_keeps_filters(client, amnesty, other):
    country = amnesty.countries.get()
    response = client.get("/en/practices/", {"q": "amnistia", "country": country.slug})
    assert [p.pk for p in response.context["page_obj"]] == [amnesty.pk]


def test_search_text_follows_edits(client, amnesty):
    amnesty.summary_en = "Now about temporary work permits."
    amnesty.save()
    assert titles(client, "permits") == [amnesty.title_en]


def test_blank_search_lists_everything(client, amnesty, other):
    assert len(titles(client, "   ")) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word stems come from PostgreSQL full-text search"
)
def test_postgresql_finds_other_forms_of_a_word(client):
    programme = make_practice(
        title_en="A national regularization programme",
        title_es="Un programa nacional de regularización",
    )
    assert titles(client, "programmes") == [programme.title_en]
    assert titles(client, "programas nacionales") == [programme.title_en]
