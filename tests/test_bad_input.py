"""Bad input gets a clear message and a 4xx in the page's language, never a 500."""

import pytest

from .factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def some_practices():
    for _ in range(3):
        make_practice()


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("country=atlantis", 200, "“atlantis” is not in the catalogue"),
        ("theme=%00", 200, "“\ufffd” is not in the catalogue"),
        ("level=cosmic", 200, "“cosmic” is not in the catalogue"),
        ("year_from=abc", 400, "Enter a number"),
        ("year_to=99999", 400, "less than or equal to 2100"),
        ("sort=random", 200, "“random” is not in the catalogue"),
        ("page=abc", 400, "whole number"),
        ("page=0", 404, "There is no page 0"),
        ("page=99999999999999999999", 404, "There is no page"),
    ],
)
def test_bad_list_input_explains_itself(client, query, status, message):
    response = client.get(f"/en/practices/?{query}")
    assert response.status_code == status
    assert message in response.content.decode()


def test_messages_come_in_the_page_language(client):
    response = client.get("/es/practicas/?page=abc")
    assert response.status_code == 400
    assert "número entero" in response.content.decode()


def test_a_bad_value_beside_good_ones_keeps_the_good_filters(client):
    practice = make_practice(title_en="Findable practice")
    country = practice.countries.get()
    response = client.get(f"/en/practices/?country={country.slug}&country=atlantis")
    assert response.status_code == 200
    assert [p.title for p in response.context["page_obj"]] == ["Findable practice"]


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/fr/practices/").status_code == 404


def test_bad_comparison_input_explains_itself(client):
    response = client.get("/en/programmes/compare/?programme=abc&programme=999999")
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a programme number" in page
    assert "999999" in page


def test_a_digit_that_is_not_ascii_is_not_a_programme_number(client):
    response = client.get("/en/programmes/compare/?programme=%C2%B2")
    assert response.status_code == 400
    assert "“²” is not a programme number" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/en/programmes/compare/", "No published programme has the number"),
        ("/es/programas/comparar/", "Ningún programa publicado tiene el número"),
    ],
)
def test_a_number_larger_than_any_id_is_named_as_no_programme(client, path, message):
    response = client.get(path, {"programme": "99999999999999999999999"})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "99999999999999999999999" in page


def test_a_control_character_in_a_programme_number_is_never_written_back(client):
    response = client.get("/en/programmes/compare/?programme=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert "\x00" not in page
    assert "“\ufffd” is not a programme number" in page


def test_unknown_export_format_falls_back_to_the_page(client):
    assert client.get("/en/practices/?format=xls").status_code == 200


def test_export_with_a_bad_filter_is_refused(client):
    response = client.get("/en/practices/?format=csv&country=atlantis")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_not_found_page_is_in_the_site_design_and_language(client):
    response = client.get("/es/practicas/999999/x/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "/en/practices/?year_from=2020&year_to=2010",
            "To year: It is before the “From year” (2020)",
        ),
        ("/es/practicas/?desde=2020&hasta=2010", "Hasta el año: Es anterior"),
    ],
)
def test_a_period_that_ends_before_it_begins_is_explained(client, path, message):
    response = client.get(path)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_page_number_too_long_to_quote_is_shown_shortened_not_silently_cut(client):
    response = client.get("/en/practices/?page=" + "9" * 30)
    assert response.status_code == 404
    assert "There is no page " + "9" * 19 + "…" in response.content.decode()
