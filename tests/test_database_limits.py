"""A slow or unreachable database: served pages give up on a query after a time limit, the
admin has none, and visitors read a 503 in their language rather than an error page."""

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.views import HomeView
from editorial import middleware
from practices.admin import PracticeAdmin

from .test_settings import ROOT

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="statement_timeout is PostgreSQL's; SQLite has no time limit on queries",
)

BUSY = {
    "en": "The catalogue is briefly unavailable",
    "es": "El catálogo no está disponible momentáneamente",
}


@pytest.fixture
def time_limit():
    """Sets the connection's statement timeout, as the application server's connections have."""

    def set_limit(milliseconds):
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {milliseconds}")

    yield set_limit
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")


def pg_sleep(seconds):
    # In a savepoint: a cancelled query then undoes only that, and the test's own transaction,
    # which the test database still needs, goes on.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])


def statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@postgresql_only
def test_a_query_over_the_time_limit_answers_503_in_spanish(
    client, monkeypatch, time_limit, caplog
):
    from psycopg.errors import QueryCanceled

    monkeypatch.setattr(HomeView, "get_context_data", lambda *args, **kwargs: pg_sleep(1))
    time_limit(50)
    with caplog.at_level("WARNING", logger="editorial.middleware"):
        response = client.get("/es/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert BUSY["es"] in page
    (record,) = [record for record in caplog.records if record.name == "editorial.middleware"]
    assert isinstance(record.exc_info[1].__cause__, QueryCanceled)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_database_out_of_reach_answers_503_in_the_page_language(
    client, monkeypatch, django_assert_num_queries, error, language
):
    def unreachable(*args, **kwargs):
        raise error("connection refused")

    monkeypatch.setattr(HomeView, "get_context_data", unreachable)
    with django_assert_num_queries(0):  # the 503 page itself needs no database
        response = client.get(f"/{language}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert BUSY[language] in response.content.decode()


@pytest.fixture
def signed_in(django_user_model):
    """A reviewer's browser; Django's own 500 handling, as in production, not re-raised."""
    browser = Client(raise_request_exception=False)
    browser.force_login(django_user_model.objects.create_user("reviewer", is_staff=True))
    return browser


def fail_saving_sessions(monkeypatch, error):
    def save(*args, **kwargs):
        raise error("connection refused")

    monkeypatch.setattr(SessionStore, "save", save)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_database_out_of_reach_after_the_view_answers_503_in_the_page_language(
    signed_in, monkeypatch, language
):
    # A signed-in editor's session is saved once the view has answered.
    fail_saving_sessions(monkeypatch, OperationalError)
    response = signed_in.get(f"/{language}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert BUSY[language] in response.content.decode()


def test_a_session_update_failing_for_the_database_answers_503_not_400(signed_in, monkeypatch):
    from django.contrib.sessions.models import Session

    def save(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    # Django's own session store reads this as a session deleted meanwhile: a 400.
    monkeypatch.setattr(Session, "save", save)
    response = signed_in.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"


def test_any_other_error_after_the_view_is_still_a_500(signed_in, monkeypatch):
    fail_saving_sessions(monkeypatch, RuntimeError)
    assert signed_in.get("/en/").status_code == 500


def test_a_database_out_of_reach_before_the_language_is_chosen_answers_in_the_visitors(
    signed_in, monkeypatch, settings
):
    def unreachable():
        raise OperationalError("connection refused")

    # The admin's time limit is lifted before LocaleMiddleware has read Accept-Language.
    settings.STATEMENT_TIMEOUT_MS = 2000
    monkeypatch.setattr(
        middleware, "connection", SimpleNamespace(vendor="postgresql", cursor=unreachable)
    )
    response = signed_in.get("/admin/", headers={"accept-language": "es"})
    assert response.status_code == 503
    assert BUSY["es"] in response.content.decode()


@postgresql_only
def test_the_admin_has_no_time_limit_and_gives_the_connection_back_with_it(
    staff_client, monkeypatch, settings, time_limit
):
    settings.STATEMENT_TIMEOUT_MS = 50
    time_limit(50)
    listed = PracticeAdmin.get_queryset

    def slow_list(self, request):
        pg_sleep(0.2)
        return listed(self, request)

    monkeypatch.setattr(PracticeAdmin, "get_queryset", slow_list)
    response = staff_client.get(reverse("admin:practices_practice_changelist"))
    assert response.status_code == 200
    assert statement_timeout() == "50ms"


@postgresql_only
def test_public_pages_run_no_extra_query_for_the_time_limit(client, settings):
    def queries_of_home():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return [query["sql"] for query in queries]

    queries_of_home()  # the first visit fills the cached figures the next ones read
    settings.STATEMENT_TIMEOUT_MS = 0
    unlimited = queries_of_home()
    settings.STATEMENT_TIMEOUT_MS = 2000
    assert queries_of_home() == unlimited


def database_options(startup, database_url):
    """The connection options a process gets, started as `startup` with the documented env."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_STATEMENT_TIMEOUT_MS"}
    code = (
        f"{startup}; from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "catalogue.settings", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_only_the_application_server_limits_query_time():
    postgres = "postgres://catalogue@127.0.0.1:5432/catalogue"
    served = database_options("import catalogue.wsgi", postgres)
    assert served == "-c statement_timeout=2000"
    assert database_options("import django; django.setup()", postgres) == "None"
    assert database_options("import catalogue.wsgi", "sqlite:///unused.sqlite3") == "None"
