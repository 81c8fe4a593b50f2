"""The 23 objectives of the Global Compact for Migration: a vocabulary under their official
titles, a filter with counts on the practice list, shown on practice pages and in exports."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override

from editorial.models import Status
from practices.models import CompactObjective

from .factories import make_practice, make_vocabulary

pytestmark = pytest.mark.django_db


def objective(number, **fields):
    defaults = {
        "number": number,
        "name_en": f"Objective title {number}",
        "name_es": f"Título del objetivo {number}",
        "short_name_en": f"Short {number}",
        "short_name_es": f"Corto {number}",
        "slug": str(number),
        "slug_es": str(number),
    }
    return make_vocabulary(CompactObjective, **{**defaults, **fields})


def titles(response):
    return sorted(practice.title for practice in response.context["page_obj"].object_list)


def test_an_objective_number_outside_1_to_23_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        objective(24)


def test_the_filter_keeps_the_practices_of_an_objective(client):
    returns = objective(21)
    make_practice(title_en="Reintegration", compact_objectives=[returns])
    make_practice(title_en="Amnesty")
    assert titles(client.get("/en/practices/?objective=21")) == ["Reintegration"]


def test_spanish_pages_name_the_filter_in_spanish(client):
    returns = objective(21)
    make_practice(title_es="Reintegración", compact_objectives=[returns])
    make_practice(title_es="Amnistía")
    with override("es"):
        response = client.get(reverse("practices:list"), {"objetivo": "21"})
        assert titles(response) == ["Reintegración"]
    assert 'name="objetivo"' in response.content.decode()


def test_the_filter_counts_the_published_practices_of_each_objective(client):
    returns, consular = objective(21), objective(14)
    make_practice(compact_objectives=[returns])
    make_practice(compact_objectives=[returns, consular])
    make_practice(compact_objectives=[returns], status=Status.DRAFT)
    response = client.get("/en/practices/")
    assert response.context["facets"]["objective"] == {"21": 2, "14": 1}
    narrowed = client.get("/en/practices/?objective=14")
    assert narrowed.context["facets"]["objective"] == {"21": 1, "14": 1}


def test_an_unknown_objective_is_named_and_the_list_still_answers(client):
    objective(21)
    response = client.get("/en/practices/?objective=99")
    assert response.status_code == 200
    assert "99" in response.content.decode()


def test_the_practice_page_shows_its_objectives_as_the_catalogue_s_classification(client):
    returns = objective(21, name_en="Cooperate in facilitating safe and dignified return")
    practice = make_practice(compact_objectives=[returns])
    with override("en"):
        page = client.get(practice.get_absolute_url()).content.decode()
    assert "Objective 21" in page
    assert "Cooperate in facilitating safe and dignified return" in page
    assert "the catalogue's own classification, not its sources'" in page
    assert "/en/practices/?objective=21" in page


def test_a_practice_without_objectives_shows_no_such_section(client):
    practice = make_practice()
    with override("en"):
        page = client.get(practice.get_absolute_url()).content.decode()
    assert "Global Compact objectives" not in page


def test_exports_list_each_practice_s_objectives(client):
    returns = objective(21, name_en="Cooperate on return")
    make_practice(compact_objectives=[returns])
    data = json.loads(client.get("/en/practices/?format=json").getvalue())
    assert data["results"][0]["compact_objectives"] == ["21. Cooperate on return"]
    csv = client.get("/en/practices/?format=csv").getvalue().decode()
    assert "compact_objectives" in csv.splitlines()[0]
    assert "21. Cooperate on return" in csv


def test_the_open_data_page_explains_the_objectives_column(client):
    page = client.get(reverse("open-data")).content.decode()
    assert "compact_objectives" in page


def test_filters_name_objectives_shortly_and_pages_by_their_official_title(client):
    returns = objective(
        21, name_en="Cooperate in facilitating safe and dignified return", short_name_en="Return"
    )
    practice = make_practice(compact_objectives=[returns])
    listing = client.get("/en/practices/?objective=21").content.decode()
    assert "21. Return" in listing
    assert "Cooperate in facilitating" not in listing
    with override("en"):
        page = client.get(practice.get_absolute_url()).content.decode()
    assert "Cooperate in facilitating safe and dignified return" in page
