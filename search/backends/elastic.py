"""The Elasticsearch 9 path: the hub's own index built and queried with `elasticsearch.dsl`.

Visitors' words only ever reach a multi_match query (operator "and"), never query-string
syntax. Quality is applied with function_score exactly as search/ranking.py describes:
score_mode "sum" over (1, accepted, ln(1 + rating), ln(1 + author score), exp decay on age),
boost_mode "multiply" with the text score. Kind facets ignore the kind filter (post_filter),
tag facets respect it. Any error trips the circuit breaker and raises BackendUnavailable.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import A, Boolean, Date, Document, Integer, Keyword, Long, Q, Search, Text

from search import ranking
from search.backends import breaker
from search.backends.base import NEWEST, BackendUnavailable, Filters, RawHit, RawResults
from search.registry import SearchDocument

logger = logging.getLogger(__name__)
TEXT_FIELDS = ["title^10", "tags.text^5", "body"]
_client: Elasticsearch | None = None


class HubEntry(Document):
    kind = Keyword()
    object_id = Long()
    title = Text(analyzer="english", fields={"raw": Keyword()})
    body = Text(analyzer="english")
    tags = Keyword(multi=True, normalizer="lowercase", fields={"text": Text(analyzer="english")})
    url = Keyword(index=False)
    area = Keyword(normalizer="lowercase")
    answered = Boolean()
    accepted = Boolean()
    rating_score = Integer()
    author_score = Integer()
    rating_boost = Integer()  # max(rating_score, 0): ln1p needs a non-negative value
    author_boost = Integer()
    published_at = Date()
    parent_title = Text(index=False)
    parent_url = Keyword(index=False)

    class Index:
        name = "entries"  # replaced by index_name() with the configured prefix
        settings = {"number_of_shards": 1}


def index_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-entries"


def mapping() -> dict:
    return HubEntry._doc_type.mapping.to_dict()


def client() -> Elasticsearch:
    global _client
    if _client is None:
        _client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.SEARCH_ES_TIMEOUT,
            max_retries=0,
            retry_on_timeout=False,
        )
    return _client


def reset_client() -> None:
    global _client
    _client = None


def quality_functions() -> list[dict]:
    w = ranking.weights()
    return [
        {"weight": 1.0},
        {"filter": {"term": {"accepted": True}}, "weight": w["accepted"]},
        {"field_value_factor": {"field": "rating_boost", "modifier": "ln1p", "missing": 0}, "weight": w["rating"]},
        {"field_value_factor": {"field": "author_boost", "modifier": "ln1p", "missing": 0}, "weight": w["author"]},
        {
            "exp": {"published_at": {"origin": "now", "scale": f"{w['recency_half_life_days']:g}d", "decay": 0.5}},
            "weight": w["recency"],
        },
    ]


def _filter_clauses(filters: Filters) -> list:
    clauses = [Q("term", tags=tag) for tag in filters.tags]
    if filters.area:
        clauses.append(Q("term", area=filters.area))
    if filters.answered is not None:
        clauses.append(Q("term", answered=filters.answered))
    return clauses


def build_search(words: list[str], filters: Filters, sort: str, offset: int, limit: int) -> Search:
    text = Q("multi_match", query=" ".join(words), fields=TEXT_FIELDS, type="best_fields", operator="and")
    query = Q(
        "function_score",
        query=Q("bool", must=[text], filter=_filter_clauses(filters)),
        functions=quality_functions(),
        score_mode="sum",
        boost_mode="multiply",
    )
    search = Search(index=index_name()).query(query).extra(track_total_hits=True)
    kind_filter = Q("terms", kind=list(filters.kinds)) if filters.kinds else None
    if kind_filter:
        search = search.post_filter(kind_filter)
    search.aggs.bucket("kinds", A("terms", field="kind", size=20))
    tags_agg = A("terms", field="tags", size=30)
    if kind_filter:
        search.aggs.bucket("tags_in_kinds", A("filter", filter=kind_filter)).bucket("tags", tags_agg)
    else:
        search.aggs.bucket("tags", tags_agg)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.highlight("body", fragment_size=180, number_of_fragments=1, no_match_size=180)
    if sort == NEWEST:
        search = search.sort({"published_at": {"order": "desc"}}, {"object_id": {"order": "desc"}})
    return search[offset : offset + limit]


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, query, filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        words = query.terms
        if not words:
            return RawResults(hits=[], total=0)
        if breaker.is_open():
            raise BackendUnavailable("circuit breaker open")
        try:
            response = build_search(words, filters, sort, offset, limit).using(client()).execute()
        except Exception as error:
            breaker.trip(type(error).__name__)
            raise BackendUnavailable(str(error)) from error
        return to_results(response)


def to_results(response) -> RawResults:
    raw = response.to_dict()
    aggs = raw.get("aggregations", {})
    tag_buckets = aggs.get("tags_in_kinds", aggs).get("tags", {}).get("buckets", [])
    hits = []
    for hit in raw["hits"]["hits"]:
        source = hit["_source"]
        fragments = hit.get("highlight", {}).get("body", [])
        entry = SimpleNamespace(**source, pk=source["object_id"], tag_list=source.get("tags", []))
        snippet = fragments[0] if fragments else None
        hits.append(RawHit(entry=entry, score=hit.get("_score") or 0.0, snippet_html=snippet))
    return RawResults(
        hits=hits,
        total=raw["hits"]["total"]["value"],
        kind_counts={b["key"]: b["doc_count"] for b in aggs.get("kinds", {}).get("buckets", [])},
        tag_counts={b["key"]: b["doc_count"] for b in tag_buckets},
    )


def to_source(doc: SearchDocument) -> dict:
    return {
        "kind": doc.kind,
        "object_id": doc.object_id,
        "title": doc.title,
        "body": doc.body,
        "tags": list(doc.tags),
        "url": doc.url,
        "area": doc.area,
        "answered": doc.answered,
        "accepted": doc.accepted,
        "rating_score": doc.rating_score,
        "author_score": doc.author_score,
        "rating_boost": max(doc.rating_score, 0),
        "author_boost": max(doc.author_score, 0),
        "published_at": doc.published_at.isoformat(),
        "parent_title": doc.parent_title,
        "parent_url": doc.parent_url,
    }


def bulk_actions(docs) -> list[dict]:
    return [
        {"_op_type": "index", "_index": index_name(), "_id": f"{doc.kind}-{doc.object_id}", "_source": to_source(doc)}
        for doc in docs
    ]


def ensure_index() -> None:
    es = client()
    if not es.indices.exists(index=index_name()):
        es.indices.create(index=index_name(), mappings=mapping(), settings=HubEntry._index._settings)


def replace_kind(kind: str, docs: list[SearchDocument]) -> None:
    """Rebuild one kind in Elasticsearch; raises, because whoever rebuilds wants to know."""
    ensure_index()
    client().delete_by_query(index=index_name(), query={"term": {"kind": kind}}, refresh=True)
    helpers.bulk(client(), bulk_actions(docs), refresh=True)
    breaker.reset()


def index_documents(docs: list[SearchDocument]) -> None:
    """Best effort, for saves: never raises; the database index stays the source of truth."""
    if breaker.is_open():
        return
    try:
        helpers.bulk(client(), bulk_actions(docs))
    except Exception as error:
        breaker.trip(type(error).__name__)
        logger.warning("Elasticsearch: could not index %d documents; run manage.py search_reindex", len(docs))


def delete_document(kind: str, object_id: int) -> None:
    if breaker.is_open():
        return
    try:
        client().delete(index=index_name(), id=f"{kind}-{object_id}", ignore_status=404)
    except Exception as error:
        breaker.trip(type(error).__name__)
        logger.warning("Elasticsearch: could not delete %s %s; run manage.py search_reindex", kind, object_id)
