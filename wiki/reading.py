"""What a wiki page shows a reader, kept as shared fragments per viewer class (hub/fragments.py,
docs/adr/0102 and 0106): a page_context provider for every wiki page (wiki/apps.py).

- The page's own part (its header; an article's Markdown with its wiki links resolved, documents
  and related pages; a debate's motion, positions and summary, wiki/debates.py) reads about the
  viewer only their audience (hub.page_cache.audience: which documents, pages and links they may
  see, whether they may start a missing page): one fragment per (page, audience).
- The sidebar (edit link, history, last edit, contributors, what links here, the watch form) reads
  the audience, whether the reader is active and owns the page (with the audience, everything
  Wagtail's `can_edit` reads: group page permissions, superuser, ownership for "add", a group
  approval task), how often they watch the page, and the address (the sign-in link's `next=`). Its
  form carries hub.fragments' CSRF stand-in, replaced per request.
- Boxes of related links other parts add below the sidebar (`add_sidebar_panels`: home/related.py's
  "Questions about this") are rendered into it, with the reputation key: they read about the viewer
  only their audience, which the sidebar's class names.
- A debate's discussion (with its comment form, stand-ins replaced per request: wiki/debates.py)
  comes in the same round trip.
- A preview renders everything and keeps nothing: it is a draft, not the page everyone sees.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import get_template

from hub import fragments, markdown
from hub.page_cache import audience
from wiki import debates, selectors
from wiki.models import DebatePage

# What other parts show below a wiki page's sidebar: (page, viewer) -> [hub.related.Panel].
_sidebar_panels: list[Callable] = []


def add_sidebar_panels(provider: Callable) -> None:
    """Show `provider(page, viewer)`'s boxes of related links below every wiki page's sidebar. They
    are kept with the sidebar, per its viewer class: a provider may read of the viewer only their
    audience (hub.page_cache.audience). Adding twice is a no-op."""
    if provider not in _sidebar_panels:
        _sidebar_panels.append(provider)


def page_parts(page, request) -> dict:
    """The page's own part, its sidebar and (a debate) its discussion, from one cache round trip."""
    user = request.user
    parts = [
        ("wiki-page-sidebar", sidebar_class(page, user, request.path), lambda: render_sidebar(page, request)),
    ]
    if isinstance(page, DebatePage):
        parts += debates.parts(page, request)
    else:
        parts.append(("wiki-article-main", audience(user), lambda: render_article(page, request)))
    if getattr(request, "is_preview", False):
        values = [build() for _name, _class, build in parts]
    else:
        keys = [fragments.key(name, page.pk, viewer_class) for name, viewer_class, _build in parts]
        values = fragments.fetch(request, keys, lambda index: parts[index][2]())
    sidebar, main, *discussion = values
    sidebar, main = fragments.personalise(request, [sidebar, main])
    context = {"wiki_sidebar": sidebar, "wiki_main": main}
    if discussion:
        context.update(debates.discussion_context(page, request, *fragments.personalise(request, discussion)))
    return context


def sidebar_class(page, user, path: str) -> str:
    """Everything about the viewer the sidebar shows (see the module's docstring)."""
    if not user.is_authenticated:
        return f"public|{path}"
    ownership = f"active{user.is_active:d}owner{page.owner_id == user.pk:d}"
    return f"{audience(user)}|{ownership}|watch={selectors.watch_frequency(page, user)}|{path}"


def render_sidebar(page, request) -> str:
    user = request.user
    context = {
        "request": request,
        "user": user,
        "page": page,
        "csrf_token": fragments.CSRF,
        "related_panels": [panel for provider in _sidebar_panels for panel in provider(page, user)],
        **selectors.page_sidebar(page, user),
    }
    return get_template("wiki/includes/page_sidebar.html").render(context)


def render_article(page, request) -> str:
    user = request.user
    context = {
        "request": request,
        "user": user,
        "page": page,
        "page_tags": selectors.page_tags(page),
        "body_html": markdown.render(page.body, {"user": user}),
        **selectors.article_attachments(page, user),
    }
    return get_template("wiki/includes/article_main.html").render(context)
