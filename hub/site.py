"""The hub's public address, in one place: HUB_BASE_URL (stored as WAGTAILADMIN_BASE_URL).

Emails (allauth's and the hub's own), RSS and Atom feeds and the sitemap all build absolute links
from it, so a member never gets two hosts in one inbox.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def domain() -> str:
    """The host (and port, if any) of HUB_BASE_URL: what Django's sites framework calls the domain."""
    return urlsplit(base_url()).netloc


def absolute_url(location: str) -> str:
    """`location` (a path, or a full URL on any host) on the hub's public address."""
    parts = urlsplit(location)
    base = urlsplit(base_url())
    return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, parts.fragment))


def sync_site(using: str = DEFAULT_DB_ALIAS) -> Site:
    """Give the current Site row the hub's domain and name (Django's default is example.com)."""
    site, _ = Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain()[:100], "name": settings.WAGTAIL_SITE_NAME[:50]}
    )
    return site
