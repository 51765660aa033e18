"""Which addresses may speak for a visitor: the proxies listed in `settings.HUB_TRUSTED_PROXIES`.

Only a request that reaches the hub from one of these addresses may tell it the visitor's address
(X-Forwarded-For) or that the visitor used HTTPS (X-Forwarded-Proto). Gunicorn reads the same list
(gunicorn.conf.py), so the web server and Django agree. See docs/adr/0055.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_trusted_proxy(address: str) -> bool:
    """True when `address` (an IP address as text) is inside one of the trusted proxies' networks."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in _networks(tuple(settings.HUB_TRUSTED_PROXIES)))
