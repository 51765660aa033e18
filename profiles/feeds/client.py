"""A small HTTP client for feeds that connects only to checked addresses and reads only so much.

Built on http.client so each hop is under our control: resolve and check (guard.check_url),
connect to that IP with the right Host header and TLS server name, never follow a redirect
without checking it again, and stop at the size cap (also after gzip decompression).

A whole fetch (redirects and feed discovery included) has one wall-clock deadline
(HUB_FEEDS_TOTAL_TIMEOUT). A watchdog shuts the socket down when it passes, so a host that
sends one byte a second, which never trips a read time-out, is cut at the deadline too.
"""

import http.client
import socket
import ssl
import threading
import time
import zlib
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings

from profiles.feeds.errors import FetchError
from profiles.feeds.guard import Target, check_url

USER_AGENT = "CO-Knowledge-Hub-feed-reader/1.0 (+https://github.com/)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5"
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Response:
    status: int
    url: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Sends Host: <name> but connects to the address the guard checked."""

    def __init__(self, target: Target, connect_timeout: float, read_timeout: float):
        super().__init__(target.host, target.port, timeout=connect_timeout)
        self._address = target.address
        self._read_timeout = read_timeout

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.settimeout(self._read_timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, connect_timeout: float, read_timeout: float):
        super().__init__(target.host, target.port, timeout=connect_timeout, context=ssl.create_default_context())
        self._address = target.address
        self._read_timeout = read_timeout

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.settimeout(self._read_timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Deadline:
    """A moment on the monotonic clock by which a whole fetch must be done."""

    def __init__(self, seconds: float | None = None):
        self.at = time.monotonic() + (settings.HUB_FEEDS_TOTAL_TIMEOUT if seconds is None else seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0

    def check(self) -> None:
        if self.passed:
            raise FetchError(
                f"The server took longer than {settings.HUB_FEEDS_TOTAL_TIMEOUT:g} seconds to send the feed.",
                transient=True,
            )


@contextmanager
def _watchdog(connection: http.client.HTTPConnection, deadline: Deadline):
    """Shut the connection's socket down when the deadline passes, whatever it is waiting for."""

    def cut() -> None:
        sock = connection.sock
        if sock is not None:
            with suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline.remaining()), cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def fetch(url: str, etag: str = "", last_modified: str = "", deadline: Deadline | None = None) -> Response:
    """GET `url` safely. 304 comes back as a Response with status 304 and no body."""
    deadline = deadline or Deadline()
    for _hop in range(settings.HUB_FEEDS_MAX_REDIRECTS + 1):
        deadline.check()
        target = check_url(url)
        response, location = _one_request(target, url, etag, last_modified, deadline)
        if location is None:
            return response
        url = urljoin(url, location)
    raise FetchError(f"Too many redirects (more than {settings.HUB_FEEDS_MAX_REDIRECTS}).")


def _one_request(target: Target, url: str, etag: str, last_modified: str, deadline: Deadline):
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connect_timeout = max(0.01, min(settings.HUB_FEEDS_CONNECT_TIMEOUT, deadline.remaining()))
    connection = connection_class(target, connect_timeout, settings.HUB_FEEDS_READ_TIMEOUT)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with _watchdog(connection, deadline):
            return _exchange(connection, target, url, headers, deadline)
    except FetchError:
        raise
    except TimeoutError as error:
        raise FetchError("The server took too long to answer.", transient=True) from error
    except (OSError, http.client.HTTPException) as error:
        deadline.check()  # a socket cut by the watchdog reads as a broken connection
        raise FetchError(f"Could not read {target.host}: {error.__class__.__name__}.", transient=True) from error
    finally:
        connection.close()


def _exchange(connection, target: Target, url: str, headers: dict, deadline: Deadline):
    connection.request("GET", target.path, headers=headers)
    raw = connection.getresponse()
    deadline.check()
    response_headers = {key.lower(): value for key, value in raw.getheaders()}
    if raw.status in REDIRECTS:
        location = response_headers.get("location")
        if not location:
            raise FetchError(f"The server answered {raw.status} without saying where to go.")
        return None, location
    if raw.status == 304:
        return Response(status=304, url=url, headers=response_headers), None
    if raw.status != 200:
        raise FetchError(f"The server answered with status {raw.status}.", transient=raw.status >= 500)
    body = _read_capped(raw, response_headers, deadline)
    return Response(status=200, url=url, body=body, headers=response_headers), None


def _read_capped(raw, headers: dict[str, str], deadline: Deadline) -> bytes:
    cap = settings.HUB_FEEDS_MAX_BYTES
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(f"The feed is larger than the {cap // 1024} KB the hub reads.")
    chunks, size = [], 0
    while True:
        deadline.check()
        chunk = raw.read1(64 * 1024)  # what has arrived, not a full 64 KB: the deadline is checked often
        if not chunk:
            deadline.check()  # an empty read after the watchdog's cut is not the end of the feed
            break
        size += len(chunk)
        if size > cap:
            raise FetchError(f"The feed is larger than the {cap // 1024} KB the hub reads.")
        chunks.append(chunk)
    body = b"".join(chunks)
    if headers.get("content-encoding", "").lower() in ("gzip", "x-gzip"):
        body = _gunzip_capped(body, cap)
    return body


def _gunzip_capped(body: bytes, cap: int) -> bytes:
    """Decompress at most `cap` bytes, so a small gzip bomb cannot fill the memory."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(body, cap + 1)
    except zlib.error as error:
        raise FetchError("The feed's gzip compression is broken.") from error
    if len(data) > cap or decompressor.unconsumed_tail:
        raise FetchError(f"The feed is larger than the {cap // 1024} KB the hub reads once unzipped.")
    return data
