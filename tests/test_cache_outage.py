"""A cache server out of reach slows pages down; it never breaks them."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import override

from editorial.cache import generation

from .factories import make_practice

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "editorial.cache.ResilientRedisCache",
        # Nothing listens on port 1; the connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@override_settings(CACHES=UNREACHABLE_REDIS, PAGE_CACHE_SECONDS=300)
@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_answer_while_redis_is_out_of_reach(client, language):
    practice = make_practice()
    with override(language):
        home, practices = reverse("home"), reverse("practices:list")
    for path in [home, practices, f"{practices}?q=good"]:
        assert client.get(path).status_code == 200, path
    assert client.get(practice.get_absolute_url()).status_code == 200


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_the_change_counter_never_repeats_while_redis_is_out_of_reach():
    assert generation() != generation()
