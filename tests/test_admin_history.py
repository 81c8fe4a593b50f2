"""The history of an entry reads as editors know it: names, labels, local times, words marked."""

from datetime import UTC, datetime

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from editorial.history import compared
from practices.models import Level

from . import factories as f

pytestmark = pytest.mark.django_db


def save_version(entry, user=None, **changes):
    """Save `entry` with `changes` as one version of its history; relations given as lists."""
    with reversion.create_revision():
        for name, value in changes.items():
            if isinstance(value, list):
                getattr(entry, name).set(value)
            else:
                setattr(entry, name, value)
        entry.save()
        reversion.set_user(user)
    return Version.objects.get_for_object(entry).first()


def history(client, entry, lang="en"):
    url = reverse("admin:practices_practice_history", args=[entry.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_superuser("ana", "ana@example.org", "pw")


@pytest.fixture
def edited(reviewer):
    """A practice saved once, then moved from one country to two, national to local."""
    belize = f.make_country(name_en="Belize", name_es="Belice")
    panama = f.make_country(name_en="Panama", name_es="Panamá")
    practice = f.make_practice(countries=[belize], level=Level.NATIONAL)
    save_version(practice, reviewer)
    save_version(
        practice,
        reviewer,
        level=Level.LOCAL,
        countries=[belize, panama],
        status_changed_by=reviewer,
    )
    return practice


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["<del>National</del>", "<ins>Local</ins>", "<ins>Belize, Panama</ins>"]),
        ("es", ["<del>Nacional</del>", "<ins>Local</ins>", "<ins>Belice, Panamá</ins>"]),
    ],
)
def test_history_names_choices_and_related_entries_in_the_interface_language(
    client, reviewer, edited, lang, expected
):
    client.force_login(reviewer)

    page = history(client, edited, lang)

    for shown in expected:
        assert shown in page


def test_history_names_the_user_who_changed_the_status_not_their_id(client, reviewer, edited):
    client.force_login(reviewer)

    page = history(client, edited)

    assert '<th scope="row">status changed by</th><td class="before"></td>' in page
    assert '<td class="after"><ins>ana</ins></td>' in page


def test_history_shows_times_in_the_sites_time_zone(client, reviewer):
    practice = f.make_practice()
    # 02:00 UTC on 5 March is 8 p.m. on 4 March in Costa Rica (UTC−6).
    version = save_version(
        practice, reviewer, status_changed_at=datetime(2025, 3, 5, 2, tzinfo=UTC)
    )
    version.revision.date_created = datetime(2025, 3, 5, 2, 30, tzinfo=UTC)
    version.revision.save()
    client.force_login(reviewer)

    english, spanish = history(client, practice), history(client, practice, "es")

    assert "March 4, 2025, 8 p.m." in english
    assert "March 4, 2025, 8:30 p.m." in english
    assert "4 de marzo de 2025 a las 20:00" in spanish
    assert "4 de marzo de 2025 a las 20:30" in spanish
    assert "America/Costa_Rica" in english
    assert "+00:00" not in english


def test_history_shows_one_row_per_field_and_language(client, reviewer):
    practice = f.make_practice()
    save_version(practice, reviewer)
    save_version(practice, reviewer, summary_en="A new summary.", summary_es="Un nuevo resumen.")
    client.force_login(reviewer)

    page = history(client, practice)

    assert page.count('<th scope="row">summary (English)</th>') == 2  # first version, change
    assert page.count('<th scope="row">summary (Spanish)</th>') == 2
    assert '<th scope="row">summary</th>' not in page
    assert "search" not in page.split('id="change-history"')[1]


def test_history_marks_the_changed_words_of_a_long_text(client, reviewer):
    practice = f.make_practice(description_en="<p>Local authorities help migrants.</p>")
    save_version(practice, reviewer)
    save_version(
        practice, reviewer, description_en="<p>Local authorities help <em>all</em> returnees.</p>"
    )
    client.force_login(reviewer)

    page = history(client, practice)

    assert (
        '<td class="before">Local authorities help <del>migrants</del>.</td>'
        '<td class="after">Local authorities help <ins>all returnees</ins>.</td>'
    ) in page


def test_compared_texts_are_escaped():
    before, after = compared("Say <b>hello</b>", "Say <script>alert(1)</script>")

    assert "<b>" not in before and "<script>" not in after
    assert after.startswith("Say &lt;")


def test_compared_texts_keep_only_the_words_around_a_change():
    words = [f"word{n}" for n in range(100)]
    changed = [*words[:50], "CHANGED", *words[51:]]

    before, after = compared(" ".join(words), " ".join(changed))

    assert before.startswith("… word38 word39")
    assert "word49 <del>word50</del> word51" in before
    assert after.endswith("word61 word62 …")
    assert "word10 " not in before and "word90" not in after


def test_history_page_runs_as_many_queries_for_ten_versions_as_for_two(client, reviewer):
    countries = [f.make_country() for _ in range(10)]
    practice = f.make_practice()
    client.force_login(reviewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            history(client, practice)
        return len(captured)

    for country in countries[:2]:
        save_version(practice, reviewer, countries=[country], programme=f.make_programme())
    few = queries()
    for country in countries[2:]:
        save_version(practice, reviewer, countries=[country], programme=f.make_programme())

    assert queries() == few


def test_the_version_page_shows_what_restoring_it_changes(client, reviewer):
    practice = f.make_practice(title_en="Old title")
    old = save_version(practice, reviewer)
    save_version(practice, reviewer, title_en="New title")
    client.force_login(reviewer)

    url = reverse("admin:practices_practice_revision", args=[practice.pk, old.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Qué cambia al restaurar esta versión" in page
    assert (
        '<th scope="row">título (Inglés)</th>'
        '<td class="before"><del>New</del> title</td><td class="after"><ins>Old</ins> title</td>'
    ) in page


def test_the_version_page_refuses_a_version_of_another_kind_of_entry(client, reviewer):
    practice = f.make_practice()
    save_version(practice, reviewer)
    # A programme with the practice's id: its versions have the same object id.
    programme = f.make_programme(pk=practice.pk, name_en="Programme")
    programmes = save_version(programme, reviewer)
    client.force_login(reviewer)

    url = reverse("admin:practices_practice_revision", args=[practice.pk, programmes.pk])

    assert client.get(url).status_code == 404


def edit_in_spanish(client, practice, **changes):
    from tests.test_workflow import change_url, practice_form_data

    data = practice_form_data(practice, **changes)
    client.post(change_url(practice), data, HTTP_ACCEPT_LANGUAGE="es")


def test_an_edit_made_in_spanish_is_summed_up_in_english_on_an_english_history(client, reviewer):
    practice = f.make_practice()
    client.force_login(reviewer)
    edit_in_spanish(client, practice, summary_es="Un resumen nuevo.")
    assert '<span class="comment">Changed summary.</span>' in history(client, practice, "en")


def test_an_edit_is_summed_up_with_the_field_s_spanish_name_on_a_spanish_history(client, reviewer):
    practice = f.make_practice()
    client.force_login(reviewer)
    edit_in_spanish(client, practice, summary_es="Un resumen nuevo.")
    assert '<span class="comment">Modificado resumen.</span>' in history(client, practice, "es")


def test_a_status_changed_in_spanish_is_told_in_english_on_an_english_history(client, reviewer):
    from django.utils import translation

    from editorial import services
    from editorial.models import Status

    practice = f.make_practice(status=Status.REVIEW, published_at=None)
    with translation.override("es"):
        services.entry_transition(entry=practice, status=Status.PUBLISHED, user=reviewer)
    client.force_login(reviewer)
    page = history(client, practice, "en")
    assert '<span class="comment">Status changed to “Published”.</span>' in page


def test_an_import_made_in_english_is_told_in_spanish_on_a_spanish_history(client, reviewer):
    import tablib
    from django.utils import translation

    from practices.resources import PracticeResource

    practice = f.make_practice()
    exported = PracticeResource().export()
    row = dict(zip(exported.headers, exported[0], strict=True), title_es="Un título nuevo")
    data = tablib.Dataset(list(row.values()), headers=list(row))
    with translation.override("en"):
        PracticeResource().import_data(data, user=reviewer)
    client.force_login(reviewer)
    page = history(client, practice, "es")
    assert '<span class="comment">Importación desde una hoja de cálculo.</span>' in page
