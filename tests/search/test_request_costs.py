"""What a request pays for keeping the index in step: a fixed number of SQL queries whatever the
author has written, and never a wait on Elasticsearch.

`queued` keeps enqueued tasks instead of running them, as the persistent queue does in production
until a worker takes them; `django_capture_on_commit_callbacks(execute=True)` runs what the
request's transaction does on commit, so the queries counted include enqueueing the index work.
Elasticsearch cannot run here: "black-holed" is a local listener that accepts and never answers,
"down" a free port, and "back" tests/search/fake_elasticsearch.py started on that same port.
"""

import socket
import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hub import roles
from qa.models import Answer, Question
from search import indexing
from search.backends import breaker, elastic
from search.models import IndexEntry
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question
from tests.queue import rows, run_queue
from tests.search.conftest import run
from tests.search.fake_elasticsearch import FakeElasticsearch
from tests.sockets import silent_server
from tests.wiki.conftest import make_article

pytestmark = pytest.mark.django_db


def author_with_posts(name: str, count: int):
    author = make_user(name)
    questions = [make_question(author, title=f"{name} asks question number {n}?") for n in range(count)]
    answers = [make_answer(question, author) for question in questions]
    return author, answers[0]


def counted(client, django_capture_on_commit_callbacks, url: str, data: dict) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    return len(queries), response.status_code


def test_a_rating_runs_as_many_queries_for_an_author_of_1_post_as_of_40(
    client, queued, django_capture_on_commit_callbacks
):
    rater = make_user("rater", role=roles.ORGANISER)
    _, few = author_with_posts("newcomer", 1)
    prolific, many = author_with_posts("prolific", 20)  # 20 questions and 20 answers
    client.force_login(rater)

    small = counted(client, django_capture_on_commit_callbacks, f"/questions/rate/answer/{few.pk}/", {"value": "1"})
    queued.clear()
    large = counted(client, django_capture_on_commit_callbacks, f"/questions/rate/answer/{many.pk}/", {"value": "1"})

    assert small[1] == large[1] == 302
    assert small[0] == large[0]
    assert sorted(result.task.name for result in queued) == ["refresh_author_content", "refresh_index"]
    run(queued)  # the worker: every post of the rated author now ranks with their new score
    score = type(prolific).objects.get(pk=prolific.pk).feedback_score
    assert score > 0
    assert set(
        IndexEntry.objects.filter(kind__in=["question", "answer"], object_id__in=[many.pk]).values_list(
            "author_score", flat=True
        )
    ) == {score}
    assert IndexEntry.objects.filter(author_score=score).count() == 40


def test_an_answer_runs_as_many_queries_for_an_author_of_1_post_as_of_40(
    client, queued, django_capture_on_commit_callbacks
):
    asker = make_user("asker")
    newcomer, _ = author_with_posts("newcomer", 1)
    prolific, _ = author_with_posts("prolific", 20)
    body = {"body": "Knock with a welcome card and the date of the next meeting."}
    costs = []
    for author, title in (
        (newcomer, "How do we welcome new tenants?"),
        (prolific, "How do we welcome new neighbours?"),
    ):
        question = make_question(asker, title=title)  # one each: the same followers are told about either answer
        client.force_login(author)
        costs.append(counted(client, django_capture_on_commit_callbacks, f"/questions/{question.pk}/answer/", body))

    assert costs[0][1] == costs[1][1] == 302
    assert costs[0][0] == costs[1][0]
    assert Answer.objects.filter(body=body["body"]).count() == 2


def test_a_publish_runs_as_many_queries_for_an_author_of_1_page_as_of_15(queued, django_capture_on_commit_callbacks):
    newcomer, prolific = make_user("newcomer", role=roles.ORGANISER), make_user("prolific", role=roles.ORGANISER)
    make_article(newcomer, "First guide")
    for number in range(15):
        make_article(prolific, f"Guide number {number}")

    costs = []
    for author, title in ((newcomer, "Second guide"), (prolific, "Sixteenth guide")):
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            make_article(author, title)
        costs.append(len(queries))

    assert costs[0] == costs[1]
    assert [result.task.name for result in queued].count("refresh_index") >= 2


@pytest.fixture
def black_hole():
    """A local listener that accepts connections and never answers: a hung Elasticsearch."""
    with silent_server(backlog=8) as server:
        yield server.port, server.accepted


def test_publishing_with_elasticsearch_black_holed_never_waits_on_the_cluster(
    settings, queued, black_hole, django_capture_on_commit_callbacks
):
    """The request opens no connection to the cluster at all, so a hung cluster cannot slow it
    (timings are for benchmarks, not tests: docs/search.md gives the measured time)."""
    port, accepted = black_hole
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_ES_WRITE_TIMEOUT = 10
    elastic.reset_client()
    author = make_user("writer", role=roles.ORGANISER)

    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(author, "Phone trees", "Who rings whom when the landlord calls a meeting.")

    assert page.live is True
    assert accepted == []  # the request never opened a connection to the cluster
    assert [result.task.name for result in queued].count("refresh_index") == 1  # beside Wagtail's own tasks
    elastic.reset_client()


def test_the_index_catches_up_once_elasticsearch_is_back(settings, database_queue, django_capture_on_commit_callbacks):
    """On the real database queue: the worker's tries fail while Elasticsearch is down (a free port),
    the task waits for its backoff, and once a server answers on that port the next try writes it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_ES_WRITE_TIMEOUT = 0.5
    elastic.reset_client()
    author = make_user("asker")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        question = make_question(author, title="Where do we store the banners?")
        indexing.update(question)

    run_queue()  # the worker's first try: Elasticsearch is down
    (row,) = rows("refresh_index")
    assert (row.status, row.exception_class_path) == ("READY", "hub.tasks.TransientError")  # waiting to retry
    assert breaker.is_open() is False  # a failed write never sends searches to the database
    assert IndexEntry.objects.filter(kind="question", object_id=question.pk).exists()  # the database index has it

    with FakeElasticsearch(port=port) as cluster:  # Elasticsearch is back on the same address
        elastic.reset_client()
        DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())  # its backoff has passed
        run_queue()
        assert list(cluster.state.docs(elastic.alias_name())) == [f"question-{question.pk}"]
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    elastic.reset_client()


def test_wagtails_own_search_never_writes_to_the_cluster():
    """Wagtail's page index stays in the database even when the hub's search uses Elasticsearch,
    so page saves never wait on the cluster and only the hub's index is written there."""
    code = (
        "import os; os.environ['ELASTICSEARCH_URL'] = 'http://127.0.0.1:9'; "
        "from settings import base; print(base.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert output.strip() == "wagtail.search.backends.database"
    assert not hasattr(Question, "search_fields") and not hasattr(Answer, "search_fields")
