"""The Elasticsearch 9 path. No Elasticsearch server can run here, so these tests check the
generated mapping and query bodies exactly (to_dict()), the parsing of a response shaped like
Elasticsearch's, and the fallback against real sockets on 127.0.0.1: a port where nothing
listens, and a listener that accepts connections but never answers (a hung cluster)."""

import socket
import threading
from datetime import timedelta

import pytest
from django.utils import timezone
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response

from search import indexing, services
from search.backends import breaker, elastic
from search.backends.base import Filters
from search.models import IndexEntry
from tests.search.conftest import index_doc

QUALITY = [
    {"weight": 1.0},
    {"filter": {"term": {"accepted": True}}, "weight": 0.5},
    {"field_value_factor": {"field": "rating_boost", "modifier": "ln1p", "missing": 0}, "weight": 0.3},
    {"field_value_factor": {"field": "author_boost", "modifier": "ln1p", "missing": 0}, "weight": 0.1},
    {"exp": {"published_at": {"origin": "now", "scale": "365d", "decay": 0.5}}, "weight": 0.2},
]
HIGHLIGHT = {
    "fields": {"body": {"fragment_size": 180, "number_of_fragments": 1, "no_match_size": 180}},
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def es_settings(settings):
    """Point the hub at an Elasticsearch URL (the test decides what, if anything, listens there)."""
    settings.SEARCH_ES_TIMEOUT = 0.5
    settings.SEARCH_BREAKER_COOLDOWN = 30
    elastic.reset_client()
    breaker.reset()
    yield settings
    elastic.reset_client()
    breaker.reset()


@pytest.fixture
def silent_listener():
    """A real TCP listener that accepts connections and never answers, counting connections."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []

    def accept():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], accepted
    server.close()
    for connection in accepted:
        connection.close()


def test_the_index_mapping_is_exact():
    assert elastic.mapping() == {
        "properties": {
            "kind": {"type": "keyword"},
            "object_id": {"type": "long"},
            "title": {"type": "text", "analyzer": "english", "fields": {"raw": {"type": "keyword"}}},
            "body": {"type": "text", "analyzer": "english"},
            "tags": {
                "type": "keyword",
                "normalizer": "lowercase",
                "fields": {"text": {"type": "text", "analyzer": "english"}},
            },
            "url": {"type": "keyword", "index": False},
            "area": {"type": "keyword", "normalizer": "lowercase"},
            "answered": {"type": "boolean"},
            "accepted": {"type": "boolean"},
            "rating_score": {"type": "integer"},
            "author_score": {"type": "integer"},
            "rating_boost": {"type": "integer"},
            "author_boost": {"type": "integer"},
            "published_at": {"type": "date"},
            "parent_title": {"type": "text", "index": False},
            "parent_url": {"type": "keyword", "index": False},
        }
    }


def test_a_plain_search_body_uses_multi_match_and_the_quality_function_score(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "cohub"
    search = elastic.build_search(["rent", "strike"], Filters(), "relevance", 10, 10)

    assert search._index == ["cohub-entries"]
    assert search.to_dict() == {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "multi_match": {
                                    "query": "rent strike",
                                    "fields": ["title^10", "tags.text^5", "body"],
                                    "type": "best_fields",
                                    "operator": "and",
                                }
                            }
                        ]
                    }
                },
                "functions": QUALITY,
                "score_mode": "sum",
                "boost_mode": "multiply",
            }
        },
        "aggs": {"kinds": {"terms": {"field": "kind", "size": 20}}, "tags": {"terms": {"field": "tags", "size": 30}}},
        "highlight": HIGHLIGHT,
        "track_total_hits": True,
        "from": 10,
        "size": 10,
    }


def test_filters_become_filter_clauses_and_the_kind_filter_a_post_filter():
    search = elastic.build_search(
        ["quorum"], Filters(kinds=("question", "answer"), tags=("law",), area="Leeds", answered=True), "newest", 0, 10
    )
    body = search.to_dict()

    assert body["query"]["function_score"]["query"]["bool"]["filter"] == [
        {"term": {"tags": "law"}},
        {"term": {"area": "Leeds"}},
        {"term": {"answered": True}},
    ]
    assert body["post_filter"] == {"terms": {"kind": ["question", "answer"]}}
    assert body["aggs"] == {
        "kinds": {"terms": {"field": "kind", "size": 20}},
        "tags_in_kinds": {
            "filter": {"terms": {"kind": ["question", "answer"]}},
            "aggs": {"tags": {"terms": {"field": "tags", "size": 30}}},
        },
    }
    assert body["sort"] == [{"published_at": {"order": "desc"}}, {"object_id": {"order": "desc"}}]


@pytest.mark.parametrize("text", ['title:"x" OR body:*', "a AND (b OR c)~2^4", "NOT \\ / [ ] { }"])
def test_lucene_syntax_from_visitors_only_ever_reaches_multi_match_as_words(text):
    from search import terms

    body = elastic.build_search(terms.tokens(text), Filters(), "relevance", 0, 10).to_dict()
    match = body["query"]["function_score"]["query"]["bool"]["must"][0]["multi_match"]

    assert set(match["query"]) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert "query_string" not in str(body) and "simple_query_string" not in str(body)


def test_a_response_becomes_hits_facets_and_the_escaped_highlight():
    raw = {
        "took": 3,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                {
                    "_id": "question-7",
                    "_score": 4.5,
                    "_source": {
                        "kind": "question",
                        "object_id": 7,
                        "title": "Quorum?",
                        "body": "What quorum?",
                        "tags": ["law"],
                        "url": "/questions/7/",
                        "area": "",
                        "answered": True,
                        "accepted": True,
                        "rating_score": 3,
                        "author_score": 1,
                        "published_at": "2026-01-02T00:00:00+00:00",
                        "parent_title": "",
                        "parent_url": "",
                    },
                    "highlight": {"body": ["What <mark>quorum</mark>? &lt;b&gt;"]},
                }
            ],
        },
        "aggregations": {
            "kinds": {"buckets": [{"key": "question", "doc_count": 1}, {"key": "answer", "doc_count": 1}]},
            "tags": {"buckets": [{"key": "law", "doc_count": 2}]},
        },
    }

    results = elastic.to_results(Response(Search(), raw))
    hit = services.to_hit(results.hits[0], ["quorum"])

    assert (results.total, results.kind_counts, results.tag_counts) == (2, {"question": 1, "answer": 1}, {"law": 2})
    assert (hit.kind, hit.object_id, hit.url, hit.tags, hit.accepted) == ("question", 7, "/questions/7/", ["law"], True)
    assert str(hit.snippet) == "What <mark>quorum</mark>? &lt;b&gt;"


def test_bulk_actions_use_one_id_per_kind_and_object_and_clamp_negative_scores(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "cohub"
    from search.registry import SearchDocument

    published = timezone.now() - timedelta(days=1)
    doc = SearchDocument("answer", 5, "T", "B", "/a/5/", published, tags=("x",), rating_score=-3, author_score=9)

    [action] = elastic.bulk_actions([doc])

    assert (action["_op_type"], action["_index"], action["_id"]) == ("index", "cohub-entries", "answer-5")
    assert (action["_source"]["rating_score"], action["_source"]["rating_boost"]) == (-3, 0)
    assert action["_source"]["author_boost"] == 9
    assert action["_source"]["published_at"] == published.isoformat()


@pytest.mark.django_db
def test_with_nothing_listening_the_search_falls_back_to_the_database_and_says_so(es_settings, client):
    """Elasticsearch is absent: the URL points at a free local port where nothing listens."""
    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    index_doc(title="Mutual aid rota", body="Who shops for whom on Tuesdays.")

    results = services.search("tuesdays")

    assert (results.backend in {"sqlite-fts5", "postgresql"}, results.degraded) == (True, True)
    assert [hit.title for hit in results.hits] == ["Mutual aid rota"]
    assert breaker.is_open() is True

    response = client.get("/search/", {"q": "tuesdays"})
    assert response.status_code == 200
    assert "may be incomplete" in response.content.decode()


@pytest.mark.django_db
def test_a_hung_cluster_costs_one_timeout_then_the_breaker_skips_it(es_settings, silent_listener):
    """Elasticsearch is absent: a local listener accepts and never answers, like a hung cluster."""
    port, accepted = silent_listener
    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    index_doc(title="Banner making", body="Paint and bedsheets.")

    first = services.search("bedsheets")
    connections_after_first = len(accepted)
    second = services.search("bedsheets")

    assert (first.degraded, second.degraded) == (True, True)
    assert [hit.title for hit in second.hits] == ["Banner making"]
    assert connections_after_first == 1
    assert len(accepted) == 1  # the second search never tried the cluster


@pytest.mark.django_db
def test_when_the_cooldown_ends_the_cluster_is_tried_again(es_settings):
    """Elasticsearch is absent (free local port): after the breaker resets, the next search tries again."""
    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    services.search("anything")
    assert breaker.is_open() is True

    breaker.reset()  # what the cache expiry does after SEARCH_BREAKER_COOLDOWN seconds
    backend, degraded = services.choose_backend()

    assert (backend.name, degraded) == ("elasticsearch", False)


@pytest.mark.django_db
def test_saving_content_never_fails_when_the_cluster_is_down(es_settings, member_adapter):
    """Elasticsearch is absent (free local port): the database index is still written."""
    from tests.factories import make_user

    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    user = make_user("tenantrep", display_name="Tenant rep", last_name="boilerplate")

    indexing.update(user)

    assert list(IndexEntry.objects.filter(kind="testmember").values_list("object_id", flat=True)) == [user.pk]
    assert breaker.is_open() is True
