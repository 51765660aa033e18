"""The forum's pages: listing, tags, feeds, asking with similar questions, the question page."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from qa.models import Follow, Question, Revision
from qa.services import posts
from search import indexing, sync
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question

pytestmark = pytest.mark.django_db


def _titles(response):
    return [q.title for q in response.context["questions"]]


def _tagged(question, *names):
    question.tags.set([Tag.objects.get_or_create(name=name)[0] for name in names])
    return question


def test_listing_sorts_newest_first_and_hides_hidden_questions(client, asker):
    make_question(asker, "First question about door knocking", at=NOW - dt.timedelta(days=2))
    make_question(asker, "Second question about one-to-ones", at=NOW - dt.timedelta(days=1))
    hidden = make_question(asker, "Hidden spam question here", at=NOW)
    Question.objects.filter(pk=hidden.pk).update(hidden_at=NOW)
    response = client.get("/questions/")
    assert response.status_code == 200
    assert _titles(response) == ["Second question about one-to-ones", "First question about door knocking"]
    assert b"Hidden spam" not in response.content


def test_listing_sorts_by_top_rated_active_and_unanswered(client, asker, answerer):
    low = make_question(asker, "Low rated question on power", at=NOW - dt.timedelta(days=3))
    high = make_question(asker, "High rated question on power", at=NOW - dt.timedelta(days=2))
    Question.objects.filter(pk=high.pk).update(rating_score=5, last_activity_at=NOW - dt.timedelta(days=2))
    Question.objects.filter(pk=low.pk).update(last_activity_at=NOW)
    make_answer(high, answerer)
    assert _titles(client.get("/questions/?sort=top")) == [high.title, low.title]
    assert _titles(client.get("/questions/?sort=active")) == [low.title, high.title]
    assert _titles(client.get("/questions/?sort=unanswered")) == [low.title]
    assert _titles(client.get("/questions/?answered=yes")) == [high.title]
    assert _titles(client.get("/questions/?answered=no")) == [low.title]


def test_listing_paginates_twenty_to_a_page(client, asker):
    for i in range(25):
        make_question(asker, f"Question number {i:02d} about listening", at=NOW + dt.timedelta(minutes=i))
    first, second = client.get("/questions/"), client.get("/questions/?page=2")
    assert (len(first.context["questions"]), len(second.context["questions"])) == (20, 5)
    assert _titles(second)[-1] == "Question number 00 about listening"
    assert b"Page 2 of 2" in second.content


def test_tag_page_lists_only_that_tag(client, asker):
    _tagged(make_question(asker, "Question about safeguarding rules"), "safeguarding")
    _tagged(make_question(asker, "Question about burnout and rest"), "burnout")
    response = client.get("/questions/tagged/safeguarding/")
    assert response.status_code == 200
    assert _titles(response) == ["Question about safeguarding rules"]
    assert "<h1>Questions tagged “safeguarding”</h1>" in response.content.decode()
    assert client.get("/questions/tagged/no-such-tag/").status_code == 404


def test_rss_feeds_list_visible_questions_for_all_and_for_a_tag(client, asker):
    _tagged(make_question(asker, "Question about safeguarding rules"), "safeguarding")
    _tagged(make_question(asker, "Question about burnout and rest"), "burnout")
    everything = client.get("/questions/rss/")
    tagged = client.get("/questions/tagged/burnout/rss/")
    assert everything["Content-Type"].startswith("application/rss+xml")
    assert re.findall(r"<item><title>(.*?)</title>", everything.content.decode()) == [
        "Question about burnout and rest",
        "Question about safeguarding rules",
    ]
    assert re.findall(r"<item><title>(.*?)</title>", tagged.content.decode()) == ["Question about burnout and rest"]


def indexed(*questions):
    """Put questions in the hub's search index now (in the hub a task does it after the commit)."""
    sync.refresh([indexing.ref(question) for question in questions])
    return questions[0]


def test_similar_questions_json_comes_from_the_search_index(client, asker):
    match = indexed(make_question(asker, "How do I plan a door knocking session?"))
    indexed(make_question(asker, "Where can I find training materials?"))
    make_question(asker, "Planning door knocking, but not indexed yet?")
    response = client.get("/questions/similar/", {"title": "Planning door-knocking in winter"})
    assert response.json() == {
        "results": [{"id": match.pk, "title": match.title, "url": match.get_absolute_url(), "answers": 0}]
    }


def test_similar_questions_are_throttled_per_member(client, asker, settings):
    settings.QA_SIMILAR_RATE = (3, 60)
    client.force_login(asker)
    responses = [client.get("/questions/similar/", {"title": f"door knocking {n}"}) for n in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert responses[3]["Retry-After"]
    client.force_login(make_user("another"))
    assert client.get("/questions/similar/", {"title": "door knocking"}).status_code == 200


def test_ask_needs_sign_in(client):
    response = client.get("/questions/ask/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_ask_form_takes_its_title_from_a_search_that_found_nothing(client, asker):
    client.force_login(asker)
    response = client.get("/questions/ask/", {"title": "How do we map power on a new estate?"})
    assert response.status_code == 200
    assert 'value="How do we map power on a new estate?"' in response.content.decode()
    long_title = client.get("/questions/ask/", {"title": "x" * 500}).content.decode()
    assert 'value="' + "x" * 150 + '"' in long_title
    assert "x" * 151 not in long_title


def test_check_for_similar_questions_step_works_without_javascript(client, asker, tag):
    indexed(make_question(asker, "How do I plan a door knocking session?"))
    client.force_login(make_user("newcomer"))
    data = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains all week?",
        "tags": "door knocking",
        "check": "1",
    }
    response = client.post("/questions/ask/", data)
    assert response.status_code == 200
    assert "How do I plan a door knocking session?" in response.content.decode()
    assert Question.objects.count() == 1


def test_asking_creates_the_question_with_tags_revision_and_follow(client, tag):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    data = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains all week?",
        "tags": "Door Knocking",
    }
    response = client.post("/questions/ask/", data)
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert [t.name for t in question.tags.all()] == ["door knocking"]
    assert list(Revision.objects.values_list("question_id", "number", "summary")) == [(question.pk, 1, "Asked")]
    assert Follow.objects.filter(user=newcomer, question=question).count() == 1


def test_asking_with_a_new_tag_needs_the_privilege(client):
    client.force_login(make_user("newcomer"))
    data = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains all week?",
        "tags": "brand new tag",
    }
    response = client.post("/questions/ask/", data)
    assert response.status_code == 200
    assert "New tags need a feedback score of 25" in response.content.decode()
    assert (Question.objects.count(), Tag.objects.count()) == (0, 0)


def test_asking_with_six_tags_is_refused(client, privileged):
    client.force_login(privileged)
    data = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains all week?",
        "tags": "a1,b2,c3,d4,e5,f6",
    }
    response = client.post("/questions/ask/", data)
    assert "Add between one and five tags." in response.content.decode()
    assert Question.objects.count() == 0


def test_ask_form_errors_are_tied_to_their_fields(client):
    client.force_login(make_user("newcomer"))
    response = client.post("/questions/ask/", {"title": "short", "body": "", "tags": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="id_title_helptext id_title_errors"' in html
    assert 'id="id_title_errors"' in html
    assert 'aria-invalid="true"' in html


def test_question_page_orders_accepted_then_score_then_oldest(client, asker, raters):
    question = make_question(asker)
    oldest = make_answer(question, raters[0], at=NOW)
    newer = make_answer(question, raters[1], at=NOW + dt.timedelta(hours=1))
    best = make_answer(question, raters[2], at=NOW + dt.timedelta(hours=2))
    accepted = make_answer(question, raters[3], at=NOW + dt.timedelta(hours=3))
    type(best).objects.filter(pk=best.pk).update(rating_score=3)
    posts.accept(asker, accepted, now=NOW)
    response = client.get(question.get_absolute_url())
    assert [a.pk for a in response.context["answers"]] == [accepted.pk, best.pk, oldest.pk, newer.pk]
    assert "✓ Accepted answer" in response.content.decode()


def test_question_page_redirects_a_wrong_slug(client, asker):
    question = make_question(asker)
    response = client.get(f"/questions/{question.pk}/wrong-slug/")
    assert (response.status_code, response["Location"]) == (301, question.get_absolute_url())


def test_hidden_question_is_not_found_for_members(client, asker):
    question = make_question(asker)
    Question.objects.filter(pk=question.pk).update(hidden_at=NOW)
    assert client.get(question.get_absolute_url()).status_code == 404


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_question_page_query_count_does_not_grow_with_answers(client, asker, raters):
    few = make_question(asker, "A question with one answer only")
    make_answer(few, raters[0])
    many = make_question(asker, "A question with many answers here")
    for rater in raters:
        answer = make_answer(many, rater)
        posts.comment(asker, answer, "Thanks, that helps a lot.", now=NOW)
    client.force_login(make_user("reader"))
    assert _count_queries(client, few.get_absolute_url()) == _count_queries(client, many.get_absolute_url())


def test_listing_query_count_does_not_grow_with_questions(client, asker):
    _tagged(make_question(asker, "The only question for a while"), "burnout")
    small = _count_queries(client, "/questions/")
    for i in range(15):
        _tagged(make_question(asker, f"Another question number {i}"), "burnout", f"tag{i}")
    assert _count_queries(client, "/questions/") == small


def test_typed_tag_matches_the_shared_tag_with_the_same_slug(client):
    Tag.objects.create(name="door-knocking")  # as the wiki spells it
    client.force_login(make_user("newcomer"))
    data = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains all week?",
        "tags": "Door knocking",
    }
    assert client.post("/questions/ask/", data).status_code == 302
    assert list(Question.objects.get().tags.values_list("name", flat=True)) == ["door-knocking"]
    assert Tag.objects.count() == 1


def test_question_body_offers_an_organiser_to_start_a_missing_wiki_page(client, asker, privileged):
    question = make_question(asker, "Who writes up the listening notes?", body="See [[Listening notes template]].")
    member_view = client.get(question.get_absolute_url(), follow=True).content.decode()
    assert "wiki-link--missing" in member_view and "/wiki/new/?title=" not in member_view
    client.force_login(privileged)
    organiser_view = client.get(question.get_absolute_url(), follow=True).content.decode()
    assert "/wiki/new/?title=Listening+notes+template" in organiser_view
