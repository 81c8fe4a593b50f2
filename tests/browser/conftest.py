"""A real headless Chromium (Debian's, driven by Playwright) and the site it opens, for the tests
in this folder."""

import os

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import modify_settings
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

from .screens import LOCALES, VIEWPORTS

HOST = "localhost"


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for all the tests of a module."""
    # Playwright's sync API keeps an event loop running in the main thread; the tests and
    # factories still call the ORM synchronously there, which Django refuses unless told it
    # is safe. Both end with this module, so the rest of the suite runs as usual (a leftover
    # loop would break its ORM calls, and the variable would fail `check --deploy`).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def site(django_db_setup):
    """The site, served from a thread of its own as pytest-django's `live_server` serves it.

    Not `live_server` itself: pytest-django makes every test that uses it transactional, which
    flushes the database after each test, so no module could build its content only once.
    """
    server = LiveServer(HOST)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def committed_db(request, django_db_setup, django_db_blocker):
    """The database for a module whose tests only read what its fixtures commit once.

    The site's thread has a connection of its own and sees only committed rows, so the content
    is committed rather than rolled back; the module ends with the flush a transactional test
    ends with, so no row reaches the tests that follow. Pages that write (a form sent, a
    sign-in) belong in a module marked `django_db(transaction=True)` instead: what the site
    commits would reach the next test of the module.
    """
    # Without the mark pytest-django sets up no test database: the content would be written
    # to, and flushed from, the configured one.
    assert request.node.get_closest_marker("django_db"), f"{request.node.name}: mark django_db"
    # Until the module ends: the fixtures that build on this one write outside any test.
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            # While Playwright's event loop runs, Django gives this thread another connection,
            # which nothing else closes: left open, it keeps the test database from being dropped.
            connections.close_all()


@pytest.fixture
def new_page(browser, site):
    """Open a page in a fresh context: `new_page("es", "phone", java_script_enabled=False)`."""
    contexts = []

    def open_page(lang="en", viewport="desktop", **options):
        context = browser.new_context(
            base_url=site.url, locale=LOCALES[lang], **VIEWPORTS[viewport], **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    # As `live_server` does, and only while a page may be opened, so no other test sees it.
    with modify_settings(ALLOWED_HOSTS={"append": HOST}):
        yield open_page
        for context in contexts:
            context.close()
