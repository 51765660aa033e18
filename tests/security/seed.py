"""Pages full of hostile text in a running hub's database, for the browser test that no dialog fires
(tests/browser/test_xss_dialogs.py runs `seed_payload_pages()` through `manage.py shell`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django_comments_xtd.models import XtdComment

from profiles.feeds.parse import clean_summary, plain_text
from profiles.models import FeedItem, FeedSource, OrganiserProfilePage, ProfileIndexPage
from qa.models import Answer, Comment, Question
from tests.security.payloads import EVASION, page_payloads
from wiki.models import ArticlePage, DebatePage, WikiCategory, WikiIndexPage

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def seed_payload_pages() -> list[str]:
    """Create one page of each kind carrying every payload; return their paths."""
    payloads = page_payloads()
    joined = "\n\n".join(payloads)
    author = _author(EVASION[10][:100])
    paths = [_question(author, payloads, joined), _article(author, joined), _debate(author, payloads)]
    paths.append(_profile(author, joined, payloads))
    paths.append("/questions/")
    return paths


def _author(display_name: str):
    user, _ = get_user_model().objects.get_or_create(username="xss-writer", defaults={"email": "xss@example.org"})
    user.display_name = display_name
    user.save()
    return user


def _question(author, payloads: list[str], joined: str) -> str:
    question = Question.objects.create(
        author=author, title=EVASION[0], body=joined, created_at=NOW, updated_at=NOW, last_activity_at=NOW
    )
    answer = Answer.objects.create(question=question, author=author, body=joined, created_at=NOW, updated_at=NOW)
    for number, text in enumerate(payloads[:60]):
        at = NOW + timedelta(seconds=number)
        Comment.objects.create(question=question, author=author, body=text[:600], created_at=at)
        Comment.objects.create(answer=answer, author=author, body=text[:600], created_at=at)
    return question.get_absolute_url()


def _article(author, joined: str) -> str:
    page = ArticlePage(
        title=EVASION[1],
        slug="xss-article",
        summary=EVASION[2][:200],
        body=joined,
        category=WikiCategory.objects.first(),
        live=False,
    )
    WikiIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page.url


def _debate(author, payloads: list[str]) -> str:
    page = DebatePage(
        title=EVASION[3],
        slug="xss-debate",
        motion=EVASION[4][:250],
        summary="Hostile text",
        body=EVASION[5],
        category=WikiCategory.objects.first(),
        live=False,
    )
    WikiIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    content_type, site = ContentType.objects.get_for_model(page), Site.objects.get_current()
    for number, text in enumerate(payloads):
        XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(page.pk),
            site=site,
            user=author,
            comment=text,
            submit_date=NOW + timedelta(seconds=number),
            is_public=True,
        )
    return page.url


def _profile(author, joined: str, payloads: list[str]) -> str:
    page = OrganiserProfilePage(
        title=EVASION[11][:255], slug="xss-profile", account=author, area=EVASION[12][:120], bio=joined
    )
    ProfileIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    OrganiserProfilePage.objects.filter(pk=page.pk).update(links="\n".join(payloads))
    source = FeedSource.objects.create(page=page, kind=FeedSource.BLOG, url="https://blog.example.org/", is_demo=True)
    FeedItem.objects.bulk_create(
        FeedItem(
            source=source,
            guid=f"x{number}",
            title=plain_text(text)[:300],
            summary=clean_summary(text),
            published_at=NOW - timedelta(minutes=number),
            is_demo=True,
        )
        for number, text in enumerate(payloads[:20])
    )
    return page.url


def main() -> None:
    """For `manage.py shell -c "from tests.security.seed import main; main()"`: the paths as JSON."""
    print(json.dumps(seed_payload_pages()))
