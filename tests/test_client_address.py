"""The client's address comes from our own proxies, never from a header the client wrote."""

from django.test import RequestFactory

from editorial.clients import client_address

PROXY = "10.0.0.2"


def request_from(remote, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_proxy_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(PROXY, "198.51.100.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from(PROXY, "198.51.100.1, 203.0.113.7, 10.0.0.1")
    assert client_address(request) == "203.0.113.7"


def test_a_request_that_skipped_a_proxy_counts_by_its_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(PROXY, "203.0.113.7")) == PROXY


def test_a_request_without_the_header_counts_by_its_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY)) == PROXY


def test_a_forwarded_entry_that_is_no_address_counts_by_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY, "203.0.113.7, <script>")) == PROXY
