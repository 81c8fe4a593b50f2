"""How sure each entry is: an evidence level and the day a reviewer last verified it, shown on
cards and pages, filtering the practice list, in exports and spreadsheets; only reviewers set
the date, whatever the way of writing."""

import datetime
import json

import pytest
import tablib
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from reversion.models import Version

from editorial.models import ProposedChange, Status
from practices.models import EvidenceLevel, Practice
from practices.resources import PracticeResource

from .factories import make_editor, make_practice, make_programme, make_reviewer
from .test_workflow import change_url, practice_form_data

pytestmark = pytest.mark.django_db

RESULTS = EvidenceLevel.RESULTS
DAY = datetime.date(2026, 3, 2)


def titles(response):
    return sorted(practice.title for practice in response.context["page_obj"].object_list)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- the list's filters -------------------------------------------------------------------


def test_a_new_practice_is_described_only_by_default():
    assert make_practice().evidence_level == EvidenceLevel.DESCRIBED


def test_the_evidence_filter_keeps_the_practices_of_that_level(client):
    make_practice(title_en="Measured", evidence_level=RESULTS)
    make_practice(title_en="Described")
    assert titles(client.get("/en/practices/?evidence=results")) == ["Measured"]


def test_spanish_pages_write_the_evidence_filter_in_spanish(client):
    make_practice(title_es="Medida", evidence_level=RESULTS)
    make_practice(title_es="Descrita")
    with override("es"):
        response = client.get(reverse("practices:list"), {"evidencia": "resultados"})
    assert [p.title_es for p in response.context["page_obj"].object_list] == ["Medida"]
    page = response.content.decode()
    assert 'name="evidencia"' in page and 'value="resultados"' in page
    assert 'name="verificada_desde"' in page


def test_the_evidence_filter_counts_published_practices_only(client):
    make_practice(evidence_level=RESULTS)
    make_practice(evidence_level=RESULTS, status=Status.DRAFT)
    make_practice()
    response = client.get("/en/practices/")
    assert response.context["facets"]["evidence"] == {"results": 1, "described": 1}
    narrowed = client.get("/en/practices/?evidence=results")
    assert narrowed.context["facets"]["evidence"] == {"results": 1}


def test_verified_since_keeps_practices_verified_in_or_after_that_year(client):
    make_practice(title_en="Recent", verified_on=datetime.date(2026, 1, 5))
    make_practice(title_en="Old", verified_on=datetime.date(2024, 12, 31))
    make_practice(title_en="Never")
    assert titles(client.get("/en/practices/?verified_since=2025")) == ["Recent"]
    with override("es"):
        response = client.get(reverse("practices:list"), {"verificada_desde": "2025"})
    assert [p.pk for p in response.context["page_obj"].object_list] == [
        Practice.objects.get(title_en="Recent").pk
    ]


# --- cards and pages ----------------------------------------------------------------------


def test_cards_show_the_evidence_level_in_both_languages(client):
    make_practice(evidence_level=RESULTS)
    assert "Results reported" in client.get("/en/practices/").content.decode()
    with override("es"):
        page = client.get(reverse("practices:list")).content.decode()
    assert "Resultados informados" in page


def test_the_practice_page_shows_the_level_and_the_day_verified(client):
    practice = make_practice(evidence_level=RESULTS, verified_on=DAY)
    with override("en"):
        page = client.get(practice.get_absolute_url()).content.decode()
    assert "Results reported" in page
    assert '<time datetime="2026-03-02">' in page


def test_a_page_never_verified_says_so(client):
    practice = make_practice()
    with override("es"):
        page = client.get(practice.get_absolute_url(), follow=True).content.decode()
    assert "Solo descrita" in page
    assert "Aún no verificada por una persona revisora" in page


def test_the_programme_page_and_list_show_the_level(client):
    programme = make_programme(evidence_level=RESULTS, verified_on=DAY)
    with override("en"):
        page = client.get(programme.get_absolute_url()).content.decode()
        listing = client.get(reverse("practices:programmes")).content.decode()
    assert "Results reported" in page and '<time datetime="2026-03-02">' in page
    assert "Results reported" in listing


def test_the_programme_comparison_sets_the_levels_side_by_side(client):
    measured, described = make_programme(evidence_level=RESULTS), make_programme()
    with override("en"):
        page = client.get(
            reverse("practices:compare"), {"programme": [measured.pk, described.pk]}
        ).content.decode()
    assert "Results reported" in page and "Described only" in page


# --- only reviewers set the date ----------------------------------------------------------


def test_an_editor_s_form_cannot_set_the_day_verified():
    draft = make_practice(status=Status.DRAFT)
    client = logged_in(make_editor())
    client.post(change_url(draft), practice_form_data(draft, verified_on="2026-03-02"))
    draft.refresh_from_db()
    assert draft.verified_on is None


def test_an_editor_s_form_shows_the_day_verified_with_nothing_to_fill_in():
    draft = make_practice(status=Status.DRAFT, verified_on=DAY)
    response = logged_in(make_editor()).get(change_url(draft))
    page = response.content.decode()
    # A disabled date box still offers "Today" and the calendar, whose date was then dropped.
    assert 'name="verified_on"' not in page
    assert "datetimeshortcuts" not in page
    assert "2 March 2026" in page or "March 2, 2026" in page


def test_an_editor_still_sets_the_evidence_level():
    draft = make_practice(status=Status.DRAFT)
    client = logged_in(make_editor())
    client.post(change_url(draft), practice_form_data(draft, evidence_level="results"))
    draft.refresh_from_db()
    assert draft.evidence_level == RESULTS


def test_a_reviewer_s_form_sets_the_day_verified():
    practice = make_practice()
    client = logged_in(make_reviewer())
    client.post(change_url(practice), practice_form_data(practice, verified_on="2026-03-02"))
    practice.refresh_from_db()
    assert practice.verified_on == DAY


def verify_action(user, practice):
    url = reverse("admin:practices_practice_changelist")
    return logged_in(user).post(url, {"action": "mark_verified", "_selected_action": [practice.pk]})


def test_a_reviewer_marks_entries_verified_today_with_a_signed_version():
    practice, reviewer = make_practice(), make_reviewer()
    verify_action(reviewer, practice)
    practice.refresh_from_db()
    assert practice.verified_on == timezone.localdate()
    latest = Version.objects.get_for_object(practice).first()
    assert latest.revision.user == reviewer
    assert latest.field_dict["verified_on"] == timezone.localdate()


def test_an_editor_cannot_mark_entries_verified():
    practice = make_practice(status=Status.DRAFT)
    editor = make_editor()
    page = logged_in(editor).get(reverse("admin:practices_practice_changelist"))
    assert "mark_verified" not in page.content.decode()
    verify_action(editor, practice)
    practice.refresh_from_db()
    assert practice.verified_on is None


def test_publishing_an_editor_s_proposal_keeps_the_day_a_reviewer_verified():
    practice, reviewer = make_practice(), make_reviewer()
    logged_in(make_editor()).post(change_url(practice), practice_form_data(practice))
    verify_action(reviewer, practice)
    proposal = ProposedChange.objects.pending().for_entry(practice).get()
    logged_in(reviewer).post(
        reverse("admin:practices_practice_proposed_change", args=[practice.pk]), {"publish": "1"}
    )
    proposal.refresh_from_db()
    assert proposal.outcome == ProposedChange.Outcome.PUBLISHED
    practice.refresh_from_db()
    assert practice.verified_on == timezone.localdate()


def sheet(practice, **changes):
    resource = PracticeResource()
    data = resource.export(queryset=Practice.objects.filter(pk=practice.pk))
    row = dict(zip(data.headers, data[0], strict=True))
    row.update(changes)
    return tablib.Dataset(list(row.values()), headers=list(row))


def test_a_reviewer_s_spreadsheet_sets_the_level_and_the_day_verified():
    practice = make_practice()
    result = PracticeResource().import_data(
        sheet(practice, evidence_level="Results reported", verified_on="2026-03-02"),
        user=make_reviewer(),
    )
    assert not result.has_errors() and not result.has_validation_errors()
    practice.refresh_from_db()
    assert (practice.evidence_level, practice.verified_on) == (RESULTS, DAY)


def test_an_editor_s_spreadsheet_sets_no_day_verified():
    practice = make_practice(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        PracticeResource().import_data(
            sheet(practice, verified_on="2026-03-02"), user=make_editor()
        )
    practice.refresh_from_db()
    assert practice.verified_on is None


def test_spreadsheets_export_both_columns():
    practice = make_practice(evidence_level=RESULTS, verified_on=DAY)
    data = PracticeResource().export(queryset=Practice.objects.filter(pk=practice.pk))
    row = dict(zip(data.headers, data[0], strict=True))
    assert row["evidence_level"] == "results"
    assert row["verified_on"] == "2026-03-02"


# --- open data ----------------------------------------------------------------------------


def test_exports_give_each_published_entry_s_level_and_day_verified(client):
    make_practice(evidence_level=RESULTS, verified_on=DAY)
    make_practice(evidence_level=EvidenceLevel.EVALUATED, status=Status.DRAFT)
    data = json.loads(client.get("/en/practices/?format=json").getvalue())
    assert [(r["evidence_level"], r["verified_on"]) for r in data["results"]] == [
        ("Results reported", "2026-03-02")
    ]
    csv = client.get("/en/practices/?format=csv").getvalue().decode()
    assert "evidence_level" in csv.splitlines()[0] and "Independently" not in csv


def test_programme_exports_give_the_level(client):
    make_programme(evidence_level=RESULTS)
    data = json.loads(client.get("/en/programmes/?format=json").getvalue())
    assert data["results"][0]["evidence_level"] == "Results reported"
    assert data["results"][0]["verified_on"] is None


def test_the_open_data_page_explains_both_columns(client):
    page = client.get(reverse("open-data")).content.decode()
    assert "evidence_level" in page and "verified_on" in page
