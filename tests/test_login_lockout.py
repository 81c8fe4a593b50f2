"""Passwords cannot be guessed: ten failures lock the account and the address for an hour."""

import pytest
from axes.helpers import get_lockout_message
from axes.models import AccessAttempt
from django.test import Client
from django.utils.translation import override

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.23"
LOCKED = "too many failed attempts to log in"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )


def log_in(client, username, password=PASSWORD, address=HOME, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, username, times, address=HOME):
    return [log_in(client, username, "wrong", address).status_code for _ in range(times)]


def test_the_tenth_wrong_password_locks_the_account(client, editor):
    statuses = fail(client, "editor", 30)
    assert statuses[:9] == [200] * 9
    assert set(statuses[9:]) == {429}


def test_a_locked_account_refuses_even_the_right_password(client, editor):
    fail(client, "editor", 10)
    response = log_in(client, "editor")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_still_let_the_editor_in(client, editor):
    fail(client, "editor", 9)
    assert log_in(client, "editor").status_code == 302


def test_the_lockout_page_speaks_spanish(client, editor):
    fail(client, "editor", 10)
    response = log_in(client, "editor", headers={"accept-language": "es"})
    page = response.content.decode()
    assert "demasiados intentos fallidos" in page
    assert "El acceso está bloqueado" in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Access attempts", "Failed Logins", "Locked Out"]),
        ("es", ["Intentos de acceso", "Inicios de sesión fallidos", "Bloqueado"]),
    ],
)
def test_the_superuser_unlocking_reads_the_attempts_in_their_language(
    client, editor, django_user_model, language, words
):
    fail(client, "editor", 10)
    superuser = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    admin_browser = Client(headers={"accept-language": language})
    admin_browser.force_login(superuser)
    page = admin_browser.get("/admin/axes/accessattempt/").content.decode()
    assert all(word in page for word in words), [word for word in words if word not in page]


@pytest.mark.parametrize(
    ("language", "start"), [("en", "Account locked"), ("es", "Cuenta bloqueada")]
)
def test_the_lockout_message_axes_gives_is_in_the_requests_language(language, start):
    with override(language):
        assert str(get_lockout_message()).startswith(start)


def test_a_locked_account_is_locked_from_every_address(client, editor):
    fail(client, "editor", 10, address=HOME)
    assert log_in(client, "editor", address=ELSEWHERE).status_code == 429


def test_an_address_that_failed_too_often_is_locked_for_every_account(client, editor):
    for n in range(10):
        log_in(client, f"guess-{n}", "wrong", address=HOME)
    assert log_in(client, "editor", address=HOME).status_code == 429


def test_a_lockout_leaves_other_accounts_at_other_addresses_alone(
    client, editor, django_user_model
):
    django_user_model.objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    fail(client, "editor", 10, address=HOME)
    assert log_in(Client(), "reviewer", address=ELSEWHERE).status_code == 302


def test_a_superuser_unlocks_a_locked_account(client, editor, django_user_model):
    fail(client, "editor", 10)
    superuser = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    admin_browser = Client()
    admin_browser.force_login(superuser)
    for attempt in AccessAttempt.objects.filter(username="editor"):
        deleted = admin_browser.post(
            f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
        )
        assert deleted.status_code == 302
    assert log_in(client, "editor").status_code == 302


def test_every_request_keeps_a_session_for_eight_more_hours(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_behind_a_proxy_logins_lock_by_the_visitors_address(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(10):
        forwarded = {"x-forwarded-for": f"192.0.2.{n}, {HOME}"}
        log_in(client, f"guess-{n}", "wrong", address=proxy, headers=forwarded)
    from_home = log_in(client, "editor", address=proxy, headers={"x-forwarded-for": HOME})
    assert from_home.status_code == 429
    from_elsewhere = log_in(client, "editor", address=proxy, headers={"x-forwarded-for": ELSEWHERE})
    assert from_elsewhere.status_code == 302
