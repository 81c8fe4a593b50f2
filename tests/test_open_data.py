"""Downloads speak the page's language where people read them, and stay stable for programs."""

import csv
import io
import json
from datetime import timedelta
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from editorial import export
from editorial.models import Status
from practices.export import PRACTICE_FIELDS, PROGRAMME_FIELDS
from practices.models import Practice
from recommendations.export import RECOMMENDATION_FIELDS

from .factories import (
    make_actor,
    make_country,
    make_practice,
    make_programme,
    make_recommendation,
    make_source,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "practices:list": PRACTICE_FIELDS,
    "practices:programmes": PROGRAMME_FIELDS,
    "recommendations:list": RECOMMENDATION_FIELDS,
}


def download(client, name, language, fmt, **filters):
    with override(language):
        path = reverse(name)
    return client.get(path, {**filters, "format": fmt})


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.fixture
def entries():
    make_practice(is_ongoing=True, start_year=2019)
    make_practice(is_ongoing=False)
    make_programme(is_ongoing=True)
    make_programme(is_ongoing=False, country=None)
    make_recommendation(whole_region=True)
    make_recommendation(whole_region=False)


@pytest.mark.parametrize(
    ("name", "language", "fmt", "filename"),
    [
        ("practices:list", "en", "csv", "practices.csv"),
        ("practices:list", "es", "csv", "practicas.csv"),
        ("practices:list", "es", "json", "practicas.json"),
        ("practices:programmes", "en", "csv", "programmes.csv"),
        ("practices:programmes", "es", "json", "programas.json"),
        ("recommendations:list", "en", "json", "recommendations.json"),
        ("recommendations:list", "es", "csv", "recomendaciones.csv"),
        ("recommendations:list", "es", "json", "recomendaciones.json"),
    ],
)
def test_download_is_named_in_the_page_language(client, entries, name, language, fmt, filename):
    response = download(client, name, language, fmt)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("practices:list", "ongoing"),
        ("practices:programmes", "ongoing"),
        ("recommendations:list", "whole_region"),
    ],
)
def test_csv_writes_yes_and_no_as_true_and_false_in_every_language(
    client, entries, name, column, language
):
    rows = csv_rows(download(client, name, language, "csv"))
    assert sorted(row[column] for row in rows) == ["false", "true"]


def test_csv_leaves_a_cell_empty_when_there_is_nothing_to_say(client, entries):
    rows = csv_rows(download(client, "practices:list", "es", "csv"))
    assert sorted(row["start_year"] for row in rows) == ["", "2019"]


def test_programme_download_is_in_the_page_language(client, entries):
    results = json.loads(download(client, "practices:programmes", "es", "json").getvalue())[
        "results"
    ]
    assert len(results) == 2
    for record in results:
        assert record["name"].startswith("Programa de regularización")
        assert record["url"].startswith("http://testserver/es/programas/")


def test_json_keeps_booleans_and_nothing_as_json_has_them(client, entries):
    results = json.loads(download(client, "practices:list", "es", "json").getvalue())["results"]
    assert sorted((r["ongoing"], r["start_year"]) for r in results) == [(False, None), (True, 2019)]


@pytest.mark.parametrize("name", LISTS)
def test_columns_have_the_same_names_in_both_languages(client, entries, name):
    headers = {}
    for language in ("en", "es"):
        response = download(client, name, language, "csv")
        headers[language] = next(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert headers["en"] == headers["es"] == list(LISTS[name])


@pytest.mark.parametrize("language", ["en", "es"])
def test_open_data_page_explains_every_column_in_the_page_language(client, language):
    with override(language):
        page = client.get(reverse("open-data")).content.decode()
        for columns in LISTS.values():
            for column, meaning in columns.items():
                explained = f"<dt><code>{column}</code></dt><dd>{escape(meaning)}</dd>"
                assert explained in page, column


def test_every_column_is_explained_in_spanish():
    for columns in LISTS.values():
        for column, meaning in columns.items():
            with override("es"):
                spanish = str(meaning)
            assert spanish != str(meaning), column


@pytest.mark.parametrize(
    ("language", "files"),
    [
        ("en", ["practices.csv", "recommendations.json"]),
        ("es", ["practicas.csv", "recomendaciones.json"]),
    ],
)
def test_open_data_page_names_the_files_as_they_download(client, language, files):
    with override(language):
        page = client.get(reverse("open-data")).content.decode()
    for file in files:
        assert f"<code>{file}</code>" in page


def test_open_data_page_writes_its_example_addresses_in_the_page_language(client):
    with override("es"):
        page = client.get(reverse("open-data")).content.decode()
    assert 'href="/es/practicas/?formato=csv"' in page
    assert "<code>formato=json</code>" in page
    for english in ("format=", "theme=", "horizon=", "/practices/", "/recommendations/"):
        assert english not in page.replace("formato=", ""), english


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_downloads_are_streamed_as_they_are_read(client, entries, name, fmt):
    response = download(client, name, "en", fmt)
    assert response.streaming
    assert "Content-Length" not in response


@pytest.mark.parametrize("name", LISTS)
def test_streamed_json_is_written_as_one_document_would_be(client, entries, name):
    text = download(client, name, "es", "json").getvalue().decode()
    data = json.loads(text)
    assert data["count"] == len(data["results"]) == 2
    assert text == json.dumps(data, ensure_ascii=False, indent=2)


def test_an_empty_streamed_json_is_written_as_one_document_would_be(client):
    text = download(client, "practices:list", "en", "json").getvalue().decode()
    assert text == json.dumps({"count": 0, "results": []}, indent=2)


def test_a_download_is_sent_in_the_page_language_after_the_view_returns(client, entries):
    response = download(client, "practices:list", "es", "csv")
    with override("en"):
        rows = csv_rows(response)
    assert {row["level"] for row in rows} == {"Nacional"}
    assert all("/es/practicas/" in row["url"] for row in rows)


def download_queries(client, fmt):
    with CaptureQueriesContext(connection) as queries:
        download(client, "practices:list", "en", fmt).getvalue()
    return len(queries)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_download_asks_as_many_queries_for_many_rows_as_for_few(client, fmt):
    vocabulary = {
        "countries": [make_country()],
        "themes": [make_theme()],
        "actors": [make_actor()],
        "target_groups": [make_target_group()],
        "sources": [make_source()],
    }
    make_practice(**vocabulary)
    download_queries(client, fmt)  # the related rows are cached from here on
    few = download_queries(client, fmt)
    for _ in range(30):
        make_practice(**vocabulary)
    assert download_queries(client, fmt) == few


def test_a_long_download_asks_two_more_queries_a_chunk(client, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 4)
    for _ in range(4):
        make_practice()
    download_queries(client, "csv")
    one_chunk = download_queries(client, "csv")
    for _ in range(8):
        make_practice()
    download_queries(client, "csv")
    assert download_queries(client, "csv") == one_chunk + 4


def test_an_entry_unpublished_while_the_download_is_sent_is_left_out(client, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 1)
    make_practice(title_en="Newest practice")
    withdrawn = make_practice(
        title_en="Withdrawn meanwhile", published_at=timezone.now() - timedelta(days=1)
    )
    sent = iter(download(client, "practices:list", "en", "csv").streaming_content)
    # The header, then the first chunk: the newest practice.
    first = (next(sent) + next(sent)).decode("utf-8-sig")
    Practice.objects.filter(pk=withdrawn.pk).update(status=Status.ARCHIVED)
    rest = b"".join(sent).decode()
    assert "Newest practice" in first
    assert "Withdrawn meanwhile" not in first + rest
