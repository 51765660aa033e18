"""Addresses the fetcher must never connect to. Refusals happen before any connection is made."""

import ipaddress
import socket

import pytest

from profiles.feeds.client import fetch
from profiles.feeds.errors import FetchRefused
from profiles.feeds.guard import check_url, is_allowed_address


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/feed", r"private or reserved address \(127.0.0.1\)"),
        ("http://localhost/feed", "private or reserved address"),
        ("http://10.1.2.3/feed", r"private or reserved address \(10.1.2.3\)"),
        ("http://192.168.0.10/feed", r"private or reserved address \(192.168.0.10\)"),
        ("http://172.16.5.5/feed", r"private or reserved address \(172.16.5.5\)"),
        ("http://169.254.169.254/latest/meta-data/", r"private or reserved address \(169.254.169.254\)"),
        ("http://[::1]/feed", r"private or reserved address \(::1\)"),
        ("http://[::ffff:127.0.0.1]/feed", "private or reserved address"),
        ("http://[fe80::1]/feed", "private or reserved address"),
        ("http://[fd00::1]/feed", "private or reserved address"),
        ("http://0.0.0.0/feed", r"private or reserved address \(0.0.0.0\)"),
        ("http://224.0.0.1/feed", "private or reserved address"),
        ("http://100.64.0.1/feed", "private or reserved address"),
        ("http://2130706433/feed", "Numeric host names"),
        ("http://0x7f000001/feed", "Numeric host names"),
        ("http://0x7f.1/feed", "Numeric host names"),
        ("http://0177.0.0.1/feed", "Numeric host names"),
        ("http://127.1/feed", "Numeric host names"),
        ("ftp://example.org/feed", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("gopher://example.org/", "Only http and https"),
        ("http://user:secret@example.org/feed", "user name or password"),
        # IPv6 forms that carry a private IPv4 address: a relay or translator would deliver to it.
        ("http://[2002:c0a8:101::1]/feed", r"\(2002:c0a8:101::1\)"),  # 6to4 of 192.168.1.1
        ("http://[2002:7f00:1::]/feed", r"\(2002:7f00:1::\)"),  # 6to4 of 127.0.0.1
        ("http://[2002:a9fe:a9fe::1]/feed", "private or reserved address"),  # 6to4 of 169.254.169.254
        ("http://[::ffff:10.0.0.1]/feed", "private or reserved address"),  # IPv4-mapped
        ("http://[64:ff9b::a00:1]/feed", r"\(64:ff9b::a00:1\)"),  # NAT64 of 10.0.0.1
        ("http://[64:ff9b::7f00:1]/feed", "private or reserved address"),  # NAT64 of 127.0.0.1
        ("http://[64:ff9b:1::808:808]/feed", "private or reserved address"),  # local-use NAT64
        ("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/feed", "private or reserved address"),  # Teredo
        ("http://[::10.0.0.1]/feed", "private or reserved address"),  # IPv4-compatible (deprecated)
        ("http://[::808:808]/feed", "private or reserved address"),  # IPv4-compatible, even if public
    ],
)
def test_unsafe_address_is_refused(url, reason):
    with pytest.raises(FetchRefused, match=reason):
        check_url(url)


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("2002:808:808::1", True),  # 6to4 of a public address
        ("2002:c0a8:101::1", False),
        ("64:ff9b::808:808", False),  # NAT64 lies in ::/8, reserved, whatever it carries
        ("64:ff9b::a9fe:a9fe", False),
        ("::ffff:8.8.8.8", True),
        ("::ffff:100.64.0.1", False),  # shared address space
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo: not global, whatever it carries
        ("2606:4700::1111", True),
    ],
)
def test_embedded_ipv4_addresses_are_judged_like_the_ipv4_address(address, allowed):
    assert is_allowed_address(ipaddress.ip_address(address)) is allowed


def test_loopback_setting_allows_only_127_0_0_1_itself(settings):
    settings.HUB_FEEDS_ALLOW_LOOPBACK = True
    assert check_url("http://127.0.0.1:8123/feed.xml").address == "127.0.0.1"
    with pytest.raises(FetchRefused, match=r"\(127.0.0.2\)"):
        check_url("http://127.0.0.2/feed")
    with pytest.raises(FetchRefused, match=r"\(::1\)"):
        check_url("http://[::1]/feed")


def test_public_address_passes_the_check_and_keeps_the_path_and_query():
    target = check_url("https://93.184.215.14/blog/feed?format=rss")
    assert (target.scheme, target.host, target.port, target.path, target.address) == (
        "https",
        "93.184.215.14",
        443,
        "/blog/feed?format=rss",
        "93.184.215.14",
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/redirect-to-loopback", r"\(127.0.0.2\)"),
        ("/redirect-to-ipv6-loopback", r"\(::1\)"),
        ("/redirect-to-private", r"\(10.0.0.7\)"),
        ("/redirect-to-file", "Only http and https"),
    ],
)
def test_redirect_to_an_unsafe_address_is_refused_at_the_redirect(feeds, path, reason):
    with pytest.raises(FetchRefused, match=reason):
        fetch(feeds.url(path))
    assert [request["path"] for request in feeds.requests] == [path]


def _fake_dns(monkeypatch, answers: dict[str, list[str]]) -> list[str]:
    """Stand in for DNS (no resolver for made-up names here); every other name resolves as usual."""
    real = socket.getaddrinfo
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        if host in answers:
            return [info for address in answers[host] for info in real(address, port, *args, **kwargs)]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_host_is_resolved_once_and_the_request_carries_its_real_name(feeds, monkeypatch):
    asked = _fake_dns(monkeypatch, {"feeds.example.test": ["127.0.0.1"]})
    port = feeds.httpd.server_port
    response = fetch(f"http://feeds.example.test:{port}/rss.xml")
    assert response.status == 200
    assert feeds.requests[0]["headers"]["Host"] == f"feeds.example.test:{port}"
    assert asked.count("feeds.example.test") == 1


def test_name_with_any_private_address_among_public_ones_is_refused(monkeypatch):
    _fake_dns(monkeypatch, {"mixed.example.test": ["93.184.215.14", "10.0.0.5"]})
    with pytest.raises(FetchRefused, match=r"mixed.example.test points to a private or reserved address \(10.0.0.5\)"):
        check_url("https://mixed.example.test/feed")
