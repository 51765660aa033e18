"""Keyboard only: search, ask, answer and rate with Tab, typing, Space and Enter.

Every Tab stop on the way must show a visible focus indicator (a computed outline of at least
2 px or a box-shadow), so a keyboard user always sees where they are.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.qa_steps import (
    answer_question,
    ask_question,
    existing_tag,
    feedback_score,
    rater_who_has_not_rated,
    stored_feedback_score,
    unique_title,
)
from tests.browser.support import log_in, tab_to, visit

pytestmark = pytest.mark.browser


def is_id(element_id: str) -> str:
    return f"el => el && el.id === {element_id!r}"


def is_button(label: str) -> str:
    return f"el => el && el.tagName === 'BUTTON' && el.textContent.trim() === {label!r}"


def test_search_with_the_keyboard_only(page, hub_server):
    visit(page, hub_server, "/")
    stops = tab_to(page, is_id("site-search-q"))
    assert stops[0]["text"] == "Skip to main content"
    page.keyboard.type("meeting")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Search results for “meeting”")

    tab_to(page, "el => el && el.closest('.search-hit__title') !== null")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.split("#")[0])))


def test_ask_a_question_with_the_keyboard_only(page, hub_server):
    log_in(page, hub_server, "member-bilal")
    visit(page, hub_server, "/questions/ask/")
    title = unique_title("How do we follow up after a listening campaign")
    tab_to(page, is_id("id_title"))
    page.keyboard.type(title)
    tab_to(page, is_id("id_body"))
    page.keyboard.type("We spoke to sixty people. Now we need a way to bring them together again.")
    tab_to(page, is_id("id_tags"))
    page.keyboard.type(existing_tag(hub_server))
    tab_to(page, is_button("Post your question"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(title)


def test_answer_a_question_with_the_keyboard_only(new_page, hub_server):
    question = ask_question(new_page(), hub_server, "member-carys", unique_title("Who chairs a first meeting"))
    page = new_page()
    log_in(page, hub_server, "member-frank")
    visit(page, hub_server, question)
    tab_to(page, "el => el && el.id === 'id_body' && el.closest('#your-answer') !== null", limit=120)
    answer = "Ask someone from the street to chair it, and meet them the day before to plan."
    page.keyboard.type(answer)
    tab_to(page, is_button("Post your answer"))
    page.keyboard.press("Enter")
    expect(page.locator("article.qa-answer", has_text=answer)).to_have_count(1)


def test_rate_an_answer_with_the_keyboard_only(new_page, hub_server):
    question = ask_question(new_page(), hub_server, "member-harry", unique_title("How do we share minutes"))
    answer_id = answer_question(new_page(), hub_server, "member-kate", question)
    before = stored_feedback_score(hub_server, "member-kate")
    rater = rater_who_has_not_rated(hub_server, "member-kate", exclude=("member-harry", "member-kate"))

    page = new_page()
    log_in(page, hub_server, rater)
    visit(page, hub_server, question)
    in_answer = f"el.closest('#{answer_id}') !== null"
    tab_to(page, f"el => el && el.tagName === 'SUMMARY' && {in_answer}", limit=120)
    page.keyboard.press("Enter")
    tab_to(page, f"el => el && el.type === 'radio' && el.value === '1' && {in_answer}")
    page.keyboard.press("Space")
    tab_to(page, f"el => el && el.name === 'feedback' && {in_answer}")
    page.keyboard.type("Short and useful")
    tab_to(page, f"el => el && el.textContent.trim() === 'Save rating' && {in_answer}")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("your rating is saved")
    assert feedback_score(page, "/members/member-kate/", page.locator(f"#{answer_id}")) == before + 1


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page, hub_server):
    visit(page, hub_server, "/wiki/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
