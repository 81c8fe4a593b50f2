"""Every admin page an editor can reach renders, and only for staff."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

CATALOGUE_APPS = {"editorial", "countries", "practices", "recommendations"}
MODELS = [model for model in admin.site._registry if model._meta.app_label in CATALOGUE_APPS]


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_every_catalogue_model_has_an_admin():
    registered = {model._meta.model_name for model in MODELS}
    assert registered >= {
        "country",
        "theme",
        "programmekind",
        "actortype",
        "targetgroup",
        "actor",
        "source",
        "programme",
        "practice",
        "forum",
        "recommendation",
        "addressee",
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_changelist_and_add_pages_render_for_staff(staff_client, catalogue_content, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_change_page_renders_for_staff(staff_client, catalogue_content, model):
    entry = model.objects.first()
    assert entry is not None, f"the demo content has no {model._meta.verbose_name}"
    assert staff_client.get(admin_url(model, "change", entry.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_changelist_search_runs(staff_client, catalogue_content, model):
    response = staff_client.get(admin_url(model, "changelist"), {"q": "migración"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_non_staff_user_is_sent_to_login(client, django_user_model, model):
    user = django_user_model.objects.create_user("visitor", password="pw")
    client.force_login(user)
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_translation_tabs_load_no_third_party_script(staff_client, catalogue_content):
    from practices.models import Practice

    page = staff_client.get(admin_url(Practice, "change", Practice.objects.first().pk))
    html = page.content.decode()
    assert "tabbed_translation_fields.js" in html
    assert "googleapis" not in html
    assert "//code.jquery" not in html


def test_a_page_an_editor_may_not_open_says_so_in_their_language(client):
    from tests.factories import make_editor

    client.force_login(make_editor())
    response = client.get(reverse("admin:practices_practice_import"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 403
    page = response.content.decode()
    assert "No puede abrir esta página" in page
    assert f'href="{reverse("admin:index")}"' in page
