"""Writing without JavaScript: "Check for similar questions" and "Preview" judge only what they need."""

import pytest

from qa.models import Answer, Question
from search import indexing, sync
from tests.factories import make_user
from tests.qa.conftest import make_question

pytestmark = pytest.mark.django_db


def test_check_finds_similar_questions_from_the_title_alone(client, asker):
    question = make_question(asker, "How do I plan a door knocking session?")
    sync.refresh([indexing.ref(question)])  # similar questions come from the search index
    client.force_login(make_user("newcomer"))
    data = {"title": "Door knocking in the rain", "body": "", "tags": "", "check": "1"}
    response = client.post("/questions/ask/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "How do I plan a door knocking session?" in html
    assert "This field is required." not in html
    assert 'class="errorlist"' not in html
    assert "no similar questions" not in html.lower()
    assert Question.objects.count() == 1


def test_check_with_a_too_short_title_says_so_and_nothing_else(client):
    client.force_login(make_user("newcomer"))
    html = client.post("/questions/ask/", {"title": "Rain", "body": "", "tags": "", "check": "1"}).content.decode()
    assert html.count('class="errorlist"') == 1
    assert 'id="id_title_errors"' in html
    assert "no similar questions" not in html.lower()


def test_preview_shows_the_rendered_question_and_keeps_what_was_typed(client):
    client.force_login(make_user("newcomer"))
    data = {"title": "Door knocking in the rain", "body": "We **always** go out.\r\n\r\n- take a brolly", "tags": ""}
    html = client.post("/questions/ask/", {**data, "preview": "1"}).content.decode()
    assert "Preview: how it will look" in html
    assert "<strong>always</strong>" in html
    assert "<li>take a brolly</li>" in html
    assert 'value="Door knocking in the rain"' in html
    assert 'class="errorlist"' not in html
    assert Question.objects.count() == 0


def test_answer_preview_renders_on_the_question_page_without_posting(client, asker):
    question = make_question(asker)
    client.force_login(make_user("helper"))
    response = client.post(f"/questions/{question.pk}/answer/", {"body": "Go in *pairs*.", "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>pairs</em>" in html
    assert "Go in *pairs*." in html  # still in the text box
    assert Answer.objects.count() == 0


def test_live_preview_endpoint_sanitises_like_published_text(client):
    client.force_login(make_user("writer"))
    response = client.post("/markdown/preview/", {"text": "**Hi** <script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<strong>Hi</strong>" in response.content.decode()
    assert "<script" not in response.content.decode()


def test_live_preview_is_for_members_and_posts_only(client):
    assert client.post("/markdown/preview/", {"text": "Hi"}).status_code == 302
    client.force_login(make_user("writer"))
    assert client.get("/markdown/preview/").status_code == 405


def test_markdown_help_page(client):
    html = client.get("/help/markdown/").content.decode()
    assert "<h1>How to format your text</h1>" in html
    assert "<strong>very important</strong>" in html
