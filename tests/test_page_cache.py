"""Visitors get cached pages, never stale ones; staff always get live pages.

Writes are made inside `django_capture_on_commit_callbacks(execute=True)`: a test runs in a
transaction that never commits, so the content generation only moves when the callbacks
waiting for the commit are run by hand, as a real commit would.
"""

import gzip

import django.middleware.gzip
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial import services
from editorial.cache import bump, generation
from practices.models import Practice

from .factories import make_country, make_practice
from .test_workflow import practice_form_data

pytestmark = pytest.mark.django_db

LIST = "/en/practices/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PROXY_CACHE_SECONDS = 60
    cache.clear()


@pytest.fixture
def practice():
    return make_practice(
        title_en="Migratory amnesty in Belize",
        countries=[make_country(name_en="Belize", slug="belize")],
    )


def queries_for(client, path, method="get", **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, **kwargs)
    return response, len(queries)


def vary_of(response):
    return [field.strip() for field in response["Vary"].split(",")]


def refuse_to_compress(*args, **kwargs):
    raise AssertionError("compressed again")


def pages_of(practice):
    """Every page that shows the practice: the list, its own page, home, its country."""
    return [LIST, practice.get_absolute_url(), "/en/", practice.countries.get().get_absolute_url()]


def visit(client, paths):
    """What each page shows now, following a link whose slug changed with the title."""
    return {path: client.get(path, follow=True) for path in paths}


def test_a_page_seen_again_runs_no_query(client, practice, django_assert_num_queries):
    first = client.get(LIST)
    with django_assert_num_queries(0):
        again = client.get(LIST)
    assert again.status_code == 200
    assert again.content == first.content


def test_each_query_string_is_its_own_page(client):
    assert "?from=a" in client.get("/en/open-data/?from=a").content.decode()
    assert "?from=b" in client.get("/en/open-data/?from=b").content.decode()


def test_cached_pages_are_still_compressed_and_answer_304(client, practice):
    client.get(LIST)
    response, queries = queries_for(client, LIST, headers={"accept-encoding": "gzip"})
    assert queries == 0
    assert response["Content-Encoding"] == "gzip"
    response, queries = queries_for(client, LIST, headers={"if-none-match": response["ETag"]})
    assert (response.status_code, queries) == (304, 0)


def test_a_cached_page_goes_compressed_to_one_client_and_plain_to_another(client, practice):
    compressed = client.get(LIST, headers={"accept-encoding": "gzip, deflate"})
    plain, queries = queries_for(client, LIST)
    assert queries == 0
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(compressed.content) == plain.content
    assert b"Migratory amnesty in Belize" in plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert int(plain["Content-Length"]) == len(plain.content)
    for response in (compressed, plain):
        assert {"Accept-Encoding", "Cookie"} <= set(vary_of(response))


def test_a_cached_page_is_not_compressed_again_on_each_answer(client, practice, monkeypatch):
    client.get(LIST, headers={"accept-encoding": "gzip"})
    monkeypatch.setattr(django.middleware.gzip, "compress_string", refuse_to_compress)
    response = client.get(LIST, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert b"Migratory amnesty in Belize" in gzip.decompress(response.content)


def test_the_etag_of_either_version_earns_a_304_from_the_other(client, practice):
    compressed = client.get(LIST, headers={"accept-encoding": "gzip"})
    plain = client.get(LIST)
    assert compressed["ETag"] == f"W/{plain['ETag']}"
    again = client.get(LIST, headers={"if-none-match": plain["ETag"], "accept-encoding": "gzip"})
    assert again.status_code == 304
    again = client.get(LIST, headers={"if-none-match": compressed["ETag"]})
    assert again.status_code == 304


def test_a_head_request_gets_the_headers_of_the_cached_page(client, practice):
    client.head(LIST, headers={"accept-encoding": "gzip"})
    head, queries = queries_for(client, LIST, method="head")
    assert (head.status_code, queries, head.content) == (200, 0, b"")
    assert "Content-Encoding" not in head
    assert int(head["Content-Length"]) == len(client.get(LIST).content)


def test_an_edit_shows_at_once_on_every_page(client, practice, django_capture_on_commit_callbacks):
    paths = pages_of(practice)
    visit(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        practice.title_en = "Belize migratory amnesty programme"
        practice.save()
    for path, response in visit(client, paths).items():
        assert response.status_code == 200, path
        assert b"Belize migratory amnesty programme" in response.content, path


def test_an_edit_in_the_admin_shows_at_once(
    client, staff_client, practice, django_capture_on_commit_callbacks
):
    visitor = Client()
    paths = pages_of(practice)
    visit(visitor, paths)
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    edited = practice_form_data(practice, title_en="Belize migratory amnesty programme")
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, edited).status_code == 302
    for path, response in visit(visitor, paths).items():
        assert b"Belize migratory amnesty programme" in response.content, path


def test_an_archived_practice_leaves_every_page_at_once(
    client, practice, admin_user, django_capture_on_commit_callbacks
):
    paths = pages_of(practice)
    visit(client, paths)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_archive(entry=practice, user=admin_user)
    assert client.get(practice.get_absolute_url()).status_code == 404
    for path in [LIST, "/en/", practice.countries.get().get_absolute_url()]:
        assert b"Migratory amnesty in Belize" not in client.get(path).content, path


def test_a_rolled_back_write_leaves_the_generation_alone(
    practice, django_capture_on_commit_callbacks
):
    before = generation()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        practice.title_en = "Never saved"
        practice.save()
        raise RuntimeError
    assert generation() == before


def test_relations_and_deletions_move_the_generation(practice, django_capture_on_commit_callbacks):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        practice.countries.add(make_country())
    assert generation() > before
    draft = make_practice(status="draft", published_at=None)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert generation() > before


def test_a_search_rebuilding_its_word_list_is_no_change_to_the_content(
    client, practice, django_capture_on_commit_callbacks
):
    """Words for "did you mean" are rebuilt when the generation moves; were that a change,
    every rebuild would call for another."""
    misspelt = f"{LIST}?q=amnesti"
    client.get(misspelt)
    bump()
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(misspelt)
    assert generation() == before


def test_loading_the_content_moves_the_generation(django_capture_on_commit_callbacks):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_initial_data", verbosity=0)
    assert Practice.objects.exists()
    assert generation() > before


def test_a_counter_the_cache_lost_starts_above_every_value_it_had():
    for _ in range(3):
        bump()
    reached = generation()
    cache.delete("content-generation")
    assert generation() > reached
    cache.delete("content-generation")
    bump()
    assert generation() > reached


def test_staff_always_get_the_live_page(client, staff_client, practice):
    visitor = Client()
    visitor.get(LIST)
    response, queries = queries_for(staff_client, LIST)
    assert queries > 0
    assert "s-maxage" not in response.get("Cache-Control", "")
    # What staff were shown is not kept for visitors either.
    response, queries = queries_for(visitor, LIST)
    assert queries == 0
    assert "s-maxage" in response["Cache-Control"]


def test_staff_preview_of_a_draft_is_never_cached(staff_client):
    draft = make_practice(title_en="Draft amnesty", status="draft", published_at=None)
    staff_client.get(draft.get_absolute_url())
    response, queries = queries_for(staff_client, draft.get_absolute_url())
    assert queries > 0
    assert "no-store" in response["Cache-Control"]
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_page_with_a_form_is_not_cached(client):
    """The suggestion form sets the CSRF cookie; each visitor needs their own token."""
    first = client.get("/en/suggest/")
    second = client.get("/en/suggest/")
    assert "csrftoken" in second.cookies
    assert first.content != second.content
    assert "s-maxage" not in second.get("Cache-Control", "")


def test_with_the_cache_off_every_visit_runs_its_queries(client, practice, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(LIST)
    _response, queries = queries_for(client, LIST)
    assert queries > 0


def test_visitors_pages_may_be_held_by_a_proxy_for_a_minute(client, practice):
    response = client.get(LIST)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=60"}
    assert "Cookie" in response["Vary"]


def test_error_pages_are_neither_cached_nor_held_by_a_proxy(client):
    client.get("/en/practices/999999/missing/")
    response, queries = queries_for(client, "/en/practices/999999/missing/")
    assert response.status_code == 404
    assert queries > 0
    assert "Cache-Control" not in response
