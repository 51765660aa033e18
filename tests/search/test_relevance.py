"""The relevance gate: the judged queries (search/judged_queries.toml) against the demo hub.

Runs in the SQLite pass and in the PostgreSQL pass (and on Elasticsearch in the Elasticsearch
pass, when ELASTICSEARCH_URL names a real cluster). It fails under a mean nDCG@10 of 0.9 or when
any query's best answer is not in its top three; the report, worst queries first, is printed
either way. `make search-eval` prints the same figures outside the test suite.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from search import evaluation
from search.management.commands.search_eval import runner

pytestmark = pytest.mark.django_db


def test_the_judged_queries_find_what_members_mean(capsys, search_backend):
    call_command("load_demo", "--force", stdout=StringIO())
    judged = evaluation.load()
    assert evaluation.missing_documents(judged) == []

    report = evaluation.evaluate(search_backend.name, runner(search_backend), judged)

    text = evaluation.format_report(report, worst=5)
    with capsys.disabled():
        print("\n" + text)
    assert report.mean("ndcg") >= evaluation.GATE_NDCG, text
    assert [item.judged.q for item in report.failures] == [], text


def test_every_judged_query_names_a_type_and_a_best_answer():
    judged = evaluation.load()

    assert len(judged) >= 40
    assert all(item.type and max(item.grades.values()) == 3 for item in judged)
    assert len({item.q for item in judged}) == len(judged)


def test_the_metrics_score_a_perfect_and_a_poor_order_as_expected():
    item = evaluation.Judged("q", "test", {"a: best": 3, "a: good": 2, "a: fair": 1})

    perfect = evaluation.score(item, ["a: best", "a: good", "a: fair"])
    late = evaluation.score(item, ["x: 1", "x: 2", "x: 3", "a: best"])

    assert (perfect.ndcg, perfect.reciprocal_rank, perfect.success_at_3) == (1.0, 1.0, True)
    assert (round(late.ndcg, 3), late.reciprocal_rank, late.success_at_3) == (0.321, 0.25, False)
