"""Hostile text through every field that shows what members (or feeds) wrote, checked by parsing the
rendered HTML: no script element, no event handler, no javascript: address, no element, class or
id the page does not have with harmless text. See docs/security.md.

The sanitiser and the feed parser take every payload (559); the whole-page checks take the 349 that
carry markup, quotes or escapes, each in the fields of one question page (title, body, an answer,
Q&A comments, the authors' display names), and in batches of ten in wiki article bodies, organiser
profiles (name, area, bio, links) and debate comments.
"""

import re
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django_comments_xtd.models import XtdComment

from hub.markdown import render
from hub.sanitise import clean_feed_html
from profiles.feeds.parse import parse_feed
from profiles.feeds.refresh import store_items
from profiles.models import FeedItem, FeedSource, ProfileIndexPage
from qa.models import Answer, Comment, Question
from tests.factories import make_user
from tests.profiles.conftest import make_organiser
from tests.security.html_check import problems, read
from tests.security.payloads import all_payloads, page_payloads
from tests.wiki.conftest import make_article, make_debate

pytestmark = pytest.mark.django_db
HARMLESS = "Plain words about organising"
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # a feed cannot carry these


@pytest.fixture
def index_page(db):
    return ProfileIndexPage.objects.get(slug="profiles")


def storable(items: list[str]) -> list[str]:
    """What a form can save: Django's fields refuse NUL, and PostgreSQL cannot store it."""
    return [text.replace("\x00", "") for text in items]


def batches(items, size=10):
    return [items[start : start + size] for start in range(0, len(items), size)]


def assert_safe(html: str, baseline, where: str, payload: str = "") -> None:
    found = problems(html, baseline)
    assert found == [], f"{where}: {found} for payload {payload!r}"


def test_there_are_enough_payloads():
    assert (len(all_payloads()), len(page_payloads())) >= (500, 300)


@pytest.mark.parametrize("context", [{}, {"user": None}])
def test_every_payload_through_markdown_is_harmless(context):
    baseline = read("")
    for payload in all_payloads():
        assert_safe(str(render(payload, context)), baseline, "Markdown", payload)


def test_every_payload_as_feed_html_is_harmless():
    baseline = read("")
    for payload in all_payloads():
        assert_safe(clean_feed_html(payload), baseline, "feed HTML", payload)


def test_every_payload_in_a_feed_is_stored_harmless_and_shown_harmless(index_page, settings):
    settings.HUB_FEEDS_ITEMS_PER_SOURCE = 1000  # keep every item, not the newest 20
    entries = "".join(
        f"<item><guid>g{number}</guid><title>{xml_escape(payload)}</title>"
        f"<link>{xml_escape(payload[:900])}</link><description>{xml_escape(payload)}</description></item>"
        for number, payload in enumerate(NOT_IN_XML.sub("", text) for text in all_payloads())
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'
    items = parse_feed(feed.encode(), limit=1000)
    assert len(items) > 400  # an item left with neither title nor text (a bare script, a blank) is dropped
    page = make_organiser(index_page, title="Feed reader")
    source = FeedSource.objects.create(page=page, kind=FeedSource.BLOG, url="https://blog.example.org/")
    assert store_items(source, items) == len(items)  # as the refresher stores them
    stored = list(FeedItem.objects.select_related("source__page"))
    baseline = read(render_to_string("profiles/includes/feed_items.html", {"items": [_harmless_item(source)]}))
    html = render_to_string("profiles/includes/feed_items.html", {"items": stored, "show_owner": True})
    assert_safe(html, baseline, "feed items")
    assert html.count("<li>") == len(stored)


def _harmless_item(source):
    return FeedItem(
        source=source,
        guid="h",
        title=HARMLESS,
        link="https://blog.example.org/p",
        summary="<p>Hi</p>",
        published_at=NOW,
    )


@pytest.fixture
def forum(db):
    asker, answerer = make_user("asker"), make_user("answerer")
    return asker, answerer


def _question_page(client, asker, answerer, text: str) -> str:
    type(asker).objects.filter(pk__in=[asker.pk, answerer.pk]).update(display_name=text[:100])
    question = Question.objects.create(
        author=asker, title=text[:150], body=text, created_at=NOW, updated_at=NOW, last_activity_at=NOW
    )
    answer = Answer.objects.create(question=question, author=answerer, body=text, created_at=NOW, updated_at=NOW)
    Comment.objects.create(question=question, author=answerer, body=text[:600], created_at=NOW)
    Comment.objects.create(answer=answer, author=asker, body=text[:600], created_at=NOW)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_every_payload_on_a_question_page_in_every_field(client, forum):
    asker, answerer = forum
    baseline = read(_question_page(client, asker, answerer, HARMLESS))
    for _ in range(45):  # three pages of harmless questions: the list's own pagination is in the baseline
        Question.objects.create(
            author=asker, title=HARMLESS, body=HARMLESS, created_at=NOW, updated_at=NOW, last_activity_at=NOW
        )
    list_baseline = read(client.get("/questions/", {"page": 2}).content.decode())
    for payload in storable(page_payloads()):
        assert_safe(_question_page(client, asker, answerer, payload), baseline, "question page", payload)
    pages = (len(page_payloads()) + 46) // 20 + 1
    for number in range(1, pages + 1):
        response = client.get("/questions/", {"page": number})
        assert response.status_code == 200
        assert_safe(response.content.decode(), list_baseline, f"question list page {number}")


def test_every_payload_in_wiki_article_bodies(client, organiser):
    baseline_page = make_article(organiser, "Harmless page", body=HARMLESS)
    baseline = read(client.get(baseline_page.url).content.decode())
    for number, batch in enumerate(batches(storable(page_payloads()))):
        page = make_article(organiser, f"Payload page {number}", body="\n\n".join(batch))
        response = client.get(page.url)
        assert response.status_code == 200
        assert_safe(response.content.decode(), baseline, f"wiki page {number}", batch[0])


def test_every_payload_in_organiser_profiles(client, index_page):
    baseline_page = make_organiser(index_page, title=HARMLESS, area="Leeds", bio=HARMLESS, links="https://a.example/")
    baseline = read(client.get(baseline_page.url).content.decode())
    for number, batch in enumerate(batches(storable(page_payloads()))):
        page = make_organiser(
            index_page,
            title=batch[0][:255],
            slug=f"payload-{number}",
            area=batch[-1][:120],
            bio="\n\n".join(batch),
        )
        # Links are refused on saving; rows stored before the rule may still hold anything.
        type(page).objects.filter(pk=page.pk).update(links="\n".join(batch))
        response = client.get(page.url)
        assert response.status_code == 200
        assert_safe(response.content.decode(), baseline, f"profile {number}", batch[0])


def test_every_payload_as_a_debate_comment(client, organiser, member):
    debate = make_debate(organiser, "Power before policy")
    content_type = ContentType.objects.get_for_model(debate)
    site = Site.objects.get_current()

    def comment(text, at):
        XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(debate.pk),
            site=site,
            user=member,
            comment=text,
            submit_date=at,
            is_public=True,
        )

    for number in range(settings.WIKI_DISCUSSION_THREADS_PER_PAGE + 1):  # two pages: the pager is in the baseline
        comment(HARMLESS, NOW + timedelta(seconds=number))
    baseline = read(client.get(debate.url).content.decode())
    XtdComment.objects.all().delete()
    for number, payload in enumerate(storable(page_payloads())):
        comment(payload, NOW + timedelta(seconds=number))
    shown, number = 0, 1
    while (response := client.get(debate.url, {"page": number})).status_code == 200:
        html = response.content.decode()
        assert_safe(html, baseline, f"debate comments, page {number}")
        shown += html.count('class="comment"')
        number += 1
    assert response.status_code == 404
    assert shown == len(page_payloads())


def test_the_checker_sees_each_thing_it_looks_for():
    baseline = read('<p class="lead" id="main">Hello</p>')
    html = (
        '<p class="lead" id="main" onclick="go()">Hello</p><script>alert(1)</script>'
        '<a href=" JAVA\tSCRIPT:alert(1)">x</a><p class="skip-link" id="content" style="color:red">x</p>'
        '<a href="java script:alert(1)" id="user-content-x" class="wiki-link">harmless</a>'
    )
    assert problems(html, baseline) == [
        "<p onclick=...> event handler",
        "<a href=' JAVA\\tSCRIPT:alert(1)'> dangerous address",
        "<p style=...>",
        "extra script '(inline)'",
        "extra <script> (1 against 0)",
        "class 'skip-link'",
        "id 'content'",
    ]
