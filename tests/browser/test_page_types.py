"""Every page type passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules, with no console or CSP error."""

import pytest

from tests.browser.support import assert_accessible, log_in, visit

pytestmark = pytest.mark.browser

# (label, path, expected HTTP status). Pages that need data look it up in their own tests below.
PUBLIC_PAGES = [
    ("home", "/", 200),
    ("sign-up", "/accounts/signup/", 200),
    ("log-in", "/accounts/login/", 200),
    ("password reset", "/accounts/password/reset/", 200),
    ("accessibility statement", "/accessibility/", 200),
    ("about", "/about/", 200),
    ("404 page", "/no-such-page-here/", 404),
    ("403 page", "/__browser-test__/403/", 403),
    ("429 page", "/__browser-test__/429/", 429),
    ("500 page", "/__browser-test__/500/", 500),
]


@pytest.mark.parametrize(("label", "path", "status"), PUBLIC_PAGES, ids=[page[0] for page in PUBLIC_PAGES])
def test_public_page_type_is_accessible(page, hub_server, label, path, status):
    visit(page, hub_server, path, status=status)
    assert_accessible(page)


def test_error_pages_explain_what_happened_in_plain_words(page, hub_server):
    expected = {
        "/no-such-page-here/": (404, "Page not found"),
        "/__browser-test__/403/": (403, None),
        "/__browser-test__/429/": (429, "Please slow down"),
        "/__browser-test__/500/": (500, None),
    }
    for path, (status, heading) in expected.items():
        visit(page, hub_server, path, status=status)
        if heading:
            assert page.locator("h1").inner_text() == heading
        assert page.get_by_role("link", name="Accessibility statement").is_visible()


def test_footer_links_to_the_accessibility_statement(page, hub_server):
    visit(page, hub_server, "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url("**/accessibility/")
    assert page.locator("h1").inner_text() == "Accessibility statement"


def test_signed_in_account_page_is_accessible(page, hub_server):
    log_in(page, hub_server, "member-alice")
    visit(page, hub_server, "/accounts/profile/")
    assert_accessible(page)


def test_wagtail_admin_log_in_page_is_accessible(page, hub_server):
    visit(page, hub_server, "/admin/login/")
    assert_accessible(page)
