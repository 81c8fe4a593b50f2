"""What a change to the catalogue makes stale is rebuilt by the request that made the change,
once answered, or by one worker for all: not by each worker on a visitor's request.

A test's writes never commit, so the change counter is moved by hand (bump), as a commit
would move it, between the signals that open and close a request.
"""

import logging

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from editorial import cache as content_cache
from editorial.cache import bump, generation
from editorial.facets import FacetIndex
from editorial.models import TERMS_BUILT_KEY
from practices import facets

from .factories import make_country, make_practice

pytestmark = pytest.mark.django_db

EDITORS_REQUEST = {"REQUEST_METHOD": "POST", "PATH_INFO": "/admin/practices/practice/1/change/"}


def change_in_a_request():
    start_request()
    bump()
    finish_request()


def start_request():
    send(request_started, environ=EDITORS_REQUEST)


def finish_request():
    send(request_finished)


def send(signal, **kwargs):
    # As the test client does: the test's transaction keeps its connection.
    signal.disconnect(close_old_connections)
    try:
        signal.send(sender=None, **kwargs)
    finally:
        signal.connect(close_old_connections)


class Loads:
    """A facet index's loader that counts its calls and returns what the catalogue holds."""

    def __init__(self):
        self.calls = 0
        self.values = {1: (("belize",),)}

    def __call__(self):
        self.calls += 1
        return dict(self.values)


def test_a_worker_reads_the_facet_values_another_worker_loaded():
    load = Loads()
    first, second = FacetIndex("test", ["country"], load), FacetIndex("test", ["country"], load)
    assert first.current() == second.current() == {1: (("belize",),)}
    assert load.calls == 1


def test_facet_values_loaded_before_a_change_are_never_read_after_it():
    load = Loads()
    FacetIndex("test", ["country"], load).current()
    load.values = {1: (("panama",),)}
    bump()
    assert FacetIndex("test", ["country"], load).current() == {1: (("panama",),)}
    assert load.calls == 2


def test_a_change_made_in_a_request_rebuilds_the_counts_and_words_after_the_answer():
    make_practice(countries=[make_country(slug="belize")])
    change_in_a_request()
    now = generation()
    assert facets.index.loaded_for == now
    assert cache.get(f"facet-values:practices:{now}") == facets.index.values
    assert cache.get(f"facets:catalogue:{now}")[1]["country"] == {"belize": 1}
    assert cache.get(TERMS_BUILT_KEY) == now


def test_a_visitor_after_the_change_loads_no_facet_values(client, monkeypatch):
    make_practice()
    change_in_a_request()
    monkeypatch.setattr(facets.index, "load", refuse_to_load)
    monkeypatch.setattr(facets.index, "loaded_for", None)  # another worker
    assert client.get("/en/practices/").status_code == 200


def refuse_to_load():
    raise AssertionError("loaded on a visitor's request")


def test_a_request_that_changes_nothing_rebuilds_nothing(monkeypatch):
    rebuilt = []
    monkeypatch.setattr(content_cache, "_rebuilders", [lambda: rebuilt.append(True)])
    start_request()
    finish_request()
    assert rebuilt == []


def test_a_change_made_outside_a_request_is_left_to_the_request_that_needs_it(monkeypatch):
    rebuilt = []
    monkeypatch.setattr(content_cache, "_rebuilders", [lambda: rebuilt.append(True)])
    bump()  # a management command's commit
    start_request()
    finish_request()
    assert rebuilt == []


def test_a_failed_rebuild_is_logged_and_the_others_still_run(monkeypatch, caplog):
    rebuilt = []
    monkeypatch.setattr(
        content_cache, "_rebuilders", [refuse_to_load, lambda: rebuilt.append(True)]
    )
    with caplog.at_level(logging.ERROR, logger="editorial.cache"):
        change_in_a_request()
    assert rebuilt == [True]
    assert "refuse_to_load" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_content_leaves_the_counts_and_words_ready_for_the_first_visitor():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_initial_data", verbosity=0, stdout=StringIO())
    now = generation()
    assert cache.get(f"facet-values:practices:{now}") is not None
    assert cache.get(f"facets:catalogue:{now}") is not None
    assert cache.get(TERMS_BUILT_KEY) == now
