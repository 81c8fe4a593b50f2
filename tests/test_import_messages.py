"""A spreadsheet import tells editors what to correct: the row as their spreadsheet numbers it,
the column, the value and what the cell should hold, in their language; names of countries and
vocabulary terms are read in either language, and the dry run shows only what would change."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from editorial import spreadsheets
from editorial.models import Status
from editorial.resources import Problem
from practices.models import Practice, Programme
from practices.resources import PracticeResource, ProgrammeResource

from .factories import (
    make_country,
    make_practice,
    make_programme_kind,
    make_reviewer,
    make_source,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guatemala():
    return make_country(code="GT", slug="guatemala", name_en="Guatemala", name_es="Guatemala")


@pytest.fixture
def dominican_republic():
    return make_country(
        code="DO",
        slug="dominican-republic",
        name_en="Dominican Republic",
        name_es="República Dominicana",
    )


@pytest.fixture
def theme():
    return make_theme(slug="regularization", name_en="Regularization", name_es="Regularización")


@pytest.fixture
def source():
    return make_source()


@pytest.fixture
def reviewer():
    return make_reviewer()


def sheet(guatemala, theme, source, *rows):
    """A practices spreadsheet: each row a dict of the cells that differ from a good row."""
    good = {
        "id": "",
        "title_en": "Imported practice",
        "title_es": "Práctica importada",
        "summary_en": "Summary",
        "summary_es": "Resumen",
        "description_en": "Description",
        "description_es": "Descripción",
        "countries": guatemala.code,
        "themes": theme.slug,
        "level": "national",
        "start_year": "",
        "is_ongoing": "0",
        "sources": str(source.pk),
        "status": "draft",
    }
    return tablib.Dataset(*[list({**good, **row}.values()) for row in rows], headers=list(good))


def exported(row=0, **cells):
    """The practices sheet as exported, one row edited by hand: one cell per keyword."""
    data = tablib.Dataset().load(PracticeResource().export().csv, format="csv")
    data[row] = tuple(cells.get(h, v) for h, v in zip(data.headers, data[row], strict=True))
    return data


def import_practices(data, user):
    return PracticeResource().import_data(data, user=user)


def test_a_year_in_words_names_its_row_column_value_and_the_year_expected(
    guatemala, theme, source, reviewer
):
    data = sheet(guatemala, theme, source, {}, {}, {"start_year": "desde 2020"})
    result = import_practices(data, reviewer)
    assert result.problems == [Problem(4, "start_year", "desde 2020", "Write a year such as 2020.")]
    assert not Practice.objects.exists()


def test_the_first_entry_is_row_two_as_spreadsheets_number_it(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"level": "cosmic"}), reviewer)
    assert [problem.row for problem in result.problems] == [2]
    assert [row.number for row in result.invalid_rows] == [2]


def test_an_unknown_country_says_a_code_or_a_name_is_expected(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"countries": "Guatemaal"}), reviewer)
    [problem] = result.problems
    assert (problem.column, problem.value) == ("countries", "Guatemaal")
    assert problem.message.startswith("Not in the list of countries: Guatemaal.")
    assert "Write a code such as GT, or the name in English or Spanish." in problem.message


def test_a_list_written_with_commas_is_told_the_separator(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"countries": "GT, DO"}), reviewer)
    assert "Separate several with |." in result.problems[0].message


def test_country_names_in_either_language_and_any_case_are_read(
    guatemala, dominican_republic, theme, source, reviewer
):
    data = sheet(guatemala, theme, source, {"countries": "republica dominicana|GUATEMALA"})
    assert not import_practices(data, reviewer).problems
    assert set(Practice.objects.get().countries.all()) == {guatemala, dominican_republic}


def test_country_codes_in_lower_case_are_read(guatemala, theme, source, reviewer):
    assert not import_practices(
        sheet(guatemala, theme, source, {"countries": "gt"}), reviewer
    ).problems


def test_vocabulary_names_and_spanish_slugs_are_read(guatemala, source, reviewer):
    regularization = make_theme(slug="regularization", name_es="Regularización")
    integration = make_theme(slug="integration", name_en="Integration", name_es="Integración")
    data = sheet(guatemala, regularization, source, {"themes": "Regularización|integracion"})
    assert integration.slug_es == "integracion"
    assert not import_practices(data, reviewer).problems
    assert set(Practice.objects.get().themes.all()) == {regularization, integration}


PROGRAMME_HEADERS = [
    "id",
    "name_en",
    "name_es",
    "summary_en",
    "summary_es",
    "kind",
    "country",
    "sources",
]


def test_a_programme_finds_its_country_and_kind_by_their_spanish_names(
    dominican_republic, source, reviewer
):
    make_programme_kind(slug="amnesty", name_en="Migratory amnesty", name_es="Amnistía migratoria")
    data = tablib.Dataset(
        ["", "Plan", "Plan", "S", "R", "amnistia migratoria", "República Dominicana", source.pk],
        headers=PROGRAMME_HEADERS,
    )
    result = ProgrammeResource().import_data(data, user=reviewer)
    assert not result.problems
    programme = Programme.objects.get()
    assert (programme.country, programme.kind.slug) == (dominican_republic, "amnesty")


def test_an_unknown_programme_kind_says_a_slug_or_a_name_is_expected(guatemala, source, reviewer):
    make_programme_kind(slug="amnesty")
    data = tablib.Dataset(
        ["", "Plan", "Plan", "S", "R", "amnistía", "GT", source.pk],
        headers=PROGRAMME_HEADERS,
    )
    [problem] = ProgrammeResource().import_data(data, user=reviewer).problems
    assert (problem.row, problem.column, problem.value) == (2, "kind", "amnistía")
    assert "Write a slug such as amnesty, or the name in English or Spanish." in problem.message


def test_a_level_is_read_by_its_label_in_either_language(guatemala, theme, source, reviewer):
    data = sheet(guatemala, theme, source, {"level": "Nacional"}, {"level": "Local"})
    assert not import_practices(data, reviewer).problems
    assert set(Practice.objects.values_list("level", flat=True)) == {"national", "local"}


def test_an_unknown_level_lists_the_levels(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"level": "cosmic"}), reviewer)
    assert result.problems == [
        Problem(2, "level", "cosmic", "Write one of: regional, national, local.")
    ]


def test_yes_in_spanish_is_read(guatemala, theme, source, reviewer):
    assert not import_practices(
        sheet(guatemala, theme, source, {"is_ongoing": "Sí"}), reviewer
    ).problems
    assert Practice.objects.get().is_ongoing


def test_a_yes_no_cell_in_words_says_what_it_takes(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"is_ongoing": "maybe"}), reviewer)
    assert result.problems == [Problem(2, "is_ongoing", "maybe", "Write 1 for yes or 0 for no.")]


def test_an_id_in_words_is_reported_in_the_id_column(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"id": "first"}), reviewer)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "id", "first")]


def test_an_unknown_source_says_an_id_is_expected(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"sources": "99999"}), reviewer)
    [problem] = result.problems
    assert problem.message == (
        f"Not in the list of sources: 99999. Write an id number such as {source.pk}. "
        "Separate several with |."
    )


def test_an_empty_required_list_says_what_to_write(guatemala, theme, source, reviewer):
    result = import_practices(sheet(guatemala, theme, source, {"themes": ""}), reviewer)
    assert result.problems == [
        Problem(
            2,
            "themes",
            "",
            "Give at least one. Write a slug such as regularization, "
            "or the name in English or Spanish.",
        )
    ]


def test_missing_spanish_text_is_told_once_per_empty_cell(guatemala, theme, source, reviewer):
    data = sheet(
        guatemala, theme, source, {"status": "published", "summary_es": "", "description_es": ""}
    )
    result = import_practices(data, reviewer)
    assert result.problems == [
        Problem(2, "summary_es", "", "A published entry needs this text; the cell is empty."),
        Problem(2, "description_es", "", "A published entry needs this text; the cell is empty."),
    ]


def test_a_published_entry_blanked_in_spanish_is_told_once(guatemala, reviewer):
    practice = make_practice(countries=[guatemala])
    data = exported(summary_es="")
    result = import_practices(data, reviewer)
    assert [(p.column, p.message) for p in result.problems] == [
        ("summary_es", "A published entry needs this text; the cell is empty.")
    ]
    assert Practice.objects.get(pk=practice.pk).summary_es


def test_problems_are_told_in_the_editors_language(guatemala, theme, source, reviewer):
    data = sheet(guatemala, theme, source, {"start_year": "desde 2020", "countries": "Guatemaal"})
    with translation.override("es"):
        result = import_practices(data, reviewer)
    messages = {problem.column: problem.message for problem in result.problems}
    assert messages["start_year"] == "Escriba un año, como 2020."
    assert messages["countries"].startswith("No figura en la lista de países: Guatemaal.")


# --- in the admin ---------------------------------------------------------------------------


def upload(data):
    content = data.export("csv").encode()
    return {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("sheet.csv", content)}


@pytest.fixture
def reviewer_client(client, reviewer, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "UPLOAD_FOLDER", tmp_path / "catalogue-imports")
    client.force_login(reviewer)
    return client


def test_admin_dry_run_lists_each_problem_on_a_line_of_its_own(
    reviewer_client, guatemala, theme, source
):
    data = sheet(guatemala, theme, source, {}, {}, {"start_year": "desde 2020"})
    response = reviewer_client.post(reverse("admin:practices_practice_import"), upload(data))
    page = response.content.decode()
    assert "1 problem to correct; nothing was imported." in page
    assert (
        "<td>4</td>\n      <td><code>start_year</code></td>\n      <td>desde 2020</td>\n"
        "      <td>Write a year such as 2020.</td>"
    ) in page
    assert "Line number" not in page and "ConversionSyntax" not in page
    assert "confirm_form" not in response.context


def test_admin_dry_run_in_spanish_speaks_spanish(reviewer_client, guatemala, theme, source):
    data = sheet(guatemala, theme, source, {"start_year": "desde 2020"})
    response = reviewer_client.post(
        reverse("admin:practices_practice_import"), upload(data), HTTP_ACCEPT_LANGUAGE="es"
    )
    page = response.content.decode()
    assert "Escriba un año, como 2020." in page
    assert "1 problema que corregir; no se importó nada." in page


def test_admin_dry_run_sums_up_and_shows_only_the_rows_that_change(
    reviewer_client, guatemala, reviewer
):
    kept = make_practice(countries=[guatemala], title_en="Kept as it is")
    changed = make_practice(countries=[guatemala], title_en="Before")
    data = exported(row=[row[0] for row in exported()].index(str(changed.pk)), title_en="After")
    response = reviewer_client.post(reverse("admin:practices_practice_import"), upload(data))
    page = response.content.decode()
    assert "0 new, 1 changed, 1 unchanged." in page
    [row] = response.context["result"].changed_rows()
    assert row.object_id == changed.pk
    assert [column for column, _change in row.diff] == ["title_en"]
    assert kept.title_en not in page
    assert 'name="confirm" value="Confirm import">' in page


def test_admin_dry_run_shows_a_new_entrys_cells_but_not_the_id_it_would_get(
    reviewer_client, guatemala, theme, source
):
    data = sheet(guatemala, theme, source, {})
    response = reviewer_client.post(reverse("admin:practices_practice_import"), upload(data))
    [row] = response.context["result"].changed_rows()
    columns = [column for column, _value in row.diff]
    assert "title_en" in columns
    assert "id" not in columns


def test_admin_dry_run_marks_a_changed_text_with_no_inline_style(reviewer_client, guatemala):
    # The Content Security Policy refuses inline styles: the admin's stylesheet colours the marks.
    make_practice(countries=[guatemala], title_en="Desks <in> the north")
    data = exported(title_en="Offices <in> the north")
    response = reviewer_client.post(reverse("admin:practices_practice_import"), upload(data))
    page = response.content.decode()
    assert "<del>Desks</del> <ins>Offices</ins> &lt;in&gt; the north" in page
    assert "style=" not in page


def test_confirm_is_disabled_when_nothing_would_change(reviewer_client, guatemala):
    make_practice(countries=[guatemala])
    response = reviewer_client.post(reverse("admin:practices_practice_import"), upload(exported()))
    page = response.content.decode()
    assert "0 new, 0 changed, 1 unchanged." in page
    assert 'value="Confirm import" disabled>' in page
    assert Practice.objects.get().status == Status.PUBLISHED
    # Nothing can be confirmed, so the upload does not wait for it.
    assert not list(spreadsheets.UPLOAD_FOLDER.iterdir())


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Imported: 1 new, 0 changed, 0 unchanged."),
        ("es", "Importación completada. Filas nuevas: 1; con cambios: 0; sin cambios: 0."),
    ],
)
def test_a_confirmed_import_says_what_it_did_in_the_dry_runs_words(
    reviewer_client, guatemala, theme, source, language, message
):
    headers = {"accept-language": language}
    dry_run = reviewer_client.post(
        reverse("admin:practices_practice_import"),
        upload(sheet(guatemala, theme, source, {})),
        headers=headers,
    )
    confirmed = reviewer_client.post(
        reverse("admin:practices_practice_process_import"),
        dry_run.context["confirm_form"].initial,
        headers=headers,
        follow=True,
    )
    assert [str(sent) for sent in confirmed.context["messages"]] == [message]
    assert Practice.objects.count() == 1


def test_export_page_carries_no_inline_script_and_loads_select_all_from_a_file(staff_client):
    page = staff_client.get(reverse("admin:practices_practice_export")).content.decode()
    assert 'id="select-all-fields"' in page
    assert "js/export-select-all.js" in page
    assert "onchange=" not in page and "style=" not in page
