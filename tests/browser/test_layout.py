"""Layout: every page type fits a 320 px screen, and text made twice as big loses nothing."""

import pytest

from tests.browser.pages import ALL_PAGES
from tests.browser.support import log_in, visit

pytestmark = pytest.mark.browser

# Visible text that is cut off by its box, or that sticks out past the right edge of the window.
FIND_LOST_CONTENT = """() => {
    const lost = [];
    const viewport = document.documentElement.clientWidth;
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('.visually-hidden, .skip-link, [hidden], pre, .table-scroll')) { continue; }
        // A text box scrolls its own value; that is not lost content.
        if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) { continue; }
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


@pytest.mark.parametrize("page_type", ALL_PAGES, ids=[page_type.name for page_type in ALL_PAGES])
def test_page_type_fits_320_pixels_and_survives_200_percent_text(new_page, hub_server, page_type):
    page = new_page(viewport={"width": 320, "height": 640})
    if page_type.user:
        log_in(page, hub_server, page_type.user)
    visit(page, hub_server, page_type.resolve(hub_server), status=page_type.status)
    lost = page.evaluate(FIND_LOST_CONTENT)
    assert lost == [], f"{page_type.label} at 320 px:\n  " + "\n  ".join(lost)

    page.set_viewport_size({"width": 1280, "height": 900})
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
