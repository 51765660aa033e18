"""Sessions kept in the shared cache and the database (Django's cached_db engine, docs/adr/0103),
read in the request's first cache round trip (docs/adr/0114).

A signed-in request used to ask the cache twice before its view ran: `hub.page_cache.SiteMiddleware`
for the page generation and the Wagtail site, then the session engine for the session. When the
session is kept in the same cache as the pages (`SESSION_CACHE_ALIAS` is the page cache's alias, as
settings/base.py sets it with Redis), SiteMiddleware asks for the session's entry in its own round
trip and `SessionMiddleware` hands what it found to the request's `SessionStore`, which reads it
instead of asking again. An entry not found (expired, evicted, the cache down) is read as before:
from the cache, then the database.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

_UNREAD = object()


class SessionStore(cached_db.SessionStore):
    """Django's cached_db store, which first reads what the request's first cache round trip found."""

    prefetched = _UNREAD  # the cache's entry for this session when the request began, or None

    def load(self):
        data, self.prefetched = self.prefetched, _UNREAD
        if data is _UNREAD or data is None:
            return super().load()
        return data


def cache_key(request, alias: str) -> str | None:
    """The key of this request's session in cache `alias`, when this engine keeps it there and the
    request carries a session cookie that could name one; otherwise None."""
    if __name__ != settings.SESSION_ENGINE or alias != settings.SESSION_CACHE_ALIAS:
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key or not SessionStore()._validate_session_key(session_key):
        return None
    return SessionStore.cache_key_prefix + session_key


def hand_over(request, found) -> None:
    """Keep the session's cache entry as `cache_key`'s caller found it, for `SessionMiddleware`."""
    request._hub_session_found = found


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, giving the request's store the session entry read with the site (`hand_over`)."""

    def process_request(self, request):
        super().process_request(request)
        found = getattr(request, "_hub_session_found", _UNREAD)
        if found is not _UNREAD and isinstance(request.session, SessionStore):
            request.session.prefetched = found
