"""Journeys for accounts: sign up, confirm the email address, and what a mistake looks like."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, read_mail, visit

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")


def fill_sign_up(page, email: str, username: str, password: str, again: str) -> None:
    page.locator("#id_email").fill(email)
    page.locator("#id_username").fill(username)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(again)
    page.locator("main form").get_by_role("button", name=re.compile("sign up", re.I)).click()


def confirmation_path_for(server, address: str) -> str:
    messages = [message for message in read_mail(server) if f"To: {address}" in message]
    assert len(messages) == 1, f"expected one email to {address}, found {len(messages)}"
    match = CONFIRM_LINK.search(messages[0])
    assert match, f"no confirmation link in:\n{messages[0]}"
    return match.group(1)


def test_sign_up_and_confirm_the_email_address(page, hub_server):
    visit(page, hub_server, "/")
    page.get_by_role("link", name="Sign up").click()
    page.wait_for_url("**/accounts/signup/")
    fill_sign_up(page, "newcomer@example.org", "newcomer", "a-long-pass-phrase-2026", "a-long-pass-phrase-2026")

    expect(page.locator("h1")).to_have_text("Check your email")
    expect(page.locator("main").get_by_role("link", name="read the hub in easy read")).to_be_visible()
    assert_accessible(page)
    # Mandatory verification: the account cannot sign in until the address is confirmed.
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)

    visit(page, hub_server, confirmation_path_for(hub_server, "newcomer@example.org"))
    assert_accessible(page)
    page.locator("main form").get_by_role("button", name=re.compile("confirm", re.I)).click()

    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("newcomer")


def test_sign_up_mistake_is_explained_next_to_the_field(page, hub_server):
    visit(page, hub_server, "/accounts/signup/")
    fill_sign_up(page, "mistyped@example.org", "mistyped", "a-long-pass-phrase-2026", "a-different-phrase-2026")

    expect(page).to_have_url(re.compile("/accounts/signup/$"))
    errors = page.locator("main .errorlist")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text("same password")
    # The message is tied to its field, so a screen reader reads it with the field.
    field = page.locator("#id_password2")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert errors.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert_accessible(page)
    assert not [message for message in read_mail(hub_server) if "To: mistyped@example.org" in message]
