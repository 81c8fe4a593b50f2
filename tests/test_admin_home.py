"""The admin home says what needs doing: each count a link to the list of those entries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial import proposals
from editorial.models import Status
from practices.models import Suggestion

from . import factories as f

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def draft(**fields):
    return f.make_practice(status=Status.DRAFT, published_at=None, **fields)


def tasks(client, lang="en"):
    """{task: [(link text, address)]} as the home shows them."""
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    section = response.content.decode().split('class="module editorial-tasks"')[1]
    section = section.split("</section>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', section, re.S)
    return {
        label: [
            (text, url.replace("&amp;", "&"))
            for url, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', cell)
        ]
        or re.sub(r"<[^>]+>", "", cell).strip()
        for label, cell in rows
    }


@pytest.fixture
def work(django_user_model):
    """Entries waiting for each task, and one of each already published."""
    f.make_practice(status=Status.REVIEW, published_at=None)
    f.make_practice(status=Status.REVIEW, published_at=None)
    f.make_programme(status=Status.REVIEW)
    draft()
    draft(summary_es="")
    suggested = draft(title_en="", summary_en="", description_en="")
    Suggestion.objects.create(
        practice=suggested, name="Ana", email="ana@example.org", language="es"
    )
    f.make_recommendation(status=Status.DRAFT)
    proposals.propose_change(entry=f.make_forum(), relations={}, user=f.make_editor())


def test_the_home_counts_what_awaits_each_task_and_links_to_its_list(staff_client, work):
    assert tasks(staff_client) == {
        "Awaiting review": [
            ("2 good practices", "/admin/practices/practice/?status__exact=review"),
            ("1 programme", "/admin/practices/programme/?status__exact=review"),
        ],
        "Changes awaiting review": [
            ("1 forum", "/admin/recommendations/forum/?proposed_change=pending"),
        ],
        "Drafts": [
            ("3 good practices", "/admin/practices/practice/?status__exact=draft"),
            (
                "1 policy recommendation",
                "/admin/recommendations/recommendation/?status__exact=draft",
            ),
        ],
        "Missing a language": [
            ("2 good practices", "/admin/practices/practice/?translation=missing"),
        ],
        "Visitors’ suggestions": [
            ("1 good practice", "/admin/practices/practice/?suggested=yes&status__exact=draft"),
        ],
    }


def test_the_home_speaks_spanish_to_a_spanish_browser(staff_client, work):
    page = tasks(staff_client, "es")

    assert page["Pendientes de revisión"][0][0] == "2 buenas prácticas"
    assert page["Borradores"][1][0] == "1 recomendación de política pública"
    assert page["Falta un idioma"][0][0] == "2 buenas prácticas"
    assert page["Sugerencias de visitantes"][0][0] == "1 buena práctica"


def test_each_count_on_the_home_is_what_its_list_shows(staff_client, work):
    for links in tasks(staff_client).values():
        for text, url in links:
            response = staff_client.get(url)
            assert response.context["cl"].result_count == int(text.split()[0]), url


def test_a_limited_editors_home_counts_only_their_countries(client, work):
    belize = f.make_country()
    f.make_practice(status=Status.REVIEW, published_at=None, countries=[belize])
    client.force_login(f.make_editor(countries=[belize]))

    assert tasks(client)["Awaiting review"] == [
        ("1 good practice", "/admin/practices/practice/?status__exact=review")
    ]
    assert tasks(client)["Drafts"] == "Nothing"


def test_the_home_runs_as_many_queries_however_much_awaits(staff_client, work):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            staff_client.get(HOME)
        return len(captured)

    few = queries()
    for _n in range(10):
        draft()
        f.make_programme(status=Status.REVIEW)

    assert queries() == few
