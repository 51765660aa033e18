"""Whole pages for anonymous visitors, kept in the shared cache and dropped by any committed write.
See docs/adr/0100-anonymous-page-cache.md.

- `PageCacheMiddleware` answers a GET from a visitor without a session or messages cookie from
  the `pages` cache alias when it holds the page under the current generation, and stores what it
  renders for such a visitor when the response is the same for every anonymous visitor (200, no
  cookie set, no CSRF token used, no `private`/`no-store`, no Vary beyond Cookie).
- The generation is one random token in the cache. Every write to the database that can change a
  page (any INSERT, UPDATE or DELETE outside `QUIET_TABLES`, by any code path: services, the
  admin, Wagtail's publishing and moves, bulk updates, tasks, commands) replaces it, through a
  wrapper on every database connection: at once, and again when the transaction commits.
  A page stored under an older token is never served again.
- The cache is an accelerator (docs/adr/0052): when it cannot be reached, pages are rendered, and
  a token that could not be replaced is replaced again by this process as soon as it can.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Exists
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from wagtail.models import Site

from hub import roles, sessions
from hub.cache import ResilientRedisCache, breaker_open
from hub.page_context import restrictions_from_root_to

CACHE_ALIAS = "pages"
GENERATION_KEY = "hub:pages:generation"
# Writes here never change what an anonymous visitor sees: sessions, the task queue, private
# notifications, one-time tokens, the admin's own records and image renditions (made on demand).
QUIET_TABLES = frozenset(
    {
        "django_session",
        "django_tasks_database_dbtaskresult",
        "django_admin_log",
        "hub_notification",
        "hub_pendingnotification",
        "hub_scheduledrun",
        "hub_submissiontoken",
        "account_emailconfirmation",
        "wagtailadmin_editingsession",
        "wagtailcore_pagelogentry",
        "wagtailcore_modellogentry",
        "wagtailimages_rendition",
        "wagtailsearchpromotions_querydailyhits",
        "wagtailusers_userprofile",  # the admin's own preferences, made on a member's first visit
    }
)
# Statements that write a table pages show, but nothing any page shows: logging in.
QUIET_STATEMENTS = re.compile(r'^UPDATE "hub_user" SET "last_login" = %s WHERE "hub_user"\."id" = %s$')
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET ", "SHOW", "PRAGMA", "EXPLAIN")
WRITE_TABLE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?([\w.]+)",
    re.IGNORECASE,
)
WRITE_IN_CTE = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.IGNORECASE)
ALLOWED_VARY = {"cookie", "accept-encoding"}
_PENDING = threading.Event()  # set when a replacement of the token may not have reached the cache
_BUMPING = threading.local()  # a cache kept in the database must not wake the wrapper again
# Per thread: how many times it read the generation, and how many it had read at its last bump
# inside a transaction. Only this thread sees its transaction's rows before the commit, so a
# second bump before it reads a page again would change nothing.
_READS = threading.local()


# --- the generation --------------------------------------------------------------------------------


def enabled() -> bool:
    return getattr(settings, "HUB_PAGE_CACHE", True)


def bump() -> None:
    """Replace the generation token: every stored page becomes stale at once."""
    if not enabled() or getattr(_BUMPING, "active", False):
        return
    _BUMPING.active = True
    try:
        store = caches[CACHE_ALIAS]
        store.set(GENERATION_KEY, secrets.token_hex(8), None)
    finally:
        _BUMPING.active = False
    # A Redis that failed (or was skipped) opened the breaker: try again as soon as it is back.
    if isinstance(store, ResilientRedisCache) and breaker_open(store.location):
        _PENDING.set()
    else:
        _PENDING.clear()


def current_generation(store, found: dict) -> str | None:
    """The token read with the page, or a new one when the cache has none (never a fixed value:
    pages stored before the key was evicted must not match again)."""
    _READS.count = getattr(_READS, "count", 0) + 1
    generation = found.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = store.get(GENERATION_KEY)
    return generation


def is_write(sql: str) -> bool:
    """Could this statement change a page? Unknown statements count as writes."""
    head = sql.lstrip(" \t\n(")[:10].upper()  # PostgreSQL's UNION of two queries starts "(SELECT"
    if head.startswith(READS) or QUIET_STATEMENTS.match(sql):
        return False
    if head.startswith("WITH"):  # a common table expression: a write only if it holds one
        return bool(WRITE_IN_CTE.search(sql))
    match = WRITE_TABLE.match(sql)
    return not (match and match.group(1).strip('"`').rsplit(".", 1)[-1] in QUIET_TABLES)


def _registered(connection) -> bool:
    """Is `bump` already waiting for this transaction's commit? Django replaces the list of commit
    callbacks after a commit or a rollback (of a savepoint too), so the list we added to is the
    one still current only while our callback is in it."""
    return getattr(connection, "_hub_pages_commit_list", None) is connection.run_on_commit


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: after a write, replace the token now and on commit."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and is_write(sql) and enabled():
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump()
            return result
        # Now, so that no page stored from this transaction's own rows outlives it (a rollback, a
        # test that never commits), and on commit, so that a page another request rendered from
        # the old rows before the commit is never served after it.
        reads = getattr(_READS, "count", 0)
        if getattr(_READS, "at_last_bump", None) != reads:
            bump()
            _READS.at_last_bump = reads
        if not _registered(connection):
            transaction.on_commit(bump, using=connection.alias)
            connection._hub_pages_commit_list = connection.run_on_commit
    return result


def install(connection, **kwargs) -> None:
    """Put `watch_writes` on a database connection (the `connection_created` signal)."""
    if watch_writes not in connection.execute_wrappers:
        # First in the list: Django's `execute_wrapper()` context manager pops the last one.
        connection.execute_wrappers.insert(0, watch_writes)


# --- parts of pages every visitor sees the same ----------------------------------------------------


def shared(name: str, build, *parts):
    """What `build()` returns, kept under the current generation: the same for every visitor
    (signed in or not) until the next write. Each call is one cache round trip."""
    return _shared(name, build, parts, ())[0]


def _shared(name: str, build, parts, also: list[str]) -> tuple[object, dict]:
    """`shared()`, also reading the keys `also` in the same round trip: (the value, what was found
    of them)."""
    if not enabled():
        return build(), {}
    store = caches[CACHE_ALIAS]
    key = f"hub:shared:{name}:" + ":".join(str(part) for part in parts)
    found = store.get_many([GENERATION_KEY, key, *also])
    extra = {wanted: found.get(wanted) for wanted in also}
    generation = current_generation(store, found)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1], extra
    value = build()
    if generation is not None:
        store.set(key, (generation, value), settings.HUB_PAGE_CACHE_SECONDS)
    return value, extra


def audience(viewer) -> str:
    """Who sees the same as `viewer`: hub.visibility's rules read only whether the visitor is signed
    in, a superuser, and their groups. Anything shown by `shared()` to a member is kept per audience."""
    if viewer is None or not viewer.is_authenticated:
        return "public"
    if viewer.is_superuser:
        return "superuser"
    return "groups=" + ",".join(sorted(roles.role_names(viewer)))


def kept_for(viewer):
    """`shared()` for what `viewer`'s audience sees: keep(name, build, *parts)."""
    group = audience(viewer)
    return lambda name, build, *parts: shared(name, build, *parts, group)


# --- the middleware --------------------------------------------------------------------------------


def eligible(request) -> bool:
    """Can this request be answered with the page every anonymous visitor gets?"""
    if request.method != "GET" or not enabled():
        return False
    if request.path.startswith(tuple(getattr(settings, "HUB_PAGE_CACHE_EXEMPT", ()))):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies or "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= 500


def storable(request, response) -> bool:
    """Is this response the same for every anonymous visitor?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.headers.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {word.strip().lower() for word in cc_delim_re.split(response.headers.get("Vary", "")) if word.strip()}
    return vary <= ALLOWED_VARY


def page_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "hub:page:" + hashlib.sha256(address.encode()).hexdigest()


def rebuild(entry) -> HttpResponse:
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Hub-Cache"] = "hit"
    return response


class SiteMiddleware:
    """Wagtail's site for the request's host and its root page, kept until the next write
    (`shared()`): Wagtail otherwise reads the site, the root page and its specific row on every
    request that serves or links to a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled() and not request.path.startswith(tuple(getattr(settings, "HUB_PAGE_CACHE_EXEMPT", ()))):
            # The member's session comes in the same round trip, when kept in this cache (hub/sessions.py).
            session = sessions.cache_key(request, CACHE_ALIAS)
            also = [session] if session else []
            site, found = _shared("wagtail-site", lambda: _site_for(request), (request.get_host(),), also)
            request._wagtail_site = site
            if session:
                sessions.hand_over(request, found[session])
        return self.get_response(request)


def _site_for(request):
    """The site with its root page (the home page, which Wagtail serves as this very object) loaded
    in its specific form, and in the same query whether any view restriction covers it: the home
    page is then served without asking again on every request (hub.page_context's
    OneQueryViewRestrictionsMixin). A new restriction is a write, which replaces the generation
    this is kept under."""
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page
        model = root.specific_class or type(root)
        restricted = Exists(restrictions_from_root_to(root.path))
        specific = model._default_manager.annotate(hub_restricted=restricted).get(pk=root.pk)
        if not specific.hub_restricted:
            specific._hub_unrestricted = True
        root.__dict__["specific"] = specific  # Page.specific is a cached_property: this is its value
    return site


class PageCacheMiddleware:
    """Whole pages for anonymous visitors (docs/adr/0100). Sits after the middleware that adds
    security headers, so a stored page is sent with the headers of the moment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _PENDING.is_set():
            bump()
        if not eligible(request):
            return self.get_response(request)
        store = caches[CACHE_ALIAS]
        key = page_key(request)
        found = store.get_many([GENERATION_KEY, key])
        generation = current_generation(store, found)
        entry = found.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            return rebuild(entry)
        response = self.get_response(request)
        if generation is not None and storable(request, response):
            headers = [(name, value) for name, value in response.headers.items() if name.lower() != "x-hub-cache"]
            entry = (generation, response.status_code, headers, response.content)
            store.set(key, entry, settings.HUB_PAGE_CACHE_SECONDS)
            response.headers["X-Hub-Cache"] = "miss"
        return response
