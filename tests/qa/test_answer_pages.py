"""A question's answers 30 to a page (docs/adr/0111): the pages split the answers in page order
(accepted first, then rating score, then oldest), a page that does not exist is a 404, an answer's
lasting address finds the page that shows it, writes land there, the page costs the same queries
on every page, and the anonymous page cache keeps each page and drops it on a write."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import roles
from qa.models import Answer, Question
from qa.services import moderation, posts
from tests.factories import make_user
from tests.hub.conftest import pages_on  # noqa: F401 - fixture
from tests.qa.conftest import NOW, make_question

pytestmark = pytest.mark.django_db

# What a question page costs today (before pages of answers), on a full render with the page
# cache off: pinned so that paging adds nothing (tests/test_query_budget.py pins the benchmark's).
QUERIES = {"anonymous": 6, "member": 7}


@pytest.fixture
def question(asker):
    """65 answers by 65 members: scores 0 to 4 in turn, one minute apart, the 40th accepted."""
    question = make_question(asker, "How do we keep volunteers after the first action?")
    answers = [
        Answer(
            question=question,
            author=make_user(f"answerer{i}"),
            body=f"Answer number {i} with enough words.",
            created_at=NOW + dt.timedelta(minutes=i),
            updated_at=NOW + dt.timedelta(minutes=i),
            rating_score=i % 5,
        )
        for i in range(65)
    ]
    Answer.objects.bulk_create(answers)
    answers = list(Answer.objects.filter(question=question))
    Question.objects.filter(pk=question.pk).update(accepted_answer=answers[39], answer_count=65)
    question.refresh_from_db()
    return question


def _page_order(question) -> list[int]:
    """The order the page promises, worked out here in Python from the rows."""
    answers = Answer.objects.filter(question=question).visible()
    key = lambda a: (a.pk != question.accepted_answer_id, -a.rating_score, a.created_at, a.pk)  # noqa: E731
    return [answer.pk for answer in sorted(answers, key=key)]


def _shown(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="qa-answer[^"]*" id="answer-(\d+)"', html)]


def _pager(html: str) -> str:
    found = re.findall(r'<nav class="pagination" aria-label="Pages of answers">.*?</nav>', html, re.S)
    assert len(found) <= 1
    return found[0] if found else ""


@pytest.mark.parametrize("viewer", [None, "member"])
def test_sixty_five_answers_show_thirty_thirty_and_five_in_page_order_with_a_pager(client, question, viewer):
    if viewer:
        client.force_login(make_user("reader"))
    url = question.get_absolute_url()
    order = _page_order(question)
    assert order[0] == question.accepted_answer_id
    pages = {n: client.get(url if n == 1 else f"{url}?page={n}") for n in (1, 2, 3)}
    assert all(response.status_code == 200 for response in pages.values())
    html = {n: response.content.decode() for n, response in pages.items()}
    assert [_shown(html[n]) for n in (1, 2, 3)] == [order[:30], order[30:60], order[60:]]
    for n, (first, last) in {1: (1, 30), 2: (31, 60), 3: (61, 65)}.items():
        assert f"Answers {first} to {last} of 65" in html[n]
        assert '<h2 id="answers-heading">65 answers</h2>' in html[n]
        assert "How do we keep volunteers after the first action?</h1>" in html[n]  # the question on every page
        assert 'id="your-answer-heading"' in html[n]
        pager = _pager(html[n])
        assert re.findall(r'aria-current="page"><span class="visually-hidden">Page </span>(\d+)<', pager) == [str(n)]
        # Each number is read out as "Page 2", not a bare "2".
        assert re.findall(r'<a [^>]*><span class="visually-hidden">Page </span>(\d+)</a>', pager) == ["1", "2", "3"]
        assert "?page=1" not in html[n]  # page 1 is the plain address
        # Each page has its own title (WCAG 2.4.2): later ones say which page of the answers they are.
        title = "How do we keep volunteers after the first action?" + (f" (answers, page {n})" if n > 1 else "")
        assert f"<title>{title} | " in html[n]
    assert 'rel="prev"' not in _pager(html[1]) and f'href="{url}?page=2" rel="next"' in _pager(html[1])
    assert f'href="{url}" rel="prev"' in _pager(html[2]) and f'href="{url}?page=3" rel="next"' in _pager(html[2])
    assert f'href="{url}?page=2" rel="prev"' in _pager(html[3]) and 'rel="next"' not in _pager(html[3])


def test_a_question_whose_answers_fit_one_page_has_no_pager(client, asker):
    question = make_question(asker)
    for i in range(3):
        posts.answer(make_user(f"few{i}"), question, f"A short answer number {i} here.", now=NOW)
    html = client.get(question.get_absolute_url()).content.decode()
    assert len(_shown(html)) == 3 and '<h2 id="answers-heading">3 answers</h2>' in html
    assert "Pages of answers" not in html and "Answers 1 to" not in html


@pytest.mark.parametrize("page", ["4", "0", "x", "-1", "", "1.5", "²", "9999999"])
def test_a_page_that_does_not_exist_is_not_found(client, question, page):
    response = client.get(f"{question.get_absolute_url()}?page={page}")
    assert response.status_code == 404
    assert "qa/includes/question_page.html" not in [t.name for t in response.templates]


def test_page_one_of_a_question_without_answers_exists_and_page_two_does_not(client, asker):
    url = make_question(asker).get_absolute_url()
    assert client.get(f"{url}?page=1").status_code == 200
    assert client.get(f"{url}?page=2").status_code == 404


def test_an_answers_lasting_address_leads_to_the_page_showing_it(client, question):
    order = _page_order(question)
    url = question.get_absolute_url()
    for index, page in ((0, ""), (29, ""), (30, "?page=2"), (64, "?page=3")):
        answer = Answer.objects.get(pk=order[index])
        assert answer.get_absolute_url() == f"/questions/answers/{answer.pk}/"
        response = client.get(answer.get_absolute_url())
        assert (response.status_code, response["Location"]) == (302, f"{url}{page}#answer-{answer.pk}")
        assert answer.pk in _shown(client.get(response["Location"]).content.decode())
    assert client.get("/questions/answers/999999/").status_code == 404


def test_a_hidden_answers_address_is_found_only_by_moderators(client, question):
    order = _page_order(question)
    hidden = Answer.objects.get(pk=order[45])
    moderator = make_user("mod", role=roles.MODERATOR)
    moderation.hide(moderator, hidden, "Off topic")
    for viewer in (None, make_user("reader")):
        if viewer:
            client.force_login(viewer)
        assert client.get(hidden.get_absolute_url()).status_code == 404
        # the answers after it move up one place for those who do not see it
        after = Answer.objects.get(pk=order[60])
        assert client.get(after.get_absolute_url())["Location"].endswith(f"?page=2#answer-{after.pk}")
    client.force_login(moderator)
    response = client.get(hidden.get_absolute_url())
    assert response["Location"] == f"{question.get_absolute_url()}?page=2#answer-{hidden.pk}"
    assert hidden.pk in _shown(client.get(response["Location"]).content.decode())


def test_a_hidden_questions_answers_are_found_only_by_moderators(client, question):
    answer = Answer.objects.get(pk=_page_order(question)[40])
    Question.objects.filter(pk=question.pk).update(hidden_at=NOW)
    client.force_login(make_user("reader"))
    assert client.get(answer.get_absolute_url()).status_code == 404
    client.force_login(make_user("mod", role=roles.MODERATOR))
    assert client.get(answer.get_absolute_url())["Location"].endswith(f"?page=2#answer-{answer.pk}")


def test_posting_an_answer_lands_on_the_page_showing_it(client, question):
    client.force_login(make_user("newcomer"))
    form = {"body": "Phone each of them the week after.", "submission_token": "answer-123456789"}
    response = client.post(f"/questions/{question.pk}/answer/", form)
    answer = Answer.objects.get(author__username="newcomer")
    assert _page_order(question).index(answer.pk) == 65  # a new answer, rated 0, comes last
    assert response["Location"] == f"{question.get_absolute_url()}?page=3#answer-{answer.pk}"
    assert answer.pk in _shown(client.get(response["Location"]).content.decode())


def test_a_comment_on_an_answer_lands_on_the_page_showing_the_answer(client, question):
    answer = Answer.objects.get(pk=_page_order(question)[50])
    client.force_login(make_user("commenter"))
    form = {"body": "Which town was this in?", "submission_token": "comment-12345678"}
    response = client.post(f"/questions/comment/answer/{answer.pk}/", form)
    comment = answer.comments.get()
    assert response["Location"] == f"{question.get_absolute_url()}?page=2#comment-{comment.pk}"
    assert client.get(comment.get_absolute_url())["Location"] == response["Location"]
    assert f'id="comment-{comment.pk}"' in client.get(response["Location"]).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_every_page_of_answers_costs_the_same_queries_as_the_page_did_before_pages(client, question, viewer):
    if viewer == "member":
        client.force_login(make_user("reader"))
    url = question.get_absolute_url()
    client.get(url)  # first-request work (templates, site) is not counted
    assert [_queries(client, address) for address in (url, f"{url}?page=3")] == [QUERIES[viewer]] * 2


def test_the_anonymous_page_cache_keeps_each_page_and_drops_it_on_a_write(client, question, pages_on):  # noqa: F811
    url = f"{question.get_absolute_url()}?page=2"
    first = client.get(url)
    assert (first.status_code, first["X-Hub-Cache"]) == (200, "miss")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert (second["X-Hub-Cache"], len(queries), second.content) == ("hit", 0, first.content)
    assert client.get(question.get_absolute_url())["X-Hub-Cache"] == "miss"  # page 1 is another page
    moved = Answer.objects.get(pk=_page_order(question)[30])  # first on page 2
    moderation.hide(make_user("mod", role=roles.MODERATOR), moved, "Off topic")
    third = client.get(url)
    assert third["X-Hub-Cache"] == "miss"
    assert _shown(third.content.decode()) == _page_order(question)[30:60]
    assert moved.pk not in _shown(third.content.decode())


def test_a_members_kept_content_is_kept_per_page(client, question, pages_on):  # noqa: F811
    """The question page's content kept per viewer class (ADR 0107) keys on the page number."""
    order = _page_order(question)
    client.force_login(make_user("reader"))
    url = question.get_absolute_url()
    for _ in range(2):  # the second round from the kept content
        shown = [_shown(client.get(address).content.decode()) for address in (url, f"{url}?page=2", f"{url}?page=3")]
        assert shown == [order[:30], order[30:60], order[60:]]


def test_the_short_address_keeps_the_page(client, question):
    response = client.get(f"/questions/{question.pk}/?page=2")
    assert (response.status_code, response["Location"]) == (301, f"{question.get_absolute_url()}?page=2")


def test_a_long_pager_shows_the_first_and_last_pages_and_two_either_side_with_gaps():
    from hub.paging import pager as _pager
    from qa.selectors import AnswerPage

    def answers_pager(page):
        return _pager("/q/", page.number, page.pages)

    pager = answers_pager(AnswerPage(10, [], 1200, 30))
    assert [number for number, _ in pager["links"]] == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert (pager["previous"], pager["next"]) == ("/q/?page=9", "/q/?page=11")
    near_start = answers_pager(AnswerPage(2, [], 1200, 30))
    assert [number for number, _ in near_start["links"]] == [1, 2, 3, 4, None, 40]
    assert near_start["links"][0] == (1, "/q/") and near_start["previous"] == "/q/"
