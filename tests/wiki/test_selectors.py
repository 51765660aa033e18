"""The wiki's selectors other parts call: home panels and a member's contributions."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user
from tests.wiki.conftest import make_article, publish
from wiki import selectors


def test_home_lists_newest_and_recently_changed_pages(organiser):
    first = make_article(organiser, "First")
    second = make_article(organiser, "Second")
    first.body = "changed"
    publish(first, organiser, "Changed")
    assert [p.title for p in selectors.home_newest_pages(5)] == ["Second", "First"]
    assert [p.title for p in selectors.home_recently_changed_pages(5)] == ["First", "Second"]
    assert selectors.home_newest_pages(1)[0].url == second.url
    assert selectors.home_newest_pages(1)[0].summary == "About second."


def test_home_selectors_use_a_fixed_number_of_queries(organiser):
    make_article(organiser, "First")
    with CaptureQueriesContext(connection) as few:
        [p.url for p in selectors.home_newest_pages(6)]
    for n in range(5):
        make_article(organiser, f"Page {n}")
    with CaptureQueriesContext(connection) as many:
        pages = [p.url for p in selectors.home_newest_pages(6)]
    assert len(pages) == 6
    assert len(many) == len(few)


def test_pages_contributed_by_lists_live_pages_with_a_revision_by_the_user(organiser):
    amara = make_user("amara", role="Organiser")
    mine = make_article(organiser, "Mine")
    theirs = make_article(amara, "Theirs")
    both = make_article(amara, "Both")
    both.body = "edit"
    publish(both, organiser, "Edit")
    gone = make_article(organiser, "Gone")
    gone.unpublish()
    assert [p.pk for p in selectors.pages_contributed_by(organiser)] == [both.pk, mine.pk]
    assert [p.pk for p in selectors.pages_contributed_by(amara)] == [both.pk, theirs.pk]
