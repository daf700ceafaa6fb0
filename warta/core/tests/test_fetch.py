"""The fetcher refuses non-public addresses after DNS resolution, whatever the name says.

The resolver is the one thing replaced here (a name that resolves to an
internal address cannot be set up otherwise); the check and the refusal are
the real ones, and nothing is ever connected to. Redirects and the local
HTTP servers are covered in warta/importers/tests/test_feed_ingest.py.
"""

import socket

import pytest

from warta.core.fetch import FetchRefused, fetch


def resolving_to(*addresses):
    def resolve(host, port, type=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    return resolve


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "172.16.5.4",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "::1",
        "::ffff:127.0.0.1",
        "fe80::1",
        "fc00::1",
        "224.0.0.1",
    ],
)
def test_a_public_name_that_resolves_to_an_internal_address_is_refused(address):
    with pytest.raises(FetchRefused, match="non-public address; refused"):
        fetch(
            "http://feeds.example.id/rss",
            allowed_hosts={"feeds.example.id"},
            max_bytes=1000,
            resolve=resolving_to(address),
        )


def test_one_internal_address_among_public_ones_is_enough_to_refuse():
    with pytest.raises(FetchRefused, match="10.0.0.1"):
        fetch(
            "https://feeds.example.id/rss",
            allowed_hosts={"feeds.example.id"},
            max_bytes=1000,
            resolve=resolving_to("93.184.216.34", "10.0.0.1"),
        )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "not an http"),
        ("ftp://feeds.example.id/rss", "not an http"),
        ("http://other.example.id/rss", "not an allowed host"),
        ("http://feeds.example.id:99999/rss", "bad port"),
    ],
)
def test_only_http_urls_on_allowed_hosts_are_fetched(url, message):
    def never(*args, **kwargs):
        raise AssertionError("resolved a refused URL")

    with pytest.raises(FetchRefused, match=message):
        fetch(url, allowed_hosts={"feeds.example.id"}, max_bytes=1000, resolve=never)
