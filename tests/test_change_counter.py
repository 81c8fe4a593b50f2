"""The change counter (editorial.cache.generation) is read once a request, from the shared
cache, and a change the request itself makes is seen at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from editorial import cache as content_cache
from editorial.cache import KEY, bump, generation

from .factories import make_practice
from .test_rebuild_after_change import finish_request, start_request

pytestmark = pytest.mark.django_db


class CounterReads:
    """The shared cache's `get`, counting the reads of the change counter."""

    def __init__(self):
        self.get = cache.get
        self.count = 0

    def __call__(self, key, *args, **kwargs):
        self.count += key == KEY
        return self.get(key, *args, **kwargs)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_filtered_list_reads_the_change_counter_once(client, monkeypatch, language):
    practice = make_practice()
    reads = CounterReads()
    monkeypatch.setattr(content_cache.cache, "get", reads)
    with override(language):
        address = reverse("practices:list")
    country = practice.countries.first()
    response = client.get(address, {"country": country.slug, "level": "national", "q": "good"})
    assert response.status_code == 200
    assert reads.count == 1


def test_a_change_made_in_a_request_is_seen_by_the_rest_of_it():
    start_request()
    try:
        before = generation()
        bump()
        assert generation() != before
        assert generation() == cache.get(KEY)
    finally:
        finish_request()


def test_outside_a_request_the_counter_is_read_every_time():
    generation()
    cache.set(KEY, 41, None)
    assert generation() == 41
    cache.set(KEY, 42, None)
    assert generation() == 42


def test_a_new_request_reads_a_change_made_elsewhere_since_the_last():
    start_request()
    first = generation()
    finish_request()
    cache.set(KEY, first + 10, None)  # another server's change
    start_request()
    try:
        assert generation() == first + 10
    finally:
        finish_request()
