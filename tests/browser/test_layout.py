"""Layout: pages fit a 320 px screen, and text made twice as big loses nothing."""

import pytest

from tests.browser.pages import ALL_PAGES
from tests.browser.support import visit

pytestmark = pytest.mark.browser

MAIN_PAGES = [page_type for page_type in ALL_PAGES if page_type.main]

# Visible text that is cut off by its box, or that sticks out past the right edge of the window.
FIND_LOST_CONTENT = """() => {
    const lost = [];
    const viewport = document.documentElement.clientWidth;
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('.visually-hidden, .skip-link, [hidden], pre, .table-scroll')) { continue; }
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') { continue; }
        const clipsX = ['hidden', 'clip'].includes(style.overflowX);
        const clipsY = ['hidden', 'clip'].includes(style.overflowY);
        if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
            lost.push('clipped: ' + describe(el));
        }
        const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
        const box = el.getBoundingClientRect();
        if (hasText && box.width > 0 && box.right > viewport + 1) {
            lost.push('past the right edge: ' + describe(el) + ' (' + Math.round(box.right) + ' > ' + viewport + ')');
        }
    }
    if (document.documentElement.scrollWidth > viewport + 1) {
        lost.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + viewport);
    }
    return lost;
}"""


@pytest.mark.parametrize("page_type", MAIN_PAGES, ids=[page_type.name for page_type in MAIN_PAGES])
def test_main_page_fits_a_320_pixel_screen_without_sideways_scrolling(new_page, hub_server, page_type):
    page = new_page(viewport={"width": 320, "height": 640})
    visit(page, hub_server, page_type.resolve(hub_server), status=page_type.status)
    lost = page.evaluate(FIND_LOST_CONTENT)
    assert lost == [], f"{page_type.label} at 320 px:\n  " + "\n  ".join(lost)


@pytest.mark.parametrize("page_type", MAIN_PAGES, ids=[page_type.name for page_type in MAIN_PAGES])
def test_main_page_text_at_200_percent_loses_nothing(new_page, hub_server, page_type):
    page = new_page(viewport={"width": 1280, "height": 900})
    visit(page, hub_server, page_type.resolve(hub_server), status=page_type.status)
    base_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") == 2 * base_size
    lost = page.evaluate(FIND_LOST_CONTENT)
    assert lost == [], f"{page_type.label} with 200% text:\n  " + "\n  ".join(lost)


def test_menu_button_opens_the_main_navigation_on_a_narrow_screen(new_page, hub_server):
    page = new_page(viewport={"width": 320, "height": 640})
    visit(page, hub_server, "/")
    toggle = page.get_by_role("button", name="Menu")
    wiki_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Wiki")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert wiki_link.is_visible()
