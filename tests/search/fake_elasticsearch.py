"""A stand-in for an Elasticsearch 9 cluster: a real HTTP server on 127.0.0.1 that keeps indices,
aliases, templates and documents the way Elasticsearch does for the requests the hub makes, and
records every request. No Elasticsearch server can run in this sandbox, so the hub's real client
talks HTTP to this instead; it does not search: searches answer with a response the test gives
(shaped like a real one). With ELASTICSEARCH_URL set, the same tests run against a real cluster
instead (tests/search/conftest.py).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HEADERS = {"X-Elastic-Product": "Elasticsearch", "Content-Type": "application/vnd.elasticsearch+json;compatible-with=9"}


@dataclass
class Request:
    method: str
    path: str
    query: dict
    body: object  # parsed JSON, a list of NDJSON lines, or None


@dataclass
class State:
    requests: list[Request] = field(default_factory=list)
    templates: dict = field(default_factory=dict)
    indices: dict = field(default_factory=dict)  # name -> {"aliases": {...}, "docs": {id: source}}
    search_response: dict | None = None
    fail_status: int | None = None  # answer every request with this status

    def resolve(self, name: str) -> list[str]:
        if name in self.indices:
            return [name]
        return [index for index, data in self.indices.items() if name in data["aliases"]]

    def write_index(self, name: str) -> str | None:
        if name in self.indices:
            return name
        owners = self.resolve(name)
        writers = [index for index in owners if self.indices[index]["aliases"][name].get("is_write_index")]
        return (writers or owners or [None])[0]

    def docs(self, name: str) -> dict:
        found = {}
        for index in self.resolve(name):
            found.update(self.indices[index]["docs"])
        return found


class FakeElasticsearch:
    def __init__(self, port: int = 0):
        self.state = State()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeElasticsearch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, method: str | None = None, path_part: str = "") -> list[Request]:
        return [
            request
            for request in self.state.requests
            if (method is None or request.method == method) and path_part in request.path
        ]


class _Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args) -> None:  # keep test output quiet
        return

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return None
        if self.path.split("?")[0].endswith("_bulk"):
            return [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
        return json.loads(raw)

    def _answer(self, status: int, data: object = None) -> None:
        payload = b"" if data is None or self.command == "HEAD" else json.dumps(data).encode()
        self.send_response(status)
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self) -> None:
        url = urlsplit(self.path)
        parts = [part for part in url.path.split("/") if part]
        request = Request(self.command, url.path, parse_qs(url.query), self._body())
        self.state.requests.append(request)
        if self.state.fail_status:
            self._answer(self.state.fail_status, {"error": {"type": "unavailable"}, "status": self.state.fail_status})
            return
        status, data = route(self.state, request, parts)
        self._answer(status, data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


def _missing(name: str) -> tuple[int, dict]:
    return 404, {"error": {"type": "index_not_found_exception", "index": name}, "status": 404}


def route(state: State, request: Request, parts: list[str]) -> tuple[int, object]:
    method, body = request.method, request.body
    if parts[:1] == ["_index_template"]:
        state.templates[parts[1]] = body
        return 200, {"acknowledged": True}
    if parts[:1] == ["_alias"] and method == "HEAD":
        return (200 if state.resolve(parts[1]) and parts[1] not in state.indices else 404), None
    if parts[:1] == ["_alias"]:
        owners = [index for index in state.resolve(parts[1]) if index != parts[1]]
        return (200, {index: {"aliases": {parts[1]: {}}} for index in owners}) if owners else _missing(parts[1])
    if parts == ["_aliases"]:
        for action in body["actions"]:
            ((verb, spec),) = action.items()
            aliases = state.indices[spec["index"]]["aliases"]
            if verb == "add":
                aliases[spec["alias"]] = {"is_write_index": spec.get("is_write_index", False)}
            else:
                aliases.pop(spec["alias"], None)
        return 200, {"acknowledged": True}
    if parts == ["_bulk"]:
        return 200, _bulk(state, request)
    if parts == ["_reindex"]:
        source = state.docs(body["source"]["index"])
        kinds = (
            body["source"].get("query", {}).get("bool", {}).get("must_not", [{}])[0].get("terms", {}).get("kind", [])
        )
        kept = {key: doc for key, doc in source.items() if doc.get("kind") not in kinds}
        state.indices[body["dest"]["index"]]["docs"].update(kept)
        return 200, {"total": len(kept), "created": len(kept), "failures": []}
    if len(parts) == 2 and parts[1] == "_search":
        if not state.resolve(parts[0]):
            return _missing(parts[0])
        return 200, state.search_response or {"hits": {"total": {"value": 0}, "hits": []}}
    if len(parts) == 3 and parts[1] == "_doc" and method == "DELETE":
        index = state.write_index(parts[0])
        if index is None:
            return _missing(parts[0])
        removed = state.indices[index]["docs"].pop(parts[2], None)
        return (200 if removed else 404), {"result": "deleted" if removed else "not_found", "_id": parts[2]}
    if len(parts) == 1 and method == "PUT":
        if parts[0] in state.indices:
            return 400, {"error": {"type": "resource_already_exists_exception"}, "status": 400}
        aliases = (body or {}).get("aliases", {})
        state.indices[parts[0]] = {"aliases": {name: dict(spec) for name, spec in aliases.items()}, "docs": {}}
        return 200, {"acknowledged": True, "index": parts[0]}
    if len(parts) == 1 and method == "DELETE":
        return (200, {"acknowledged": True}) if state.indices.pop(parts[0], None) is not None else _missing(parts[0])
    return 400, {"error": {"type": "unhandled_by_the_test_server", "path": request.path}, "status": 400}


def _bulk(state: State, request: Request) -> dict:
    lines, items = list(request.body or []), []
    require_alias = request.query.get("require_alias") == ["true"]
    while lines:
        action = lines.pop(0)
        ((op, meta),) = action.items()
        source = lines.pop(0) if op == "index" else None
        name = meta["_index"]
        index = state.write_index(name)
        if index is None or (require_alias and name in state.indices):
            error = {"type": "index_not_found_exception" if index is None else "illegal_argument_exception"}
            items.append(
                {op: {"_index": name, "_id": meta["_id"], "status": 404 if index is None else 400, "error": error}}
            )
            continue
        docs = state.indices[index]["docs"]
        if op == "index":
            docs[meta["_id"]] = source
            items.append({op: {"_index": index, "_id": meta["_id"], "status": 201, "result": "created"}})
        else:
            found = docs.pop(meta["_id"], None)
            items.append({op: {"_index": index, "_id": meta["_id"], "status": 200 if found else 404}})
    return {"errors": any("error" in item[next(iter(item))] for item in items), "items": items}
