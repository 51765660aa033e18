"""Refreshing feed sources end to end: stored rows, de-duplication, failures keep the last good items."""

from io import StringIO

import pytest
from django.core.management import call_command

from profiles.feeds.refresh import refresh_source, sync_feed_sources
from profiles.models import FeedItem, FeedSource
from tests.profiles.conftest import make_organiser
from tests.profiles.feedserver import ETAG


@pytest.fixture
def blog_source(feeds, index_page):
    page = make_organiser(index_page, blog_url=feeds.url("/rss.xml"))
    return FeedSource.objects.get(page=page, kind=FeedSource.BLOG)


def test_publishing_a_profile_creates_one_source_per_feed_field(index_page):
    page = make_organiser(
        index_page,
        blog_url="https://blog.example.org/feed",
        mastodon_handle="@sam@social.example.org",
        bluesky_handle="sam.bsky.social",
        x_handle="@sam",
    )
    sources = {source.kind: source.url for source in FeedSource.objects.filter(page=page)}
    assert sources == {
        "blog": "https://blog.example.org/feed",
        "mastodon": "https://social.example.org/@sam.rss",
        "bluesky": "https://bsky.app/profile/sam.bsky.social/rss",
    }


def test_clearing_a_feed_field_removes_its_source_and_items(index_page):
    page = make_organiser(index_page, blog_url="https://blog.example.org/feed", bluesky_handle="sam.bsky.social")
    page.blog_url = ""
    sync_feed_sources(page)
    assert list(FeedSource.objects.filter(page=page).values_list("kind", flat=True)) == ["bluesky"]


def test_first_refresh_stores_deduplicated_items_and_validators(blog_source):
    result = refresh_source(blog_source)
    blog_source.refresh_from_db()
    assert (result.ok, result.new_items) == (True, 3)
    assert list(blog_source.items.values_list("guid", flat=True)) == ["post-3", "post-2", "post-1"]
    assert blog_source.etag == ETAG
    assert blog_source.last_success_at == blog_source.last_attempt_at
    assert blog_source.last_error == ""


def test_second_refresh_uses_conditional_get_and_changes_nothing(feeds, blog_source):
    refresh_source(blog_source)
    result = refresh_source(blog_source)
    assert (result.ok, result.not_modified, result.new_items) == (True, True, 0)
    assert feeds.requests[-1]["headers"]["If-None-Match"] == ETAG
    assert FeedItem.objects.filter(source=blog_source).count() == 3


def test_only_the_newest_items_are_kept(blog_source, settings):
    settings.HUB_FEEDS_ITEMS_PER_SOURCE = 2
    refresh_source(blog_source)
    assert list(blog_source.items.values_list("guid", flat=True)) == ["post-3", "post-2"]


def test_failing_feed_keeps_last_good_items_and_records_the_error(feeds, blog_source):
    refresh_source(blog_source)
    first_success = FeedSource.objects.get(pk=blog_source.pk).last_success_at
    blog_source.url = feeds.url("/malformed.xml")
    blog_source.etag = ""
    blog_source.save()
    result = refresh_source(blog_source)
    blog_source.refresh_from_db()
    assert result.ok is False
    assert blog_source.last_error.startswith("The feed is not well-formed XML")
    assert blog_source.last_success_at == first_success
    assert blog_source.items.count() == 3


def test_site_address_finds_its_feed_by_autodiscovery(feeds, index_page):
    page = make_organiser(index_page, blog_url=feeds.url("/site/"))
    source = FeedSource.objects.get(page=page)
    result = refresh_source(source)
    source.refresh_from_db()
    assert (result.ok, result.new_items) == (True, 2)
    assert source.feed_url == feeds.url("/atom.xml")


def test_site_without_a_feed_says_what_to_do(feeds, index_page):
    page = make_organiser(index_page, blog_url=feeds.url("/plain-page/"))
    result = refresh_source(FeedSource.objects.get(page=page))
    assert result.error == "No feed was found on that page. Give the address of the RSS or Atom feed instead."


def test_hostile_items_are_stored_sanitised(feeds, index_page):
    page = make_organiser(index_page, blog_url=feeds.url("/script.xml"))
    refresh_source(FeedSource.objects.get(page=page))
    titles = list(FeedItem.objects.filter(source__page=page).values_list("title", "link"))
    assert titles == [("Meeting notes", ""), ("Data link", "")]


def test_refresh_feeds_command_reports_progress_and_totals(feeds, index_page):
    make_organiser(index_page, blog_url=feeds.url("/rss.xml"))
    make_organiser(index_page, blog_url=feeds.url("/bomb.xml"))
    out = StringIO()
    call_command("refresh_feeds", stdout=out)
    text = out.getvalue()
    assert "[1/2] Blog of page" in text
    assert "[2/2] Blog of page" in text
    assert "Done: 2 feeds, 3 new items, 1 failed." in text
    assert "keep their last good items" in text


def test_demo_sources_are_never_fetched(feeds, blog_source):
    blog_source.is_demo = True
    blog_source.save()
    out = StringIO()
    call_command("refresh_feeds", stdout=out)
    assert "Done: 0 feeds" in out.getvalue()
    assert feeds.requests == []
