"""What the admin's browser tests share: their marks, the editors' password and signing in."""

import os

import pytest
from playwright.sync_api import expect

from scripts.chromium import CHROMIUM

# Pages that write (a sign-in, a form sent) commit, so each test gets a database of its own.
ADMIN_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"no Chromium at {CHROMIUM}: apt-get install chromium to run the browser tests",
    ),
]
PASSWORD = "a-browser-password"


def signed_in_page(new_page, username, lang, **options):
    """A new page in `lang` signed in to the admin as `username`, its console errors (a refused
    script or style) collected in `page.problems`."""
    page = new_page(lang, **options)
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page
