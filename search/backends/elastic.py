"""The Elasticsearch 9 path: the hub's own index, behind an alias, matched like the database backends.

- Index: versioned names (`<prefix>-entries-v<n>`) behind the alias `<prefix>-entries`, with an
  index template (`<prefix>-entries-template`) for the versioned names, both put before the
  first write (`ensure_index`). Writes name the alias with `require_alias`, so Elasticsearch can
  never create an index with guessed field types. `rebuild` fills a new index, then swaps the
  alias in one request: searches never see an empty index. Only this index is ever written.
- Matching: documents and queries carry the hub's analysed terms (search/analysis.py) in
  whitespace-analysed fields, so Elasticsearch matches exactly what the databases match. Each
  concept of the query is a `combined_fields` query (BM25F over title^4, tags^3, summary^1.5,
  body: every word may be in any field, like `cross_fields`), alternatives in a `bool` should.
- Ranking: the phrase and the exact title add to the text score; quality multiplies it by at
  most 1 + spread in a script_score that computes search/ranking.py's formula.
- Failures: a connection failure, a timeout or an unavailable cluster (429, 502, 503, 504) on a
  search trips the read breaker (search/backends/breaker.py) and the search falls back to the
  database. Any other error is a defect: it is logged and the search falls back without tripping
  the breaker. Writes never touch the breaker: they raise, and the task that runs them retries.
- Snippets are built by search/highlight.py from the stored body, escaped: nothing from the
  cluster is ever marked safe.
"""

from __future__ import annotations

import logging
import time
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import A, Q, Search

from search import ranking, store
from search.backends import breaker
from search.backends.base import NEWEST, BackendUnavailable, Filters, RawHit, RawResults
from search.query import Concept, Option, ParsedQuery
from search.registry import SearchDocument

logger = logging.getLogger(__name__)
UNAVAILABLE = {429, 502, 503, 504}
BUILDING_KEY = "search:elasticsearch:building-index"
# Field weights as search/ranking.py's FIELDS (combined_fields needs weights of at least 1).
TEXT_FIELDS = ["terms_title^4", "terms_tags^3", "terms_summary^1.5", "terms_body"]
PHRASE_BOOST = 0.5  # the phrase's own score, halved, on top of the text score: about ranking's x1.5
EXACT_TITLE_BOOST = 1000.0
_client: Elasticsearch | None = None
_ready: set[str] = set()  # aliases known to exist in this process

TERMS = {"type": "text", "analyzer": "hub_terms", "norms": True}
MAPPING = {
    "dynamic": "strict",
    "properties": {
        "kind": {"type": "keyword", "normalizer": "hub_lowercase"},
        "object_id": {"type": "long"},
        "title": {"type": "text", "index": False},
        "summary": {"type": "text", "index": False},
        "body": {"type": "text", "index": False},
        "tags": {"type": "keyword", "normalizer": "hub_lowercase", "fields": {"raw": {"type": "keyword"}}},
        "url": {"type": "keyword", "index": False},
        "area": {"type": "keyword", "normalizer": "hub_lowercase"},
        "answered": {"type": "boolean"},
        "accepted": {"type": "boolean"},
        "rated": {"type": "boolean"},
        "rating_score": {"type": "integer"},
        "author_score": {"type": "integer"},
        "published_at": {"type": "date"},
        "parent_title": {"type": "text", "index": False},
        "parent_url": {"type": "keyword", "index": False},
        "title_key": {"type": "keyword"},
        "terms_title": TERMS,
        "terms_summary": TERMS,
        "terms_tags": TERMS,
        "terms_body": TERMS,
    },
}
SETTINGS = {
    "number_of_shards": 1,
    "analysis": {
        "analyzer": {"hub_terms": {"type": "custom", "tokenizer": "whitespace"}},
        "normalizer": {"hub_lowercase": {"type": "custom", "filter": ["lowercase"]}},
    },
}
# search/ranking.py's quality factor, computed by the cluster. Forum posts (`rated`) add accepted
# and ratings; for other content those parts do not apply.
QUALITY_SCRIPT = """
double part(double value, double scale) {
    return Math.min(1.0, Math.log1p(Math.max(value, 0)) / Math.log1p(scale));
}
double age = Math.max(params.now - doc['published_at'].value.toInstant().toEpochMilli(), 0) / 86400000.0;
double sum = params.author * part(doc['author_score'].value, params.author_scale)
    + params.recency * Math.pow(0.5, age / params.half_life);
double weights = params.author + params.recency;
if (doc['rated'].value) {
    sum += params.accepted * (doc['accepted'].value ? 1.0 : 0.0)
        + params.rating * part(doc['rating_score'].value, params.rating_scale);
    weights += params.accepted + params.rating;
}
return 1.0 + params.spread * (weights > 0 ? sum / weights : 0.0);
"""


# --- names and client -------------------------------------------------------------------------


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-entries"


def template_name() -> str:
    return f"{alias_name()}-template"


def new_index_name() -> str:
    return f"{alias_name()}-v{time.time_ns() // 1000}"


def client() -> Elasticsearch:
    """One client per process: searches time out after SEARCH_ES_TIMEOUT (at most 2 s), no retries."""
    global _client
    if _client is None:
        _client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.SEARCH_ES_TIMEOUT,
            max_retries=0,
            retry_on_timeout=False,
        )
    return _client


def write_client() -> Elasticsearch:
    """Writes run in tasks: a longer timeout, and the task retries instead of the client."""
    return client().options(request_timeout=settings.SEARCH_ES_WRITE_TIMEOUT)


def reset_client() -> None:
    global _client
    _client = None
    _ready.clear()


def is_outage(error: Exception) -> bool:
    """A connection failure, a timeout, or a cluster saying it cannot answer now."""
    if isinstance(error, TransportConnectionError | ConnectionTimeout):
        return True
    return isinstance(error, ApiError) and error.status_code in UNAVAILABLE


# --- the index: template, alias, rebuild -------------------------------------------------------


def put_template(es: Elasticsearch) -> None:
    es.indices.put_index_template(
        name=template_name(),
        index_patterns=[f"{alias_name()}-v*"],
        template={"settings": SETTINGS, "mappings": MAPPING},
        priority=100,
    )


def ensure_index() -> str:
    """The alias, with its template and a first index made if there is none yet; returns the alias."""
    alias = alias_name()
    if alias in _ready:
        return alias
    es = write_client()
    put_template(es)
    if not es.indices.exists_alias(name=alias):
        es.indices.create(index=new_index_name(), aliases={alias: {"is_write_index": True}})
    _ready.add(alias)
    return alias


def rebuild(docs: list[SearchDocument], keep_others_than: list[str] | None = None) -> str:
    """Fill a new index and swap the alias to it in one request; returns the new index's name.

    With `keep_others_than` (a list of kinds), every other kind is copied over from the current
    index first, so rebuilding one kind leaves the rest as they were."""
    es = write_client()
    ensure_index()
    new = new_index_name()
    es.indices.create(index=new)
    cache.set(BUILDING_KEY, new, timeout=3600)  # writes meanwhile go to both (see targets())
    try:
        if keep_others_than:
            others = Q("bool", must_not=[Q("terms", kind=keep_others_than)]).to_dict()
            es.reindex(source={"index": alias_name(), "query": others}, dest={"index": new}, refresh=True)
        helpers.bulk(es, bulk_actions(docs, [new]), refresh=True)
        old = list(es.indices.get_alias(name=alias_name()))
        actions = [{"remove": {"index": index, "alias": alias_name()}} for index in old]
        es.indices.update_aliases(
            actions=[*actions, {"add": {"index": new, "alias": alias_name(), "is_write_index": True}}]
        )
    finally:
        cache.delete(BUILDING_KEY)
    for index in old:
        es.options(ignore_status=404).indices.delete(index=index)
    breaker.reset()
    return new


def targets() -> list[str]:
    """Where writes go: the alias, and the index a rebuild is filling, if one is."""
    building = cache.get(BUILDING_KEY)
    return [alias_name(), building] if building else [alias_name()]


# --- writes (run by search tasks; they raise, the task retries) --------------------------------


def to_source(doc: SearchDocument) -> dict:
    fields = store.entry_fields(doc)
    title, summary, tags, body = store.analysed(fields)
    return {
        "kind": doc.kind.strip().lower(),
        "object_id": doc.object_id,
        "title": fields["title"],
        "summary": fields["summary"],
        "body": fields["body"],
        "tags": [tag for tag in fields["tags"].split("\n") if tag],
        "url": doc.url,
        "area": fields["area"],
        "answered": doc.answered,
        "accepted": doc.accepted,
        "rated": doc.answered is not None,
        "rating_score": doc.rating_score,
        "author_score": doc.author_score,
        "published_at": doc.published_at.isoformat(),
        "parent_title": fields["parent_title"],
        "parent_url": doc.parent_url,
        "title_key": fields["title_key"],
        "terms_title": title,
        "terms_summary": summary,
        "terms_tags": tags,
        "terms_body": body,
    }


def document_id(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def bulk_actions(docs: list[SearchDocument], indices: list[str]) -> list[dict]:
    return [
        {"_op_type": "index", "_index": index, "_id": document_id(doc.kind, doc.object_id), "_source": to_source(doc)}
        for index in indices
        for doc in docs
    ]


def delete_actions(refs: list[tuple[str, int]], indices: list[str]) -> list[dict]:
    return [
        {"_op_type": "delete", "_index": index, "_id": document_id(kind, object_id)}
        for index in indices
        for kind, object_id in refs
    ]


def write(docs: list[SearchDocument], deleted: list[tuple[str, int]] = ()) -> None:
    """Index `docs` and delete `deleted` (kind, object id) in one bulk request. Raises on any
    failure, an item's included; a delete of something not there is fine."""
    if not docs and not deleted:
        return
    ensure_index()
    indices = targets()
    actions = bulk_actions(docs, indices) + delete_actions(list(deleted), indices)
    _, errors = helpers.bulk(write_client(), actions, raise_on_error=False, require_alias=len(indices) == 1)
    failed = [item for item in errors if not _already_gone(item)]
    if failed:
        raise helpers.BulkIndexError(f"{len(failed)} document(s) failed to index", failed)


def _already_gone(item: dict) -> bool:
    ((operation, result),) = item.items()
    return operation == "delete" and result.get("status") == 404


def delete_document(kind: str, object_id: int) -> None:
    """Delete one document from the alias (404, already gone, is fine). Raises on other errors."""
    ensure_index()
    write_client().options(ignore_status=404).delete(index=alias_name(), id=document_id(kind, object_id))


# --- searches ---------------------------------------------------------------------------------


def _terms_query(phrase: tuple[str, ...]) -> Q:
    if len(phrase) == 1:
        return Q("combined_fields", query=phrase[0], fields=TEXT_FIELDS)
    return Q("multi_match", query=" ".join(phrase), type="phrase", fields=TEXT_FIELDS)


def _option_query(option: Option) -> Q:
    parts = [_terms_query(phrase) for phrase in option.phrases]
    return parts[0] if len(parts) == 1 else Q("bool", must=parts)


def concept_query(concept: Concept) -> Q:
    options = [_option_query(option) for option in concept.options]
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def text_query(query: ParsedQuery, every: bool) -> Q:
    concepts = [concept_query(concept) for concept in query.concepts]
    if every:
        return Q("bool", must=concepts)
    return Q("bool", should=concepts, minimum_should_match=1)


def filter_clauses(filters: Filters) -> list[Q]:
    clauses = [Q("term", tags=tag) for tag in filters.tags]
    if filters.area:
        clauses.append(Q("term", area=filters.area.strip()))
    if filters.answered is not None:
        clauses.append(Q("term", answered=filters.answered))
    return clauses


def quality_script() -> dict:
    w = ranking.weights()
    params = {
        "now": int(timezone.now().timestamp() * 1000),
        "accepted": w["accepted"],
        "rating": w["rating"],
        "author": w["author"],
        "recency": w["recency"],
        "half_life": w["recency_half_life_days"],
        "rating_scale": w["rating_scale"],
        "author_scale": w["author_scale"],
        "spread": w["spread"],
    }
    return {"script": {"source": QUALITY_SCRIPT, "params": params}}


def relevance_query(query: ParsedQuery, filters: Filters, every: bool) -> Q:
    boosts = [Q("constant_score", filter=Q("term", title_key=" ".join(query.terms)[:300]), boost=EXACT_TITLE_BOOST)]
    if len(query.terms) > 1:
        boosts.append(
            Q("multi_match", query=" ".join(query.terms), type="phrase", fields=TEXT_FIELDS, boost=PHRASE_BOOST)
        )
    text = Q("bool", must=[text_query(query, every)], should=boosts, filter=filter_clauses(filters))
    return Q("function_score", query=text, functions=[{"script_score": quality_script()}], boost_mode="multiply")


def build_search(
    query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int, every: bool = True
) -> Search:
    search = Search(index=alias_name()).query(relevance_query(query, filters, every)).extra(track_total_hits=True)
    search = search.source(excludes=["terms_*"])
    kind_filter = Q("terms", kind=list(filters.kind_keys)) if filters.kinds else None
    if kind_filter:
        search = search.post_filter(kind_filter)
    search.aggs.bucket("kinds", A("terms", field="kind", size=20))
    tags_agg = A("terms", field="tags.raw", size=12)
    if kind_filter:
        search.aggs.bucket("tags_in_kinds", A("filter", filter=kind_filter)).bucket("tags", tags_agg)
    else:
        search.aggs.bucket("tags", tags_agg)
    if sort == NEWEST:
        search = search.sort({"published_at": {"order": "desc"}}, {"object_id": {"order": "desc"}})
    return search[offset : offset + limit]


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        if not query:
            return RawResults(hits=[], total=0)
        if breaker.is_open():
            raise BackendUnavailable("circuit breaker open")
        results = self._execute(build_search(query, filters, sort, offset, limit))
        if results.total < settings.SEARCH_BROADEN_BELOW and len(query.concepts) > 1:
            broader = self._execute(build_search(query, filters, sort, offset, limit, every=False))
            if broader.total > results.total:
                broader.broadened, broader.every_total = True, results.total
                return broader
        return results

    @staticmethod
    def _execute(search: Search) -> RawResults:
        try:
            response = search.using(client()).execute()
        except Exception as error:
            if is_outage(error):
                breaker.trip(type(error).__name__)
            elif isinstance(error, ApiError):
                logger.exception("Elasticsearch refused a search; answering from the database")
            else:
                raise
            raise BackendUnavailable(str(error)) from error
        return to_results(response.to_dict())


def to_results(raw: dict) -> RawResults:
    aggs = raw.get("aggregations", {})
    tag_buckets = aggs.get("tags_in_kinds", aggs).get("tags", {}).get("buckets", [])
    hits = []
    for hit in raw["hits"]["hits"]:
        source = hit["_source"]
        entry = SimpleNamespace(**source, pk=source["object_id"], tag_list=source.get("tags", []))
        hits.append(RawHit(entry=entry, score=hit.get("_score") or 0.0))
    return RawResults(
        hits=hits,
        total=raw["hits"]["total"]["value"],
        kind_counts={b["key"]: b["doc_count"] for b in aggs.get("kinds", {}).get("buckets", [])},
        tag_counts={b["key"]: b["doc_count"] for b in tag_buckets},
    )
