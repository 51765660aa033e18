"""`[[Page title]]` and `[[Page title|label]]` wiki links.

The pre-processor runs before every Markdown render in the hub (registered in WikiConfig.ready()),
resolving all links of one body with one query. Link targets match a live wiki page's title
(case-insensitive) or its slug. See docs/adr/0011-wiki-links-and-backlinks.md.
"""

import re
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import escape

from wiki.models import WikiIndexPage, WikiPage

LINK = re.compile(r"\[\[([^\[\]|\n]{1,255})(?:\|([^\[\]\n]{1,255}))?\]\]")
# Fenced blocks and inline code spans show `[[...]]` literally, as a person writing about wiki syntax expects.
CODE = re.compile(r"(^(?P<fence>```|~~~).*?^(?P=fence)|`[^`\n]+`)", re.DOTALL | re.MULTILINE)


def _prose_and_code(text: str) -> list[tuple[bool, str]]:
    """Split Markdown into (is_code, chunk) pieces, in order."""
    pieces, position = [], 0
    for match in CODE.finditer(text):
        pieces.append((False, text[position : match.start()]))
        pieces.append((True, match.group(0)))
        position = match.end()
    pieces.append((False, text[position:]))
    return pieces


def normalise(target: str) -> str:
    """The key a link target is stored and matched under: trimmed, single-spaced, lower case, and
    without NUL (no title has one, and PostgreSQL refuses it in a query: the preview would fail)."""
    return " ".join(target.replace("\x00", "").split()).lower()


def link_keys(text: str) -> set[str]:
    prose = "".join(chunk for is_code, chunk in _prose_and_code(text or "") if not is_code)
    return {normalise(match.group(1)) for match in LINK.finditer(prose)} - {""}


def resolve(keys: set[str], pages=None) -> dict:
    """Map each key to the live wiki page it names (by title first, then slug), among `pages` when
    given (a visitor's visible pages, hub/visibility.py). One query."""
    if not keys:
        return {}
    pages = list(
        (WikiPage.objects.live() if pages is None else pages)
        .annotate(lower_title=Lower("title"))
        .filter(Q(lower_title__in=keys) | Q(slug__in=keys))
        .order_by("pk")
    )
    found: dict = {}
    for page in pages:
        if page.slug in keys:
            found.setdefault(page.slug, page)
    for page in pages:
        if page.lower_title in keys:
            found[page.lower_title] = page
    return found


def can_create_pages(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    index = WikiIndexPage.objects.first()
    return bool(index and index.permissions_for_user(user).can_add_subpage())


def create_url(title: str) -> str:
    return reverse("wiki:new_page") + "?" + urlencode({"title": title})


def _render_link(match: re.Match, found: dict, may_create: bool) -> str:
    target = " ".join(match.group(1).split())
    label = escape((match.group(2) or target).strip())
    page = found.get(normalise(target))
    if page is not None:
        return f'<a class="wiki-link" href="{escape(page.url)}">{label}</a>'
    hint = '<span class="visually-hidden"> (no page yet)</span>'
    if may_create:
        return (
            f'<a class="wiki-link wiki-link--missing" href="{escape(create_url(target))}" '
            f'title="No page called this yet: start it">{label}{hint}</a>'
        )
    return f'<span class="wiki-link wiki-link--missing" title="No page called this yet">{label}{hint}</span>'


# The context key under which `reading_context()` hands the preprocessor links already resolved.
RESOLVED = "wiki_links_resolved"


def reading_context(texts: list[str], user) -> dict:
    """A Markdown rendering context (hub.markdown.render) in which the links of all `texts` (a
    debate's opening, positions and summary) are resolved by one query, not one per text."""
    keys = set().union(*(link_keys(text) for text in texts)) if texts else set()
    found = resolve(keys)
    may_create = len(found) < len(keys) and can_create_pages(user)
    return {"user": user, RESOLVED: (keys, found, may_create)}


def _resolved(keys: set[str], context: dict) -> tuple[dict, bool]:
    """The pages these keys name and whether the reader may start a missing one: from the
    context when `reading_context()` resolved them already, else one query."""
    known, found, may_create = context.get(RESOLVED, (frozenset(), {}, False))
    if keys <= known:
        return found, may_create
    found = resolve(keys)
    return found, len(found) < len(keys) and can_create_pages(context.get("user"))


def preprocess(text: str, context: dict) -> str:
    """Replace wiki links with HTML anchors (the sanitiser keeps `a` with href, title and class)."""
    if not text or "[[" not in text:
        return text
    keys = link_keys(text)
    if not keys:
        return text
    found, may_create = _resolved(keys, context)
    return "".join(
        chunk if is_code else LINK.sub(lambda match: _render_link(match, found, may_create), chunk)
        for is_code, chunk in _prose_and_code(text)
    )
