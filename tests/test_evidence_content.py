"""How sure each loaded entry is, as its sources say (see tests/test_evidence.py for the
rest): with the real content loaded once for the module."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from practices.models import EvidenceLevel, Practice, Programme

pytestmark = pytest.mark.django_db

RESULTS = EvidenceLevel.RESULTS


def fixture(name):
    path = Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"
    return {row["pk"]: row["fields"] for row in json.loads(path.read_text())}


def test_loaded_practices_and_programmes_carry_the_fixture_s_levels(catalogue_content):
    for model, name in ((Practice, "practices"), (Programme, "programmes")):
        stored = dict(model.objects.values_list("pk", "evidence_level"))
        assert stored == {pk: fields["evidence_level"] for pk, fields in fixture(name).items()}


def test_only_entries_whose_sources_report_results_are_marked_so(catalogue_content):
    # Panama's integration services and their campaign (source 003), the 25 de Julio
    # community's reclaimed spaces (source 000); the rest were described only.
    assert set(Practice.objects.filter(evidence_level=RESULTS).values_list("pk", flat=True)) == {
        8,
        9,
        10,
    }
    assert list(Programme.objects.filter(evidence_level=RESULTS).values_list("pk", flat=True)) == [
        5
    ]


def test_no_loaded_entry_is_independently_evaluated_or_verified(catalogue_content):
    for model in (Practice, Programme):
        assert not model.objects.filter(evidence_level=EvidenceLevel.EVALUATED).exists()
        assert not model.objects.filter(verified_on__isnull=False).exists()


def test_loading_again_keeps_the_levels(catalogue_content):
    before = list(Practice.objects.order_by("pk").values_list("pk", "evidence_level"))
    call_command("load_initial_data", verbosity=0)
    assert list(Practice.objects.order_by("pk").values_list("pk", "evidence_level")) == before
