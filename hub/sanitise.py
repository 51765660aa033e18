"""The one sanitising rule for HTML that comes from members or from other sites (docs/security.md).

Everything people write in Markdown (hub/markdown.py) and every feed item's HTML
(profiles/feeds/parse.py, and again when shown) goes through `clean()`:

- only the tags and attributes of an allow-list; no `style`, no event handlers, no scripts, and
  links and images only to http, https and mailto addresses (or relative ones);
- classes only from `ALLOWED_CLASSES`: the few the hub's own Markdown and wiki links produce, so a
  post cannot dress itself in the site's own styles (messages, the skip link, buttons);
- every `id` prefixed with `ID_PREFIX` (and in-page links `#x` pointed at the prefixed id), so a
  post cannot take the id of the page's main landmark, a form field or the skip link's target;
- every link carries rel="nofollow ugc noopener": the link is a member's choice, not the hub's.
"""

from __future__ import annotations

import nh3

ID_PREFIX = "user-content-"
LINK_REL = "nofollow ugc noopener"
URL_SCHEMES = frozenset({"http", "https", "mailto"})

MARKDOWN_TAGS = frozenset(
    {
        *("p", "h2", "h3", "h4", "h5", "h6", "pre", "em", "strong", "code", "blockquote", "hr", "br"),
        *("ul", "ol", "li", "dl", "dd", "dt"),
        *("table", "caption", "thead", "tbody", "tr", "th", "td"),
        *("a", "img", "del", "ins", "sup", "sub", "span", "div"),
    }
)
MARKDOWN_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"rowspan", "colspan", "scope"},
    "td": {"rowspan", "colspan"},
}
FEED_TAGS = frozenset({"p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "br", "blockquote", "code"})
FEED_ATTRIBUTES = {"a": {"href", "title"}}

# The classes Markdown's own extensions and the wiki's links produce, per tag; every other class goes.
ALLOWED_CLASSES = {
    "a": frozenset({"wiki-link", "wiki-link--missing", "footnote-ref", "footnote-backref"}),
    # A missing wiki link's hint for screen readers ("no page yet") is a visually hidden span.
    "span": frozenset({"wiki-link", "wiki-link--missing", "visually-hidden"}),
    "div": frozenset({"codehilite", "footnote"}),
}


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        allowed = ALLOWED_CLASSES.get(tag, frozenset())
        kept = [name for name in value.split() if name in allowed]
        return " ".join(dict.fromkeys(kept)) or None
    if attribute == "href" and value.startswith("#") and not value.startswith("#" + ID_PREFIX):
        return "#" + ID_PREFIX + value[1:]
    return value


def clean(html: str, tags: frozenset[str] = MARKDOWN_TAGS, attributes: dict | None = None) -> str:
    """Sanitise an HTML fragment by the hub's one rule (the tag allow-list may be narrower)."""
    return nh3.clean(
        html or "",
        tags=set(tags),
        attributes={tag: set(names) for tag, names in (attributes or MARKDOWN_ATTRIBUTES).items()},
        clean_content_tags={"script", "style"},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        id_prefix=ID_PREFIX,
        attribute_filter=_filter,
        strip_comments=True,
    )


def clean_feed_html(html: str) -> str:
    """A feed item's HTML: the same rule with a smaller set of tags (no images, headings or tables)."""
    return clean(html, FEED_TAGS, FEED_ATTRIBUTES)
