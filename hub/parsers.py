"""The API's JSON parser: bodies are limited in size and nesting before they are parsed.

Python's JSON decoder recurses once per level of nesting, so a body of a few thousand `[` would
end in a RecursionError (a 500) inside DRF's parser; a body of any size would be read into memory.
`LimitedJSONParser` refuses a body larger than `settings.HUB_API_MAX_BODY_BYTES` with 413 (from its
Content-Length, before reading, or while reading at most one byte past the limit) and a body nested
deeper than `settings.HUB_API_MAX_JSON_DEPTH` with 400, each saying why (docs/security.md).
"""

from __future__ import annotations

import io
import re

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# A JSON string (with its escapes), or one bracket: only brackets outside strings count as nesting.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_OPENERS = frozenset(b"[{")


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


def nesting_depth(body: bytes, stop_after: int) -> int:
    """How deeply arrays and objects nest in `body` (counting stops once past `stop_after`)."""
    depth = deepest = 0
    for match in _TOKENS.finditer(body):
        token = match.group()
        if len(token) != 1:
            continue
        if token[0] in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_after:
                break
        else:
            depth -= 1
    return deepest


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.HUB_API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = _content_length(request)
        if declared is not None and declared > limit:
            raise BodyTooLarge(_too_large(limit))
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise BodyTooLarge(_too_large(limit))
        deepest = settings.HUB_API_MAX_JSON_DEPTH
        if nesting_depth(body, deepest) > deepest:
            raise ParseError(f"The JSON is nested more than {deepest} levels deep; the API reads at most {deepest}.")
        return super().parse(io.BytesIO(body), media_type, parser_context)


def _content_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else None
    except ValueError:
        return None


def _too_large(limit: int) -> str:
    return f"The request body is larger than {limit // 1024} KB, the most the API reads."
