"""A question page's content kept per viewer class (qa/views/posts.py, ADR 0107), around the posts'
own fragments (ADR 0102): members who have not rated or answered anything on the question share
one render whoever came first, while a member's follow, answer, ratings and typed answer stay
theirs, a follow shows on the next request, and the page works with the cache's Redis down.
tests/hub/test_fragments.py holds the posts' leaks and the changes every viewer must see."""

import re

import pytest
from django.test import Client

from hub import fragments
from qa.models import Follow
from qa.services import ratings
from tests.factories import make_user
from tests.hub.conftest import pages_on, pages_redis_down  # noqa: F401 - fixtures
from tests.hub.world import build as build_world
from tests.qa.conftest import make_answer
from tests.viewing import page_as as _page

CONTENT = "qa/includes/question_page.html"


@pytest.fixture
def world(db):
    world = build_world()
    for name in ("plain", "other", "third"):
        world[name] = make_user(name)
    return world


def _main(html: str) -> str:
    """The page's content without the per-request tokens."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return re.sub(r'name="submission_token" value="[0-9a-f]+"', "", main)


def test_members_of_one_class_share_the_kept_content(client, world, pages_on):  # noqa: F811
    """Without this, the other tests here could pass with nothing kept at all."""
    url = world["question"].get_absolute_url()
    first, templates = _page(client, world["plain"], url)
    assert CONTENT in templates
    second, templates = _page(client, world["other"], url)
    assert CONTENT not in templates
    assert _main(first) == _main(second)
    assert "Begin with ten one-to-one conversations." in second
    _html, templates = _page(client, world["moderator"], url)  # another audience
    assert CONTENT in templates


def test_each_viewer_gets_their_own_forms_tokens(client, world, pages_on):  # noqa: F811
    url = world["question"].get_absolute_url()
    first, _ = _page(client, world["plain"], url)
    second, templates = _page(client, world["other"], url)
    assert CONTENT not in templates  # the kept content
    for html in (first, second):
        assert fragments.CSRF not in html and fragments.SUBMISSION not in html
    tokens = [set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)) for html in (first, second)]
    assert tokens[0] and tokens[1] and tokens[0].isdisjoint(tokens[1])
    submissions = re.findall(r'name="submission_token" value="([0-9a-f]{32})"', first + second)
    assert len(submissions) == len(set(submissions)) > 2


def test_a_members_follow_shows_only_to_them_and_on_the_next_request(client, world, pages_on):  # noqa: F811
    url = world["question"].get_absolute_url()
    for viewer in (world["other"], world["plain"]):
        html, _ = _page(client, viewer, url)
        assert "You follow this question." not in html
    Follow.objects.create(user=world["plain"], question=world["question"])
    for order in ((world["plain"], world["other"]), (world["other"], world["plain"])):
        for viewer in order:
            html, _ = _page(client, viewer, url)
            assert ("You follow this question." in html) is (viewer == world["plain"])


def test_a_members_answer_and_rating_never_show_as_anothers(client, world, pages_on):  # noqa: F811
    url = world["question"].get_absolute_url()
    answer = make_answer(world["question"], world["plain"], body="Knock with a neighbour.")
    ratings.rate(world["third"], world["answer"], 1, "Private note 5521")
    for order in ((world["plain"], world["third"], world["other"]), (world["other"], world["third"], world["plain"])):
        for viewer in order:
            html, _ = _page(client, viewer, url)
            assert ("You have answered this question." in html) is (viewer == world["plain"])
            assert (f"/questions/answers/{answer.pk}/edit/" in html) is (viewer == world["plain"])
            assert ("Private note 5521" in html) is (viewer == world["third"])
            assert ('id="id_body"' in html) is (viewer != world["plain"])  # the answer form


def test_a_previewed_answer_stays_with_the_member_who_typed_it(client, world, pages_on):  # noqa: F811
    question = world["question"]
    writer = Client()
    writer.force_login(world["plain"])
    preview = writer.post(f"/questions/{question.pk}/answer/", {"body": "My unsent draft 8812", "preview": "1"})
    assert "My unsent draft 8812" in preview.content.decode()
    html, _ = _page(client, world["other"], question.get_absolute_url())
    assert "My unsent draft 8812" not in html
    again, _ = _page(client, world["plain"], question.get_absolute_url())
    assert "My unsent draft 8812" not in again


def test_the_page_works_with_the_caches_redis_down(client, world, pages_redis_down):  # noqa: F811
    url = world["question"].get_absolute_url()
    for viewer in (world["plain"], world["other"]):
        html, templates = _page(client, viewer, url)
        assert CONTENT in templates
        assert "Begin with ten one-to-one conversations." in html
