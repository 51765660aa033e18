"""Template fragments kept per item and per viewer class under the page cache's generation, so a
signed-in member's page is assembled from shared pieces. See docs/adr/0102-template-fragments.md.

- A fragment is one item's HTML (an answer with its tools, a debate's comment tree) as one class of
  viewer sees it. The caller names everything about the viewer that changes that HTML (signed in,
  groups, privileges, authorship, their own rating...) in the item's key: members who share it
  share the fragment, and nobody else can ever be given it.
- Fragments are exact like the anonymous pages (docs/adr/0100): each is stored with the
  generation it was rendered under, and any write replaces the generation.
- All of a page's fragments come in one cache round trip (`get_many`, with the generation); the
  ones missing are rendered and stored in one more (`set_many`).
- Per-request values are never stored: fragments are rendered with `CSRF` and `SUBMISSION` in
  place of the CSRF token and the repeat-guard token, and `personalise()` puts the request's own in.
- The cache is an accelerator (docs/adr/0052): unreachable, every fragment is rendered.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from hub.page_cache import CACHE_ALIAS, GENERATION_KEY, current_generation, enabled

# Stand-ins rendered into fragments, replaced per request. Letters and digits only: no escaping
# changes them, and nothing a member writes is rendered raw (Markdown is sanitised, text escaped).
CSRF = "hubFragmentCsrfTokenZ7q"
SUBMISSION = "hubFragmentSubmissionZ7q"
_URL_PLACEHOLDER = 987654321


def key(name: str, item: object, viewer_class: str) -> str:
    """The cache key of `item`'s fragment for one viewer class (hashed: classes can be long)."""
    digest = hashlib.sha256(viewer_class.encode()).hexdigest()[:20]
    return f"hub:frag:{name}:{item}:{digest}"


def personalise(request, pieces: Sequence[str]) -> list[SafeString]:
    """Fragments with this request's CSRF token and a fresh repeat-guard token per form."""
    tokens = None
    result = []
    for html in pieces:
        if CSRF in html:
            html = html.replace(CSRF, csrf_token(request))
        if SUBMISSION in html:
            tokens = tokens or _submission_tokens()
            parts = html.split(SUBMISSION)
            html = "".join(itertools.chain([parts[0]], *((next(tokens), part) for part in parts[1:])))
        result.append(mark_safe(html))  # rendered by our templates, which escaped what they show
    return result


def csrf_token(request) -> str:
    """This request's CSRF token, masked once for all the fragments of its page: Django masks it
    anew on every `get_token`, drawing 32 random characters from the system one call at a time.
    One response's forms may share one masked token (Django's `{% csrf_token %}` does)."""
    token = request.__dict__.get("_hub_csrf_token")
    if token is None:
        token = request._hub_csrf_token = get_token(request)
    return token


def _submission_tokens():
    """Repeat-guard tokens for one request: one random part and a counter per form, unique like a
    uuid4 per form (a question page has a hundred forms) at one call to the system's random source."""
    prefix = secrets.token_hex(12)
    return (f"{prefix}{number:08x}" for number in itertools.count())


def fetch(request, keys: Sequence[str], render: Callable[[int], object], prepare=None) -> list:
    """The value for each key (a fragment, or a tuple holding fragments), in order: kept ones from
    one `get_many`, the others from `render(index)`, stored in one `set_many`. `prepare(indexes)`,
    when given, runs once before the missing ones are rendered (to load what only rendering needs,
    in one query for all of them). Call `personalise()` on the HTML before it is sent."""
    found, generation = {}, None
    if enabled() and keys:
        store = caches[CACHE_ALIAS]
        found = store.get_many([GENERATION_KEY, *keys])
        generation = current_generation(store, found)
    values = [None] * len(keys)
    missing = []
    for index, name in enumerate(keys):
        entry = found.get(name)
        if generation is not None and entry is not None and entry[0] == generation:
            values[index] = entry[1]
        else:
            missing.append(index)
    if missing and prepare is not None:
        prepare(missing)
    for index in missing:
        values[index] = render(index)
    if missing and generation is not None:
        store.set_many({keys[index]: (generation, values[index]) for index in missing}, settings.HUB_PAGE_CACHE_SECONDS)
    return values


def url_parts(name: str, *args) -> tuple[str, str]:
    """The text of `reverse(name, args=[*args, pk])` before and after the pk, from one reverse."""
    sample = reverse(name, args=[*args, _URL_PLACEHOLDER])
    head, _, tail = sample.rpartition(str(_URL_PLACEHOLDER))
    return head, tail


def url_maker(name: str, *args) -> Callable[[object], str]:
    """`reverse(name, args=[*args, pk])` for any pk, from one reverse: lists build each item's
    address by string building instead of resolving the pattern again per item."""
    head, tail = url_parts(name, *args)
    return lambda pk: f"{head}{pk}{tail}"
