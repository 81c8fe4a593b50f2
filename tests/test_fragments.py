"""Cards, filter blocks and maps kept rendered in memory are never stale, a draft, nor in the
other language (editorial.fragments).

Writes that should show are made inside `django_capture_on_commit_callbacks(execute=True)`,
as a real commit would move the content generation. `Practice.objects.update()` changes a row
and sends no signal: what a page shows after it tells a kept part from a fresh one.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from editorial import fragments
from editorial.cache import bump
from practices.models import Practice

from .factories import make_country, make_practice, make_recommendation
from .test_queries import PAGE_QUERY_LIMIT, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_parts(monkeypatch):
    monkeypatch.setattr(fragments, "enabled", True)
    monkeypatch.setattr(fragments, "_parts", {})
    monkeypatch.setattr(fragments, "_generation", None)


@pytest.fixture
def practice():
    return make_practice(
        title_en="Migratory amnesty in Belize",
        title_es="Amnistía migratoria en Belice",
        countries=[make_country(name_en="Belize", name_es="Belice", slug="belize", code="BZ")],
    )


def pages_of(practice):
    """Every page that shows the practice's card or counts it, in both languages."""
    country = practice.countries.get()
    other = make_practice(countries=[country], themes=list(practice.themes.all()))
    paths = []
    for language in ("en", "es"):
        with override(language):
            listing = reverse("practices:list")
            paths += [
                reverse("home"),
                listing,
                f"{listing}?country={country.slug}",
                country.get_absolute_url(),
                practice.get_absolute_url(),
                other.get_absolute_url(),
            ]
    return paths


def visit(client, paths):
    """What each page shows, following redirects to its address in the page's words."""
    return {path: client.get(path, follow=True).content.decode() for path in paths}


def test_a_card_seen_again_is_the_kept_one(client, practice):
    client.get("/en/practices/")
    Practice.objects.filter(pk=practice.pk).update(title_en="Changed without a commit")
    assert "Migratory amnesty in Belize" in client.get("/en/practices/").content.decode()


def test_a_change_of_the_content_generation_renders_afresh(client, practice):
    client.get("/en/practices/")
    Practice.objects.filter(pk=practice.pk).update(title_en="Belize amnesty, second phase")
    bump()
    assert "Belize amnesty, second phase" in client.get("/en/practices/").content.decode()


def test_an_edit_shows_at_once_on_every_page_in_both_languages(
    client, practice, django_capture_on_commit_callbacks
):
    paths = pages_of(practice)
    visit(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        practice.title_en = "Belize migratory amnesty programme"
        practice.title_es = "Programa de amnistía migratoria de Belice"
        practice.save()
    for path, page in visit(client, paths).items():
        new, old = (
            ("Belize migratory amnesty programme", "Migratory amnesty in Belize")
            if path.startswith("/en/")
            else ("Programa de amnistía migratoria de Belice", "Amnistía migratoria en Belice")
        )
        assert new in page and old not in page, path


def test_a_published_practice_is_counted_at_once_in_filters_and_map(
    client, practice, django_capture_on_commit_callbacks
):
    country = practice.countries.get()
    lists = {"/en/practices/": "Belize", "/es/practicas/": "Belice"}
    visit(client, lists)
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(countries=[country])
    for path, page in visit(client, lists).items():
        name = lists[path]
        assert f'{name} <span class="count"><span class="visually-hidden">(</span>2<' in page
        assert f"<title>{name}: 2 " in page, path


def test_each_language_gets_its_own_card(client, practice):
    client.get("/en/practices/")
    spanish = client.get("/es/practicas/").content.decode()
    assert "Amnistía migratoria en Belice" in spanish
    assert "Migratory amnesty in Belize" not in spanish


def test_an_archived_practice_leaves_every_page_at_once(
    client, practice, django_capture_on_commit_callbacks
):
    paths = pages_of(practice)
    visit(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        practice.status = "archived"
        practice.save()
    for path, page in visit(client, paths).items():
        assert "Migratory amnesty in Belize" not in page, path
        assert "Amnistía migratoria en Belice" not in page, path


def test_staff_pages_are_never_kept(staff_client, practice):
    staff_client.get("/en/practices/")
    Practice.objects.filter(pk=practice.pk).update(title_en="Draft wording of the title")
    assert "Draft wording of the title" in staff_client.get("/en/practices/").content.decode()
    # Nor does a visitor get what staff were shown.
    Practice.objects.filter(pk=practice.pk).update(title_en="Migratory amnesty in Belize")
    assert "Draft wording" not in Client().get("/en/practices/").content.decode()


def test_kept_parts_add_no_query(client, practice):
    paths = pages_of(practice)
    assert {
        path: n for path in paths if (n := count_queries(client, path)) > PAGE_QUERY_LIMIT
    } == {}


def test_kept_cards_need_no_query_for_their_countries_and_themes(client, practice, monkeypatch):
    kept = count_queries(client, "/en/practices/")
    assert "Belize" in client.get("/en/practices/").content.decode()
    monkeypatch.setattr(fragments, "enabled", False)
    assert count_queries(client, "/en/practices/") == kept + 1


def test_a_practice_page_kept_rendered_reads_its_own_row_alone(client, practice):
    page = make_practice(countries=list(practice.countries.all())).get_absolute_url()
    assert count_queries(client, page) == 1
    assert "Migratory amnesty in Belize" in client.get(page).content.decode()


def test_a_published_recommendation_shows_at_once_on_home_and_its_country(
    client, practice, django_capture_on_commit_callbacks
):
    country = practice.countries.get()
    profile = country.get_absolute_url()
    paths = ["/en/", profile, "/es/"]
    visit(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        make_recommendation(
            title_en="Birth registration for returnees",
            title_es="Registro de nacimientos para personas retornadas",
            countries=[country],
        )
    pages = visit(client, paths)
    assert "Birth registration for returnees" in pages["/en/"]
    assert "Birth registration for returnees" in pages[profile]
    assert "Registro de nacimientos para personas retornadas" in pages["/es/"]


def test_an_empty_list_s_offers_follow_the_content_in_both_languages(
    client, practice, django_capture_on_commit_callbacks
):
    offers = {
        "/en/practices/?q=nowhere&country=belize": "(2 results)",
        "/es/practicas/?q=nowhere&pais=belize": "(2 resultados)",
    }
    visit(client, offers)
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(countries=[practice.countries.get()])
    for path, page in visit(client, offers).items():
        assert offers[path] in page, path


def test_a_recommendation_published_shows_at_once_on_the_practice_it_cites(
    client, practice, django_capture_on_commit_callbacks
):
    pages = {}
    for language in ("en", "es"):
        with override(language):
            pages[practice.get_absolute_url()] = language
    visit(client, pages)
    with django_capture_on_commit_callbacks(execute=True):
        make_recommendation(
            title_en="Birth registration for returnees",
            title_es="Registro de nacimientos para personas retornadas",
            practices=[practice],
        )
    for path, page in visit(client, pages).items():
        title = (
            "Birth registration for returnees"
            if pages[path] == "en"
            else "Registro de nacimientos para personas retornadas"
        )
        assert title in page, path


def test_a_country_page_kept_rendered_reads_its_own_row_alone(client, practice):
    page = practice.countries.get().get_absolute_url()
    assert count_queries(client, page) == 1
    assert "Migratory amnesty in Belize" in client.get(page).content.decode()


def test_a_country_profile_edit_shows_at_once_in_both_languages(
    client, practice, django_capture_on_commit_callbacks
):
    country = practice.countries.get()
    paths = {}
    for language in ("en", "es"):
        with override(language):
            paths[language] = country.get_absolute_url()
    visit(client, paths.values())
    with django_capture_on_commit_callbacks(execute=True):
        country.profile_en = "Belize regularized long-term residents in 2022."
        country.profile_es = "Belice regularizó a residentes de larga data en 2022."
        country.save()
    pages = visit(client, paths.values())
    assert "Belize regularized long-term residents" in pages[paths["en"]]
    assert "Belice regularizó a residentes de larga data" in pages[paths["es"]]
