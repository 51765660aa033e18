"""What the home page shows, gathered from each part of the hub.

Each part exposes a small `home_*` function in its own `selectors.py`; the home page
only arranges them. Each function returns a short list with its related rows loaded.
"""

from django.template.loader import render_to_string

from hub.page_cache import kept_for
from profiles import selectors as profile_selectors
from qa import selectors as qa_selectors
from wiki import selectors as wiki_selectors

PANEL_SIZE = 6


def home_panels(page, request) -> dict:
    """The panels rendered once and kept as HTML: the same for every visitor of the same audience
    until the next write (hub.page_cache). They show nothing of the one member looking."""
    viewer = request.user
    return {"panels_html": kept_for(viewer)("home-panels-html", lambda: _rendered(viewer))}


def _rendered(viewer) -> str:
    return render_to_string("home/includes/panels.html", _panels(viewer))


def _panels(viewer) -> dict:
    return {
        "newest_wiki_pages": wiki_selectors.home_newest_pages(PANEL_SIZE, viewer),
        "changed_wiki_pages": wiki_selectors.home_recently_changed_pages(PANEL_SIZE, viewer),
        "unanswered_questions": qa_selectors.home_unanswered_questions(PANEL_SIZE),
        "recent_questions": qa_selectors.home_recent_questions(PANEL_SIZE),
        "featured_profiles": profile_selectors.home_featured_profiles(PANEL_SIZE, viewer),
        "debates": list(wiki_selectors.debates(3, viewer)),
        "popular_tags": qa_selectors.popular_tags(12),
    }
