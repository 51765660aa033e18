"""Shared fragments of signed-in pages (hub/fragments.py, docs/adr/0102): a question's posts and a
debate's comment tree are kept per viewer class under the page cache's generation. One member's
private view never reaches another member or an anonymous visitor, every change shows on the next
request, forms in kept fragments post with the requester's own CSRF token, and pages work with the
cache down."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_comments import get_form
from django_comments_xtd.models import XtdComment

from hub import comments as hub_comments
from hub import fragments
from hub import moderation as hub_moderation
from qa.models import Comment, Rating
from qa.services import moderation, posts, ratings
from tests.factories import make_user
from tests.hub.world import build as build_world
from tests.qa.conftest import make_answer
from tests.viewing import page_as as _page
from tests.wiki.conftest import publish

ANSWER_TEMPLATE = "qa/includes/answer.html"
TREE_TEMPLATE = "wiki/includes/comment_tree.html"


@pytest.fixture
def world(db, pages_on):
    world = build_world()
    world["plain"] = make_user("plain")  # a member with no privileges, like `member` but not the asker
    world["other"] = make_user("other")
    world["third"] = make_user("third")  # made before any page: a new member is a write like any other
    world["plain_answer"] = make_answer(world["question"], world["plain"], body="Knock with a neighbour you trust.")
    return world


def _question(world):
    return world["question"].get_absolute_url()


# --- (a) private state stays with its viewer ------------------------------------------------------


def test_members_of_one_class_share_the_kept_fragments(client, world):
    """Without this, every other test here could pass with nothing kept at all."""
    third = world["third"]
    _page(client, world["other"], _question(world))
    html, templates = _page(client, world["plain"], _question(world))
    assert ANSWER_TEMPLATE in templates  # `plain` wrote an answer: that one is theirs alone
    assert templates.count(ANSWER_TEMPLATE) == 1
    assert f'id="answer-{world["answer"].pk}"' in html
    _html, templates = _page(client, third, _question(world))
    assert ANSWER_TEMPLATE not in templates


def test_a_members_rating_and_feedback_never_show_to_anyone_else(client, world):
    ratings.rate(world["plain"], world["answer"], 1, "Secret feedback 7431")
    mine, _ = _page(client, world["plain"], _question(world))
    assert "Secret feedback 7431" in mine
    assert "Your rating: Positive (change it)" in mine
    for viewer in (world["other"], world["moderator"], None):
        html, _ = _page(client, viewer, _question(world))
        assert "Secret feedback 7431" not in html
        assert "Your rating:" not in html


def test_the_authors_edit_link_never_shows_to_another_member_or_anonymous(client, world):
    edit = f'/questions/answers/{world["plain_answer"].pk}/edit/"'
    mine, _ = _page(client, world["plain"], _question(world))
    assert edit in mine
    for viewer in (world["other"], None):
        html, _ = _page(client, viewer, _question(world))
        assert edit not in html
    # and the author is still given theirs after the others filled the cache
    mine_again, _ = _page(client, world["plain"], _question(world))
    assert edit in mine_again


def test_the_askers_accept_buttons_show_only_to_the_asker(client, world):
    accept = f'/questions/answers/{world["answer"].pk}/accept/"'
    asker, _ = _page(client, world["member"], _question(world))
    assert accept in asker
    for viewer in (world["other"], world["plain"], None):
        html, _ = _page(client, viewer, _question(world))
        assert accept not in html


def test_moderator_controls_never_show_to_members_or_anonymous(client, world):
    moderation.hide(world["moderator"], world["plain_answer"], "Off topic")
    comment = XtdComment.objects.create(
        content_type_id=_debate_type(world), object_pk=str(world["debate"].pk), site_id=1,
        user=world["other"], comment="Pay them fairly.",
    )  # fmt: skip
    remove = f"/comments/delete/{comment.pk}/"
    question, _ = _page(client, world["moderator"], _question(world))
    debate, _ = _page(client, world["moderator"], world["debate"].url)
    assert "Knock with a neighbour you trust." in question
    assert "Only moderators see this." in question
    assert remove in debate
    for viewer in (world["other"], None):
        question, _ = _page(client, viewer, _question(world))
        debate, _ = _page(client, viewer, world["debate"].url)
        assert "Knock with a neighbour you trust." not in question
        assert "Only moderators see this." not in question
        assert remove not in debate
        assert "Pay them fairly." in debate


def test_a_members_report_links_never_show_to_anonymous_visitors(client, world):
    _page(client, world["other"], world["debate"].url)
    XtdComment.objects.create(
        content_type_id=_debate_type(world), object_pk=str(world["debate"].pk), site_id=1,
        user=world["other"], comment="Pay them fairly.",
    )  # fmt: skip
    member, _ = _page(client, world["other"], world["debate"].url)
    anonymous, _ = _page(client, None, world["debate"].url)
    assert "/comments/flag/" in member
    assert "/comments/flag/" not in anonymous
    assert "Pay them fairly." in anonymous


def test_no_stand_in_or_other_members_token_reaches_a_page(client, world):
    first, _ = _page(client, world["other"], _question(world))
    second, _ = _page(client, world["plain"], _question(world))
    for html in (first, second):
        assert fragments.CSRF not in html
        assert fragments.SUBMISSION not in html
    tokens = set(re.findall(r'name="submission_token" value="([0-9a-f]{32})"', first + second))
    assert len(tokens) == len(re.findall(r'name="submission_token"', first + second))  # each form its own


def test_a_pages_forms_share_one_masked_csrf_token_and_the_next_page_gets_another(client, world):
    """hub.fragments.csrf_token masks the token once per request for every kept piece of the page
    (Django masks it anew on each call); each response still gets its own masking."""
    first, _ = _page(client, world["other"], _question(world))
    second, _ = _page(client, world["other"], _question(world))
    tokens = [set(re.findall(r'name="csrfmiddlewaretoken" value="(\w+)"', html)) for html in (first, second)]
    assert len(re.findall(r'name="csrfmiddlewaretoken"', first)) > 3
    assert [len(found) for found in tokens] == [1, 1]
    assert tokens[0] != tokens[1]


# --- (b) every change shows on the next request ---------------------------------------------------


def _debate_type(world):
    return ContentType.objects.get_for_model(world["debate"]).pk


def _comment_on_debate(world):
    XtdComment.objects.create(
        content_type_id=_debate_type(world), object_pk=str(world["debate"].pk), site_id=1,
        user=world["organiser"], comment="A new comment on the debate.",
    )  # fmt: skip


def _remove_debate_comment(world):
    comment = XtdComment.objects.get(comment="Comment kept before the change.")
    hub_comments.hide_comment(world["moderator"], comment, "Rude")


def _suspend_author(world):
    hub_moderation.suspend(world["moderator"], world["plain"], "Spam")


# (name, page, viewers, change, text absent before and present after (or the reverse: `gone`))
CHANGES = [
    ("new answer", "q", lambda w: posts.answer(w["moderator"], w["question"], "Talk to the caretaker first."),
     "Talk to the caretaker first.", False),
    ("edit", "q", lambda w: posts.edit_answer(w["plain"], w["plain_answer"], "Knock with two neighbours you trust."),
     "Knock with two neighbours you trust.", False),
    ("rating score", "q", lambda w: ratings.rate(w["moderator"], w["plain_answer"], 1),
     "Rating score: <strong>1</strong>", False),
    ("accept", "q", lambda w: posts.accept(w["member"], w["plain_answer"]), "✓ Accepted answer", False),
    ("comment", "q", lambda w: posts.comment(w["other"], w["plain_answer"], "Thank you, that is clear."),
     "Thank you, that is clear.", False),
    ("hide", "q", lambda w: moderation.hide(w["moderator"], w["plain_answer"], "Spam"),
     "Knock with a neighbour you trust.", True),
    ("lock", "q", lambda w: moderation.lock(w["moderator"], w["question"]), 'class="qa-comment-form"', True),
    ("suspension", "q", _suspend_author, "Knock with a neighbour you trust.", True),
    ("debate comment", "d", _comment_on_debate, "A new comment on the debate.", False),
    ("debate removal", "d", _remove_debate_comment, "A moderator removed this comment.", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "page", "change", "text", "gone"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_shows_on_the_next_request_for_every_viewer(client, world, name, page, change, text, gone):
    XtdComment.objects.create(
        content_type_id=_debate_type(world), object_pk=str(world["debate"].pk), site_id=1,
        user=world["other"], comment="Comment kept before the change.",
    )  # fmt: skip
    url = _question(world) if page == "q" else world["debate"].url
    # Anonymous visitors never see the comment forms whose going the lock is about.
    viewers = [world["other"], world["organiser"], world["member"]] + ([] if name == "lock" else [None])
    for viewer in viewers:  # every class's fragments kept
        html, _ = _page(client, viewer, url)
        assert (text in html) is gone, viewer
    change(world)
    for viewer in viewers:
        html, _ = _page(client, viewer, url)
        assert (text in html) is not gone, viewer


def test_a_members_own_rating_shows_on_their_next_request(client, world):
    before, _ = _page(client, world["other"], _question(world))
    assert "Your rating:" not in before
    ratings.rate(world["other"], world["answer"], 0, "Useful start")
    after, _ = _page(client, world["other"], _question(world))
    assert "Your rating: Neutral (change it)" in after
    assert 'value="Useful start"' in after


# --- (c) forms in kept fragments post with the requester's token ----------------------------------


def _form(html: str, action: str) -> dict:
    """The hidden fields of the form posting to `action`."""
    start = html.index(f'action="{action}"')
    body = html[start : html.index("</form>", start)]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', body))


def test_forms_in_kept_fragments_post_with_the_requesters_csrf_token(world):
    filler = Client(enforce_csrf_checks=True)
    filler.force_login(world["third"])
    assert filler.get(_question(world)).status_code == 200  # the fragments are kept by another member
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["other"])
    response = client.get(_question(world))
    assert ANSWER_TEMPLATE not in [t.name for t in response.templates]
    html = response.content.decode()

    rate = f"/questions/rate/answer/{world['answer'].pk}/"
    fields = _form(html, rate)
    assert client.post(rate, {**fields, "value": "1", "feedback": ""}).status_code == 302
    assert Rating.objects.get(rater=world["other"], answer=world["answer"]).value == 1

    comment = f"/questions/comment/answer/{world['answer'].pk}/"
    fields = _form(client.get(_question(world)).content.decode(), comment)
    assert set(fields) == {"csrfmiddlewaretoken", "submission_token"}
    assert client.post(comment, {**fields, "body": "Posted through a kept form."}).status_code == 302
    assert Comment.objects.filter(author=world["other"], body="Posted through a kept form.").count() == 1

    refused = Client(enforce_csrf_checks=True)
    refused.force_login(world["other"])  # another session: the page's token is not its token
    assert refused.post(rate, {**fields, "value": "0"}).status_code == 403


# --- (d) the cache is an accelerator --------------------------------------------------------------


def test_pages_work_and_show_changes_with_the_cache_down(client, world, pages_redis_down):
    for viewer in (world["other"], world["moderator"], None):
        question, _ = _page(client, viewer, _question(world))
        debate, _ = _page(client, viewer, world["debate"].url)
        assert "Knock with a neighbour you trust." in question
        assert fragments.CSRF not in question
        assert "No comments yet" in debate
    posts.answer(world["moderator"], world["question"], "Written while the cache was away.")
    html, templates = _page(client, world["other"], _question(world))
    assert "Written while the cache was away." in html
    assert ANSWER_TEMPLATE in templates


def test_a_debate_comment_posted_through_the_page_form_shows_at_once(client, world):
    _page(client, world["other"], world["debate"].url)
    data = get_form()(world["debate"]).generate_security_data()
    data.update({"comment": "Posted through the form.", "reply_to": 0, "honeypot": "", "followup": ""})
    data["next"] = world["debate"].url
    assert client.post("/comments/post/", data).status_code == 302
    html, templates = _page(client, world["other"], world["debate"].url)
    assert "Posted through the form." in html
    assert TREE_TEMPLATE in templates


# --- the debate's own text --------------------------------------------------------------------------


def test_the_debate_text_offers_to_start_a_missing_page_only_to_those_who_may(client, world):
    debate = world["debate"]
    debate.body = "Read [[A page nobody wrote]] first."
    publish(debate, world["organiser"], "A link")
    start = "/wiki/new/?title=A+page+nobody+wrote"
    organiser, _ = _page(client, world["organiser"], debate.url)
    assert start in organiser
    for viewer in (world["other"], None):
        html, _ = _page(client, viewer, debate.url)
        assert start not in html
        assert "A page nobody wrote" in html


def test_a_published_change_to_the_debate_shows_on_the_next_request(client, world):
    debate = world["debate"]
    for viewer in (world["other"], world["moderator"], None):
        html, _ = _page(client, viewer, debate.url)
        assert "Nobody has summed up the debate yet." in html
    debate.standing = "Most say pay them, and train them."
    publish(debate, world["organiser"], "Where it stands")
    for viewer in (world["other"], world["moderator"], None):
        html, _ = _page(client, viewer, debate.url)
        assert "Most say pay them, and train them." in html


def test_the_debate_fragments_are_kept(client, world):
    _comment_on_debate(world)
    _html, templates = _page(client, world["other"], world["debate"].url)
    assert TREE_TEMPLATE in templates
    _html, templates = _page(client, world["third"], world["debate"].url)
    assert "wiki/includes/debate_text.html" not in templates
    assert TREE_TEMPLATE not in templates


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_kept_question_page_reads_no_answer_in_full_and_its_cost_does_not_grow(client, world):
    for i in range(5):
        make_answer(world["question"], make_user(f"answerer{i}"), body=f"Answer {i}, long enough to count.")
    client.force_login(world["other"])
    url = _question(world)
    cold = _queries(client, url)
    kept = _queries(client, url)
    assert kept < cold  # the answers in full and the comments are read only to render
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries.captured_queries if '"qa_answer"."body"' in q["sql"]]
    make_answer(world["question"], make_user("answerer-late"), body="One more answer, long enough.")
    client.get(url)
    assert _queries(client, url) == kept
