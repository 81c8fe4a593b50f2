"""The admin's rich-text editor: offered on every long text that may be formatted, able to make
only what the sanitiser keeps, allowed by the Content Security Policy without 'unsafe-inline',
and named in both interface languages. Typing in it is tested in tests/browser."""

import json
import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from editorial.editor import EXTENSIONS, RichTextEditor
from editorial.models import Status
from editorial.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitise
from practices.models import Practice, Programme
from recommendations.models import Forum, Recommendation
from tests import factories as f
from tests.test_workflow import change_url, practice_form_data

pytestmark = pytest.mark.django_db

RICH_TEXT_MODELS = [Practice, Programme, Recommendation, Forum]


def test_the_editor_makes_only_tags_and_attributes_the_sanitiser_keeps():
    allowed = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    assert set(allowed["tags"]) <= ALLOWED_TAGS
    # The sanitiser writes its own rel="noopener noreferrer" on every link.
    made_by_sanitiser = {"a": {"rel"}}
    for tag, attributes in allowed["attributes"].items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | made_by_sanitiser.get(tag, set())
        assert set(attributes) <= kept, tag


@pytest.mark.parametrize("model", RICH_TEXT_MODELS, ids=lambda m: m._meta.model_name)
def test_every_long_text_that_may_be_formatted_gets_the_editor_in_both_languages(
    model, rf, admin_user
):
    request = rf.get("/")
    request.user = admin_user
    fields = admin.site._registry[model].get_form(request)().fields
    editors = {name for name, field in fields.items() if isinstance(field.widget, RichTextEditor)}
    assert editors == {f"{name}_{code}" for name in model.rich_text_fields for code in ("en", "es")}


def test_plain_fields_keep_their_text_box(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    fields = admin.site._registry[Practice].get_form(request)().fields
    assert not isinstance(fields["title_es"].widget, RichTextEditor)
    assert not isinstance(fields["summary_es"].widget, RichTextEditor)


def test_the_editors_import_map_carries_the_nonce_the_policy_allows(staff_client):
    response = staff_client.get(change_url(f.make_practice()))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    page = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in page
    assert "/static/django_prose_editor/editor.js" in page


def test_the_policy_still_refuses_inline_scripts_and_styles(staff_client):
    policy = staff_client.get(change_url(f.make_practice()))["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_each_page_gets_a_nonce_of_its_own(staff_client):
    url = change_url(f.make_practice())
    first, second = (staff_client.get(url)["Content-Security-Policy"] for _ in range(2))
    assert re.search(r"'nonce-[^']+'", first).group() != re.search(r"'nonce-[^']+'", second).group()


def test_public_pages_carry_no_nonce(client, catalogue_content):
    policy = client.get(reverse("practices:list"))["Content-Security-Policy"]
    assert "nonce-" not in policy


def test_an_emptied_editor_saves_an_empty_text(staff_client):
    practice = f.make_practice(status=Status.DRAFT, published_at=None)
    data = practice_form_data(practice, results_es="<p></p>", lessons_learned_es="<p><br></p>")
    assert staff_client.post(change_url(practice), data).status_code == 302
    practice.refresh_from_db()
    assert (practice.results_es, practice.lessons_learned_es) == ("", "")


def test_an_emptied_editor_counts_as_missing_for_publishing(staff_client):
    practice = f.make_practice(status=Status.REVIEW, published_at=None)
    data = practice_form_data(practice, status="published", description_es="<p></p>")
    form = staff_client.post(change_url(practice), data).context["adminform"].form
    assert form.errors["description_es"] == ["Publishing needs this text."]


def test_formatting_from_the_editor_is_kept_and_anything_else_is_cleaned(staff_client):
    practice = f.make_practice(status=Status.DRAFT, published_at=None)
    written = (
        "<h3>Resultados</h3><p>Con <strong>apoyo</strong> y <em>guía</em>:</p><ul><li>uno</li></ul>"
        '<p><a href="https://www.iom.int/">OIM</a> <a href="javascript:alert(1)">x</a></p>'
        "<script>alert(1)</script>"
    )
    data = practice_form_data(practice, results_es=written)
    assert staff_client.post(change_url(practice), data).status_code == 302
    practice.refresh_from_db()
    assert "<h3>Resultados</h3><p>Con <strong>apoyo</strong> y <em>guía</em>:</p>" in (
        practice.results_es
    )
    assert "<ul><li>uno</li></ul>" in practice.results_es
    assert 'href="https://www.iom.int/"' in practice.results_es
    assert "javascript" not in practice.results_es
    assert "<script" not in practice.results_es


def test_plain_text_paragraphs_open_in_the_editor_as_paragraphs():
    shown = RichTextEditor().format_value("First paragraph.\n\nSecond, with a\nline break.")
    assert shown == "<p>First paragraph.</p><p>Second, with a<br>line break.</p>"


def test_formatted_text_opens_in_the_editor_as_it_is():
    assert RichTextEditor().format_value("<p>Kept <em>as is</em>.</p>") == (
        "<p>Kept <em>as is</em>.</p>"
    )


@pytest.mark.parametrize(
    "english, spanish",
    [
        ("Bold", "Negrita"),
        ("Bulleted list", "Lista con viñetas"),
        ("Edit Link", "Editar el enlace"),
    ],
)
def test_the_editors_buttons_and_dialogs_are_named_in_spanish(staff_client, english, spanish):
    catalogue = staff_client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="es")
    assert f"{json.dumps(english)}: {json.dumps(spanish)}" in catalogue.content.decode()


def test_a_numbered_list_keeps_where_it_starts_and_how_it_counts():
    html = '<ol start="3" type="a" data-type="lower-alpha"><li>c</li></ol>'
    assert sanitise(html) == html


def test_an_empty_attribute_left_by_the_link_dialog_is_dropped():
    assert sanitise('<a href="https://www.iom.int/" title="">IOM</a>') == (
        '<a href="https://www.iom.int/" rel="noopener noreferrer">IOM</a>'
    )
