"""The rating's written statements (docs/adr/0109), on SQLite and on PostgreSQL (where they run
prepared): hub.compiled.insert writes the row Model.objects.create writes, compared column by
column, with the instance left as the ORM leaves it (a model it cannot write that way is saved by
the ORM); hub.compiled.model_instances reads the instances Model.objects.raw reads."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import signals
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from hub.compiled import _insert_statement, columns, insert, model_instances
from hub.models import Notification
from qa.models import Answer, Rating
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question
from wiki.models import ArticlePage

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 30, 23, 59, 58, 123456, tzinfo=dt.UTC)


def _stored(model, pk: int) -> dict:
    row = model.objects.filter(pk=pk).values().get()
    del row["id"]
    return row


def _same_instance(written, created, *differing: str) -> None:
    assert type(written.pk) is int and written.pk != created.pk
    state = (False, "default")
    assert (written._state.adding, written._state.db) == (created._state.adding, created._state.db) == state
    apart = dict.fromkeys(["id", *differing])
    assert {**model_to_dict(written), **apart} == {**model_to_dict(created), **apart}


def test_a_notification_is_written_as_create_writes_it():
    member = make_user("reader")
    values = {"user": member, "kind": "rating", "subject": "New rating “x”", "text": "Line\nline", "url": "https://a/b"}
    created = Notification.objects.create(**values)
    with CaptureQueriesContext(connection) as queries:
        written = insert(Notification(**values))
    assert len(queries) == 1
    _same_instance(written, created)
    created_row, written_row = _stored(Notification, created.pk), _stored(Notification, written.pk)
    assert written_row.pop("created_at") >= created_row.pop("created_at")  # auto_now_add, each its own moment
    assert written_row == created_row
    assert written_row["read_at"] is None


@pytest.mark.parametrize("held", [False, True])
def test_a_rating_is_written_as_create_writes_it(held):
    author = make_user("author")
    answers = [make_answer(make_question(author, f"Question {n}?"), author) for n in range(2)]
    rater = make_user("rater")
    values = {
        "rater": rater,
        "recipient": author,
        "value": -1,
        "feedback": "Clear “steps”",
        "from_acceptance": held,
        "created_at": AT,
        "updated_at": AT,
        "held": held,
    }
    created = Rating.objects.create(answer=answers[0], **values)
    written = insert(Rating(answer=answers[1], **values))
    _same_instance(written, created, "answer")
    assert (written.rater, written.recipient, written.answer) == (rater, author, answers[1])
    created_row, written_row = _stored(Rating, created.pk), _stored(Rating, written.pk)
    assert (created_row.pop("answer_id"), written_row.pop("answer_id")) == (answers[0].pk, answers[1].pk)
    assert written_row == created_row
    assert written_row["updated_at"] == AT and written_row["held"] is held


def test_an_unsaved_related_row_is_refused_as_save_refuses_it():
    with pytest.raises(ValueError, match="unsaved related object 'user'"):
        insert(Notification(user=type(make_user("saved"))(username="unsaved"), subject="s", url="/"))


def test_a_model_of_more_than_one_table_is_left_to_the_orm():
    assert _insert_statement(connection, Answer) is not None  # one table, its id from the sequence
    assert _insert_statement(connection, ArticlePage) is None  # a Wagtail page: two tables


def test_written_sql_reads_the_instances_raw_reads_with_the_extra_columns_as_attributes():
    author, rater = make_user("author"), make_user("rater")
    answers = [make_answer(make_question(author, f"Question {n}?"), author) for n in range(3)]
    for n, answer in enumerate(answers):
        Rating.objects.create(
            rater=rater, recipient=author, answer=answer, value=n - 1, created_at=AT, updated_at=AT, held=n == 1
        )
    q = connection.ops.quote_name
    where = f" FROM {q('qa_rating')} WHERE {q('recipient_id')} = %s ORDER BY {q('id')}"
    sql = f"SELECT {columns(connection, Rating)}, {q('value')} * 2{where}"
    raw_sql = f"SELECT *, {q('value')} * 2 AS doubled{where}"

    for _ in range(3):  # prepared on PostgreSQL from the first run, then reused
        read = model_instances(connection, Rating, sql, [author.pk], ("doubled",))
    expected = list(Rating.objects.raw(raw_sql, [author.pk]))

    assert [(type(row), row.__dict__.keys() - {"_state"}) for row in read] == [
        (Rating, row.__dict__.keys() - {"_state"}) for row in expected
    ]
    assert [{**vars(row), "_state": None} for row in read] == [{**vars(row), "_state": None} for row in expected]
    assert [(row._state.adding, row._state.db) for row in read] == [(False, "default")] * 3
    assert [(row.doubled, row.held, row.updated_at) for row in read] == [(-2, False, AT), (0, True, AT), (2, False, AT)]


def test_model_instances_refuses_a_model_of_more_than_one_table():
    with pytest.raises(ValueError, match="more than one table"):
        columns(connection, ArticlePage)


@pytest.mark.parametrize("model", [Notification, Rating])
def test_no_save_signal_receiver_needs_the_rows_insert_writes(model):
    """insert sends no pre_save or post_save signal: a receiver added for these models would miss
    their rows (move the model back to the ORM's create, or send the signal there)."""
    receivers = {
        signal_name: sorted(receiver.__name__ for receiver in getattr(signals, signal_name)._live_receivers(model)[0])
        for signal_name in ("pre_save", "post_save")
    }
    # Wagtail's receiver only gives a translatable model's new instance a locale; these are not.
    assert receivers == {"pre_save": ["set_locale_on_new_instance"], "post_save": []}
    assert not hasattr(model, "locale")
