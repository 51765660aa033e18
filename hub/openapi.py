"""The refusals every API operation can answer with, added to the OpenAPI schema (a drf-spectacular
post-processing hook, SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).

drf-spectacular documents the success of each operation; the hub's API also answers 400 (bad
input, with field errors or `detail`), 403 (not signed in or not allowed), 404 (no such object),
413 (a body over the limit, hub/parsers.py) and 429 (a limit reached, hub/ratelimit.py). A client
written from the schema, and schemathesis checking it, should know them all.
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "description": "Why the request was refused: `detail`, or for bad input each field's errors.",
    "properties": {
        "detail": {"type": "string"},
        "retry_after": {"type": "integer", "description": "Seconds to wait (429 only)."},
    },
    "additionalProperties": True,
}
REASONS = {
    "400": "The input is not valid: see `detail` or each field's errors.",
    "403": "Sign in first, or you may not do this.",
    "404": "There is no such object or page of results, or you may not see it.",
    "413": "The request body is larger than the API reads.",
    "429": "A limit was reached: wait `retry_after` seconds.",
}


def add_error_responses(result: dict, generator=None, request=None, public=None) -> dict:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                for code in _codes(path, operation):
                    operation["responses"].setdefault(code, _response(code))
    return result


def _codes(path: str, operation: dict) -> list[str]:
    codes = ["400", "403", "404", "429"]  # 404 for lists too: a page number past the last page
    if "requestBody" in operation:
        codes.append("413")
    return codes


def _response(code: str) -> dict:
    return {
        "description": REASONS[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
