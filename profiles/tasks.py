"""Feed fetching as background tasks: one task per feed, on the `feeds` queue.

`refresh_due_feeds` (every 30 minutes, settings.HUB_PERIODIC_TASKS) enqueues one `refresh_feed`
per feed, so a slow host holds one worker thread while the others carry on. "Refresh my feeds
now" enqueues the profile's own feeds at once (profiles.services.request_refresh).
"""

from urllib.parse import urlsplit

from django.conf import settings

from hub.slots import slot
from hub.tasks import TransientError, retrying_task
from profiles.feeds.refresh import refresh_source, sources_due
from profiles.models import FeedSource


def host_of(source: FeedSource) -> str:
    parts = urlsplit(source.feed_url or source.url)
    return f"{(parts.hostname or '').lower()}:{parts.port or parts.scheme}"


@retrying_task(queue_name="feeds", attempts=3, base_delay=120)
def refresh_feed(source_id: int) -> dict:
    """Fetch one feed, holding one of the HUB_FEEDS_PER_HOST slots of its host meanwhile (a host with
    every slot taken sends the task back to the queue for a few seconds, spending no attempt)."""
    source = FeedSource.objects.filter(pk=source_id, is_demo=False).first()
    if source is None:
        return {"source": source_id, "skipped": "no such feed"}
    hold = settings.HUB_FEEDS_TOTAL_TIMEOUT + 30
    with slot(f"feed-host:{host_of(source)}", settings.HUB_FEEDS_PER_HOST, hold):
        result = refresh_source(source)
    if not result.ok and result.transient:
        # The error is on the source for its owner already; the worker tries again later.
        raise TransientError(result.error)
    return {"source": source_id, "ok": result.ok, "new_items": result.new_items, "error": result.error}


@retrying_task(queue_name="feeds")
def refresh_due_feeds() -> int:
    """Enqueue a fetch of every real feed of a live profile. Returns how many."""
    ids = [source.pk for source in sources_due()]
    for source_id in ids:
        refresh_feed.enqueue(source_id)
    return len(ids)
