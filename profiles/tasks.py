"""Background work: refreshing feeds. The TASKS backend decides where it runs (immediate by default)."""

from django_tasks import task


@task()
def refresh_page_feeds(page_id: int) -> int:
    """Refresh every feed of one profile (the owner's "refresh now" button). Returns the sources tried."""
    from profiles.feeds.refresh import refresh_source
    from profiles.models import FeedSource

    sources = list(FeedSource.objects.filter(page_id=page_id, is_demo=False))
    for source in sources:
        refresh_source(source)
    return len(sources)


@task()
def refresh_all_feeds() -> int:
    from profiles.feeds.refresh import refresh_all

    return len(refresh_all())
