"""Spreadsheet import and export: dry runs report bad rows, imports are all-or-nothing."""

import pytest
import tablib
from django.urls import reverse

from editorial.models import Status
from practices.models import Practice
from practices.resources import PracticeResource, ProgrammeResource

from .factories import (
    make_country,
    make_practice,
    make_programme,
    make_reviewer,
    make_source,
    make_theme,
)

pytestmark = pytest.mark.django_db

HEADERS = [
    "id",
    "title_en",
    "title_es",
    "summary_en",
    "summary_es",
    "description_en",
    "description_es",
    "countries",
    "themes",
    "level",
    "sources",
    "status",
]


@pytest.fixture
def vocab():
    return {
        "country": make_country(code="BZ", slug="belize"),
        "theme": make_theme(slug="regularization"),
        "source": make_source(),
    }


@pytest.fixture
def reviewer():
    return make_reviewer()


def row(vocab, **changes):
    values = {
        "id": "",
        "title_en": "Imported practice",
        "title_es": "Práctica importada",
        "summary_en": "Summary",
        "summary_es": "Resumen",
        "description_en": "Description",
        "description_es": "Descripción",
        "countries": "BZ",
        "themes": "regularization",
        "level": "national",
        "sources": str(vocab["source"].pk),
        "status": "draft",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


def dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def problems(result):
    """(row number, column, value and reason) for every bad row, as the admin's dry run shows
    them."""
    return [(p.row, f"{p.column} {p.value} {p.message}") for p in result.problems]


def test_good_file_imports(vocab, reviewer):
    result = PracticeResource().import_data(
        dataset(row(vocab), row(vocab, title_en="Second")), user=reviewer
    )
    assert not result.has_errors() and not result.has_validation_errors()
    practice = Practice.objects.get(title_en="Imported practice")
    assert practice.status == Status.DRAFT
    assert [c.code for c in practice.countries.all()] == ["BZ"]
    assert practice.search_text


def test_file_with_bad_rows_imports_nothing_and_reports_each(vocab, reviewer):
    data = dataset(
        row(vocab),
        row(vocab, countries="XX"),
        row(vocab, level="cosmic"),
        row(vocab, themes=""),
        row(vocab, status="published", summary_es=""),
    )
    result = PracticeResource().import_data(data, dry_run=False, user=reviewer)
    reported = problems(result)
    assert [number for number, _reason in reported] == [3, 4, 5, 6]
    reasons = dict(reported)
    assert "XX" in reasons[3]
    assert "cosmic" in reasons[4]
    assert "Give at least one" in reasons[5]
    assert "summary_es" in reasons[6]
    assert not Practice.objects.exists()


def test_dry_run_saves_nothing(vocab, reviewer):
    result = PracticeResource().import_data(dataset(row(vocab)), dry_run=True, user=reviewer)
    assert not result.has_errors()
    assert not Practice.objects.exists()


def test_export_then_import_changes_nothing(reviewer):
    programme = make_programme()
    make_practice(
        programme=programme,
        results_en="<p>With <strong>HTML</strong></p>",
        start_year=2020,
        end_year=2022,
    )
    make_practice(status=Status.DRAFT, published_at=None, summary_es="")
    for resource in (PracticeResource(), ProgrammeResource()):
        exported = resource.export()
        result = resource.import_data(
            tablib.Dataset().load(exported.csv, format="csv"), user=reviewer
        )
        assert not result.has_errors() and not result.has_validation_errors()
        assert {r.import_type for r in result.rows} == {"skip"}, resource


def test_xlsx_round_trip_keeps_accents(reviewer):
    make_practice(title_es="Amnistía migratoria en Belice")
    exported = PracticeResource().export().export("xlsx")
    data = tablib.Dataset().load(exported, format="xlsx")
    assert "Amnistía migratoria en Belice" in data["title_es"]
    result = PracticeResource().import_data(data, user=reviewer)
    assert {r.import_type for r in result.rows} == {"skip"}


def test_admin_dry_run_lists_bad_rows_with_their_numbers(client, django_user_model, vocab):
    client.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "pw"))
    upload = dataset(row(vocab), row(vocab, countries="XX")).export("csv").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("admin:practices_practice_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("practices.csv", upload, "text/csv"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "XX" in page
    assert "<td>3</td>" in page
    assert not Practice.objects.exists()


def test_the_export_page_names_each_column_in_the_editor_s_language(staff_client):
    page = staff_client.get(
        reverse("admin:practices_practice_export"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    # The spreadsheet's own column names stay as they are, beside the field's Spanish name.
    assert "Título (Español) · title_es" in page
    assert "Países · countries" in page
    assert "Title Es" not in page


@pytest.mark.parametrize(
    ("language", "name"), [("en", "good-practices-"), ("es", "buenas-practicas-")]
)
def test_an_exported_file_is_named_in_the_editor_s_language(staff_client, language, name):
    make_practice()
    response = staff_client.post(
        reverse("admin:practices_practice_export"),
        {"format": "0", "practiceresource_id": "on", "practiceresource_title_en": "on"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert f'filename="{name}' in response["Content-Disposition"]
