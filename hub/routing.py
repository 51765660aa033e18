"""Wagtail's page routing in one query instead of two per level and two more for the view
restrictions (docs/adr/0101, 0104).

Wagtail walks the URL one slug at a time from the site's root: a query for the child, another for
its specific row, at every level; then two more for the view restrictions of the page and its
ancestors. `route_from()` reads every page on the path at once by `url_path`, with whether it or
anything above the site's root carries a view restriction, and the deepest page's specific row
joined through Wagtail's parent links (`specific_joins()`) for the model last served at that
address (a per-process guess, checked: otherwise the specific row is a second query). It hands
the deepest page the rest of the path through its own `route()`, so routable pages (wiki history,
directory filters) and 404s behave exactly as before. A page model may name in `served_with` the
foreign keys its page always shows: they are read with its specific row; and in
`served_annotations(user)` what the visitor's view of it needs from other tables (annotations). When a page on the way
(not the deepest) has routes of its own, which Wagtail tries before its children, it falls back
to Wagtail's walk.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connections, router
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, get_page_models

from hub.compiled import compile_statement
from hub.page_context import restrictions_from_root_to

# The model of the page last served at each address, per process: the next request for the address
# joins only that model's rows. A guess, always checked against the row read (a page moved or
# replaced is read as for a first visit), so it never needs invalidating; bounded by HINTS_MAX.
_hints: dict[str, type] = {}
HINTS_MAX = 20_000
STATEMENTS_MAX = 512  # compiled shapes kept per connection (one per root, depth and model guessed)


def route_from(root: Page, request, path_components: list[str], fallback):
    candidates = [
        root.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
    ]
    address = candidates[-1]
    hint = _hints.get(address)
    user = request.user
    chain, served = _chain(root, candidates, hint, user)
    contiguous = all(page.url_path == candidates[index] for index, page in enumerate(chain))
    if not chain or not contiguous or any(_has_routes(page) for page in chain[:-1]):
        return fallback(request, path_components)
    page = _specific(chain[-1], joined=hint)
    _remember(address, type(page))
    if type(page) is hint:
        for name in served:
            setattr(page, name, getattr(chain[-1], name))
    # Read with the chain: no restriction on the page, its ancestors or their sources (hub/page_context.py).
    page._hub_unrestricted = not any(row.hub_restricted or row.hub_restricted_above for row in chain)
    return page.route(request, path_components[len(chain) :])


def _chain_queryset(root: Page, candidates: list[str], hint: type | None, user):
    return (
        Page.objects.filter(url_path__in=candidates)
        .select_related(*specific_joins().get(hint, ((), ()))[1])
        .annotate(
            hub_restricted=_restricted(),
            hub_restricted_above=_restricted_above(root),
            **_served_annotations(hint, user),
        )
        .order_by("depth")
    )


# Stand-ins the chain's query is compiled with (hub/compiled.py), replaced per request: the
# candidate addresses, then the member's id.
_ADDRESS_STAND_IN = "\x1fhub-route-{}\x1f"
_MEMBER_STAND_IN = -987_654_321


def _chain(root: Page, candidates: list[str], hint: type | None, user) -> tuple[list[Page], tuple[str, ...]]:
    """Every page whose url_path is one of `candidates`, shallowest first, with the annotations and
    joins of `_chain_queryset`; and the names of the hint's `served_annotations` read with them.
    The query is compiled once per connection for each shape (root, levels, model guessed, signed
    in or not): building and compiling it cost about 7 ms of every request that serves a page, ten
    times what running it costs."""
    connection = connections[router.db_for_read(Page)]
    signed_in = bool(user.is_authenticated) and getattr(hint, "served_annotations", None) is not None
    shape = (root.pk, root.path, len(candidates), hint, signed_in)
    kept = connection.__dict__.setdefault("_hub_route_statements", {})
    statement = kept.get(shape)
    if statement is None:
        if len(kept) >= STATEMENTS_MAX:
            kept.clear()
        stand_ins = [_ADDRESS_STAND_IN.format(level) for level in range(len(candidates))]
        member = get_user_model()(pk=_MEMBER_STAND_IN) if signed_in else AnonymousUser()
        queryset = _chain_queryset(root, stand_ins, hint, member)
        statement = kept[shape] = compile_statement(
            queryset, connection, [*stand_ins, _MEMBER_STAND_IN][: len(stand_ins) + signed_in]
        )
    pages = statement.instances(connection, [*candidates, user.pk][: len(candidates) + signed_in])
    served = tuple(
        name for name in statement.compiler.annotation_col_map or {} if not name.startswith("hub_restricted")
    )
    return pages, served


def _remember(address: str, model: type) -> None:
    if _hints.get(address) is not model:
        if len(_hints) >= HINTS_MAX:
            _hints.clear()
        _hints[address] = model


@cache
def specific_joins() -> dict[type, tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each page model: the parent links from Page down to it (the specific row, read through
    `select_related`), and what to select: those links and its `served_with` foreign keys. A model
    with more than one concrete parent is left out (read as before)."""
    joins = {}
    for model in get_page_models():
        links = _links_from_page(model)
        if model is Page or links is None:
            continue
        path = "__".join(links)
        served_with = getattr(model, "served_with", ())
        joins[model] = (links, (path, *(f"{path}__{name}" for name in served_with)))
    return joins


def _links_from_page(model) -> tuple[str, ...] | None:
    links: list[str] = []
    while model is not Page:
        parents = model._meta.parents
        if len(parents) != 1:
            return None
        ((parent, link),) = parents.items()
        links.insert(0, link.related_query_name())
        model = parent
    return tuple(links)


def _specific(page: Page, joined: type | None) -> Page:
    """The page's specific object: from the rows read with it when they were those of its model
    (`joined`), otherwise read now with what it is served with."""
    model = page.specific_class
    if model is None:
        return page.specific
    links = specific_joins().get(model)
    if links is None or model is not joined:
        served_with = getattr(model, "served_with", ())
        return model._default_manager.select_related(*served_with).get(pk=page.pk)
    specific = page
    for link in links[0]:
        specific = getattr(specific, link)
    return specific


def _restricted():
    """Does a view restriction sit on this page, or on the page it is an alias of (as in Wagtail)?"""
    return Exists(PageViewRestriction.objects.filter(page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))))


def _served_annotations(model: type | None, user) -> dict:
    """What the page model last served at the address reads with its row for this visitor
    (`served_annotations(user)`, e.g. the member's watch of a wiki page): nothing for other models.
    It may read only whether the visitor is signed in and their `pk`: the statement is compiled
    once with a stand-in member and run for every member (`_chain`)."""
    annotations = getattr(model, "served_annotations", None)
    return annotations(user) if annotations else {}


def _restricted_above(root: Page):
    """Does a view restriction sit on the site's root or any page above it (or their sources)?"""
    return Exists(restrictions_from_root_to(root.path))


def _has_routes(page: Page) -> bool:
    model = page.specific_class
    return model is None or issubclass(model, RoutablePageMixin)
