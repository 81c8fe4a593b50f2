"""Production settings are safe: `check --deploy` passes with only the documented variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="catalogue.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "catalogue.example.org",
}
CLAIMS_HTTPS = (
    "from django.test import RequestFactory; "
    "print(RequestFactory().get('/', headers={'x-forwarded-proto': 'https'}).is_secure())"
)


def test_without_a_trusted_proxy_a_client_cannot_claim_https():
    result = manage("shell", "-c", CLAIMS_HTTPS, **PRODUCTION, DJANGO_TRUSTED_PROXY_COUNT="0")
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_behind_a_trusted_proxy_its_word_on_https_counts():
    result = manage("shell", "-c", CLAIMS_HTTPS, **PRODUCTION, DJANGO_TRUSTED_PROXY_COUNT="1")
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_production_behind_a_proxy_passes_the_deployment_checklist():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_TRUSTED_PROXY_COUNT="1"
    )
    assert result.returncode == 0, result.stdout + result.stderr
