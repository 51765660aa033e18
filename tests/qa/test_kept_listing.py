"""The questions list kept per audience under the page cache's generation (qa/views/browse.py,
ADR 0107): one render serves everyone in an audience whoever came first, a member's own tag follow
and the query string their page links repeat stay their own, any write shows on the next request,
and the list works with the cache's Redis down."""

import pytest

from qa.models import Follow
from qa.services import moderation, posts, ratings
from tests.factories import make_user
from tests.hub.conftest import pages_on, pages_redis_down  # noqa: F401 - fixtures
from tests.hub.world import build as build_world
from tests.qa.conftest import make_answer, make_question
from tests.viewing import page_as

MAIN = "qa/includes/question_list_main.html"


@pytest.fixture
def world(db, settings):
    settings.HUB_PAGE_SIZE = 2
    world = build_world()
    world["plain"] = make_user("plain")
    world["other"] = make_user("other")
    for number in range(3):
        make_question(world["member"], title=f"Listed question number {number}?")
    return world


def _page(client, user, url="/questions/"):
    return page_as(client, user, url)


def test_members_of_one_audience_share_the_kept_list(client, world, pages_on):  # noqa: F811
    """Without this, the other tests here could pass with nothing kept at all."""
    first, templates = _page(client, world["plain"])
    assert MAIN in templates
    second, templates = _page(client, world["other"])
    assert MAIN not in templates
    assert "Listed question number 2?" in second
    assert (
        first.split('<form method="get" class="qa-filters"')[1]
        == second.split('<form method="get" class="qa-filters"')[1]
    )
    _html, templates = _page(client, world["moderator"])  # another audience: rendered for it
    assert MAIN in templates


def test_each_member_sees_their_own_tag_follow(client, world, pages_on):  # noqa: F811
    Follow.objects.create(user=world["plain"], tag=world["question"].tags.get())
    url = "/questions/tagged/campaigns/"
    for order in ((world["plain"], world["other"]), (world["other"], world["plain"])):
        for viewer in order:
            html, _ = _page(client, viewer, url)
            following = viewer == world["plain"]
            assert ("Stop following “campaigns”" in html) is following
            assert ("Follow “campaigns”" in html) is not following
    anonymous, _ = _page(client, None, url)
    assert "Follow “campaigns”" not in anonymous and "listening campaign" in anonymous


def test_the_page_links_repeat_each_visitors_own_query_string(client, world, pages_on):  # noqa: F811
    mine, _ = _page(client, world["plain"], "/questions/?sort=top&from=plain-link")
    theirs, templates = _page(client, world["other"], "/questions/?sort=top&from=other-link")
    assert MAIN not in templates  # the same kept list
    assert "from=plain-link&amp;page=2" in mine
    assert "from=other-link&amp;page=2" in theirs and "plain-link" not in theirs


def test_pages_filters_and_sorts_are_kept_apart(client, world, pages_on):  # noqa: F811
    first, _ = _page(client, world["plain"], "/questions/")
    second, _ = _page(client, world["plain"], "/questions/?page=2")
    last, _ = _page(client, world["other"], "/questions/?page=99")
    unanswered, _ = _page(client, world["other"], "/questions/?answered=yes")
    assert "Listed question number 2?" in first and "Listed question number 2?" not in second
    assert "Page 2 of 2" in second and "Page 2 of 2" in last  # four visible questions, two a page
    assert "How do I start a listening campaign?" in unanswered
    assert "Listed question number 2?" not in unanswered


def _ask(world):
    posts.ask(world["other"], "A brand new question on the list?", "Asked after the list was kept.", ["campaigns"])


def _answer(world):
    make_answer(world["question"], world["plain"], body="A second answer.")


CHANGES = [
    ("new question", _ask, "A brand new question on the list?", False),
    ("rating", lambda w: ratings.rate(w["organiser"], w["question"], 1),
     '<span class="qa-stat__number">1</span> <span class="qa-stat__label">score', False),
    ("answer", _answer, '<span class="qa-stat__number">2</span> <span class="qa-stat__label">answers', False),
    ("hide", lambda w: moderation.hide(w["moderator"], w["question"], "Spam"),
     "How do I start a listening campaign?", True),
    ("edit", lambda w: posts.edit_question(w["member"], w["question"], "A retitled listening question?",
                                           w["question"].body, ["campaigns"], "Clearer"),
     "A retitled listening question?", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "text", "gone"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_shows_on_the_next_request(client, settings, world, pages_on, name, change, text, gone):  # noqa: F811
    settings.HUB_PAGE_SIZE = 20
    url = "/questions/?sort=active"
    for viewer in (world["plain"], world["moderator"], None):
        html, _ = _page(client, viewer, url)
        assert (text in html) is gone, viewer
    change(world)
    for viewer in (world["other"], world["moderator"], None):
        html, _ = _page(client, viewer, url)
        assert (text in html) is not gone, viewer


def test_the_list_works_with_the_caches_redis_down(client, world, pages_redis_down):  # noqa: F811
    for viewer in (world["plain"], world["other"]):
        html, templates = _page(client, viewer)
        assert MAIN in templates
        assert "Listed question number 2?" in html
