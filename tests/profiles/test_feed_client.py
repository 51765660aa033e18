"""The guarded HTTP client and parser against a real HTTP server on 127.0.0.1."""

import pytest

from profiles.feeds.client import fetch
from profiles.feeds.errors import FetchError, FetchRefused
from profiles.feeds.parse import parse_feed
from tests.profiles.feedserver import ETAG, LAST_MODIFIED


def test_rss_feed_is_fetched_with_host_header_and_parsed_newest_first(feeds):
    response = fetch(feeds.url("/rss.xml"))
    items = parse_feed(response.body, limit=20)
    assert response.status == 200
    assert response.headers["etag"] == ETAG
    assert feeds.requests[0]["headers"]["Host"] == f"127.0.0.1:{feeds.httpd.server_port}"
    assert feeds.requests[0]["headers"]["Accept-Encoding"] == "gzip"
    assert [item.guid for item in items] == ["post-3", "post-2", "post-1"]
    assert items[0].title == "Door knocking on Elm Street"
    assert items[0].summary == "<p>We knocked on <strong>forty</strong> doors and heard about damp.</p>"
    assert items[0].published_at.isoformat() == "2026-03-10T09:00:00+00:00"


def test_conditional_get_sends_etag_and_last_modified_and_gets_not_modified(feeds):
    response = fetch(feeds.url("/rss.xml"), etag=ETAG, last_modified=LAST_MODIFIED)
    assert response.status == 304
    assert response.body == b""
    assert feeds.requests[0]["headers"]["If-None-Match"] == ETAG
    assert feeds.requests[0]["headers"]["If-Modified-Since"] == LAST_MODIFIED


def test_atom_feed_titles_are_plain_text_with_entities_decoded(feeds):
    items = parse_feed(fetch(feeds.url("/atom.xml")).body, limit=20)
    assert [item.title for item in items] == ["Tenants' meeting & AGM", "Community garden opens"]
    assert items[0].link == "https://riverside.example.org/news/agm"
    assert items[1].summary == "<p>The garden on Mill Lane is open on Saturdays.</p>"


def test_mastodon_style_feed_without_titles_keeps_the_post_text(feeds):
    items = parse_feed(fetch(feeds.url("/@sam.rss")).body, limit=20)
    assert [item.guid for item in items] == [
        "https://social.example.org/@sam/1130",
        "https://social.example.org/@sam/1129",
    ]
    assert items[0].title == ""
    assert "Great turnout at the" in items[0].summary
    assert 'rel="nofollow ugc noopener"' in items[0].summary
    assert "class=" not in items[0].summary


def test_bluesky_style_feed_is_read(feeds):
    items = parse_feed(fetch(feeds.url("/profile/sam.bsky.social/rss")).body, limit=20)
    assert len(items) == 1
    assert items[0].guid == "at://did:plc:abc/app.bsky.feed.post/3kabc"
    assert items[0].summary == "Bus campaign update: the council has agreed to meet us."


def test_gzip_encoded_feed_is_decompressed(feeds):
    response = fetch(feeds.url("/gzip.xml"))
    assert response.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert len(parse_feed(response.body, limit=20)) == 2


def test_redirect_is_followed_to_the_feed(feeds):
    response = fetch(feeds.url("/redirect"))
    assert response.status == 200
    assert response.url == feeds.url("/rss.xml")
    assert [request["path"] for request in feeds.requests] == ["/redirect", "/rss.xml"]


def test_redirect_loop_stops_at_the_redirect_cap(feeds, settings):
    settings.HUB_FEEDS_MAX_REDIRECTS = 3
    with pytest.raises(FetchError, match=r"Too many redirects \(more than 3\)"):
        fetch(feeds.url("/redirect-loop"))
    assert len(feeds.requests) == 4


def test_oversized_response_with_content_length_is_refused_before_reading(feeds, settings):
    settings.HUB_FEEDS_MAX_BYTES = 50_000
    with pytest.raises(FetchError, match="larger than the 48 KB"):
        fetch(feeds.url("/oversized.xml"))


def test_oversized_response_without_content_length_stops_at_the_cap(feeds, settings):
    settings.HUB_FEEDS_MAX_BYTES = 50_000
    with pytest.raises(FetchError, match="larger than the 48 KB"):
        fetch(feeds.url("/oversized-stream.xml"))


def test_gzip_bomb_stops_at_the_cap_once_unzipped(feeds, settings):
    settings.HUB_FEEDS_MAX_BYTES = 100_000
    with pytest.raises(FetchError, match="once unzipped"):
        fetch(feeds.url("/gzip-bomb.xml"))


def test_slow_response_times_out(feeds):
    with pytest.raises(FetchError, match="took too long"):
        fetch(feeds.url("/slow.xml"))


def test_server_error_is_reported_with_its_status(feeds):
    with pytest.raises(FetchError, match="status 500"):
        fetch(feeds.url("/gone.xml"))


def test_entity_expansion_bomb_is_refused_before_feedparser_sees_it(feeds):
    body = fetch(feeds.url("/bomb.xml")).body
    with pytest.raises(FetchError, match="declares XML entities"):
        parse_feed(body, limit=20)


def test_malformed_feed_is_refused_with_a_clear_message(feeds):
    with pytest.raises(FetchError, match="not well-formed XML"):
        parse_feed(fetch(feeds.url("/malformed.xml")).body, limit=20)


def test_items_carrying_script_are_sanitised(feeds):
    items = parse_feed(fetch(feeds.url("/script.xml")).body, limit=20)
    evil, data_link = items
    assert evil.title == "Meeting notes"
    assert evil.link == ""
    assert evil.summary == (
        '<p>Read <a href="" rel="nofollow ugc noopener">this</a> and '
        '<a href="https://ok.example.org/a" rel="nofollow ugc noopener">that</a></p>'
    )
    assert data_link.link == ""
    for text in (evil.summary, data_link.summary):
        for bad in ("script", "onclick", "onerror", "javascript:", "vbscript:", "data:", "iframe", "<img"):
            assert bad not in text


def test_loopback_is_refused_when_the_test_setting_is_off(feed_server, settings):
    settings.HUB_FEEDS_ALLOW_LOOPBACK = False
    feed_server.requests.clear()
    with pytest.raises(FetchRefused, match=r"private or reserved address \(127.0.0.1\)"):
        fetch(feed_server.url("/rss.xml"))
    assert feed_server.requests == []
