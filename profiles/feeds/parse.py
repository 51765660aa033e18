"""Check feed XML with entity expansion disabled, then read it with feedparser and clean each item.

feedparser sanitises some HTML but not titles, keeps javascript: links, and would fetch a URL if
given one: so it only ever gets bytes that defusedxml has already accepted.
"""

import calendar
import html
from dataclasses import dataclass
from datetime import UTC, datetime

import defusedxml.ElementTree as SafeET
import feedparser
import nh3
from defusedxml import DefusedXmlException

from hub.sanitise import clean_feed_html
from profiles.feeds.errors import FetchError

SUMMARY_SOURCE_LIMIT = 20_000
SUMMARY_TEXT_LIMIT = 600


@dataclass(frozen=True)
class ParsedItem:
    guid: str
    title: str
    link: str
    summary: str
    published_at: datetime


def check_xml(body: bytes) -> None:
    """Refuse DTD entities, external references and XML that is not well formed."""
    try:
        SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FetchError("The feed declares XML entities, which the hub refuses to expand.") from error
    except SafeET.ParseError as error:
        raise FetchError(f"The feed is not well-formed XML ({error}).") from error


def parse_feed(body: bytes, limit: int) -> list[ParsedItem]:
    check_xml(body)
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries and not parsed.get("feed"):
        raise FetchError("This is XML, but not an RSS or Atom feed.")
    items = {}
    for entry in parsed.entries:
        item = _item(entry)
        if item and item.guid not in items:
            items[item.guid] = item
    return sorted(items.values(), key=lambda item: item.published_at, reverse=True)[:limit]


def _item(entry) -> ParsedItem | None:
    link = safe_link(entry.get("link", ""))
    guid = (entry.get("id") or link or "").strip()[:500]
    if not guid:
        return None
    title = plain_text(entry.get("title", ""))[:300]
    summary = clean_summary(entry.get("summary", "") or _first_content(entry))
    if not (title or summary):
        return None
    return ParsedItem(guid=guid, title=title, link=link, summary=summary, published_at=_published(entry))


def _first_content(entry) -> str:
    content = entry.get("content") or []
    return content[0].get("value", "") if content else ""


def safe_link(url: str) -> str:
    url = (url or "").strip()
    return url[:1000] if url.lower().startswith(("http://", "https://")) else ""


def plain_text(value: str) -> str:
    """Strip every tag (script and style with their content) and decode entities: stored as text."""
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def clean_summary(value: str) -> str:
    cleaned = clean_feed_html((value or "")[:SUMMARY_SOURCE_LIMIT])
    if len(plain_text(cleaned)) > SUMMARY_TEXT_LIMIT:
        # Long posts become a plain-text excerpt: cutting HTML could leave a tag open.
        text = plain_text(cleaned)[:SUMMARY_TEXT_LIMIT].rsplit(" ", 1)[0]
        return html.escape(text) + "…"
    return cleaned


def _published(entry) -> datetime:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    return datetime.now(tz=UTC)
