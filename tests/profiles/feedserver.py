"""A real HTTP server on 127.0.0.1 that serves the feed fixtures, for the feed tests.

Each route plays one situation a feed reader meets: plain feeds, conditional GET, redirects,
oversized, slow and hostile responses. Requests are recorded so tests can check the headers sent.
"""

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ETAG = '"rss-v1"'
LAST_MODIFIED = "Tue, 10 Mar 2026 09:00:00 GMT"


class FeedHandler(BaseHTTPRequestHandler):
    server_version = "FixtureFeeds/1.0"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.requests.append({"path": self.path, "headers": dict(self.headers.items())})
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        route(self)

    def _send(self, status, body=b"", content_type="application/rss+xml", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def fixture(self, name, content_type="application/rss+xml"):
        self._send(200, (FIXTURES / name).read_bytes(), content_type)


def _rss(handler):
    if handler.headers.get("If-None-Match") == ETAG:
        handler.send_response(304)
        handler.send_header("ETag", ETAG)
        handler.end_headers()
        return
    body = (FIXTURES / "rss2.xml").read_bytes()
    handler._send(200, body, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})


def _redirect(target):
    def route(handler):
        location = target.format(port=handler.server.server_port)
        handler._send(302, b"", "text/plain", {"Location": location})

    return route


def _oversized(handler):
    item = b"<item><title>Padding</title><guid>x</guid><description>" + b"a" * 1000 + b"</description></item>"
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>' + item * 200 + b"</channel></rss>"
    handler._send(200, body)


def _oversized_no_length(handler):
    """Streams past the cap without announcing a Content-Length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    try:
        for _ in range(300):
            handler.wfile.write(b"<!-- " + b"b" * 1000 + b" -->")
    except (BrokenPipeError, ConnectionResetError):
        pass
    handler.close_connection = True


def _slow(handler):
    body = (FIXTURES / "rss2.xml").read_bytes()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.flush()
    time.sleep(1.5)
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(body)


def _byte_a_second(handler):
    """Sends a valid start, then one byte a second: never idle long enough for a read time-out."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>')
        handler.wfile.flush()
        for _ in range(120):
            time.sleep(1)
            handler.wfile.write(b" ")
            handler.wfile.flush()
    handler.close_connection = True


def _headers_a_byte_a_second(handler):
    """Trickles the status line and headers themselves, one byte a second."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Padding: " + b"a" * 100:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(1)
    handler.close_connection = True


def _gzipped(handler):
    body = gzip.compress((FIXTURES / "atom.xml").read_bytes())
    handler._send(200, body, "application/atom+xml", {"Content-Encoding": "gzip"})


def _gzip_bomb(handler):
    body = gzip.compress(b"<" + b" " * 5_000_000)
    handler._send(200, body, "application/rss+xml", {"Content-Encoding": "gzip"})


ROUTES = {
    "/rss.xml": _rss,
    "/atom.xml": lambda h: h.fixture("atom.xml", "application/atom+xml"),
    "/@sam.rss": lambda h: h.fixture("mastodon.rss"),
    "/profile/sam.bsky.social/rss": lambda h: h.fixture("bluesky.rss"),
    "/malformed.xml": lambda h: h.fixture("malformed.xml"),
    "/bomb.xml": lambda h: h.fixture("bomb.xml"),
    "/script.xml": lambda h: h.fixture("script.xml"),
    "/site/": lambda h: h.fixture("site.html", "text/html; charset=utf-8"),
    "/plain-page/": lambda h: h._send(200, b"<!DOCTYPE html><html><body>No feed here</body></html>", "text/html"),
    "/redirect": _redirect("/rss.xml"),
    "/redirect-loop": _redirect("/redirect-loop"),
    "/redirect-to-loopback": _redirect("http://127.0.0.2:{port}/rss.xml"),
    "/redirect-to-ipv6-loopback": _redirect("http://[::1]:{port}/rss.xml"),
    "/redirect-to-private": _redirect("http://10.0.0.7/rss.xml"),
    "/redirect-to-file": _redirect("file:///etc/passwd"),
    "/oversized.xml": _oversized,
    "/oversized-stream.xml": _oversized_no_length,
    "/slow.xml": _slow,
    "/gzip.xml": _gzipped,
    "/gzip-bomb.xml": _gzip_bomb,
    "/gone.xml": lambda h: h._send(500, b"server error", "text/plain"),
    "/byte-a-second.xml": _byte_a_second,
    "/headers-a-byte-a-second.xml": _headers_a_byte_a_second,
}


class FeedServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def requests(self) -> list[dict]:
        return self.httpd.requests

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
