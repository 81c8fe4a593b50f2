"""Writing an entry in the admin: help on every field, in both languages; the fields publishing
needs marked in both language tabs; a publishing error told once, on the tab that holds it."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from countries.models import Country
from editorial.models import Source, Status
from practices.models import Practice, Programme
from recommendations.models import Forum, Recommendation
from tests import factories as f
from tests.test_workflow import practice_form_data

pytestmark = pytest.mark.django_db

FORMS = [Practice, Programme, Recommendation, Forum, Country, Source]


def add_form(model, rf, user):
    request = rf.get("/")
    request.user = user
    model_admin = admin.site._registry[model]
    return model_admin.get_form(request)()


def help_by_field(model, rf, user, language):
    with translation.override(language):
        fields = add_form(model, rf, user).fields
        return {name: str(field.help_text) for name, field in fields.items()}


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_every_field_editors_fill_has_help_text(model, rf, admin_user):
    helps = help_by_field(model, rf, admin_user, "en")
    assert [name for name, text in helps.items() if not text] == []


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m._meta.model_name)
def test_every_help_text_is_in_spanish_too(model, rf, admin_user):
    english = help_by_field(model, rf, admin_user, "en")
    spanish = help_by_field(model, rf, admin_user, "es")
    assert [name for name in english if english[name] == spanish[name]] == []


def test_a_summary_help_gives_an_example_from_the_catalogue(rf, admin_user):
    summary = add_form(Practice, rf, admin_user).fields["summary_es"]
    assert "San José" in str(summary.help_text)


def change_url(entry):
    return reverse("admin:practices_practice_change", args=[entry.pk])


@pytest.mark.parametrize("language", ["en", "es"])
def test_fields_publishing_needs_are_marked_required_in_both_tabs(staff_client, language):
    practice = f.make_practice(status=Status.DRAFT, published_at=None)
    page = staff_client.get(change_url(practice), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for column in ("title_en", "title_es", "summary_en", "summary_es", "description_es"):
        assert f'<label class="required" for="id_{column}">' in page
    assert '<label for="id_results_es">' in page


def test_a_draft_may_still_leave_a_marked_field_empty(staff_client):
    practice = f.make_practice(status=Status.DRAFT, published_at=None)
    response = staff_client.post(change_url(practice), practice_form_data(practice, summary_es=""))
    assert response.status_code == 302


def publish_without_spanish_summary(client):
    practice = f.make_practice(status=Status.REVIEW, published_at=None, summary_es="")
    data = practice_form_data(practice, status="published")
    return client.post(change_url(practice), data)


def test_a_publishing_error_is_shown_once(staff_client):
    form = publish_without_spanish_summary(staff_client).context["adminform"].form
    assert form.non_field_errors() == [
        "This entry cannot be published while these fields are empty: summary (Spanish)."
    ]


def test_a_publishing_error_flags_the_field_in_its_language_tab(staff_client):
    form = publish_without_spanish_summary(staff_client).context["adminform"].form
    assert form.errors["summary_es"] == ["Publishing needs this text."]
    assert "summary_en" not in form.errors


def test_text_written_in_the_same_save_counts_for_publishing(staff_client):
    practice = f.make_practice(status=Status.REVIEW, published_at=None, summary_es="")
    data = practice_form_data(practice, status="published", summary_es="Un resumen.")
    assert staff_client.post(change_url(practice), data).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "model, entry",
    [(Country, f.make_country), (Source, f.make_source), (Practice, f.make_practice)],
    ids=["country", "source", "practice"],
)
def test_every_translated_form_offers_english_and_spanish_side_by_side(staff_client, model, entry):
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[entry().pk]
    )
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'id="translation-view-toggle"' in page
    assert "En paralelo: inglés | español" in page
    assert "/static/js/translation-view.js" in page


def key_figure_help(rf, user, language):
    request = rf.get("/")
    request.user = user
    inline = admin.site._registry[Country].get_inline_instances(request)[0]
    with translation.override(language):
        fields = inline.get_formset(request).form.base_fields
        return {name: str(field.help_text) for name, field in fields.items()}


def test_every_field_of_a_countrys_key_figures_has_help_in_both_languages(rf, admin_user):
    english = key_figure_help(rf, admin_user, "en")
    spanish = key_figure_help(rf, admin_user, "es")
    assert [name for name, text in english.items() if not text or text == spanish[name]] == []


def test_a_spanish_save_message_agrees_with_a_feminine_kind_of_entry(staff_client):
    # Django's own Spanish reads "El buena práctica … fue agregado": the wording says the
    # entry's kind without an article or an ending that takes its gender.
    practice = f.make_practice(status=Status.DRAFT)
    data = {**practice_form_data(practice), "_continue": "1"}
    response = staff_client.post(change_url(practice), data, HTTP_ACCEPT_LANGUAGE="es", follow=True)
    [message] = [str(message) for message in response.context["messages"]]
    assert message.startswith("Se guardaron los cambios de «<a href=")
    assert message.endswith("» (buena práctica). Puede seguir editando a continuación.")


def test_an_editor_s_form_names_who_changed_the_status_without_a_link_they_may_not_open(client):
    reviewer = f.make_reviewer()
    draft = f.make_practice(status=Status.DRAFT, status_changed_by=reviewer)
    client.force_login(f.make_editor())
    page = client.get(change_url(draft)).content.decode()
    # The user's admin page answers a bare 403 to anyone but a superuser.
    assert reverse("admin:auth_user_change", args=[reviewer.pk]) not in page
    assert f'<div class="readonly">{reviewer.username}</div>' in page


def test_the_add_form_asks_no_note_for_an_author_it_cannot_have_yet(staff_client):
    page = staff_client.get(reverse("admin:practices_practice_add")).content.decode()
    assert 'name="review_note"' not in page
    assert 'name="summary_en"' in page
