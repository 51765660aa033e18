"""Q&A journeys: ask with similar questions offered, answer, rate and see the score move, accept."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import query_one
from tests.browser.qa_steps import (
    answer_question,
    answer_rows,
    ask_question,
    existing_tag,
    feedback_score,
    question_count,
    rater_who_has_not_rated,
    stored_feedback_score,
    unique_title,
)
from tests.browser.support import assert_accessible, log_in, visit

pytestmark = pytest.mark.browser


def test_ask_a_question_and_see_similar_questions_while_typing_the_title(page, hub_server):
    (earlier_title,) = query_one(hub_server, "SELECT title FROM qa_question ORDER BY id LIMIT 1")
    before = question_count(hub_server)
    log_in(page, hub_server, "member-alice")
    visit(page, hub_server, "/questions/ask/")

    page.locator("#id_title").press_sequentially(earlier_title, delay=15)

    suggestions = page.locator("#similar-questions")
    expect(suggestions.get_by_role("heading", name="Similar questions already asked")).to_be_visible()
    expect(suggestions.get_by_role("link", name=earlier_title, exact=True)).to_be_visible()
    assert_accessible(page)

    title = unique_title(earlier_title[:100])
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill("We tried a leaflet drop and a stall at the market. Few people came back to us.")
    page.locator("#id_tags").fill(existing_tag(hub_server))
    page.get_by_role("button", name="Post your question").click()

    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".messages")).to_contain_text("Your question is posted")
    assert question_count(hub_server) == before + 1


def test_ask_form_mistakes_are_explained_next_to_each_field(page, hub_server):
    before = question_count(hub_server)
    log_in(page, hub_server, "member-lewis")
    visit(page, hub_server, "/questions/ask/")
    page.locator("#id_title").fill("Short")
    page.get_by_role("button", name="Post your question").click()

    for field in ("title", "body", "tags"):
        box = page.locator(f"#id_{field}")
        errors = page.locator(f"#id_{field}_errors")
        expect(errors).to_be_visible()
        assert f"id_{field}_errors" in (box.get_attribute("aria-describedby") or "").split()
    assert_accessible(page)
    assert question_count(hub_server) == before


def test_another_member_answers_the_question(new_page, hub_server):
    question = ask_question(new_page(), hub_server, "member-dan", unique_title("Where do you hold a first meeting"))
    page = new_page()
    answer_id = answer_question(page, hub_server, "member-esther", question)

    expect(page.locator("#answers-heading")).to_have_text("1 answer")
    expect(page.locator(f"#{answer_id} .author")).to_contain_text("Esther Mwangi")
    (esther_id,) = query_one(hub_server, "SELECT id FROM hub_user WHERE username = 'member-esther'")
    assert [author for _, author in answer_rows(hub_server, question)] == [esther_id]
    assert_accessible(page)


def test_rating_an_answer_changes_its_authors_feedback_score(new_page, hub_server):
    question = ask_question(new_page(), hub_server, "member-frank", unique_title("How do we keep volunteers coming"))
    answer_id = answer_question(new_page(), hub_server, "member-grace", question)
    before = stored_feedback_score(hub_server, "member-grace")
    rater = rater_who_has_not_rated(hub_server, "member-grace", exclude=("member-frank", "member-grace"))

    page = new_page()
    log_in(page, hub_server, rater)
    visit(page, hub_server, question)
    answer = page.locator(f"#{answer_id}")
    assert feedback_score(page, "/members/member-grace/", answer) == before
    answer.locator("summary", has_text="Rate this answer").click()
    answer.get_by_label("Positive").check()
    answer.get_by_label("Feedback (optional)").fill("Clear and practical, thank you")
    answer.get_by_role("button", name="Save rating").click()

    expect(page.locator(".messages")).to_contain_text("your rating is saved")
    answer = page.locator(f"#{answer_id}")
    assert feedback_score(page, "/members/member-grace/", answer) == before + 1
    assert stored_feedback_score(hub_server, "member-grace") == before + 1
    expect(answer.locator("summary")).to_contain_text("Your rating: ")

    visit(page, hub_server, "/members/member-grace/")
    expect(page.locator("main")).to_contain_text("Clear and practical, thank you")
    assert_accessible(page)


def test_the_asker_accepts_an_answer(new_page, hub_server):
    question = ask_question(new_page(), hub_server, "member-iris", unique_title("What to say on a doorstep"))
    answer_id = answer_question(new_page(), hub_server, "member-jamal", question)

    page = new_page()
    log_in(page, hub_server, "member-iris")
    visit(page, hub_server, question)
    page.locator(f"#{answer_id}").get_by_role("button", name="Accept this answer").click()

    expect(page.locator(".messages")).to_contain_text("You accepted this answer")
    accepted = page.locator(f"#{answer_id}")
    expect(accepted).to_have_class(re.compile("qa-answer--accepted"))
    expect(accepted.get_by_role("heading")).to_contain_text("Accepted answer")
    expect(accepted.get_by_role("button", name="Undo acceptance")).to_be_visible()
    pk = int(question.split("/")[2])
    (accepted_id,) = query_one(hub_server, "SELECT accepted_answer_id FROM qa_question WHERE id = ?", (pk,))
    assert f"answer-{accepted_id}" == answer_id
    assert_accessible(page)
