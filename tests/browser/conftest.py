"""A real headless Chromium (Debian's, driven by Playwright) for the tests in this folder."""

import os

import pytest
from playwright.sync_api import sync_playwright

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

from .screens import LOCALES, VIEWPORTS


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the whole run (every browser test is in this module)."""
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


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh context: `new_page("es", "phone", java_script_enabled=False)`."""
    contexts = []

    def open_page(lang="en", viewport="desktop", **options):
        context = browser.new_context(
            base_url=live_server.url, locale=LOCALES[lang], **VIEWPORTS[viewport], **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
