"""A browser sends a textarea's line breaks as CRLF: the first edit must not change every line."""

import pytest
from taggit.models import Tag

from hub.diff import words as word_diff
from qa.models import Question
from qa.services import posts
from tests.wiki.conftest import make_article, publish
from wiki.history import diff_revisions

BODY = "Knock on the door.\n\nSay who you are.\n\nListen more than you talk."


@pytest.mark.django_db
def test_first_browser_edit_changes_only_the_words_that_changed(organiser, wiki_index):
    page = make_article(organiser, "Door knocking basics", BODY)
    page.body = BODY.replace("\n", "\r\n") + "\r\n\r\nWrite it down the same day."
    publish(page, organiser, "Added a line")
    old, new = page.revisions.order_by("created_at", "pk")
    assert "\r" not in new.content["body"]
    changes = [segment for segment in diff_revisions(old, new) if segment.op != "equal"]
    assert [(segment.op, segment.text) for segment in changes] == [("insert", "\n\nWrite it down the same day.")]


def test_word_diff_ignores_line_endings_of_versions_saved_before():
    segments = word_diff("One.\r\n\r\nTwo.", "One.\n\nTwo.")
    assert all(segment.op == "equal" for segment in segments)


@pytest.mark.django_db
def test_question_bodies_are_stored_with_lf_line_endings(member):
    Tag.objects.create(name="listening")
    body = "First line.\r\n\r\nSecond line here."
    question = posts.ask(member, "How do we start a listening campaign?", body, ["listening"])
    assert Question.objects.get(pk=question.pk).body == "First line.\n\nSecond line here."
