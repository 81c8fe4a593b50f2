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
