"""Builders for wiki tests: pages are created and published the way the admin does it
(save a revision as a user, then publish it), so signals, revisions and log entries are real."""

import pytest

from tests.hub.conftest import pages_on, pages_redis_down  # noqa: F401 - the page cache's fixtures, for the kept pages' tests
from wiki.models import ArticlePage, DebatePage, DebatePosition, WikiCategory, WikiIndexPage


def publish(page, user, note: str = ""):
    page.edit_summary = note
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def make_article(
    user, title: str, body: str = "", *, category: str = "practice-guides", tags=(), note: str = "First version"
):
    index = WikiIndexPage.objects.get()
    page = ArticlePage(
        title=title,
        summary=f"About {title.lower()}.",
        body=body,
        category=WikiCategory.objects.get(slug=category),
        live=False,
    )
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    return publish(page, user, note)


def make_debate(user, title: str, *, positions=(), body: str = "Opening.", standing: str = ""):
    index = WikiIndexPage.objects.get()
    page = DebatePage(
        title=title,
        motion=f"This house believes {title.lower()}.",
        summary=f"A debate: {title}.",
        body=body,
        standing=standing,
        category=WikiCategory.objects.get(slug="philosophy-of-organising"),
        live=False,
    )
    for stance, heading, argument in positions:
        page.positions.add(DebatePosition(stance=stance, heading=heading, argument=argument, author=user))
    index.add_child(instance=page)
    return publish(page, user, "Opened the debate")


@pytest.fixture
def wiki_index(db):
    return WikiIndexPage.objects.get()
