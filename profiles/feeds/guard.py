"""Decide whether an address may be fetched: http(s) only, and only to public IP addresses.

The host is resolved once here and the client connects to the address that was checked, so a
DNS answer that changes between check and connect (DNS rebinding) cannot reach inside. IPv6
addresses that carry an IPv4 address inside them (IPv4-mapped, 6to4, NAT64, Teredo) are judged by
that IPv4 address too: a relay or translator would deliver to it.

`check_for_saving` is the same check when a member saves a feed address, without the wait: a host
that cannot be found, or not quickly, is left to the fetch (which checks again).
"""

import ipaddress
import re
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from profiles.feeds.errors import FetchRefused

_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_ALLOWED_TEST_ADDRESS = ipaddress.ip_address("127.0.0.1")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are the IPv4 address
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local translators, never public
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d (and :: and ::1)
_SAVE_LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="feed-address-check")


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    address: str  # the checked IP address to connect to


def check_url(url: str) -> Target:
    """Parse, resolve and check `url`; raise FetchRefused with a plain reason when it is not safe."""
    scheme, host, port, path = _checked_parts(url)
    address = _resolve_checked(host, port)
    return Target(scheme=scheme, host=host, port=port, path=path, address=address)


def check_for_saving(url: str, timeout: float = 2.0) -> None:
    """Refuse at once what `check_url` would refuse at fetch time. A host name that cannot be found
    (yet), or not within `timeout` seconds, passes: the fetch checks it again and says so."""
    _scheme, host, port, _path = _checked_parts(url)
    try:
        _SAVE_LOOKUPS.submit(_resolve_checked, host, port).result(timeout=timeout)
    except LookupTimeout:
        return
    except FetchRefused as error:
        if "could not be found" not in str(error):
            raise


def _checked_parts(url: str) -> tuple[str, str, int, str]:
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
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port, path


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
    if address.version == 6:
        embedded = _embedded_ipv4(address)
        if embedded is None:
            return False
        if embedded and not all(is_allowed_address(inner) for inner in embedded):
            return False
        if address.ipv4_mapped is not None:
            return True  # judged by the IPv4 address alone, as the socket would connect to it
    bad = (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not bad


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address] | None:
    """The IPv4 addresses an IPv6 address carries (empty: none); None for a form never allowed."""
    if address in _NAT64_LOCAL or (address in _IPV4_COMPATIBLE and address.ipv4_mapped is None):
        return None
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)  # the Teredo server and the (unscrambled) client
    if address in _NAT64:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    return []
