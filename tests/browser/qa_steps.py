"""Steps the Q&A journeys share: asking, answering and reading a member's feedback score.

New accounts may ask one question per ten minutes (QA_RATE_LIMITS), so each journey asks with a
different demo member.
"""

import datetime as dt
import re
import time

from playwright.sync_api import Page, expect

from tests.browser.pages import query_all, query_one
from tests.browser.support import HubServer, log_in, visit

ANSWER_TEXT = "We booked a room near the bus stop and asked three neighbours to bring one friend each."


def existing_tag(server: HubServer) -> str:
    """A tag questions already use: new tags need a feedback score that new members lack."""
    (name,) = query_one(
        server,
        "SELECT t.name FROM taggit_tag t JOIN qa_taggedquestion q ON q.tag_id = t.id "
        "GROUP BY t.id ORDER BY COUNT(*) DESC, t.name LIMIT 1",
    )
    return name


def unique_title(topic: str) -> str:
    return f"{topic} (asked at {time.strftime('%H:%M:%S')} {time.monotonic_ns() % 100000})"


def question_count(server: HubServer) -> int:
    return query_one(server, "SELECT COUNT(*) FROM qa_question")[0]


def ask_question(page: Page, server: HubServer, asker: str, title: str) -> str:
    """Ask through the form; returns the question's path."""
    log_in(page, server, asker)
    visit(page, server, "/questions/ask/")
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill("We tried a leaflet drop and a stall at the market. Few people came back to us.")
    page.locator("#id_tags").fill(existing_tag(server))
    page.get_by_role("button", name="Post your question").click()
    expect(page.locator("h1")).to_have_text(title)
    return page.url.removeprefix(server.base_url)


def answer_question(page: Page, server: HubServer, answerer: str, question: str, text: str = ANSWER_TEXT) -> str:
    """Answer through the form on the question page; returns the answer's element id."""
    log_in(page, server, answerer)
    visit(page, server, question)
    page.locator("#your-answer").get_by_label("Your answer").fill(text)
    page.get_by_role("button", name="Post your answer").click()
    answer = page.locator("article.qa-answer", has_text=text)
    expect(answer).to_have_count(1)
    return answer.get_attribute("id")


def feedback_score(page: Page, author_link: str, scope) -> int:
    """The feedback score shown in an author badge inside `scope`."""
    badge = scope.locator(".author", has=page.locator(f'a[href="{author_link}"]')).first
    text = badge.locator(".reputation").inner_text()
    match = re.search(r"(-?\d+)", text.replace("feedback score", ""))
    assert match, f"no feedback score in {text!r}"
    return int(match.group(1))


def stored_feedback_score(server: HubServer, username: str) -> int:
    return query_one(server, "SELECT feedback_score FROM hub_user WHERE username = ?", (username,))[0]


def rater_who_has_not_rated(server: HubServer, recipient: str, exclude: tuple[str, ...]) -> str:
    """A demo member with no rating of `recipient` this ISO week, so their rating moves the score.

    The score counts one point per rater per week (qa/reputation.py); the demo's own ratings
    may already hold this week's point for some raters.
    """
    today = dt.datetime.now(dt.UTC).date()
    monday = (today - dt.timedelta(days=today.weekday())).isoformat()
    rows = query_all(
        server,
        "SELECT u.username FROM hub_user u WHERE u.username LIKE 'member-%' AND NOT EXISTS ("
        "SELECT 1 FROM qa_rating r JOIN hub_user t ON t.id = r.recipient_id "
        "WHERE r.rater_id = u.id AND t.username = ? AND r.updated_at >= ?) ORDER BY u.username",
        (recipient, monday),
    )
    candidates = [username for (username,) in rows if username not in exclude]
    assert candidates, f"every demo member has rated {recipient} this week"
    return candidates[0]


def answer_rows(server: HubServer, question_path: str) -> list[tuple]:
    pk = int(question_path.split("/")[2])
    return query_all(server, "SELECT id, author_id FROM qa_answer WHERE question_id = ? ORDER BY id", (pk,))
