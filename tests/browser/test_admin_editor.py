"""The Wagtail admin's Markdown editor: every toolbar button shows an icon served by the hub."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import article_id
from tests.browser.support import log_in, visit

pytestmark = pytest.mark.browser


def test_markdown_toolbar_buttons_all_show_an_icon_and_a_name(page, hub_server):
    page_id = article_id(hub_server)
    log_in(page, hub_server, "amara")
    visit(page, hub_server, f"/admin/pages/{page_id}/edit/")
    toolbar = page.locator(".editor-toolbar").first
    expect(toolbar).to_be_visible()
    buttons = toolbar.locator("button")
    assert buttons.count() >= 12
    icons = toolbar.evaluate(
        """bar => Array.from(bar.querySelectorAll('button')).map(button => {
            const icon = button.querySelector('i');
            const style = icon ? getComputedStyle(icon) : getComputedStyle(button, '::before');
            const width = icon ? icon.getBoundingClientRect().width : parseFloat(style.width) || 0;
            return {title: button.title, mask: style.maskImage || style.webkitMaskImage || 'none', width: width};
        })"""
    )
    blank = [icon for icon in icons if icon["width"] < 12 or "/static/img/editor/" not in icon["mask"]]
    assert not blank, f"toolbar buttons without an icon: {blank}"
    assert all(icon["title"] for icon in icons), "every button is named for screen readers"
    toolbar.get_by_role("button", name=re.compile("^Toggle Preview")).click()
    expect(page.locator(".editor-preview-active").first).to_be_visible()
