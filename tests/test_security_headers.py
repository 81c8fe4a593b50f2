"""Other sites can neither embed our pages and files nor make them load anything foreign."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/en/", "/es/practicas/", "/admin/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_allow_nothing_not_named_in_the_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_not_resources_for_other_sites(client, path):
    assert client.get(path)["Cross-Origin-Resource-Policy"] == "same-origin"


def test_static_files_are_not_resources_for_other_sites(settings):
    # WhiteNoise serves the files where they are, as without collectstatic in development.
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("/es/sugerir/", "es", "No se pudo enviar el formulario"),
        ("/en/suggest/", "en", "This form could not be sent"),
        ("/es/practicas/", "es", "permita las cookies de este sitio"),
    ],
)
def test_a_form_sent_without_its_security_token_is_explained_in_the_page_language(
    path, language, words
):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"name": "Ana"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert words in page
    assert "DEBUG" not in page


def test_the_admin_explains_a_form_sent_without_its_token_on_its_own_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "a", "password": "b"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "No se guardó nada" in page
    assert "Volver a la página de inicio del equipo editorial" in page
