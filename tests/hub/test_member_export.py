"""A member's data export (/accounts/profile/data/): everything they wrote and rated, for every
member, with or without a profile; their own data only; a fixed number of queries however much."""

import json

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from events.models import Registration
from hub import roles
from hub.models import Notification, Report
from pathway.models import ReflectionRevision, Visit
from profiles.models import ProfileIndexPage
from qa.models import Comment, Flag, Follow, Rating, Revision
from tests.events.conftest import make_event
from tests.factories import make_user
from tests.pathway.conftest import enrol, make_reflection, record
from tests.profiles.conftest import make_host, make_organiser
from tests.qa.conftest import NOW, make_answer, make_question
from tests.wiki.conftest import make_article, make_debate

URL = "/accounts/profile/data/"


def _export(client, user) -> dict:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="hub-data-{user.username}.json"'
    return json.loads(response.content)


def _write_everything(member, other, n: int, prefix: str) -> None:
    """`n` of every kind of thing `member` can write or rate, each with a recognisable text."""
    stages = ["e1", "e2", "e3", "e4"]
    enrolment = enrol(member)
    for i in range(n):
        question = make_question(member, title=f"{prefix} question {i}", body=f"{prefix} question body {i}")
        question.tags.add(f"{prefix}-tag")
        Revision.objects.create(
            question=question, number=1, editor=member, title=question.title, body=question.body, created_at=NOW
        )
        theirs = make_question(other, title=f"{prefix} their question {i}")
        answer = make_answer(theirs, member, body=f"{prefix} answer body {i}")
        Comment.objects.create(author=member, answer=answer, body=f"{prefix} comment {i}", created_at=NOW)
        Rating.objects.create(
            rater=member,
            recipient=other,
            question=theirs,
            value=1,
            feedback=f"{prefix} thanks {i}",
            created_at=NOW,
            updated_at=NOW,
        )
        Rating.objects.create(rater=other, recipient=member, answer=answer, value=-1, created_at=NOW, updated_at=NOW)
        Flag.objects.create(
            reporter=member,
            content_type=ContentType.objects.get_for_model(theirs),
            object_id=theirs.pk,
            reason=Flag.SPAM,
            note=f"{prefix} flag {i}",
            created_at=NOW,
        )
        Follow.objects.create(user=member, question=theirs)
        article = make_article(
            member, f"{prefix} article {i}", body=f"{prefix} article body {i}", note=f"{prefix} note {i}"
        )
        debate = make_debate(member, f"{prefix} debate {i}", positions=[("for", f"{prefix} heading {i}", "Because.")])
        their_comment = XtdComment.objects.create(
            content_type=ContentType.objects.get_for_model(debate),
            object_pk=str(debate.pk),
            site_id=settings.SITE_ID,
            user=other,
            user_name=other.username,
            comment=f"{prefix} their debate comment {i}",
            submit_date=NOW,
        )
        CommentFlag.objects.create(comment=their_comment, user=member, flag=CommentFlag.SUGGEST_REMOVAL)
        Report.objects.create(
            reporter=member,
            kind="profile",
            object_id=debate.pk,
            reason=Report.SPAM,
            note=f"{prefix} report {i}",
            created_at=NOW,
        )
        XtdComment.objects.create(
            content_type=ContentType.objects.get_for_model(debate),
            object_pk=str(debate.pk),
            site_id=settings.SITE_ID,
            user=member,
            user_name=member.username,
            comment=f"{prefix} debate comment {i}",
            submit_date=NOW,
        )
        assert article.pk
        reflection = make_reflection(enrolment, stages[i], title=f"{prefix} reflection {i}")
        ReflectionRevision.objects.create(
            reflection=reflection, title=reflection.title, body="first words", visibility="private"
        )
        record(enrolment, stages[i], NOW.date())
        Visit.objects.create(
            enrolment=enrolment, place_name=f"{prefix} farm {i}", visited_on=NOW.date(), learned="Much."
        )
        event = make_event(f"{prefix} camp {i}")
        Registration.objects.create(
            event=event,
            user=member,
            status=Registration.CONFIRMED,
            access_needs=f"{prefix} ramp {i}",
            created_at=NOW,
        )
        Notification.objects.create(user=member, kind="answer", subject=f"{prefix} news {i}", url="/questions/")


@pytest.fixture
def people(db):
    member = make_user("writer", role=roles.ORGANISER, display_name="Writer W")
    other = make_user("reader", role=roles.ORGANISER)
    return member, other


@pytest.fixture
def everything(people):
    member, other = people
    _write_everything(member, other, 2, "mine")
    _write_everything(other, make_user("third", role=roles.ORGANISER), 1, "theirs")
    return member, other


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_member_without_a_profile_gets_their_export(client, people):
    member, _ = people
    data = _export(client, member)
    assert data["member"] == "writer"
    assert data["profiles.profile"] is None
    assert data["qa.questions"] == [] and data["wiki.revisions"] == [] and data["events.registrations"] == []
    assert data["account"]["email_addresses"] == [{"email": "writer@example.org", "verified": True, "primary": True}]


def test_account_and_profile(client, people):
    member, other = people
    index = ProfileIndexPage.objects.get(slug="profiles")
    make_organiser(index, account=member, title="Writer's profile", bio="I knock on doors.")
    make_host(index, title="Riverside Trust", maintainers=[member])
    data = _export(client, member)
    assert data["account"]["username"] == "writer" and data["account"]["display_name"] == "Writer W"
    assert data["account"]["suspended_at"] is None
    assert data["profiles.profile"]["title"] == "Writer's profile"
    assert data["profiles.profile"]["bio"] == "I knock on doors."
    assert [host["title"] for host in data["profiles.hosts_maintained"]] == ["Riverside Trust"]
    assert _export(client, other)["profiles.profile"] is None


def test_questions_answers_comments_and_edits(client, everything):
    data = _export(client, everything[0])
    assert [q["title"] for q in data["qa.questions"]] == ["mine question 0", "mine question 1"]
    assert data["qa.questions"][0]["body"] == "mine question body 0" and data["qa.questions"][0]["tags"] == ["mine-tag"]
    assert [a["body"] for a in data["qa.answers"]] == ["mine answer body 0", "mine answer body 1"]
    assert data["qa.answers"][0]["question"]["title"] == "mine their question 0"
    assert [c["body"] for c in data["qa.comments"]] == ["mine comment 0", "mine comment 1"]
    assert data["qa.comments"][0]["on"]["kind"] == "answer"
    assert [e["title"] for e in data["qa.edits"]] == ["mine question 0", "mine question 1"]
    assert [r["note"] for r in data["qa.reports"]] == ["mine flag 0", "mine flag 1"]


def test_hidden_posts_are_still_the_members_and_say_so(client, everything):
    member, other = everything
    question = member.questions.order_by("pk").first()
    type(question).objects.filter(pk=question.pk).update(hidden_at=NOW, hidden_by=other, hidden_reason="spam")
    questions = _export(client, member)["qa.questions"]
    assert [(q["title"], q["hidden"]) for q in questions] == [("mine question 0", True), ("mine question 1", False)]


def test_ratings_given_and_a_summary_of_those_received(client, everything):
    data = _export(client, everything[0])
    given = data["qa.ratings_given"]
    assert [(r["feedback"], r["value"], r["recipient"]) for r in given] == [
        ("mine thanks 0", "Positive", "reader"),
        ("mine thanks 1", "Positive", "reader"),
    ]
    assert data["qa.ratings_received"] == {"positive": 0, "neutral": 0, "negative": 2, "feedback_score": 0}


def test_wiki_revisions_positions_and_debate_comments(client, everything):
    data = _export(client, everything[0])
    revisions = data["wiki.revisions"]
    assert [r["page"]["title"] for r in revisions] == [
        "mine article 0",
        "mine debate 0",
        "mine article 1",
        "mine debate 1",
    ]
    article = revisions[0]
    assert (article["change_note"], article["published"]) == ("mine note 0", True)
    assert article["content"]["body"] == "mine article body 0"
    assert [p["heading"] for p in data["wiki.debate_positions"]] == ["mine heading 0", "mine heading 1"]
    comments = data["wiki.debate_comments"]
    assert [(c["comment"], c["debate"]["title"]) for c in comments] == [
        ("mine debate comment 0", "mine debate 0"),
        ("mine debate comment 1", "mine debate 1"),
    ]


def test_reflections_enrolments_and_event_registrations(client, everything):
    data = _export(client, everything[0])
    assert [r["title"] for r in data["pathway.reflections"]] == ["mine reflection 0", "mine reflection 1"]
    assert data["pathway.reflections"][0]["versions"][0]["body"] == "first words"
    (enrolment,) = data["pathway.enrolments"]
    assert len(enrolment["stages_done"]) == 2
    assert sorted(v["place"] for v in enrolment["visits"]) == ["mine farm 0", "mine farm 1"]
    registrations = data["events.registrations"]
    assert [(r["event"]["title"], r["access_needs"]) for r in registrations] == [
        ("mine camp 0", "mine ramp 0"),
        ("mine camp 1", "mine ramp 1"),
    ]


def test_what_the_member_reported(client, everything):
    data = _export(client, everything[0])
    assert [(r["about"], r["note"]) for r in data["reports"]] == [
        ("profile", "mine report 0"),
        ("profile", "mine report 1"),
    ]
    assert [r["flag"] for r in data["discussion_reports"]] == ["removal suggestion", "removal suggestion"]


def test_inbox_and_what_the_member_follows(client, everything):
    data = _export(client, everything[0])
    assert [n["subject"] for n in data["inbox"]] == ["mine news 0", "mine news 1"]
    following = [(f["kind"], f["title"]) for f in data["following"]]
    assert ("Question", "mine their question 0") in following and ("Question", "mine their question 1") in following


def test_nothing_of_another_members_is_in_the_export(client, everything):
    body = json.dumps(_export(client, everything[0]))
    # The other member's own writing (prefixed "theirs") is absent; only titles of what the member
    # answered, rated or commented on appear, and those were written for this test as "mine their ...".
    for text in (
        "theirs question body",
        "theirs answer body",
        "theirs comment",
        "theirs thanks",
        "theirs flag",
        "theirs article body",
        "theirs debate comment",
        "theirs reflection",
        "theirs ramp",
        "theirs news",
        "theirs farm",
    ):
        assert text not in body, text


def _export_queries(client, user) -> int:
    client.force_login(user)
    client.get(URL)  # warm caches (content types, site root) so both counts measure the same work
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_what_the_member_wrote(client, db):
    few, many = make_user("few", role=roles.ORGANISER), make_user("many", role=roles.ORGANISER)
    other = make_user("other", role=roles.ORGANISER)
    _write_everything(few, other, 1, "few")
    _write_everything(many, other, 3, "many")
    assert _export_queries(client, few) == _export_queries(client, many)
