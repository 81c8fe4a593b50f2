"""Every interface string has its Spanish translation, and pages speak the page's language."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import override

ROOT = Path(__file__).resolve().parent.parent
# Ours, and the one kept by hand for third-party apps that ship no Spanish.
CATALOGUES = [
    pytest.param(ROOT / folder / "es" / "LC_MESSAGES" / "django.po", id=folder)
    for folder in ("locale", "locale-vendor")
]


def entries(po):
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    return [block for block in blocks if "msgid" in block and 'msgid ""\nmsgstr ""\n"' not in block]


@pytest.mark.parametrize("po", CATALOGUES)
def test_spanish_catalogue_has_no_fuzzy_entry(po):
    assert not [block for block in entries(po) if "#, fuzzy" in block]


@pytest.mark.parametrize("po", CATALOGUES)
def test_spanish_catalogue_has_no_empty_translation(po):
    empty = [block for block in entries(po) if re.search(r'msgstr(\[\d\])? ""\s*$', block)]
    assert not empty, empty[:3]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
@pytest.mark.parametrize("po", CATALOGUES)
def test_spanish_catalogue_compiles_without_warnings(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "spanish"),
    [
        ("/es/", "Buenas prácticas"),
        ("/es/practicas/", "Aplicar filtros"),
        ("/es/recomendaciones/", "Recomendaciones"),
        ("/es/foros/", "Foros regionales"),
        ("/es/paises/", "Países"),
        ("/es/datos-abiertos/", "Datos abiertos"),
        ("/es/sugerir/", "Sugerir una buena práctica"),
    ],
)
def test_spanish_pages_are_in_spanish(client, path, spanish):
    page = client.get(path).content.decode()
    assert spanish in page
    for english in ("Apply filters", "Good practices", "Open data", "Skip to main content"):
        assert english not in page, (path, english)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "acronym", "other"), [("en", "RCM", "CRM"), ("es", "CRM", "RCM")]
)
def test_brand_reads_the_conferences_acronym_in_the_page_language(client, language, acronym, other):
    with override(language):
        page = client.get(reverse("home")).content.decode()
    assert f'<span class="site-header__mark" aria-hidden="true">{acronym}</span>' in page
    assert f"img/favicon-{language}.svg" in page
    assert other not in page
