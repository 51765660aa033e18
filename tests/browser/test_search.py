"""Search journey: search, narrow with a facet, and turn an empty result into a question."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, log_in, visit

pytestmark = pytest.mark.browser


def result_count(page) -> int:
    text = page.locator(".search-count").inner_text()
    match = re.match(r"(\d+) results?", text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def test_search_narrow_with_a_facet_then_ask_when_nothing_matches(page, hub_server):
    log_in(page, hub_server, "member-kate")
    visit(page, hub_server, "/")
    search_box = page.locator("#site-search-q")
    search_box.fill("meeting")
    search_box.press("Enter")

    expect(page.locator("h1")).to_have_text("Search results for “meeting”")
    everything = result_count(page)
    assert everything >= 3
    assert_accessible(page)

    type_facets = page.locator(".search-filters fieldset", has_text="Type")
    first_facet = type_facets.locator("input[type=checkbox]").first
    facet_label = page.locator(f"label[for='{first_facet.get_attribute('id')}']").inner_text()
    facet_count = int(re.search(r"\((\d+)\)", facet_label).group(1))
    first_facet.check()
    page.get_by_role("button", name="Apply").click()

    expect(page.locator(f"#{first_facet.get_attribute('id')}")).to_be_checked()
    assert result_count(page) == facet_count < everything
    assert_accessible(page)

    nonsense = "zebra crossing quorum xylophone"
    search_box = page.locator("#search-page-q")
    search_box.fill(nonsense)
    search_box.press("Enter")
    expect(page.locator(".search-count")).to_have_text("0 results")
    expect(page.locator(".search-ask")).to_contain_text(f"Nothing in the hub matches “{nonsense}” yet")
    assert_accessible(page)

    page.get_by_role("link", name="Ask this as a question").click()
    expect(page.locator("h1")).to_have_text("Ask a question")
    assert parse_qs(urlparse(page.url).query)["title"] == [nonsense]
    expect(page.locator("#id_title")).to_have_value(nonsense)
