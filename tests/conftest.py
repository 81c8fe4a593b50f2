import tempfile

import pytest
from django.core.management import call_command
from django.db import transaction


def pytest_configure(config):
    from django.conf import settings

    # Tests log users in hundreds of times; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Writes inside a test's transaction never commit, so they never make cached pages stale;
    # tests/test_page_cache.py turns the cache on and commits its writes on purpose.
    settings.PAGE_CACHE_SECONDS = 0
    # The site's shared file cache, in a directory of this run's own.
    settings.CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="catalogue-test-cache-")
    # Parts of pages kept rendered in memory would go stale the same way (editorial.fragments);
    # tests/test_fragments.py keeps them on purpose.
    from editorial import fragments

    fragments.enabled = False


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def module_content(django_db_setup, django_db_blocker):
    """The real content, loaded once for a module inside a transaction undone at its end.

    Each test runs in a savepoint within it, so a test's own changes still vanish after it.
    Modules that use it load it from their first test on; keep such modules free of tests
    that need an empty catalogue.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_initial_data", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def catalogue_content(module_content, db):
    """The real content from fixtures/, as the demo serves it."""


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached lists and pages belong to the test that made them; rolled-back rows go too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a request in another language must not leak into the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
