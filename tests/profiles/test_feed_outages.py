"""Feed hosts that are down, never answer or trickle: every fetch ends by its deadline, as a task,
while the other feeds are fetched meanwhile. Real sockets on 127.0.0.1 play each host."""

import datetime as dt
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Page

from hub import roles
from profiles import services
from profiles.feeds.client import fetch
from profiles.feeds.errors import FetchError
from profiles.models import FeedSource, ProfileIndexPage
from profiles.tasks import refresh_due_feeds, refresh_feed
from tests import sockets
from tests.profiles.conftest import make_organiser
from tests.profiles.feedserver import FeedServer
from tests.queue import rows, run_queue

DEADLINE = 2.0


@pytest.fixture
def deadline(feeds, settings):
    settings.HUB_FEEDS_TOTAL_TIMEOUT = DEADLINE
    settings.HUB_FEEDS_READ_TIMEOUT = 5  # longer than the deadline: only the deadline can cut
    settings.HUB_FEEDS_CONNECT_TIMEOUT = 5
    return feeds


@pytest.fixture
def dead_port():
    """A port on 127.0.0.1 where nothing listens (bound, then closed)."""
    return sockets.dead_port()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never sends a byte."""
    with sockets.silent_server(backlog=16) as server:
        yield server.port


def timed_fetch(url: str) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url)
    return caught.value, time.monotonic() - started


def test_a_host_sending_a_byte_a_second_is_cut_at_the_deadline(deadline):
    error, elapsed = timed_fetch(deadline.url("/byte-a-second.xml"))
    assert str(error) == "The server took longer than 2 seconds to send the feed."
    assert error.transient is True
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + 1.0


def test_a_host_trickling_its_headers_is_cut_at_the_deadline(deadline):
    error, elapsed = timed_fetch(deadline.url("/headers-a-byte-a-second.xml"))
    assert str(error) == "The server took longer than 2 seconds to send the feed."
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + 1.0


def test_a_host_that_never_answers_is_cut_at_the_deadline(deadline, silent_port):
    error, elapsed = timed_fetch(f"http://127.0.0.1:{silent_port}/feed.xml")
    assert str(error) == "The server took longer than 2 seconds to send the feed."
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + 1.0


def test_a_dead_port_fails_at_once_and_is_worth_another_try(deadline, dead_port):
    error, elapsed = timed_fetch(f"http://127.0.0.1:{dead_port}/feed.xml")
    assert str(error) == "Could not read 127.0.0.1: ConnectionRefusedError."
    assert error.transient is True
    assert elapsed < 1.0


def test_a_server_error_is_transient_and_a_missing_feed_is_not(deadline):
    assert timed_fetch(deadline.url("/gone.xml"))[0].transient is True
    assert timed_fetch(deadline.url("/no-such-feed.xml"))[0].transient is False


@pytest.mark.django_db
def test_refresh_now_enqueues_one_task_per_feed_of_the_profile(database_queue, deadline, index_page):
    page = make_organiser(index_page, blog_url=deadline.url("/rss.xml"), mastodon_handle="@sam@social.example.org")
    assert services.request_refresh(page) == 2
    assert sorted(row.args_kwargs["args"][0] for row in rows("refresh_feed")) == sorted(
        FeedSource.objects.filter(page=page).values_list("pk", flat=True)
    )
    assert {row.queue_name for row in rows("refresh_feed")} == {"feeds"}


@pytest.mark.django_db
def test_a_feed_task_whose_host_is_down_waits_to_retry_with_the_error_shown_to_the_owner(
    database_queue, deadline, index_page, dead_port
):
    page = make_organiser(index_page, blog_url=f"http://127.0.0.1:{dead_port}/feed.xml")
    source = FeedSource.objects.get(page=page)
    refresh_feed.enqueue(source.pk)
    run_queue()
    (row,) = rows("refresh_feed")
    assert (row.status, len(row.worker_ids), row.exception_class_path) == ("READY", 1, "hub.tasks.TransientError")
    source.refresh_from_db()
    assert source.last_error == "Could not read 127.0.0.1: ConnectionRefusedError."


@pytest.fixture
def committed_index(transactional_db):
    """Worker threads see only committed rows; a transactional test starts from an empty database,
    so make the page tree and role groups the migrations would have made."""
    ContentType.objects.clear_cache()  # ids cached before an earlier test's flush
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)
    Locale.objects.get_or_create(language_code="en-gb")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    return ProfileIndexPage.objects.first() or root.add_child(instance=ProfileIndexPage(title="Profiles"))


def test_a_slow_host_is_cut_at_its_deadline_while_the_other_feeds_are_fetched(
    database_queue, deadline, committed_index
):
    index_page = committed_index
    slow = make_organiser(index_page, title="Slow blogger", blog_url=deadline.url("/byte-a-second.xml"))
    fast = [make_organiser(index_page, title=f"Blogger {n}", blog_url=deadline.url("/rss.xml")) for n in range(4)]
    assert refresh_due_feeds.call() == 5  # what the scheduled job does: one task per feed
    started = time.monotonic()
    run_queue(threads=2, queues=["feeds"])
    elapsed = time.monotonic() - started

    slow_source = FeedSource.objects.get(page=slow)
    assert slow_source.last_error == "The server took longer than 2 seconds to send the feed."
    assert slow_source.last_success_at is None
    fast_sources = FeedSource.objects.filter(page__in=fast)
    assert [source.last_error for source in fast_sources] == ["", "", "", ""]
    assert all(source.items.count() == 3 for source in fast_sources)
    # The four fast feeds were fetched by the second thread while the slow one held the first.
    slow_task = DBTaskResult.objects.get(args_kwargs__args=[slow_source.pk])
    fast_finished = DBTaskResult.objects.filter(task_path__endswith="refresh_feed", status="SUCCESSFUL")
    assert fast_finished.count() == 4
    assert all(task.finished_at < slow_task.started_at + dt.timedelta(seconds=DEADLINE) for task in fast_finished)
    assert elapsed < DEADLINE + 3


def test_a_busy_host_makes_a_second_fetch_wait_without_spending_an_attempt(
    database_queue, deadline, committed_index, settings
):
    settings.HUB_FEEDS_PER_HOST = 1
    other_host = FeedServer().start()
    try:
        slow = [
            make_organiser(committed_index, title=f"Slow {n}", blog_url=deadline.url("/byte-a-second.xml"))
            for n in range(2)
        ]
        fast = make_organiser(committed_index, title="Elsewhere", blog_url=other_host.url("/rss.xml"))
        refresh_due_feeds.call()
        run_queue(threads=2, queues=["feeds"])
    finally:
        other_host.stop()

    slow_sources = FeedSource.objects.filter(page__in=slow).order_by("last_attempt_at")
    tried, waiting = (
        list(slow_sources.filter(last_attempt_at__isnull=False)),
        list(slow_sources.filter(last_attempt_at__isnull=True)),
    )
    assert len(tried) == len(waiting) == 1  # the host's one slot was taken by the first
    assert tried[0].last_error == "The server took longer than 2 seconds to send the feed."
    assert [r["path"] for r in deadline.requests].count("/byte-a-second.xml") == 1
    waiting_task = DBTaskResult.objects.get(args_kwargs__args=[waiting[0].pk])
    assert (waiting_task.status, waiting_task.worker_ids) == ("READY", [])
    assert waiting_task.exception_class_path == "hub.tasks.RetryLater"
    assert FeedSource.objects.get(page=fast).last_error == ""
    assert FeedSource.objects.get(page=fast).items.count() == 3
