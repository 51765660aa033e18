"""Wiki journeys: read and follow a wiki link, edit in the Wagtail admin, reply in a debate."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.pages import debate_path, page_path_by_id, query_all, query_one
from tests.browser.support import assert_accessible, log_in, visit

pytestmark = pytest.mark.browser


def article_with_a_wiki_link(server) -> str:
    (page_id,) = query_one(
        server,
        "SELECT p.id FROM wiki_wikipage w JOIN wagtailcore_page p ON p.id = w.page_ptr_id "
        "JOIN wiki_articlepage a ON a.wikipage_ptr_id = w.page_ptr_id "
        "WHERE p.live AND w.body LIKE '%[[%' ORDER BY p.path LIMIT 1",
    )
    return page_path_by_id(server, page_id)


def test_read_an_article_and_follow_a_wiki_link(page, hub_server):
    visit(page, hub_server, article_with_a_wiki_link(hub_server))
    source_title = page.locator("h1").inner_text()
    link = page.locator(".wiki-body a.wiki-link:not(.wiki-link--missing)").first
    target_href = link.get_attribute("href")

    link.click()

    page.wait_for_url(hub_server.url(target_href))
    expect(page.locator("h1")).not_to_have_text(source_title)
    # The page we arrived at knows who links to it.
    backlinks = page.get_by_role("complementary", name="About this page").locator("li a")
    expect(backlinks.filter(has_text=source_title)).to_have_count(1)
    assert_accessible(page)


def test_organiser_edits_an_article_in_the_admin_and_sees_the_new_version_in_its_history(page, hub_server):
    (page_id,) = query_one(
        hub_server,
        "SELECT p.id FROM wagtailcore_page p JOIN wiki_articlepage a ON a.wikipage_ptr_id = p.id "
        "WHERE p.live ORDER BY p.path DESC LIMIT 1",
    )
    versions_before = len(
        query_all(hub_server, "SELECT id FROM wagtailcore_revision WHERE object_id = ?", (str(page_id),))
    )
    article = page_path_by_id(hub_server, page_id)
    log_in(page, hub_server, "amara", next_path=article)
    visit(page, hub_server, article)
    page.get_by_role("link", name="Edit this page").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{page_id}/edit/"))

    added = f"Checked in a browser {int(time.time())}."
    summary = page.locator("#id_summary")
    summary.fill(summary.input_value() + " " + added)
    page.locator("#id_edit_summary").fill("Added a line from the browser test")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^Publish")).click()
    expect(page.locator(".messages")).to_contain_text("published")

    visit(page, hub_server, article)
    expect(page.locator(".lead")).to_contain_text(added)
    versions = query_all(hub_server, "SELECT id FROM wagtailcore_revision WHERE object_id = ?", (str(page_id),))
    assert len(versions) == versions_before + 1

    page.get_by_role("link", name="Page history").click()
    newest = page.locator("table.wiki-history tbody tr").first
    expect(newest).to_contain_text("Added a line from the browser test")
    expect(newest).to_contain_text("Amara Okafor")
    expect(page.locator("main")).to_contain_text("Every published version of this page")  # drafts stay in the admin
    assert_accessible(page)

    page.get_by_role("button", name="Compare the chosen versions").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Changes to"))
    inserted = " ".join(page.locator(".wiki-diff ins").all_text_contents())
    missing = [word for word in re.findall(r"\w+", added) if word not in inserted]
    assert not missing, f"{missing} of {added!r} not marked as added in: {inserted!r}"
    # Nothing but whitespace was removed (the admin's text box may normalise line endings).
    removed = "".join(page.locator(".wiki-diff del").all_text_contents())
    assert re.sub(r"\[removed: |\]", "", removed).strip() == ""
    assert_accessible(page)


def test_member_replies_in_a_debate_threaded_discussion(page, hub_server):
    debate = debate_path(hub_server)
    log_in(page, hub_server, "member-bilal", next_path=debate)
    visit(page, hub_server, debate)
    opening = f"Opening thought from the browser test {int(time.time())}."
    page.get_by_label("Your comment").fill(opening)
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(re.escape(debate)))
    comment = page.locator("li.comment", has_text=opening).first
    expect(comment).to_be_visible()

    comment.get_by_role("link", name="Reply to this comment").first.click()
    expect(page.locator("h1")).to_have_text("Reply to a comment")
    assert_accessible(page)
    reply = "A reply, nested under the opening thought."
    page.get_by_label("Your comment").fill(reply)
    page.get_by_role("button", name="Post comment").click()

    page.wait_for_url(re.compile(re.escape(debate)))
    thread = page.locator("li.comment", has_text=opening).first
    # The reply sits inside the first comment's own list: one level deeper.
    nested = thread.locator("ol.comment-list li.comment", has_text=reply)
    expect(nested).to_have_count(1)
    expect(nested.locator(".author")).to_contain_text("Bilal Chaudhry")
    assert_accessible(page)
