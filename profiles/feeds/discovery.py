"""Feed autodiscovery: find <link rel="alternate" type="application/rss+xml"> in a web page."""

from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+xml"}


class _FeedLinkFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "link":
            return
        values = {name: (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        if "alternate" in rels and values.get("type", "").lower() in FEED_TYPES and values.get("href"):
            self.hrefs.append(values["href"])


def looks_like_html(content_type: str, body: bytes) -> bool:
    start = body[:500].lstrip().lower()
    return content_type in ("text/html", "application/xhtml+xml") or start.startswith((b"<!doctype html", b"<html"))


def find_feed_url(page_url: str, body: bytes) -> str | None:
    finder = _FeedLinkFinder()
    finder.feed(body[:500_000].decode("utf-8", errors="replace"))
    for href in finder.hrefs:
        url = urljoin(page_url, href.strip())
        if url.lower().startswith(("http://", "https://")):
            return url
    return None
