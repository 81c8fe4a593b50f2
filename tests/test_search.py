"""Search is accent- and case-insensitive and finds text in either language."""

from datetime import timedelta
from urllib.parse import quote_plus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from editorial.models import Status

from .factories import make_country, make_practice, make_programme, make_target_group

pytestmark = pytest.mark.django_db


def titles(client, query, language="en"):
    with override(language):
        path = reverse("practices:list")
    response = client.get(path, {"q": query})
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


def test_every_word_must_match_when_some_entry_has_them_all(client, amnesty, other):
    assert titles(client, "amnesty belize") == [amnesty.title_en]


def test_with_no_entry_having_every_word_any_word_matches_and_the_page_says_so(
    client, amnesty, other
):
    response = client.get("/en/practices/", {"q": "amnesty mediators"})
    found = {practice.title_en for practice in response.context["page_obj"].object_list}
    assert found == {amnesty.title_en, other.title_en}
    assert "at least one of them" in response.content.decode()


def test_any_word_notice_is_in_spanish_on_spanish_pages(client, amnesty, other):
    response = client.get("/es/practicas/", {"q": "amnesty mediators"})
    assert "al menos una" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "offered"),
    [("regularizasion", "regularización"), ("Guatemla", "Guatemala"), ("amnestia", "amnistía")],
)
def test_a_misspelt_search_offers_the_catalogue_word(client, typed, offered):
    make_practice(
        title_en="Regularization plans",
        title_es="Planes de regularización",
        countries=[make_country(name_en="Guatemala", name_es="Guatemala")],
    )
    amnesty = make_practice(title_en="Migratory amnesty", title_es="Amnistía migratoria")
    response = client.get("/es/practicas/", {"q": typed})
    found = [practice.pk for practice in response.context["page_obj"].object_list]
    if found:
        # PostgreSQL's English stemmer already reads "amnestia" as "amnesty".
        assert (typed, found) == ("amnestia", [amnesty.pk])
        return
    assert response.context["search"].suggestion.casefold() == offered.casefold()
    page = response.content.decode()
    assert "¿Quiso decir" in page
    assert f"q={quote_plus(response.context['search'].suggestion)}" in page


def test_words_of_drafts_are_never_offered(client):
    make_practice(title_en="Secret draft about zanzibar", status=Status.DRAFT)
    response = client.get("/en/practices/", {"q": "zanzibr"})
    assert response.context["search"].suggestion is None


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
    response = client.get(reverse("practices:list"), {"q": "   "}, follow=True)
    assert len(response.context["page_obj"].object_list) == 2


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


def test_two_visitors_rebuilding_the_word_list_at_once_do_not_collide(monkeypatch):
    from editorial.models import SearchTerm, SearchTermQuerySet

    make_practice(title_en="Migratory amnesty", title_es="Amnistía migratoria")
    emptied = SearchTermQuerySet.delete

    def emptied_then_filled_by_another_visitor(queryset):
        result = emptied(queryset)
        SearchTerm.objects.create(normalised="amnistia", language="es", word="amnistía")
        return result

    monkeypatch.setattr(SearchTermQuerySet, "delete", emptied_then_filled_by_another_visitor)
    SearchTerm.objects.refresh()
    assert SearchTerm.objects.filter(normalised="amnistia", language="es").count() == 1


def test_a_country_name_finds_its_practices_that_never_name_it(client, amnesty, other):
    belize = make_country(name_en="Belize", name_es="Belice", slug="belize", code="BZ")
    other.countries.set([belize])
    assert sorted(titles(client, "Belice", language="es")) == sorted(
        [amnesty.title_en, other.title_en]
    )


def test_a_theme_name_in_the_other_language_finds_its_practices(client, other):
    returnees = make_target_group(name_en="Returnees", name_es="Personas retornadas")
    other.target_groups.set([returnees])
    assert titles(client, "retornados", language="es") == [other.title_en]
    assert titles(client, "returnees") == [other.title_en]


def test_names_of_draft_programmes_find_nothing(client, other):
    programme = make_programme(name_en="Hidden scheme", status=Status.DRAFT)
    other.programme = programme
    other.save()
    response = client.get(reverse("practices:list"), {"q": "hidden"})
    assert list(response.context["page_obj"].object_list) == []


def test_numbers_in_titles_are_never_offered_as_words(client):
    make_practice(title_en="Regularization plan 2024", title_es="Plan de regularización 2024")
    response = client.get(reverse("practices:list"), {"q": "2025"})
    assert response.context["search"].suggestion is None


def test_titles_with_the_words_come_first_on_any_database(client):
    older = make_practice(
        title_en="Amnesty for seasonal workers", published_at=timezone.now() - timedelta(days=9)
    )
    make_practice(title_en="Border health", summary_en="An amnesty helped the clinics' staff.")
    assert titles(client, "amnesty")[0] == older.title_en


def test_a_search_reads_the_names_it_looks_in_from_the_shared_cache_once(
    client, monkeypatch, amnesty
):
    from django.core.cache import cache

    read = cache.get
    rows_read = []

    def counting(key, *args, **kwargs):
        if key.startswith("rows:"):
            rows_read.append(key)
        return read(key, *args, **kwargs)

    titles(client, "belice migrantes", language="es")
    monkeypatch.setattr(cache, "get", counting)
    titles(client, "amnistia belice", language="es")
    titles(client, "amnesty", language="en")
    assert rows_read == []


def test_a_name_given_after_a_change_is_found(client, amnesty, other):
    from editorial.cache import bump

    assert titles(client, "Belice", language="es") == [amnesty.title_en]
    belize = make_country(name_en="Belize", name_es="Belice", slug="belize", code="BZ")
    other.countries.set([belize])
    bump()  # as the commit of that change does
    assert sorted(titles(client, "Belice", language="es")) == sorted(
        [amnesty.title_en, other.title_en]
    )
