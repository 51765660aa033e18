"""The benchmark corpus: `generate_corpus` writes rows the hub reads as real content.

Small counts here; `make bench` runs it at full size. Every stored counter must equal what the
services would have computed, or the benchmark would measure pages no real hub can have.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, Revision

from profiles.models import FeedItem, OrganiserProfilePage, ProfilePage
from qa import reputation
from qa.models import Answer, Question, Rating
from search.models import IndexEntry
from tests.factories import make_user
from tests.qa.conftest import make_question
from wiki import selectors
from wiki.models import ArticlePage, DebatePage, WikiLink

SIZES = {"articles": 40, "debates": 3, "questions": 30, "profiles": 12, "members": 120}


@pytest.fixture
def corpus(db):
    out = io.StringIO()
    call_command("generate_corpus", **SIZES, stdout=out)
    return out.getvalue()


def test_corpus_has_the_counts_asked_for_and_reports_progress(corpus):
    assert ArticlePage.objects.filter(owner__username__startswith="corpus-").count() == 40
    assert DebatePage.objects.filter(owner__username__startswith="corpus-").count() == 3
    assert Question.objects.filter(author__username__startswith="corpus-").count() == 30
    assert ProfilePage.objects.filter(slug__contains="-").count() >= 12
    assert OrganiserProfilePage.objects.filter(account__username__startswith="corpus-").count() == 10
    assert "Corpus ready" in corpus
    assert "Search index rebuilt" in corpus
    # The page tree is sound and every kind of page is served.
    assert Page.find_problems() == ([], [], [], [], [])
    client = Client()
    article = ArticlePage.objects.filter(owner__username__startswith="corpus-").order_by("pk").first()
    debate = DebatePage.objects.filter(owner__username__startswith="corpus-").order_by("pk").first()
    profile = OrganiserProfilePage.objects.filter(account__username__startswith="corpus-").first()
    question = Question.objects.order_by("-answer_count").first()
    for url in (article.url, debate.url, profile.url, question.get_absolute_url(), f"{article.url}history/"):
        assert client.get(url).status_code == 200, url


def test_long_lists_for_the_benchmark_and_the_search_index(corpus):
    article = ArticlePage.objects.filter(owner__username__startswith="corpus-").order_by("pk").first()
    # Every other article links to the first one (and random links may add a few more).
    linking = set(WikiLink.objects.filter(target_key=article.title.lower()).values_list("source_id", flat=True))
    others = set(
        ArticlePage.objects.filter(owner__username__startswith="corpus-")
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
    )
    assert others <= linking
    assert len(selectors.contributors(article)) == 10  # every corpus organiser edited it
    assert Revision.objects.filter(object_id=str(article.pk)).count() == 10
    debate = DebatePage.objects.filter(owner__username__startswith="corpus-").order_by("pk").first()
    assert XtdComment.objects.filter(object_pk=str(debate.pk)).count() == 200
    biggest = FeedItem.objects.values("source__page").annotate(n=Count("pk")).order_by("-n").first()
    assert biggest["n"] == 50
    assert IndexEntry.objects.filter(kind="question").count() == Question.objects.visible().count()
    assert IndexEntry.objects.filter(kind="answer").count() == Answer.objects.visible().count()


def test_stored_counters_and_reputation_equal_their_rows(corpus):
    for question in Question.objects.annotate(answers_found=Count("answers")):
        assert question.answer_count == question.answers_found
    for question in Question.objects.annotate(total=Sum("ratings__value")):
        assert question.rating_score == (question.total or 0)
    for answer in Answer.objects.annotate(total=Sum("ratings__value")):
        assert answer.rating_score == (answer.total or 0)
    assert Question.objects.filter(answer_count=100).exists()
    assert not Rating.objects.filter(rater_id=F("recipient_id")).exists()
    now = timezone.now()
    rated = Rating.objects.values_list("recipient_id", flat=True).distinct()
    for user in get_user_model().objects.filter(pk__in=rated):
        assert reputation.stored(user) == reputation.compute(user.pk, now)
    accepted = Question.objects.exclude(accepted_answer=None)
    assert accepted.exists()
    for question in accepted:
        assert Rating.objects.filter(
            answer_id=question.accepted_answer_id, rater_id=question.author_id, from_acceptance=True
        ).exists()
    assert not Rating.objects.filter(Q(question=None) & Q(answer=None)).exists()
    # PostgreSQL's sequences were moved past the ids the generators chose.
    question = make_question(make_user("after-corpus"))
    assert question.pk > Question.objects.exclude(pk=question.pk).order_by("-pk").first().pk
    # A second run refuses and says why.
    with pytest.raises(CommandError, match="already holds a generated corpus"):
        call_command("generate_corpus", **SIZES, stdout=io.StringIO())
