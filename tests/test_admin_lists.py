"""The editors' change lists: the columns that fit a 1366 px screen, filters, flat query counts."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.models import Status
from practices.models import Practice, Programme
from recommendations.models import Forum, Recommendation

from . import factories as f

pytestmark = pytest.mark.django_db


class ResultTable(HTMLParser):
    """The rows of the admin's #result_list, header first: {column: (text, title)} per row,
    the title being that of the first element in the cell that has one."""

    def __init__(self):
        super().__init__()
        self.rows = []
        self.inside = False
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "result_list":
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append({})
        elif self.inside and tag in ("td", "th"):
            classes = (attrs.get("class") or "").split()
            names = [c.split("-", 1)[1] for c in classes if c.startswith(("field-", "column-"))]
            self.cell = {"name": names[0] if names else None, "text": "", "title": None}
        elif self.cell and "title" in attrs and self.cell["title"] is None:
            self.cell["title"] = attrs["title"]

    def handle_data(self, data):
        if self.cell:
            self.cell["text"] += data

    def handle_endtag(self, tag):
        if self.cell and tag in ("td", "th"):
            if self.cell["name"]:
                text = " ".join(self.cell["text"].split())
                self.rows[-1][self.cell["name"]] = (text, self.cell["title"])
            self.cell = None
        elif tag == "table":
            self.inside = False


def result_rows(response):
    assert response.status_code == 200
    table = ResultTable()
    table.feed(response.content.decode())
    header, *rows = table.rows
    return {name: text for name, (text, _title) in header.items()}, rows


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_practice_list_shows_title_countries_status_translation_and_last_change(staff_client):
    f.make_practice(title_en="Amnesty in Belize", countries=[f.make_country(name_en="Belize")])

    headers, [row] = result_rows(staff_client.get(changelist(Practice)))

    assert headers == {
        "title": "Title",
        "countries_column": "Countries",
        "status": "Status",
        "translation_state": "Translation",
        "last_change": "Last change",
    }
    assert row["title"][0] == "Amnesty in Belize"
    assert row["countries_column"][0] == "Belize"
    assert row["status"][0] == "Published"
    assert row["translation_state"][0] == "Complete"


def test_practice_list_speaks_spanish_to_a_spanish_browser(staff_client):
    f.make_practice(title_es="Amnistía en Belice", countries=[f.make_country(name_es="Belice")])

    response = staff_client.get(changelist(Practice), HTTP_ACCEPT_LANGUAGE="es")
    headers, [row] = result_rows(response)

    assert headers == {
        "title": "Título",
        "countries_column": "Países",
        "status": "Estado",
        "translation_state": "Traducción",
        "last_change": "Último cambio",
    }
    assert row["title"][0] == "Amnistía en Belice"
    assert row["countries_column"][0] == "Belice"
    assert row["status"][0] == "Publicado"
    assert row["translation_state"][0] == "Completa"


def test_a_long_title_stays_whole_on_the_page_for_hover_and_screen_readers(staff_client):
    title = "Regularization of migrants " + "and their families " * 10
    f.make_practice(title_en=title.strip())

    _headers, [row] = result_rows(staff_client.get(changelist(Practice)))

    assert row["title"] == (title.strip(), title.strip())


def test_last_change_is_the_day_in_the_sites_time_zone(staff_client, settings):
    from datetime import UTC, datetime

    practice = f.make_practice()
    # 02:00 UTC is still the evening before in Costa Rica (UTC-6).
    Practice.objects.filter(pk=practice.pk).update(updated_at=datetime(2025, 3, 5, 2, tzinfo=UTC))

    _headers, [row] = result_rows(staff_client.get(changelist(Practice)))
    _headers, [fila] = result_rows(
        staff_client.get(changelist(Practice), HTTP_ACCEPT_LANGUAGE="es")
    )

    assert settings.TIME_ZONE == "America/Costa_Rica"
    assert row["last_change"][0] == "03/04/2025"
    assert fila["last_change"][0] == "04/03/2025"


def test_an_entry_of_many_countries_names_two_and_counts_the_others(staff_client):
    names = ["Belize", "Canada", "Costa Rica", "Guatemala", "Mexico"]
    f.make_practice(countries=[f.make_country(name_en=name) for name in names])

    _headers, [row] = result_rows(staff_client.get(changelist(Practice)))

    assert row["countries_column"] == ("Belize, Canada and 3 more", ", ".join(names))


def test_the_programme_list_names_its_country(staff_client):
    f.make_programme(country=f.make_country(name_en="Panama"))

    _headers, [row] = result_rows(staff_client.get(changelist(Programme)))

    assert row["countries_column"][0] == "Panama"


def test_a_recommendation_for_the_whole_region_says_so(staff_client):
    f.make_recommendation(whole_region=True)

    _headers, [row] = result_rows(
        staff_client.get(changelist(Recommendation), HTTP_ACCEPT_LANGUAGE="es")
    )

    assert row["countries_column"][0] == "Toda la región"


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "Missing Spanish text"), ("es", "Falta el texto en español")]
)
def test_the_translation_column_names_the_missing_language_and_lists_the_fields(
    staff_client, lang, shown
):
    f.make_practice(status=Status.DRAFT, published_at=None, summary_es="", description_es="")

    _headers, [row] = result_rows(staff_client.get(changelist(Practice), HTTP_ACCEPT_LANGUAGE=lang))

    text, fields = row["translation_state"]
    assert text == shown
    assert (
        fields
        == {
            "en": "summary (Spanish), description (Spanish)",
            "es": "resumen (Español), descripción (Español)",
        }[lang]
    )


def test_the_missing_a_language_filter_lists_entries_missing_either(staff_client):
    f.make_practice(title_en="Complete")
    for title, empty in [("No Spanish", "summary_es"), ("No English", "summary_en")]:
        f.make_practice(title_en=title, status=Status.DRAFT, published_at=None, **{empty: ""})

    _headers, rows = result_rows(staff_client.get(changelist(Practice) + "?translation=missing"))

    assert sorted(row["title"][0] for row in rows) == ["No English", "No Spanish"]


# The filters editors asked for, by the query parameter each one writes.
FILTERS = {
    Practice: ["status__exact", "countries__id__exact", "themes__id__exact", "level__exact"],
    Programme: ["status__exact", "country__id__exact", "kind__id__exact"],
    Recommendation: ["status__exact", "countries__id__exact", "themes__id__exact"],
    Forum: ["status__exact", "countries__id__exact"],
}


@pytest.mark.parametrize("model", FILTERS, ids=lambda model: model.__name__)
def test_every_list_filters_by_country_status_and_its_vocabularies(staff_client, model):
    # A filter shows when it has two values to choose from.
    for country in (f.make_country(), f.make_country()):
        f.make_practice(countries=[country], level="local")
        f.make_programme(country=country)
        f.make_recommendation(countries=[country])
        f.make_forum(countries=[country])

    page = staff_client.get(changelist(model)).content.decode()

    for parameter in FILTERS[model]:
        assert f"?{parameter}=" in page, parameter


def test_a_limited_editors_country_filter_offers_only_their_countries(client):
    belize, panama = f.make_country(name_en="Belize"), f.make_country(name_en="Panama")
    f.make_country(name_en="Mexico")
    f.make_practice(countries=[belize])
    client.force_login(f.make_editor(countries=[belize, panama]))

    page = client.get(changelist(Practice)).content.decode()

    assert f"?countries__id__exact={belize.pk}" in page
    assert f"?countries__id__exact={panama.pk}" in page
    assert "Mexico" not in page
    # Entries without a country are out of their reach, so no "none" choice either.
    assert "countries__isnull=True" not in page


def populate(n):
    countries = [f.make_country() for _ in range(4)]
    themes = [f.make_theme()]
    forum = f.make_forum(countries=countries[:2])
    for i in range(n):
        some = countries[: 1 + i % 4]
        f.make_practice(countries=some, themes=themes)
        f.make_programme(country=some[0], kind=f.make_programme_kind())
        f.make_recommendation(countries=some, themes=themes, forum=forum)
        f.make_forum(countries=some)


def count_queries(client, path):
    client.get(path)  # once, so the small tables are cached as they are for editors
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [Practice, Programme, Recommendation, Forum], ids=lambda m: m.__name__
)
def test_a_change_list_runs_as_many_queries_for_100_entries_as_for_10(staff_client, model):
    populate(10)
    few = count_queries(staff_client, changelist(model))
    populate(90)
    many = count_queries(staff_client, changelist(model))

    assert model.objects.count() >= 100
    assert many == few


def test_a_filter_names_its_choice_of_entries_with_none_instead_of_a_dash(staff_client):
    f.make_practice()

    page = staff_client.get(changelist(Practice), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert re.search(r'href="\?themes__isnull=True"[^>]*>Ninguno</a>', page)
    assert not re.search(r'href="\?themes__isnull=True"[^>]*>-</a>', page)
