"""The Elasticsearch 9 path.

No Elasticsearch server can run in this sandbox. These tests therefore use the hub's real client
over real HTTP against tests/search/fake_elasticsearch.py, a local server that keeps indices,
aliases and documents as Elasticsearch does and records every request (it does not search:
searches answer with an Elasticsearch-shaped response the test gives), plus real sockets on
127.0.0.1 for a cluster that is down (a free port) or hung (a listener that never answers).
The engine, indexing and relevance tests run against a real cluster when ELASTICSEARCH_URL is
set (tests/search/conftest.py).
"""

import re
import socket
import threading
from datetime import timedelta
from pathlib import Path

import elasticsearch
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from elasticsearch import helpers

from search import query as query_module
from search import services
from search.backends import breaker, elastic
from search.backends.base import BackendUnavailable, Filters
from search.registry import SearchDocument
from tests.search.conftest import index_doc
from tests.search.fake_elasticsearch import FakeElasticsearch


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def doc(kind="article", object_id=1, title="Power mapping", body="Who decides and who influences them.", **more):
    more.setdefault("published_at", timezone.now() - timedelta(days=3))
    return SearchDocument(kind=kind, object_id=object_id, title=title, body=body, url=f"/{kind}/{object_id}/", **more)


@pytest.fixture
def es_settings(settings):
    """Point the hub at an Elasticsearch URL (the test decides what, if anything, listens there)."""
    settings.SEARCH_ES_TIMEOUT = 0.5
    settings.SEARCH_ES_WRITE_TIMEOUT = 0.5
    settings.SEARCH_BREAKER_COOLDOWN = 30
    settings.ELASTICSEARCH_INDEX_PREFIX = "hubtest"
    elastic.reset_client()
    breaker.reset()
    yield settings
    elastic.reset_client()
    breaker.reset()


@pytest.fixture
def fake(es_settings):
    with FakeElasticsearch() as server:
        es_settings.ELASTICSEARCH_URL = server.url
        yield server


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


def body(text, filters=None, sort="relevance", every=True):
    parsed = query_module.parse(text, use_vocabulary=False)
    return elastic.build_search(parsed, filters or Filters(), sort, 0, 10, every=every).to_dict()


# --- the index: template, alias, versioned names ------------------------------------------------


def test_the_first_write_puts_the_template_and_an_index_behind_the_alias_before_writing(fake):
    elastic.write([doc()])

    steps = [(request.method, request.path) for request in fake.state.requests]
    [index] = fake.state.indices
    assert steps == [
        ("PUT", "/_index_template/hubtest-entries-template"),
        ("HEAD", "/_alias/hubtest-entries"),
        ("PUT", f"/{index}"),
        ("PUT", "/_bulk"),
    ]
    assert index.startswith("hubtest-entries-v")
    assert fake.state.indices[index]["aliases"] == {"hubtest-entries": {"is_write_index": True}}
    template = fake.state.templates["hubtest-entries-template"]
    assert template["index_patterns"] == ["hubtest-entries-v*"]
    assert template["template"] == {"settings": elastic.SETTINGS, "mappings": elastic.MAPPING}
    assert fake.requests("PUT", "/_bulk")[0].query == {"require_alias": ["true"]}


def test_the_mapping_is_strict_and_indexes_only_analysed_terms_and_filter_keys():
    mapping = elastic.MAPPING
    indexed_text = sorted(
        name
        for name, spec in mapping["properties"].items()
        if spec.get("type") == "text" and spec.get("index") is not False
    )

    assert mapping["dynamic"] == "strict"
    assert indexed_text == ["terms_body", "terms_summary", "terms_tags", "terms_title"]
    assert {mapping["properties"][name]["analyzer"] for name in indexed_text} == {"hub_terms"}
    assert elastic.SETTINGS["analysis"]["analyzer"]["hub_terms"] == {"type": "custom", "tokenizer": "whitespace"}
    assert mapping["properties"]["kind"]["normalizer"] == mapping["properties"]["tags"]["normalizer"] == "hub_lowercase"


def test_a_document_carries_the_same_analysed_terms_as_the_database_index():
    source = elastic.to_source(doc(title="Organizing door-knocking", tags=("Door knocking",), summary="Neighbors"))

    assert source["terms_title"] == "organis door knock doorknock"
    assert source["terms_tags"] == "door knock"
    assert source["terms_summary"] == "neighbour"
    assert source["title_key"] == "organis door knock doorknock"
    assert (source["kind"], source["rated"], source["tags"]) == ("article", False, ["Door knocking"])


def test_later_writes_name_the_alias_only_and_never_create_an_index(fake):
    elastic.write([doc(object_id=1)])
    elastic.write([doc(object_id=2)])

    assert len(fake.state.indices) == 1
    assert [request.path for request in fake.state.requests].count("/_index_template/hubtest-entries-template") == 1
    assert sorted(fake.state.docs("hubtest-entries")) == ["article-1", "article-2"]


def test_deletes_work_and_a_missing_document_is_not_an_error(fake):
    elastic.write([doc(object_id=1), doc(object_id=2)])

    elastic.delete_document("article", 1)
    elastic.delete_document("article", 99)
    elastic.write([], deleted=[("article", 2), ("article", 98)])

    assert fake.state.docs("hubtest-entries") == {}
    assert breaker.is_open() is False


def test_a_failed_item_in_a_write_raises_and_leaves_the_read_breaker_closed(fake):
    elastic.ensure_index()
    fake.state.indices.clear()  # the index vanished behind the hub's back: the alias is gone

    with pytest.raises(helpers.BulkIndexError):
        elastic.write([doc()])

    assert breaker.is_open() is False
    assert fake.state.indices == {}  # the write did not create an index with guessed types


def test_a_rebuild_fills_a_new_index_then_swaps_the_alias_in_one_request(fake):
    elastic.write([doc(object_id=1, title="Old title")])
    [old] = fake.state.indices

    new = elastic.rebuild([doc(object_id=1, title="New title"), doc(object_id=2)])

    assert list(fake.state.indices) == [new]
    assert fake.state.indices[new]["aliases"] == {"hubtest-entries": {"is_write_index": True}}
    swap = fake.requests("POST", "/_aliases")[0].body["actions"]
    assert swap == [
        {"remove": {"index": old, "alias": "hubtest-entries"}},
        {"add": {"index": new, "alias": "hubtest-entries", "is_write_index": True}},
    ]
    steps = [(request.method, request.path) for request in fake.state.requests]
    assert steps.index(("POST", "/_aliases")) < steps.index(("DELETE", f"/{old}"))  # never an empty moment
    assert fake.state.docs("hubtest-entries")["article-1"]["title"] == "New title"


def test_rebuilding_some_kinds_copies_the_others_into_the_new_index(fake):
    elastic.write([doc(kind="article", object_id=1), doc(kind="host", object_id=7, title="Riverside")])

    elastic.rebuild([doc(kind="article", object_id=3)], keep_others_than=["article"])

    assert sorted(fake.state.docs("hubtest-entries")) == ["article-3", "host-7"]


def test_writes_during_a_rebuild_go_to_both_indices(fake):
    elastic.write([doc(object_id=1)])
    fake.state.indices["hubtest-entries-vnext"] = {"aliases": {}, "docs": {}}
    # The marker lives in the shared cache, as a rebuild running on another server would leave it.
    cache.set(elastic.BUILDING_KEY, "hubtest-entries-vnext")
    try:
        elastic.write([doc(object_id=5)])
    finally:
        cache.delete(elastic.BUILDING_KEY)

    assert "article-5" in fake.state.docs("hubtest-entries")
    assert list(fake.state.indices["hubtest-entries-vnext"]["docs"]) == ["article-5"]


# --- the query ---------------------------------------------------------------------------------


def test_every_concept_must_match_somewhere_and_each_way_of_writing_it_counts():
    text = body("door-knocking safety")["query"]["function_score"]["query"]["bool"]["must"][0]
    fields = ["terms_title^4", "terms_tags^3", "terms_summary^1.5", "terms_body"]

    assert text == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {"multi_match": {"query": "door knock", "type": "phrase", "fields": fields}},
                            {"combined_fields": {"query": "doorknock", "fields": fields}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
                {"combined_fields": {"query": "safeti", "fields": fields}},
            ]
        }
    }


def test_the_exact_title_and_the_phrase_add_to_the_score_and_quality_multiplies_it():
    query = body("power mapping")["query"]["function_score"]

    should = query["query"]["bool"]["should"]
    assert should[0] == {"constant_score": {"filter": {"term": {"title_key": "power map"}}, "boost": 1000.0}}
    assert should[1]["multi_match"]["type"] == "phrase" and should[1]["multi_match"]["query"] == "power map"
    assert query["boost_mode"] == "multiply"
    script = query["functions"][0]["script_score"]["script"]
    assert script["source"] == elastic.QUALITY_SCRIPT
    assert script["params"]["spread"] == 0.15


def test_a_broadened_search_wants_any_concept():
    text = body("rent strike", every=False)["query"]["function_score"]["query"]["bool"]["must"][0]

    assert text["bool"]["minimum_should_match"] == 1
    assert len(text["bool"]["should"]) == 2


def test_filters_are_clauses_kind_keys_are_normalised_and_tags_count_by_their_written_form():
    search = body(
        "quorum", Filters(kinds=("Question ", "answer"), tags=("Law",), area="Leeds ", answered=True), "newest"
    )

    assert search["query"]["function_score"]["query"]["bool"]["filter"] == [
        {"term": {"tags": "Law"}},  # the field's lowercase normalizer applies to the term too
        {"term": {"area": "Leeds"}},
        {"term": {"answered": True}},
    ]
    assert search["post_filter"] == {"terms": {"kind": ["question", "answer"]}}
    assert search["aggs"] == {
        "kinds": {"terms": {"field": "kind", "size": 20}},
        "tags_in_kinds": {
            "filter": {"terms": {"kind": ["question", "answer"]}},
            "aggs": {"tags": {"terms": {"field": "tags.raw", "size": 12}}},
        },
    }
    assert search["sort"] == [{"published_at": {"order": "desc"}}, {"object_id": {"order": "desc"}}]
    assert search["_source"] == {"excludes": ["terms_*"]}


def _strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in {"fields", "script"}:
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("text", ['title:"x" OR body:*', "a AND (b OR c)~2^4", "NOT \\ / [ ] { }"])
def test_visitors_syntax_only_ever_reaches_the_cluster_as_analysed_words(text):
    search = body(text)
    rendered = str(search)

    assert "query_string" not in rendered and "simple_query_string" not in rendered
    words = [value for value in _strings(search["query"]) if value not in {"phrase"}]
    assert words and all(set(value) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ") for value in words)


# --- responses, snippets -------------------------------------------------------------------------


RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "hits": [
            {
                "_index": "hubtest-entries-v1",
                "_id": "question-7",
                "_score": 4.5,
                "_source": {
                    "kind": "question",
                    "object_id": 7,
                    "title": "Quorum?",
                    "summary": "",
                    "body": "What quorum do we need? <script>alert(1)</script>",
                    "tags": ["law"],
                    "url": "/questions/7/",
                    "area": "",
                    "answered": True,
                    "accepted": True,
                    "rated": True,
                    "rating_score": 3,
                    "author_score": 1,
                    "published_at": "2026-01-02T00:00:00+00:00",
                    "parent_title": "",
                    "parent_url": "",
                    "title_key": "quorum",
                },
            }
        ],
    },
    "aggregations": {
        "kinds": {"buckets": [{"key": "question", "doc_count": 1}, {"key": "answer", "doc_count": 1}]},
        "tags": {"buckets": [{"key": "law", "doc_count": 2}]},
    },
}


@pytest.mark.django_db
def test_a_response_becomes_hits_and_facets_and_the_hub_builds_the_escaped_snippet(fake):
    elastic.ensure_index()
    fake.state.search_response = RESPONSE

    results = services.search("quorum")

    hit = results.hits[0]
    assert (results.backend, results.degraded, results.total) == ("elasticsearch", False, 2)
    assert [(facet.value, facet.count) for facet in results.kind_facets] == [("question", 1), ("answer", 1)]
    assert [(facet.value, facet.count) for facet in results.tag_facets] == [("law", 2)]
    assert (hit.kind, hit.object_id, hit.url, hit.tags, hit.accepted) == ("question", 7, "/questions/7/", ["law"], True)
    assert str(hit.snippet) == "What <mark>quorum</mark> do we need? &lt;script&gt;alert(1)&lt;/script&gt;"  # escaped
    [search] = fake.requests("POST", "/hubtest-entries/_search")
    assert search.body["track_total_hits"] is True


# --- failures -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_search_the_cluster_refuses_falls_back_without_tripping_the_breaker(fake):
    """A 400 (say, a mapping the code does not expect) is a defect, not an outage: logged, not a cooldown."""
    index_doc(title="Mutual aid rota", body="Who shops for whom on Tuesdays.")
    elastic.ensure_index()
    fake.state.fail_status = 400

    results = services.search("tuesdays")

    assert (results.degraded, [hit.title for hit in results.hits]) == (True, ["Mutual aid rota"])
    assert breaker.is_open() is False


@pytest.mark.django_db
def test_a_cluster_that_says_it_is_unavailable_trips_the_breaker(fake):
    fake.state.fail_status = 503

    with pytest.raises(BackendUnavailable):
        elastic.ElasticsearchBackend().search(query_module.parse("rota"), Filters(), "relevance", 0, 10)

    assert breaker.is_open() is True


def test_a_programming_error_is_not_swallowed(fake, monkeypatch):
    monkeypatch.setattr(elastic, "to_results", lambda raw: 1 / 0)
    fake.state.indices["hubtest-entries-v1"] = {"aliases": {"hubtest-entries": {}}, "docs": {}}

    with pytest.raises(ZeroDivisionError):
        elastic.ElasticsearchBackend().search(
            query_module.parse("rota", use_vocabulary=False), Filters(), "relevance", 0, 10
        )
    assert breaker.is_open() is False


@pytest.mark.django_db
def test_with_nothing_listening_the_search_falls_back_to_the_database_and_says_so(es_settings, client):
    """Elasticsearch is down: the URL points at a free local port where nothing listens."""
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
    """Elasticsearch hangs: a local listener accepts and never answers."""
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
    """Elasticsearch is down (free local port): after the breaker resets, the next search tries again."""
    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    services.search("anything")
    assert breaker.is_open() is True

    breaker.reset()  # what the cache expiry does after SEARCH_BREAKER_COOLDOWN seconds
    backend, degraded = services.choose_backend()

    assert (backend.name, degraded) == ("elasticsearch", False)


@pytest.mark.parametrize("down", ["dead port", "hung port"])
def test_a_write_to_a_cluster_that_is_down_raises_and_never_opens_the_read_breaker(es_settings, silent_listener, down):
    port = free_port() if down == "dead port" else silent_listener[0]
    es_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"

    with pytest.raises(Exception) as raised:
        elastic.write([doc()])

    assert elastic.is_outage(raised.value)
    assert breaker.is_open() is False


def test_docker_compose_runs_the_elasticsearch_version_of_the_client():
    """The 9.x client talks to a 9.x server; compose pins the server to the client's version."""
    compose = (Path(settings.BASE_DIR) / "docker-compose.yml").read_text()
    [image] = re.findall(r"docker\.elastic\.co/elasticsearch/elasticsearch:(\d+\.\d+\.\d+)", compose)
    requirement = re.search(
        r"^elasticsearch==(\d+\.\d+\.\d+)$", (Path(settings.BASE_DIR) / "requirements.txt").read_text(), re.M
    )

    assert image == requirement[1] == elasticsearch.__versionstr__
