import pytest
from django.core.management import call_command


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def catalogue_content(db):
    """The real content from fixtures/, as the demo serves it."""
    call_command("load_initial_data", verbosity=0)


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a request in another language must not leak into the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
