"""The Django side of bench/pages.py, run in its own process against one benchmark database.

    python bench/hub_probe.py targets            # the URL of each benchmarked page, as JSON
    python bench/hub_probe.py queries            # SQL queries per page, anonymous and signed in
    python bench/hub_probe.py writers N          # N raters' sessions and the answers they rate
    python bench/hub_probe.py check-ratings IDS  # are scores and reputations exact for these raters?

Settings come from the environment (DJANGO_SETTINGS_MODULE=bench.settings and the production
variables), as for the gunicorn it measures. Output is one JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

SIGNED_IN = "amara"  # an organiser of the demo: the people who use the hub every day
PAGES = ["home", "wiki", "article", "debate", "questions", "question", "profiles", "profile", "member", "search"]
HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1"}


def targets() -> dict[str, str]:
    """The largest page of each kind in this database: the worst case a visitor can reach."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count
    from django_comments_xtd.models import XtdComment

    from profiles.models import FeedItem, OrganiserProfilePage, ProfilePage
    from qa.models import Question, Rating
    from wiki.models import ArticlePage, DebatePage, WikiLink

    popular_key = (
        WikiLink.objects.values("target_key")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("target_key", flat=True)
    )
    article = _article_for(ArticlePage, list(popular_key[:20]))
    debate_type = ContentType.objects.get_for_model(DebatePage)
    busiest_debate = (
        XtdComment.objects.filter(content_type=debate_type, is_public=True)
        .values("object_pk")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("object_pk", flat=True)
        .first()
    )
    debate = DebatePage.objects.live().filter(pk=int(busiest_debate or 0)).first() or DebatePage.objects.live().first()
    question = Question.objects.visible().order_by("-answer_count", "pk").first()
    profile_id = (
        FeedItem.objects.values("source__page_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("source__page_id", flat=True)
    )
    profile = ProfilePage.objects.live().filter(pk__in=list(profile_id[:20])).specific().first()
    busiest = Rating.objects.values("recipient_id").annotate(n=Count("pk")).order_by("-n").first()
    member = get_user_model().objects.get(pk=busiest["recipient_id"])
    return {
        "home": "/",
        "wiki": "/wiki/",
        "article": article.url,
        "debate": debate.url,
        "questions": "/questions/",
        "question": question.get_absolute_url(),
        "profiles": "/profiles/",
        "profile": (profile or OrganiserProfilePage.objects.live().first()).url,
        "member": f"/members/{member.username}/",
        "search": "/search/?q=door+knocking",
    }


def _article_for(model, keys: list[str]):
    from django.db.models.functions import Lower

    pages = model.objects.live().annotate(lower_title=Lower("title"))
    for key in keys:
        page = pages.filter(lower_title=key).first() or pages.filter(slug=key).first()
        if page is not None:
            return page
    return model.objects.live().first()


def queries() -> dict:
    """SQL queries of a full render of each page (page cache off), anonymous and signed in."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    urls = targets()
    result: dict = {"anonymous": {}, "signed_in": {}, "sizes": sizes()}
    with override_settings(HUB_PAGE_CACHE=False):
        for label in ("anonymous", "signed_in"):
            client = Client(**HEADERS)
            if label == "signed_in":
                client.force_login(get_user_model().objects.get(username=SIGNED_IN))
            for name in PAGES:
                client.get(urls[name])  # warm: first-request work (templates, site root paths) is not counted
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(urls[name])
                count = len(captured.captured_queries)
                result[label][name] = {"queries": count, "status": response.status_code, "bytes": len(response.content)}
    result["urls"] = urls
    return result


def sizes() -> dict[str, int]:
    from wagtail.models import Page

    from profiles.models import FeedItem
    from qa.models import Answer, Question, Rating

    return {
        "pages": Page.objects.count(),
        "questions": Question.objects.count(),
        "answers": Answer.objects.count(),
        "ratings": Rating.objects.count(),
        "feed_items": FeedItem.objects.count(),
    }


def session_cookie(user) -> str:
    """A signed-in session for `user`, made as django.contrib.auth.login makes one, as a Cookie header value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def writers(count: int) -> dict:
    """Sessions for `count` corpus members with confirmed addresses, and answers by others to rate.

    Each rater rates answers of different authors, so no rating is held as serial rating.
    """
    from django.contrib.auth import get_user_model

    users = list(get_user_model().objects.filter(username__startswith="corpus-member-").order_by("pk")[:count])
    rater_ids = {user.pk for user in users}
    answers = _one_answer_per_author(rater_ids, max(40, count))
    signed_in = get_user_model().objects.get(username=SIGNED_IN)
    return {
        "signed_in_cookie": session_cookie(signed_in),
        "raters": [{"id": user.pk, "cookie": session_cookie(user), "csrf": secrets.token_hex(16)} for user in users],
        "answers": answers,
    }


def _one_answer_per_author(excluded: set[int], count: int) -> list[int]:
    from qa.models import Answer

    seen, found = set(), []
    answers = Answer.objects.visible().filter(question__hidden_at__isnull=True, question__locked_at__isnull=True)
    for pk, author in answers.exclude(author_id__in=excluded).values_list("pk", "author_id").iterator():
        if author not in seen:
            seen.add(author)
            found.append(pk)
            if len(found) == count:
                break
    return found


def check_ratings(rater_ids: list[int]) -> dict:
    """Every post these raters rated scores exactly the sum of its ratings; every recipient's stored
    reputation equals its recomputation from the rows."""
    from django.contrib.auth import get_user_model
    from django.db.models import Sum
    from django.utils import timezone

    from qa import reputation
    from qa.models import Answer, Rating

    rated = Rating.objects.filter(rater_id__in=rater_ids)
    answer_ids = set(rated.exclude(answer_id=None).values_list("answer_id", flat=True))
    wrong_scores = [
        answer.pk
        for answer in Answer.objects.filter(pk__in=answer_ids).annotate(total=Sum("ratings__value"))
        if answer.rating_score != (answer.total or 0)
    ]
    now = timezone.now()
    recipients = get_user_model().objects.filter(pk__in=set(rated.values_list("recipient_id", flat=True)))
    wrong_reputation = [user.pk for user in recipients if reputation.stored(user) != reputation.compute(user.pk, now)]
    return {
        "ratings": rated.count(),
        "posts": len(answer_ids),
        "recipients": recipients.count(),
        "wrong_scores": wrong_scores,
        "wrong_reputation": wrong_reputation,
    }


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command = argv[0]
    if command == "targets":
        result = targets()
    elif command == "queries":
        result = queries()
    elif command == "writers":
        result = writers(int(argv[1]))
    elif command == "check-ratings":
        result = check_ratings([int(pk) for pk in argv[1].split(",") if pk])
    else:
        raise SystemExit(__doc__)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
