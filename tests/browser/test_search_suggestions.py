"""The search box's suggestions in a real headless Chromium against a live hub with the demo
content (the browser pass runs it): an ARIA 1.2 combobox driven by the keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, assert_no_page_errors, visit

pytestmark = pytest.mark.browser


def test_typing_offers_suggestions_the_keyboard_can_choose(page, hub_server):
    visit(page, hub_server, "/")
    box = page.locator("#site-search-q")
    box.press_sequentially("power", delay=30)

    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 2
    expect(page.locator("#suggest-status")).to_contain_text(f"{count} suggestions available")
    assert_accessible(page)

    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")
    tag_option = options.filter(has_text="(Tag)").first
    tag_text = tag_option.inner_text().replace(" (Tag)", "")
    tag_option.click()
    expect(page.locator("h1")).to_have_text(f"Search results for “{tag_text}”")
    assert_no_page_errors(page)
