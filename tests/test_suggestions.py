"""Visitors suggest practices: drafts for editors, contact kept private, spam kept out."""

import pytest
from django.core.cache import cache

from editorial.models import Status
from practices.models import Practice, Suggestion

from .factories import make_country, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def form_data():
    country = make_country(slug="panama")
    theme = make_theme(slug="integration")
    return {
        "title": "Ferias de empleo para personas migrantes",
        "summary": "Ferias municipales de empleo abiertas a personas migrantes.",
        "description": "La municipalidad organiza ferias de empleo cada trimestre.",
        "countries": [country.slug],
        "level": "local",
        "themes": [theme.slug],
        "source_url": "https://example.org/informe",
        "name": "Ana Pérez",
        "email": "ana@example.org",
        "organisation": "Municipalidad",
        "website": "",
    }


def test_suggestion_arrives_as_a_draft_in_the_page_language(client, form_data):
    response = client.post("/es/suggest/", form_data)
    assert response.status_code == 302
    assert response["Location"] == "/es/suggest/thanks/"
    practice = Practice.objects.get()
    assert practice.status == Status.DRAFT
    assert practice.title_es == form_data["title"]
    assert practice.title_en == ""
    assert practice.suggestion.email == "ana@example.org"


def test_thank_you_page_renders(client):
    assert client.get("/en/suggest/thanks/").status_code == 200


def test_suggestion_is_never_public_before_review(client, form_data):
    client.post("/es/suggest/", form_data)
    practice = Practice.objects.get()
    for page in [
        "/es/",
        "/es/practices/",
        "/es/practices/?q=ferias",
        "/es/feed/",
        "/sitemap.xml",
        "/es/practices/?format=json",
        practice.get_absolute_url(),
    ]:
        assert "Ferias de empleo" not in client.get(page).content.decode(), page


def test_contact_details_never_appear_publicly(client, form_data, django_user_model):
    client.post("/es/suggest/", form_data)
    practice = Practice.objects.get()
    practice.title_en = "Job fairs"
    practice.summary_en = practice.description_en = "Job fairs for migrants."
    practice.status = Status.PUBLISHED
    practice.save()
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Ferias de empleo" in page
    assert "ana@example.org" not in page and "Ana Pérez" not in page


def test_honeypot_filled_is_thanked_but_not_saved(client, form_data):
    response = client.post("/en/suggest/", {**form_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Suggestion.objects.exists()


def test_invalid_suggestion_explains_each_problem(client, form_data):
    response = client.post("/en/suggest/", {**form_data, "email": "not-an-email", "countries": []})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address" in page
    assert "This field is required" in page
    assert not Practice.objects.exists()


def test_rate_limit_per_address(client, form_data, settings):
    settings.SUGGESTIONS_PER_HOUR = 2
    statuses = [client.post("/en/suggest/", form_data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Suggestion.objects.count() == 2
    other = client.post("/en/suggest/", form_data, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
