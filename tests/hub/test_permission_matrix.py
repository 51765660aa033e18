"""The permission matrix: every role against the hub's writes, by page and by API, checking the outcome
docs/permissions.md documents and that a refused write changed no row.

Accounts and content are built once for the class, inside a transaction rolled back at the end; each
case runs in its own savepoint, so every case starts from the same rows.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django_comments import get_form
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from hub import moderation, roles
from hub.models import ModerationEntry, Report
from profiles.models import HostProfilePage, OrganiserProfilePage, ProfileIndexPage
from qa.models import Answer, Comment, Flag, Question, Rating
from qa.models import Revision as QaRevision
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_debate
from wiki.models import PageWatch

ROLES = ["anonymous", "member", "new member", "organiser", "host A", "host B", "moderator", "admin"]
EVERYONE_SIGNED_IN = set(ROLES) - {"anonymous"}


def _profile(page_class, index, **fields):
    page = page_class(**fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_world() -> dict:
    users = {
        "member": make_user("pm-member"),
        "new member": make_user("pm-new"),
        "organiser": make_user("pm-organiser", role=roles.ORGANISER),
        "host A": make_user("pm-host-a", role=roles.HOST),
        "host B": make_user("pm-host-b", role=roles.HOST),
        "moderator": make_user("pm-moderator", role=roles.MODERATOR),
        "admin": make_user("pm-admin", is_superuser=True, is_staff=True),
    }
    for name in ("member", "host A", "host B"):  # established members: past the new-account limits
        get_user_model().objects.filter(pk=users[name].pk).update(feedback_score=30)
    author = make_user("pm-author")
    Tag.objects.create(name="meetings")
    question = make_question(author, "How do we run a short meeting?")
    answer = make_answer(question, make_user("pm-answerer"))
    debate = make_debate(users["organiser"], "Power before policy")
    index = ProfileIndexPage.objects.get(slug="profiles")
    host = HostProfilePage(title="Host A's trust", area="Leeds")
    index.add_child(instance=host)
    host.maintainers.set([users["host A"]])  # a parental relation: saved with the revision below
    host.save_revision().publish()
    organiser_profile = _profile(OrganiserProfilePage, index, title="The organiser", account=users["organiser"])
    comment_by_author = XtdComment.objects.create(
        content_object=debate, site_id=1, user=author, comment="An opinion", is_public=True
    )
    return {
        "users": users,
        "author": author,
        "question": question,
        "answer": answer,
        "debate": debate,
        "host": host,
        "organiser_profile": organiser_profile,
        "debate_comment": comment_by_author,
    }


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)


def snapshot(world) -> tuple:
    """Every row a write in this matrix could add or change."""
    host, profile = HostProfilePage.objects.get(pk=world["host"].pk), world["organiser_profile"]
    return (
        Question.objects.count(),
        QaRevision.objects.count(),
        Answer.objects.count(),
        Comment.objects.count(),
        Rating.objects.count(),
        Flag.objects.count(),
        XtdComment.objects.filter(is_removed=False).count(),
        PageWatch.objects.count(),
        ModerationEntry.objects.count(),
        Report.objects.count(),
        get_user_model().objects.filter(suspended_at__isnull=False).count(),
        Question.objects.filter(hidden_at__isnull=False).count(),
        host.deletion_requested_at,
        host.live,
        OrganiserProfilePage.objects.get(pk=profile.pk).deletion_requested_at,
    )


def _comment_data(world, text):
    data = get_form()(world["debate"]).generate_security_data()
    data.update({"comment": text, "reply_to": 0, "honeypot": "", "next": world["debate"].url, "followup": ""})
    return data


# (write, how: a function (client, world) -> response, the roles allowed by docs/permissions.md)
WRITES = [
    (
        "ask a question (page)",
        lambda c, w: c.post(
            "/questions/ask/", {"title": "How long should a meeting last?", "body": "Body " * 8, "tags": "meetings"}
        ),
        EVERYONE_SIGNED_IN,
    ),
    (
        "answer (page)",
        lambda c, w: c.post(f"/questions/{w['question'].pk}/answer/", {"body": "Keep it to an hour. " * 3}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "comment on a question (page)",
        lambda c, w: c.post(f"/questions/comment/question/{w['question'].pk}/", {"body": "Which meetings?"}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "rate a question positively (page)",
        lambda c, w: c.post(f"/questions/rate/question/{w['question'].pk}/", {"value": "1"}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "rate an answer negatively (page)",
        lambda c, w: c.post(f"/questions/rate/answer/{w['answer'].pk}/", {"value": "-1"}),
        # score 5 needed: established members (30) and hosts may; a new member may not
        EVERYONE_SIGNED_IN - {"new member"},
    ),
    (
        "flag a question (page)",
        lambda c, w: c.post(f"/questions/flag/question/{w['question'].pk}/", {"reason": "spam"}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "edit another member's question (page)",
        lambda c, w: c.post(
            f"/questions/{w['question'].pk}/edit/",
            {"title": "How do we run a short meeting well?", "body": "Edited body " * 4, "tags": "meetings"},
        ),
        {"organiser", "moderator", "admin"},  # score 100 for others
    ),
    (
        "post in a debate discussion (page)",
        lambda c, w: c.post("/comments/post/", _comment_data(w, "A considered reply")),
        EVERYONE_SIGNED_IN,
    ),
    (
        "watch a wiki page (page)",
        lambda c, w: c.post(f"/wiki/watch/page/{w['debate'].pk}/", {"frequency": "immediate"}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "remove a debate comment (page)",
        lambda c, w: c.post(f"/comments/moderate/{w['debate_comment'].pk}/hide/", {"reason": "Rude"}),
        {"moderator", "admin"},
    ),
    (
        "ask for a host profile's deletion (page)",
        lambda c, w: c.post(f"/profiles/edit/{w['host'].pk}/delete/", {"confirm": "yes"}),
        {"host A", "moderator", "admin"},
    ),
    (
        "ask for an organiser profile's deletion (page)",
        lambda c, w: c.post(f"/profiles/edit/{w['organiser_profile'].pk}/delete/", {"confirm": "yes"}),
        {"organiser", "moderator", "admin"},
    ),
    (
        "report a profile (page)",
        lambda c, w: c.post(f"/report/profile/{w['organiser_profile'].pk}/", {"reason": "spam"}),
        EVERYONE_SIGNED_IN,
    ),
    (
        "take a profile offline (admin)",
        lambda c, w: c.post(f"/admin/moderation/offline/profile/{w['host'].pk}/", {"reason": "Spam"}),
        {"moderator", "admin"},
    ),
    (
        "hide a question (admin)",
        lambda c, w: c.post(f"/admin/qa/moderation/hide/question/{w['question'].pk}/", {"reason": "Spam"}),
        {"moderator", "admin"},
    ),
    (
        "suspend a member (admin)",
        lambda c, w: c.post("/admin/moderation/suspend/", {"username": "pm-author", "reason": "Spam"}),
        {"moderator", "admin"},
    ),
    (
        "ask a question (API)",
        lambda c, w: c.post(
            "/api/v1/questions/",
            {"title": "How long should a meeting last?", "body": "Body " * 8, "tags": ["meetings"]},
            content_type="application/json",
        ),
        EVERYONE_SIGNED_IN,
    ),
    (
        "answer (API)",
        lambda c, w: c.post(
            f"/api/v1/questions/{w['question'].pk}/answers/",
            {"body": "Keep it to an hour. " * 3},
            content_type="application/json",
        ),
        EVERYONE_SIGNED_IN,
    ),
    (
        "comment (API)",
        lambda c, w: c.post(
            f"/api/v1/comments/?question={w['question'].pk}",
            {"body": "Which meetings?"},
            content_type="application/json",
        ),
        EVERYONE_SIGNED_IN,
    ),
    (
        "rate (API)",
        lambda c, w: c.post(
            "/api/v1/ratings/",
            {"post_type": "question", "post_id": w["question"].pk, "value": 1},
            content_type="application/json",
        ),
        EVERYONE_SIGNED_IN,
    ),
    (
        "flag (API)",
        lambda c, w: c.post(
            f"/api/v1/flags/question/{w['question'].pk}/", {"reason": "spam"}, content_type="application/json"
        ),
        EVERYONE_SIGNED_IN,
    ),
]

# Choosing what lands in one's own inbox writes nothing anyone else reads: a suspended member may.
SUSPENDED_MAY = {"watch a wiki page (page)"}
REFUSED = {302, 400, 401, 403, 404, 429}  # 302: to the log-in page, or back with the refusal's message


@pytest.mark.django_db
class TestPermissionMatrix:
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(("write", "how", "allowed"), WRITES, ids=[w[0] for w in WRITES])
    def test_each_role_gets_the_documented_outcome(self, world, role, write, how, allowed):
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        before = snapshot(world)
        response = how(client, world)
        after = snapshot(world)
        if role in allowed:
            assert response.status_code in (200, 201, 302), (write, role, response.status_code)
            assert after != before, f"{role} may {write}, but nothing was written"
        else:
            assert response.status_code in REFUSED, (write, role, response.status_code)
            assert after == before, f"{role} was refused {write}, yet rows changed"

    def test_a_suspended_member_is_refused_every_write(self, world):
        member = world["users"]["member"]
        moderation.suspend(world["users"]["moderator"], member, "Checked by the matrix")
        client = Client()
        client.force_login(get_user_model().objects.get(pk=member.pk))
        for write, how, _allowed in WRITES:
            before = snapshot(world)
            response = how(client, world)
            if write in SUSPENDED_MAY:
                assert snapshot(world) != before, write
                continue
            assert response.status_code in REFUSED, (write, response.status_code)
            assert snapshot(world) == before, write
