"""What the admin's browser tests share: their marks and the editors' password."""

import os

import pytest

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
