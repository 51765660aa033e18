"""The frame of every page (the site header with the account links, and the footer), rendered once
per process for each set of values it shows and reused (docs/adr/0105).

Every signed-in page paid for rendering its frame again: a dozen `{% url %}` and `{% static %}`
look-ups, the navigation, the account links, the footer. What the frame shows is small and known:
the site's name, which navigation link is the current one, the search box's text, and for a member
their name, picture, unread count and whether they may open the admin. `header()` and `footer()`
gather exactly these values, render the template with them alone (not with the page's context, so
the template cannot show anything else), and keep the HTML under a key made of all of them.

- Exact: every value is read for this request (the member's row and roles are loaded on every
  request, hub/auth_backends.py), so a change (an inbox message, a new name, a new role) makes a
  new key at once. Addresses and static files are fixed for the life of a process; the key holds
  the script prefix, URLconf and language in case they are not.
- Private: two viewers get the same HTML only when every value shown is the same. The CSRF token
  is rendered as `fragments.CSRF` and replaced per request (`fragments.personalise`).
- Bounded: at most `MAX_KEPT` entries per process, the oldest dropped first; a search box holding
  a query is never kept (anyone can type any number of them).
- Nothing shared: no cache server is involved, so an unreachable Redis changes nothing here.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

from django.conf import settings
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from hub import fragments

MAX_KEPT = 2000
# The main navigation: label and address (a path, or a URL name to reverse). A link is marked as
# the current one on every page whose path starts with its address.
MAIN_NAV = (
    ("Wiki", "/wiki/"),
    ("Questions", "qa:list"),
    ("Profiles", "/profiles/"),
    ("Pathway", "pathway:overview"),
    ("Events", "/events/"),
    ("Search", "search:search"),
)
INBOX = "hub:inbox"
ADMIN_PERMISSION = "wagtailadmin.access_admin"

_kept: dict[tuple, str] = {}
_addresses: dict[tuple, tuple[tuple[str, str], ...]] = {}
_static: dict[tuple, str] = {}
_lock = threading.Lock()


class NavLink(NamedTuple):
    label: str
    href: str
    current: bool


class Account(NamedTuple):
    """All the header shows of the signed-in member."""

    public_name: str
    avatar_src: str
    unread: int
    admin: bool
    inbox_current: bool


def header(context, avatar_src) -> SafeString:
    """The site header for the page being rendered (includes/site_header.html)."""
    request = context.get("request")
    path = getattr(request, "path", "")
    addresses = _nav_addresses()
    search_query = "" if context.get("hide_site_search") else str(context.get("search_query") or "")
    values = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "nav": tuple(NavLink(label, href, path.startswith(href)) for label, href in addresses[:-1]),
        "search_box": not context.get("hide_site_search"),
        "search_query": search_query,
        "account": _account(request, avatar_src, path.startswith(addresses[-1][1])),
    }
    return _rendered("includes/site_header.html", values, request, keep=not search_query)


def footer(context) -> SafeString:
    """The site footer (includes/footer.html): the same on every page."""
    return _rendered("includes/footer.html", {"site_name": settings.WAGTAIL_SITE_NAME}, context.get("request"))


def static_url(path: str) -> str:
    """`{% static path %}`, looked up once per process: the manifest of hashed names is read when
    the process starts and never changes while it runs, and each look-up cost about 50 µs."""
    key = (path, settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"])
    url = _static.get(key)
    if url is None:
        url = _static[key] = static(path)
    return url


def forget() -> None:
    """Drop everything kept (tests that change addresses or templates)."""
    with _lock:
        _kept.clear()
        _addresses.clear()
        _static.clear()


def _account(request, avatar_src, inbox_current: bool) -> Account | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return Account(
        public_name=user.public_name,
        avatar_src=avatar_src(user),
        unread=user.unread_notifications,
        admin=user.has_perm(ADMIN_PERMISSION),
        inbox_current=inbox_current,
    )


def _place() -> tuple:
    return (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, get_language())


def _nav_addresses() -> tuple[tuple[str, str], ...]:
    """The main navigation's (label, address) pairs, then the inbox's, reversed once per place."""
    place = _place()
    found = _addresses.get(place)
    if found is None:
        links = [(label, href if href.startswith("/") else reverse(href)) for label, href in MAIN_NAV]
        found = _addresses[place] = (*links, ("Inbox", reverse(INBOX)))
    return found


def _rendered(template_name: str, values: dict, request, keep: bool = True) -> SafeString:
    key = (template_name, _place(), tuple(values.items()))
    html = _kept.get(key)
    if html is None:
        html = get_template(template_name).render({**values, "csrf_token": fragments.CSRF})
        if keep:
            _keep(key, html)
    return fragments.personalise(request, [html])[0] if request is not None else SafeString(html)


def _keep(key: tuple, html: str) -> None:
    with _lock:
        while len(_kept) >= MAX_KEPT:
            del _kept[next(iter(_kept))]  # the oldest: dicts keep the order keys were added in
        _kept[key] = html
