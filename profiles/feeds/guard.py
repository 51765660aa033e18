"""Decide whether an address may be fetched: http(s) only, and only to public IP addresses.

The host is resolved once here and the client connects to the address that was checked, so a
DNS answer that changes between check and connect (DNS rebinding) cannot reach inside.
"""

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from profiles.feeds.errors import FetchRefused

_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_ALLOWED_TEST_ADDRESS = ipaddress.ip_address("127.0.0.1")


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    address: str  # the checked IP address to connect to


def check_url(url: str) -> Target:
    """Parse, resolve and check `url`; raise FetchRefused with a plain reason when it is not safe."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused("Only http and https addresses can be read.")
    if parts.username or parts.password:
        raise FetchRefused("Addresses with a user name or password in them are not read.")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused("The address has no host name.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchRefused("The address has an invalid port.") from error
    _refuse_odd_numeric_forms(host)
    address = _resolve_checked(host, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=scheme, host=host, port=port, path=path, address=address)


def _refuse_odd_numeric_forms(host: str) -> None:
    """2130706433, 0x7f000001 and 0177.1 all mean 127.0.0.1 to some resolvers: refuse them outright."""
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    if _NUMERIC_LABEL.match(host.split(".")[-1]):
        raise FetchRefused("Numeric host names other than a plain IP address are not read.")


def _resolve_checked(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"The host name {host} could not be found.") from error
    addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    if not addresses:
        raise FetchRefused(f"The host name {host} could not be found.")
    for address in addresses:
        if not is_allowed_address(address):
            raise FetchRefused(f"{host} points to a private or reserved address ({address}); it is not read.")
    return str(sorted(addresses, key=lambda a: a.version)[0])


def is_allowed_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if getattr(settings, "HUB_FEEDS_ALLOW_LOOPBACK", False) and address == _ALLOWED_TEST_ADDRESS:
        return True
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        return is_allowed_address(mapped)
    bad = (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not bad
