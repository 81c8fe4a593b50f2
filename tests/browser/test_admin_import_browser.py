"""A reviewer imports practices from a real spreadsheet in a headless Chromium, in both
languages: a file with bad rows is told what to correct, row by row, and saves nothing; the
corrected file is summed up, confirmed and found in the list. No accessibility violation."""

import csv
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from countries.models import Country
from editorial import spreadsheets
from practices.models import Practice
from tests import factories as f

from .admin import ADMIN_MARKS, PASSWORD, signed_in_page
from .test_page_quality import AXE_SCRIPT, AXE_TAGS, describe_violations

pytestmark = ADMIN_MARKS
LANGS = ["en", "es"]
IMPORT = "/admin/practices/practice/import/"
TITLES = {
    "en": "Regularization desks in Chiquimula",
    "es": "Ventanillas de regularización en Chiquimula",
}

# What editors read, in each language: the messages are the catalogue's own (locale/es).
SAYS = {
    "en": {
        "problems": "3 problems to correct; nothing was imported.",
        "year": "Write a year such as 2020.",
        "country": "Not in the list of countries: Atlantis.",
        "country expected": "Write a code such as GT, or the name in English or Spanish.",
        "empty": "(empty)",
        "spanish": "A published entry needs this text; the cell is empty.",
        "summary": "4 new, 0 changed, 0 unchanged.",
        "confirm": "Confirm import",
        "imported": "Imported: 4 new, 0 changed, 0 unchanged.",
    },
    "es": {
        "problems": "3 problemas que corregir; no se importó nada.",
        "year": "Escriba un año, como 2020.",
        "country": "No figura en la lista de países: Atlantis.",
        "country expected": "Escriba un código, como GT, o el nombre en español o en inglés.",
        "empty": "(vacía)",
        "spanish": "Una entrada publicada necesita este texto; la celda está vacía.",
        "summary": "Filas nuevas: 4; con cambios: 0; sin cambios: 0.",
        "confirm": "Confirmar la importación",
        "imported": "Importación completada. Filas nuevas: 4; con cambios: 0; sin cambios: 0.",
    },
}


@pytest.fixture
def reviewer():
    user = f.make_reviewer()
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def spreadsheet(tmp_path, monkeypatch):
    """Writes a practices spreadsheet (.xlsx or .csv) as editors fill one in: the header on row
    1, then `rows`, each the cells that differ from a good row titled by its row number. The
    source, country and theme it names exist."""
    monkeypatch.setattr(spreadsheets, "UPLOAD_FOLDER", tmp_path / "catalogue-imports")
    source = f.make_source()
    f.make_country(code="GT", slug="guatemala", name_en="Guatemala", name_es="Guatemala")
    f.make_theme(slug="regularization", name_en="Regularization", name_es="Regularización")
    good = {
        "id": "",
        "title_en": None,
        "title_es": None,
        "summary_en": "Municipal offices help migrants regularize their status.",
        "summary_es": "Oficinas municipales ayudan a regularizar la situación migratoria.",
        "description_en": "Desks in border towns take applications and give advice.",
        "description_es": "Ventanillas en pueblos fronterizos reciben solicitudes y orientan.",
        "countries": "Guatemala",
        "themes": "regularization",
        "level": "national",
        "start_year": 2021,
        "is_ongoing": 1,
        "sources": source.pk,
        "status": "published",
    }

    def write(name, *rows):
        lines = [list(good)]
        for number, row in enumerate(rows, 2):
            titles = {"title_en": f"Row {number}", "title_es": f"Fila {number}"}
            lines.append(list({**good, **titles, **row}.values()))
        path = tmp_path / name
        if path.suffix == ".csv":
            with path.open("w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerows(lines)
        else:
            book = openpyxl.Workbook()
            for line in lines:
                book.active.append(line)
            book.save(path)
        return path

    return write


BAD_ROWS = [
    {"title_en": TITLES["en"], "title_es": TITLES["es"]},
    {"start_year": "desde 2020"},
    {"countries": "Atlantis"},
    {"summary_es": None},
]
CORRECTED_ROWS = [
    {"title_en": TITLES["en"], "title_es": TITLES["es"]},
    {"start_year": 2020},
    {"countries": "GT"},
    {"summary_es": "Un resumen escrito al fin en español."},
]


@pytest.fixture
def import_page(new_page, reviewer):
    """The practices' import page of a signed-in reviewer, in `lang`; console errors (a refused
    script or style) collected."""

    def open_page(lang, **options):
        page = signed_in_page(new_page, reviewer.username, lang, **options)
        page.goto(IMPORT)
        return page

    return open_page


def upload(page, path):
    page.set_input_files("#id_import_file", path)
    page.select_option("#id_format", label=path.suffix[1:])
    page.locator("#content form input[type=submit]").click()


def problem_rows(page):
    """The problems table, each row as its four cells' text."""
    expect(page.locator("table.import-problems")).to_be_visible()
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator("table.import-problems tbody tr").all()
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_bad_rows_are_each_told_once_by_row_column_and_what_is_expected(
    import_page, spreadsheet, lang
):
    says = SAYS[lang]
    page = import_page(lang)

    upload(page, spreadsheet("practices.xlsx", *BAD_ROWS))

    expect(page.get_by_role("heading", name=says["problems"])).to_be_visible()
    year, country, spanish = problem_rows(page)
    assert year == ["3", "start_year", "desde 2020", says["year"]]
    assert country[:3] == ["4", "countries", "Atlantis"]
    assert country[3].startswith(says["country"])
    assert says["country expected"] in country[3]
    assert spanish == ["5", "summary_es", says["empty"], says["spanish"]]
    for message in (says["year"], says["country"], says["spanish"]):
        expect(page.get_by_text(message)).to_have_count(1)
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    assert not Practice.objects.exists()
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_corrected_file_is_summed_up_confirmed_and_found_in_the_list(
    import_page, spreadsheet, lang
):
    says = SAYS[lang]
    page = import_page(lang)
    upload(page, spreadsheet("practices.xlsx", *BAD_ROWS))
    expect(page.locator("table.import-problems")).to_be_visible()

    # Saved again from a spreadsheet program, as CSV this time.
    upload(page, spreadsheet("practices-corrected.csv", *CORRECTED_ROWS))

    expect(page.locator(".import-summary")).to_have_text(says["summary"])
    expect(page.locator("table.import-changes tbody tr")).to_have_count(4)
    page.get_by_role("button", name=says["confirm"]).click()
    expect(page.locator(".messagelist .success")).to_have_text(says["imported"])
    page.fill("#searchbar", "Chiquimula")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=Chiquimula"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    # The list names entries in the editor's language.
    expect(page.locator("#result_list tbody")).to_contain_text(TITLES[lang])
    practice = Practice.objects.get(title_en=TITLES["en"])
    assert practice.countries.get().code == "GT"
    assert Practice.objects.count() == 4
    assert page.problems == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("preview", ["problems", "changes"])
def test_axe_finds_no_violation_on_the_import_preview(import_page, spreadsheet, lang, preview):
    assert AXE_SCRIPT.exists(), "axe-core is missing: run `npm ci` (or `make test`)"
    # The site's Content-Security-Policy (script-src 'self') refuses the injected script.
    page = import_page(lang, bypass_csp=True)
    rows = BAD_ROWS
    if preview == "changes":
        # Besides the new entries, one whose changed words are marked.
        practice = f.make_practice(countries=[Country.objects.get(code="GT")])
        rows = [*CORRECTED_ROWS, {"id": practice.pk, "title_en": f"{practice.title_en} (2)"}]
    upload(page, spreadsheet("practices.xlsx", *rows))
    expect(page.locator(f"table.import-{preview}")).to_be_visible()
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)

    assert results["passes"], "axe ran no check"
    violations = results["violations"]
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"
