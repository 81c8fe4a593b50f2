"""PostgreSQL restarts while visitors read the catalogue under gunicorn: they get their page or
a 503 saying when to try again, never a 500, and pages come back with no one doing anything.

It restarts the throwaway server that scripts/with_postgres.py started for the suite (with its
test database), so it runs only there; `-m "not cluster"` leaves it out.
"""

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from itertools import cycle
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .factories import make_country, make_practice, make_programme, make_reviewer

ROOT = Path(settings.BASE_DIR)
sys.path.insert(0, str(ROOT / "scripts"))

import with_postgres  # noqa: E402
from cluster import Gunicorn, fetch  # noqa: E402

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        with_postgres.DATADIR_VARIABLE not in os.environ,
        reason="restarts the throwaway PostgreSQL of scripts/with_postgres.py",
    ),
]

VISITORS = 4
LOAD_BEFORE_S = 1.0
LOAD_AFTER_S = 2.0


def public_paths():
    country = make_country(code="PA", slug="panama", name_en="Panama", name_es="Panamá")
    programme = make_programme(country=country)
    practices = [make_practice(countries=[country], programme=programme) for _ in range(3)]
    paths = []
    for language in ("en", "es"):
        with translation.override(language):
            paths += [
                reverse("home"),
                reverse("practices:list"),
                f"{reverse('practices:list')}?q=migrantes",
                reverse("countries:detail", kwargs={"slug": country.slug}),
                programme.get_absolute_url(),
                *(practice.get_absolute_url() for practice in practices),
            ]
    return paths


def editor_session():
    """A signed-in reviewer's session cookie: the admin and live pages, sessions saved."""
    browser = Client()
    browser.force_login(make_reviewer())
    return {settings.SESSION_COOKIE_NAME: browser.cookies[settings.SESSION_COOKIE_NAME].value}


def production_env(tmp_path):
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        # This process signs the editor's session.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Every request reaches the database.
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        # The test database, where this test's entries are committed.
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    }


class Load:
    """Threads that ask for pages one after the other until stopped: visitors, one editor."""

    def __init__(self, port, paths, editor):
        self.port = port
        self.answers = []  # (who, time sent, status, Retry-After)
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.visit, args=("visitor", paths[n:] + paths[:n], {}))
            for n in range(VISITORS)
        ]
        editor_paths = ["/admin/", reverse("admin:practices_practice_changelist"), paths[0]]
        self.threads.append(
            threading.Thread(target=self.visit, args=("editor", editor_paths, editor))
        )

    def visit(self, who, paths, cookies):
        for path in cycle(paths):
            if self.stopping.is_set():
                return
            sent = time.monotonic()
            try:
                answer = fetch(self.port, path, cookies=cookies)
            except OSError as error:
                self.answers.append((who, sent, type(error).__name__, None))
            else:
                retry = answer.headers.get("Retry-After")
                self.answers.append((who, sent, answer.status, retry))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def test_a_database_restart_under_load_gives_503s_not_500s_and_recovers(transactional_db, tmp_path):
    paths = public_paths()
    editor = editor_session()
    env = production_env(tmp_path)
    # Production settings serve static files from the collected manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = Gunicorn("restart", with_postgres.free_port(), env, tmp_path)
    try:
        server.wait_until_serving()
        with Load(server.port, paths, editor) as load:
            time.sleep(LOAD_BEFORE_S)
            down = time.monotonic()
            with_postgres.restart(os.environ[with_postgres.DATADIR_VARIABLE])
            up = time.monotonic()
            time.sleep(LOAD_AFTER_S)
    finally:
        server.stop()
        # This process's own connection did not survive the restart either.
        connections.close_all()

    statuses = Counter((who, status) for who, _sent, status, _retry in load.answers)
    after = [status for _who, sent, status, _retry in load.answers if sent >= up]
    print(
        f"\n{len(load.answers)} requests: {dict(statuses)}; "
        f"restart took {up - down:.2f} s; {len(after)} sent after it"
    )
    log = (tmp_path / "gunicorn-restart.log").read_text(errors="replace")
    first_error = log[max(log.find("Internal Server Error"), 0) :][:3000]
    assert {status for _who, status in statuses} <= {200, 503}, first_error
    assert all(retry == "10" for *_, status, retry in load.answers if status == 503)
    assert after and set(after) == {200}, log[-3000:]
