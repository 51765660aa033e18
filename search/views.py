"""The search page and the suggestions endpoint. Thin: the work is in search/services.py."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from hub import ratelimit
from hub.page_cache import kept_for
from search import services, terms
from search.backends.base import Filters


def _filters(request) -> Filters:
    answered = {"yes": True, "no": False}.get(request.GET.get("answered", ""))
    return Filters(
        kinds=tuple(kind for kind in request.GET.getlist("type")[:10] if kind)[:10],
        tags=tuple(terms.clean_text(tag) for tag in request.GET.getlist("tag")[:5] if tag.strip()),
        area=terms.clean_text(request.GET.get("area", "")),
        answered=answered,
    )


def _page(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


@dataclass(frozen=True)
class Pick:
    title: str
    url: str
    description: str


def promotions(query: str) -> list[Pick]:
    """Editors' picks for this exact query, with the address each one links to (a page's URL, or
    the external link), read only: no hit counting on every search."""
    if not query:
        return []
    normalised = normalise_query_string(query)
    found = (
        SearchPromotion.objects.filter(query__query_string=normalised)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    picks = [
        Pick(pick.title, pick.page.url if pick.page_id else pick.external_link_url, pick.description) for pick in found
    ]
    return [pick for pick in picks if pick.url]


def _page_query(request) -> str:
    """The current query string without `page`, ready for "&page=N" (escaped by the template)."""
    params = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values[:10]]
    return urlencode(params) + "&" if params else ""


@require_GET
def search_page(request):
    query = terms.clean_text(request.GET.get("q", ""))
    if query:
        ratelimit.hit(request, "search-page")  # past it: the plain 429 page (the middleware)
    context = {
        "query": query,
        "search_query": query,  # the header box shows the cut, cleaned text too
        "results_html": results_html(request, query),
    }
    return render(request, "search/search.html", context)


class _Unkept(Exception):
    """Raised from inside `shared()` to hand back results that must not be kept: `shared()` stores
    nothing when its build raises."""

    def __init__(self, html: str):
        super().__init__("results not kept")
        self.html = html


def results_html(request, query: str) -> str:
    """The results part of the page (search/includes/results.html), kept per audience under the
    page cache's generation (ADR 0107): it reads only the query, filters, sort, page and the query
    string its page links repeat, so everyone in an audience is given the same. Results answered
    by the fallback while Elasticsearch is down are not kept: they would outlive its recovery."""
    filters, sort, page = _filters(request), request.GET.get("sort", ""), _page(request)
    page_query = _page_query(request)
    asked = json.dumps([query, filters.kinds, filters.tags, filters.area, filters.answered, sort, page, page_query])
    digest = hashlib.sha256(asked.encode()).hexdigest()

    def build() -> str:
        results = services.search(query, filters, sort, page) if query else None
        context = {
            "query": query,
            "results": results,
            "promotions": promotions(query),
            "ask_url": reverse("qa:ask") + "?" + urlencode({"title": query}),
            "few_results": results is not None and results.total < 3,
            "page_query": page_query,
        }
        html = render_to_string("search/includes/results.html", context)  # no request: nothing of the visitor
        if results is not None and results.degraded:
            raise _Unkept(html)
        return html

    try:
        return kept_for(request.user)("search-results", build, digest)
    except _Unkept as unkept:
        return unkept.html


@require_GET
def suggest(request):
    ratelimit.hit(request, "search-suggest", rate=settings.SEARCH_SUGGEST_RATE)  # past it: 429 (the middleware)
    query = terms.clean_text(request.GET.get("q", ""))
    key = "search:suggest:" + hashlib.sha256(query.lower().encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = services.suggest(query)
        cache.set(key, data, timeout=60)
    return JsonResponse(data)
