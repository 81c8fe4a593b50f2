"""Visitors suggest practices: drafts for editors, contact kept private, spam kept out."""

import time

import pytest
from django import forms
from django.core.cache import cache

from editorial.models import Status
from practices.forms import SuggestionForm
from practices.models import Practice, Suggestion

from .factories import make_country, make_theme

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


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
    response = client.post("/es/sugerir/", form_data)
    assert response.status_code == 302
    assert response["Location"] == "/es/sugerir/gracias/"
    practice = Practice.objects.get()
    assert practice.status == Status.DRAFT
    assert practice.title_es == form_data["title"]
    assert practice.title_en == ""
    assert practice.suggestion.email == "ana@example.org"


def test_thank_you_page_renders(client):
    assert client.get("/en/suggest/thanks/").status_code == 200


def test_suggestion_is_never_public_before_review(client, form_data):
    client.post("/es/sugerir/", form_data)
    practice = Practice.objects.get()
    for page in [
        "/es/",
        "/es/practicas/",
        "/es/practicas/?q=ferias",
        "/es/novedades/",
        "/sitemap.xml",
        "/es/practicas/?format=json",
        practice.get_absolute_url(),
    ]:
        assert "Ferias de empleo" not in client.get(page).getvalue().decode(), page


def test_contact_details_never_appear_publicly(client, form_data, django_user_model):
    client.post("/es/sugerir/", form_data)
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


def test_forms_sent_back_to_be_mended_do_not_count_towards_the_limit(client, form_data, settings):
    settings.SUGGESTIONS_PER_HOUR = 2
    for _ in range(5):
        assert (
            client.post("/en/suggest/", {**form_data, "email": "not an address"}).status_code == 400
        )
    statuses = [client.post("/en/suggest/", form_data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_a_refused_suggestion_keeps_what_was_typed(client, form_data, settings):
    settings.SUGGESTIONS_PER_HOUR = 0
    response = client.post("/es/sugerir/", form_data)
    assert response.status_code == 429
    assert form_data["name"] in response.content.decode()


def test_the_count_outlasts_the_file_caches_five_minute_default(
    client, form_data, settings, monkeypatch
):
    settings.SUGGESTIONS_PER_HOUR = 2
    client.post("/en/suggest/", form_data)
    client.post("/en/suggest/", form_data)
    six_minutes_later = time.time() + 6 * 60
    monkeypatch.setattr(time, "time", lambda: six_minutes_later)
    assert client.post("/en/suggest/", form_data).status_code == 429


def test_an_overlong_email_is_refused_with_a_message(client, form_data):
    email = "a" * 288 + "@example.org"
    response = client.post("/en/suggest/", {**form_data, "email": email})
    assert response.status_code == 400
    assert "at most 254 characters (it has 300)" in response.content.decode()
    assert not Suggestion.objects.exists()


def suggest_through_proxy(client, data, forwarded):
    return client.post(
        "/en/suggest/", data, REMOTE_ADDR=PROXY, headers={"x-forwarded-for": forwarded}
    )


def test_behind_a_proxy_each_visitor_has_their_own_limit(client, form_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SUGGESTIONS_PER_HOUR = 2
    statuses = [suggest_through_proxy(client, form_data, "203.0.113.7") for _ in range(3)]
    assert [response.status_code for response in statuses] == [302, 302, 429]
    assert suggest_through_proxy(client, form_data, "198.51.100.23").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, form_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SUGGESTIONS_PER_HOUR = 2
    statuses = [
        suggest_through_proxy(client, form_data, f"192.0.2.{n}, 203.0.113.7").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_without_a_proxy_forwarded_for_does_not_escape_the_limit(client, form_data, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.SUGGESTIONS_PER_HOUR = 2
    statuses = [
        suggest_through_proxy(client, form_data, f"192.0.2.{n}").status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def longest_accepted(field):
    length = field.max_length
    if isinstance(field, forms.EmailField):
        return "e" * (length - len("@example.org")) + "@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/" + "u" * (length - len("https://example.org/"))
    return "t" * length


def test_the_longest_suggestion_the_form_accepts_is_saved(client, form_data):
    # On PostgreSQL this checks every column holds what its form field lets through.
    longest = {
        name: longest_accepted(field)
        for name, field in SuggestionForm.base_fields.items()
        if getattr(field, "max_length", None) and name != "website"
    }
    assert client.post("/en/suggest/", {**form_data, **longest}).status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.email, suggestion.source_url) == (longest["email"], longest["source_url"])
