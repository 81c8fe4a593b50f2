"""Every interface string has its Spanish translation, and pages speak the page's language."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parent.parent / "locale" / "es" / "LC_MESSAGES" / "django.po"


def entries():
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    return [block for block in blocks if "msgid" in block and 'msgid ""\nmsgstr ""\n"' not in block]


def test_spanish_catalogue_has_no_fuzzy_entry():
    assert not [block for block in entries() if "#, fuzzy" in block]


def test_spanish_catalogue_has_no_empty_translation():
    empty = [block for block in entries() if re.search(r'msgstr(\[\d\])? ""\s*$', block)]
    assert not empty, empty[:3]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
def test_spanish_catalogue_compiles_without_warnings():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
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
