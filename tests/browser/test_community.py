"""Community journeys: a notification read in the inbox, unwatching from the Following page, a
question previewed without JavaScript, a tag page across the wiki and the forum, the easy-read guide."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import article_path, query_one
from tests.browser.qa_steps import ask_question, unique_title
from tests.browser.support import DEMO_PASSWORD, assert_accessible, log_in, visit

pytestmark = pytest.mark.browser


def test_a_new_answer_reaches_the_askers_inbox_and_reading_it_clears_the_bell(new_page, hub_server):
    asker, answerer = new_page(), new_page()
    question = ask_question(asker, hub_server, "priya", unique_title("Where do we hold a first house meeting"))
    bell = asker.get_by_role("link", name=re.compile(r"^Inbox"))
    unread_before = (
        int(bell.locator(".inbox-count").inner_text().split()[0]) if bell.locator(".inbox-count").count() else 0
    )

    log_in(answerer, hub_server, "member-harry")
    visit(answerer, hub_server, question)
    answerer.locator("#your-answer").get_by_label("Your answer").fill(
        "Ask the person with the biggest kitchen on the street: people come to a home, not to a venue."
    )
    answerer.get_by_role("button", name="Post your answer").click()
    expect(answerer.locator(".messages")).to_contain_text("Your answer is posted")

    visit(asker, hub_server, "/")
    expect(bell.locator(".inbox-count")).to_contain_text(str(unread_before + 1))
    bell.click()
    expect(asker.locator("h1")).to_have_text("Your inbox")
    newest = asker.locator(".inbox-item").first
    expect(newest).to_have_class(re.compile("inbox-item--unread"))
    expect(newest).to_contain_text("New answer")
    assert_accessible(asker)
    newest.get_by_role("link").first.click()
    expect(asker.locator("article.qa-answer", has_text="biggest kitchen")).to_be_visible()
    visit(asker, hub_server, "/inbox/")
    expect(asker.locator(".inbox-item").first).not_to_have_class(re.compile("inbox-item--unread"))


def test_unwatch_a_page_from_the_following_page(page, hub_server):
    article = article_path(hub_server)
    log_in(page, hub_server, "rosa", next_path=article)
    visit(page, hub_server, article)
    sidebar = page.get_by_role("complementary", name="About this page")
    if sidebar.get_by_role("button", name="Stop watching").count():
        sidebar.get_by_role("button", name="Stop watching").click()
    sidebar.get_by_role("button", name="Watch this page").click()
    title = page.locator("h1").inner_text()

    visit(page, hub_server, "/following/")
    item = page.locator(".following-item", has_text=title)
    expect(item).to_have_count(1)
    assert_accessible(page)
    item.get_by_role("button", name=re.compile("^Stop following")).click()
    expect(page).to_have_url(re.compile("/following/$"))
    expect(page.locator(".messages")).to_contain_text("no longer watch")
    expect(page.locator(".following-item", has_text=title)).to_have_count(0)


def test_preview_a_question_without_javascript(browser, hub_server):
    context = browser.new_context(java_script_enabled=False, base_url=hub_server.base_url)
    try:
        page = context.new_page()
        page.goto("/accounts/login/?next=/questions/ask/")
        page.locator("#id_login").fill("member-iris")
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("main form").get_by_role("button", name="Log in").click()
        expect(page.locator("h1")).to_have_text("Ask a question")
        page.locator("#id_title").fill("How do we keep a listening campaign going in winter?")
        page.locator("#id_body").fill("We knock on **Saturday mornings**.\n\n- short sessions\n- warm drinks")
        page.get_by_role("button", name="Preview").click()

        preview = page.get_by_role("region", name="Preview: how it will look")
        expect(preview.locator("strong")).to_have_text("Saturday mornings")
        expect(preview.locator("li")).to_have_count(2)
        expect(page.locator("#id_title")).to_have_value("How do we keep a listening campaign going in winter?")
        expect(page.locator("#id_body")).to_have_value(re.compile(r"\*\*Saturday mornings\*\*"))
        expect(page.locator(".errorlist")).to_have_count(0)
    finally:
        context.close()


def test_a_tag_page_shows_wiki_pages_and_questions(page, hub_server):
    (slug,) = query_one(
        hub_server,
        "SELECT t.slug FROM taggit_tag t WHERE EXISTS (SELECT 1 FROM wiki_wikipagetag w WHERE w.tag_id = t.id) "
        "AND EXISTS (SELECT 1 FROM qa_taggedquestion q WHERE q.tag_id = t.id) ORDER BY t.slug LIMIT 1",
    )
    visit(page, hub_server, "/tags/")
    page.locator(f'a[href="/tags/{slug}/"]').first.click()
    expect(page).to_have_url(re.compile(f"/tags/{slug}/$"))
    guides = page.locator("section", has=page.locator("#tag-guides")).locator("li")
    questions = page.locator("section", has=page.locator("#tag-questions")).locator("li")
    assert guides.count() + page.locator("section", has=page.locator("#tag-debates")).locator("li").count() >= 1
    assert questions.count() >= 1
    assert_accessible(page)
    questions.first.get_by_role("link").click()
    expect(page.locator(".qa-question h1")).to_be_visible()


def test_the_easy_read_guide_from_the_footer(page, hub_server):
    visit(page, hub_server, "/")
    page.get_by_role("contentinfo").get_by_role("link", name="The hub in easy read").click()
    expect(page.locator("h1")).to_have_text("The hub in easy read")
    points = page.locator(".easy-read__list > li")
    assert points.count() >= 15
    for index in range(points.count()):
        icon = points.nth(index).locator("svg.icon")
        expect(icon).to_be_visible()
        box = icon.bounding_box()
        assert box and box["width"] >= 40, "each point has a picture big enough to see"
    assert_accessible(page)
