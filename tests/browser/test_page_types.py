"""Every page type passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules, with no console or CSP error."""

import pytest

from tests.browser.pages import ALL_PAGES, PageType
from tests.browser.support import assert_accessible, log_in, visit

pytestmark = pytest.mark.browser


def open_page_type(page, server, page_type: PageType):
    if page_type.user:
        log_in(page, server, page_type.user)
    return visit(page, server, page_type.resolve(server), status=page_type.status)


@pytest.mark.parametrize("page_type", ALL_PAGES, ids=[page_type.name for page_type in ALL_PAGES])
def test_page_type_passes_axe_wcag_22_aa(page, hub_server, page_type):
    open_page_type(page, hub_server, page_type)
    assert_accessible(page)


def test_every_page_type_has_its_own_title(page, hub_server):
    titles = {}
    for page_type in ALL_PAGES:
        if page_type.user is None:
            visit(page, hub_server, page_type.resolve(hub_server), status=page_type.status)
            titles.setdefault(page.title(), []).append(page_type.label)
    shared = {title: labels for title, labels in titles.items() if len(labels) > 1}
    assert not shared, f"page types share a <title>: {shared}"


def test_error_pages_explain_what_happened_in_plain_words(page, hub_server):
    expected = {
        "/no-such-page-here/": (404, "Page not found"),
        "/__browser-test__/403/": (403, "You cannot do that here"),
        "/__browser-test__/429/": (429, "Please slow down"),
        "/__browser-test__/500/": (500, "Something went wrong on our side"),
    }
    for path, (status, heading) in expected.items():
        visit(page, hub_server, path, status=status)
        assert page.locator("h1").inner_text() == heading
        assert page.get_by_role("link", name="Accessibility statement").is_visible()


def test_footer_links_to_the_accessibility_statement(page, hub_server):
    visit(page, hub_server, "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url("**/accessibility/")
    assert page.locator("h1").inner_text() == "Accessibility statement"


def test_wagtail_admin_log_in_page_is_accessible(page, hub_server):
    visit(page, hub_server, "/admin/login/")
    assert_accessible(page)
