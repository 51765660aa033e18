"""Refreshing feed sources: the business rules behind `manage.py refresh_feeds` and "refresh now".

A failing feed never breaks a page: the error and time are stored on the source, and the last
good items stay until a later success replaces them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from profiles import handles
from profiles.feeds.client import Deadline, fetch
from profiles.feeds.discovery import find_feed_url, looks_like_html
from profiles.feeds.errors import FetchError
from profiles.feeds.parse import ParsedItem, parse_feed
from profiles.models import FeedItem, FeedSource, ProfilePage


@dataclass(frozen=True)
class RefreshResult:
    source_id: int
    ok: bool
    new_items: int = 0
    not_modified: bool = False
    error: str = ""
    transient: bool = False  # the failure may pass (host down, slow, 5xx): worth another try


def wanted_sources(page: ProfilePage) -> dict[str, str]:
    """The feed addresses a profile's fields ask for, by kind. Handles were validated on save."""
    wanted = {}
    for kind, build in (
        (FeedSource.BLOG, lambda: page.blog_url),
        (FeedSource.MASTODON, lambda: handles.mastodon_feed_url(page.mastodon_handle)),
        (FeedSource.BLUESKY, lambda: handles.bluesky_feed_url(page.bluesky_handle)),
    ):
        try:
            url = build()
        except handles.HandleError:
            url = None
        if url:
            wanted[kind] = url
    return wanted


@transaction.atomic
def sync_feed_sources(page: ProfilePage) -> None:
    """Make the FeedSource rows match the profile's fields; a changed address starts afresh."""
    wanted = wanted_sources(page)
    FeedSource.objects.filter(page_id=page.pk).exclude(kind__in=wanted).delete()
    existing = {source.kind: source for source in FeedSource.objects.filter(page_id=page.pk)}
    for kind, url in wanted.items():
        source = existing.get(kind)
        if source is None:
            FeedSource.objects.create(page_id=page.pk, kind=kind, url=url)
        elif source.url != url:
            source.items.all().delete()
            source.url, source.feed_url, source.etag, source.last_modified = url, "", "", ""
            source.last_error, source.last_success_at, source.is_demo = "", None, False
            source.save()


def refresh_source(source: FeedSource) -> RefreshResult:
    """Fetch one source now (in a worker or a command, never in a visitor's request)."""
    source.last_attempt_at = timezone.now()
    try:
        result = _fetch_and_store(source)
    except FetchError as error:
        source.last_error = str(error)[:500]
        source.refresh_requested_at = None
        source.save(update_fields=["last_attempt_at", "last_error", "refresh_requested_at"])
        return RefreshResult(source_id=source.pk, ok=False, error=source.last_error, transient=error.transient)
    source.last_error = ""
    source.last_success_at = source.last_attempt_at
    source.refresh_requested_at = None
    source.save(
        update_fields=[
            "last_attempt_at",
            "last_success_at",
            "last_error",
            "etag",
            "last_modified",
            "feed_url",
            "refresh_requested_at",
        ]
    )
    return result


def _fetch_and_store(source: FeedSource) -> RefreshResult:
    deadline = Deadline()  # one deadline for the whole fetch, feed discovery included
    response = fetch(source.feed_url or source.url, source.etag, source.last_modified, deadline=deadline)
    if response.status == 304:
        return RefreshResult(source_id=source.pk, ok=True, not_modified=True)
    if looks_like_html(response.content_type, response.body):
        if source.feed_url:
            raise FetchError("The feed address now returns a web page, not a feed.")
        found = find_feed_url(response.url, response.body)
        if not found:
            raise FetchError("No feed was found on that page. Give the address of the RSS or Atom feed instead.")
        source.feed_url = found
        response = fetch(found, deadline=deadline)
    items = parse_feed(response.body, settings.HUB_FEEDS_ITEMS_PER_SOURCE)
    source.etag = response.headers.get("etag", "")[:300]
    source.last_modified = response.headers.get("last-modified", "")[:100]
    return RefreshResult(source_id=source.pk, ok=True, new_items=store_items(source, items))


@transaction.atomic
def store_items(source: FeedSource, items: list[ParsedItem], is_demo: bool = False) -> int:
    """Insert new items, update known ones (same GUID), keep only the newest N. Returns how many were new."""
    known = set(source.items.filter(guid__in=[item.guid for item in items]).values_list("guid", flat=True))
    FeedItem.objects.bulk_create(
        [
            FeedItem(
                source=source,
                guid=item.guid,
                title=item.title,
                link=item.link,
                summary=item.summary,
                published_at=item.published_at,
                is_demo=is_demo,
            )
            for item in items
        ],
        update_conflicts=True,
        unique_fields=["source", "guid"],
        update_fields=["title", "link", "summary", "published_at"],
    )
    keep = list(
        source.items.order_by("-published_at", "-pk").values_list("pk", flat=True)[
            : settings.HUB_FEEDS_ITEMS_PER_SOURCE
        ]
    )
    source.items.exclude(pk__in=keep).delete()
    return len({item.guid for item in items} - known)


def sources_due(requested_only: bool = False) -> list[FeedSource]:
    """Every real source of a live profile (or only those an owner asked for), least recently tried first."""
    sources = FeedSource.objects.filter(is_demo=False, page__live=True)
    if requested_only:
        sources = sources.filter(refresh_requested_at__isnull=False)
    return list(sources.order_by(F("last_attempt_at").asc(nulls_first=True), "pk"))


def mark_requested(page_id: int, now=None) -> list[int]:
    """Note that the owner asked for a refresh (shown on their edit page). Returns the feeds' ids."""
    sources = FeedSource.objects.filter(page_id=page_id, is_demo=False)
    sources.update(refresh_requested_at=now or timezone.now())
    return list(sources.values_list("pk", flat=True))


def refresh_all(
    progress: Callable[[int, int, FeedSource, RefreshResult], None] | None = None, requested_only: bool = False
) -> list[RefreshResult]:
    sources = sources_due(requested_only=requested_only)
    results = []
    for number, source in enumerate(sources, start=1):
        result = refresh_source(source)
        results.append(result)
        if progress:
            progress(number, len(sources), source, result)
    return results
