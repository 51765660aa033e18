"""A debate's discussion a page of threads at a time (wiki/debates.py, docs/adr/0112): each page shows
whole threads (a top-level comment with all its replies), oldest first, at most
WIKI_DISCUSSION_THREADS_PER_PAGE of them and those starting within the same run of
WIKI_DISCUSSION_COMMENTS_PER_PAGE comments; a comment's address names its page; a page past the
last, or not a page, is a 404. Most tests page by threads alone (a budget no page reaches)."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments import get_form
from django_comments_xtd.models import XtdComment

from hub.models import Notification
from tests.factories import make_user
from tests.wiki.conftest import make_debate

PER_PAGE = 20


@pytest.fixture
def discussion(organiser, settings):
    """A debate with 45 threads: every third thread has a reply, every ninth a reply to the reply."""
    settings.WIKI_DISCUSSION_THREADS_PER_PAGE = PER_PAGE
    settings.WIKI_DISCUSSION_COMMENTS_PER_PAGE = 10_000  # pages by threads alone (a budget: below)
    debate = make_debate(organiser, "Power before policy")
    people = [make_user() for _ in range(3)]
    content_type = ContentType.objects.get_for_model(debate)
    start = timezone.now() - timedelta(days=60)
    threads = []  # [(top-level pk, [its comments' pks in thread order])]

    def add(n, text, parent_id=0):
        user = people[n % 3]
        return XtdComment.objects.create(
            content_type=content_type, object_pk=str(debate.pk), site_id=django_settings.SITE_ID, user=user,
            user_name=user.public_name, user_email=user.email, comment=text,
            submit_date=start + timedelta(hours=n), parent_id=parent_id, is_public=True,
        )  # fmt: skip

    for n in range(1, 46):
        top = add(n, f"Thread {n} opens")
        pks = [top.pk]
        if n % 3 == 0:
            reply = add(n, f"Thread {n} reply", top.pk)
            pks.append(reply.pk)
            if n % 9 == 0:
                pks.append(add(n, f"Thread {n} reply to the reply", reply.pk).pk)
        threads.append((top.pk, pks))
    return {"debate": debate, "threads": threads, "people": people}


def _shown(html):
    return [int(pk) for pk in re.findall(r'<li class="comment" id="c(\d+)"', html)]


def _pager(html):
    match = re.search(
        r'<nav class="pagination discussion-pager" aria-label="Pages of the discussion">.*?</nav>', html, re.S
    )
    return match.group(0) if match else None


def test_each_page_shows_its_threads_with_their_replies_in_order(client, discussion):
    debate, threads = discussion["debate"], discussion["threads"]
    total = sum(len(pks) for _, pks in threads)
    pages = {1: client.get(debate.url), 2: client.get(f"{debate.url}?page=2"), 3: client.get(f"{debate.url}?page=3")}
    for number, (first, last) in {1: (0, 20), 2: (20, 40), 3: (40, 45)}.items():
        html = pages[number].content.decode()
        assert pages[number].status_code == 200
        assert _shown(html) == [pk for _, pks in threads[first:last] for pk in pks]
        assert f"({total} comments)" in html  # the count counts the whole discussion on every page
        assert "This house believes power before policy." in html  # the debate's text on every page
        assert "Sign in</a> to join the discussion" in html
        assert f"Threads {first + 1} to {last} of 45" in html
        # Each page has its own title (WCAG 2.4.2): later ones say which page of the discussion they are.
        assert f"<title>{debate.title}{f' (discussion, page {number})' if number > 1 else ''} | " in html


def test_the_pager_links_every_page_and_marks_the_current_one(client, discussion):
    url = discussion["debate"].url
    first = _pager(client.get(url).content.decode())
    assert re.findall(r'<a href="([^"]+)"', first) == [url, f"{url}?page=2", f"{url}?page=3", f"{url}?page=2"]
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', first) == [url]
    assert 'rel="prev"' not in first
    assert re.search(r'<a href="[^"]+\?page=2" rel="next">Next', first)
    middle = _pager(client.get(f"{url}?page=2").content.decode())
    assert re.search(rf'<a href="{re.escape(url)}" rel="prev">Previous', middle)
    assert re.search(rf'<a href="{re.escape(url)}\?page=3" rel="next">Next', middle)
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', middle) == [f"{url}?page=2"]
    last = _pager(client.get(f"{url}?page=3").content.decode())
    assert 'rel="next"' not in last
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', last) == [f"{url}?page=3"]


def test_one_page_of_threads_has_no_pager(client, discussion, settings):
    settings.WIKI_DISCUSSION_THREADS_PER_PAGE = 45
    html = client.get(discussion["debate"].url).content.decode()
    assert _pager(html) is None
    assert len(_shown(html)) == sum(len(pks) for _, pks in discussion["threads"])


@pytest.mark.parametrize("page", ["4", "x", "0", "-1", "01", "2.0", "", "1 "])
def test_a_page_that_is_not_there_is_not_found(client, discussion, page):
    response = client.get(discussion["debate"].url, {"page": page})
    assert response.status_code == 404
    assert "Power before policy" not in response.content.decode()


def test_page_one_by_number_is_the_plain_page(client, discussion):
    url = discussion["debate"].url
    assert _shown(client.get(url, {"page": "1"}).content.decode()) == _shown(client.get(url).content.decode())


def test_a_comments_address_names_its_page(client, discussion):
    debate, threads = discussion["debate"], discussion["threads"]
    for index, number in ((0, 1), (19, 1), (20, 2), (39, 2), (40, 3), (44, 3)):
        pk = threads[index][1][-1]  # the thread's last reply, or its only comment
        expected = debate.url + ("" if number == 1 else f"?page={number}") + f"#c{pk}"
        assert debate.comment_url(pk) == expected
        assert debate.comment_url(pk, XtdComment.objects.get(pk=pk).thread_id) == expected
        assert client.get(f"/comments/go/{pk}/")["Location"] == expected
        assert f'id="c{pk}"' in client.get(expected.split("#")[0]).content.decode()


def test_a_reply_notification_links_to_the_replys_page(client, discussion):
    debate, threads = discussion["debate"], discussion["threads"]
    top = XtdComment.objects.get(pk=threads[41][0])
    replier = make_user()
    reply = XtdComment.objects.create(
        content_object=debate,
        site_id=django_settings.SITE_ID,
        user=replier,
        comment="Agreed.",
        parent_id=top.pk,
        is_public=True,
    )  # fmt: skip (saving it tells the thread's author, wiki/services.py after_comment)
    message = Notification.objects.get(user=top.user, kind="reply")  # told when the reply was saved
    assert message.url.endswith(f"{debate.url}?page=3#c{reply.pk}")


def _post(client, page, text, reply_to=0):
    data = get_form()(page).generate_security_data()
    data.update({"comment": text, "reply_to": reply_to, "honeypot": "", "next": page.url, "followup": ""})
    return client.post("/comments/post/", data)


def test_posting_a_comment_or_a_reply_lands_on_its_page(client, discussion):
    debate, threads = discussion["debate"], discussion["threads"]
    client.force_login(discussion["people"][0])
    landing = client.get(_post(client, debate, "A new thread")["Location"])
    new = XtdComment.objects.get(comment="A new thread")
    assert landing.status_code == 302
    assert landing["Location"] == f"{debate.url}?page=3#c{new.pk}"
    landing = client.get(_post(client, debate, "A late reply", reply_to=threads[25][0])["Location"])
    reply = XtdComment.objects.get(comment="A late reply")
    assert landing["Location"] == f"{debate.url}?page=2#c{reply.pk}"
    assert f'id="c{reply.pk}"' in client.get(f"{debate.url}?page=2").content.decode()


def test_the_reply_page_links_back_to_the_comments_page(client, discussion):
    debate, threads = discussion["debate"], discussion["threads"]
    client.force_login(discussion["people"][0])
    pk = threads[44][0]
    html = client.get(f"/comments/reply/{pk}/").content.decode()
    assert f'href="{debate.url}?page=3#c{pk}"' in html


def test_pages_cost_the_same_queries_as_the_first(client, discussion):
    url = discussion["debate"].url
    client.force_login(discussion["people"][0])
    counts = []
    for address in (url, f"{url}?page=3"):
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_later_page_is_kept_and_a_new_comment_shows_on_the_next_request(client, discussion, pages_on):
    debate, threads = discussion["debate"], discussion["threads"]
    url = f"{debate.url}?page=2"
    first, again = client.get(url), client.get(url)
    assert (first["X-Hub-Cache"], again["X-Hub-Cache"]) == ("miss", "hit")
    client.force_login(discussion["people"][1])
    _post(client, debate, "Late to thread 22", reply_to=threads[21][0])
    client.logout()
    after = client.get(url)
    assert after["X-Hub-Cache"] == "miss"
    assert "Late to thread 22" in after.content.decode()
    assert client.get(f"{debate.url}?page=9").status_code == 404


def test_signing_in_and_posting_from_a_later_page_come_back_to_it(client, discussion):
    url = discussion["debate"].url
    assert f"?next={url}%3Fpage%3D2" in client.get(f"{url}?page=2").content.decode()
    client.force_login(discussion["people"][0])
    assert f'name="next" value="{url}?page=2"' in client.get(f"{url}?page=2").content.decode()
    data = get_form()(discussion["debate"]).generate_security_data()
    data.update({"comment": "From page two", "reply_to": 0, "honeypot": "", "next": f"{url}?page=2", "followup": ""})
    landing = client.get(client.post("/comments/post/", data)["Location"])
    assert landing["Location"] == f"{url}?page=3#c{XtdComment.objects.get(comment='From page two').pk}"


def test_a_long_discussions_pager_shows_the_ends_and_two_either_side(client, discussion, settings):
    settings.WIKI_DISCUSSION_THREADS_PER_PAGE = 5  # nine pages
    url = discussion["debate"].url
    pager = _pager(client.get(url, {"page": "5"}).content.decode())
    numbers = re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>|<li aria-hidden="true">(…)</li>', pager)
    assert ["".join(n) for n in numbers] == ["1", "…", "3", "4", "5", "6", "7", "…", "9"]
    assert "Threads 21 to 25 of 45" in pager


@pytest.mark.parametrize("where", ["debate", "reply page"])
def test_the_rendered_comment_form_posts_as_it_is(client, discussion, where):
    """The form's hidden fields are written out by hand (wiki/includes/comment_form.html): what the
    page renders is what the library checks (content type, object, timestamp, security hash)."""
    debate, threads = discussion["debate"], discussion["threads"]
    client.force_login(discussion["people"][0])
    address = debate.url if where == "debate" else f"/comments/reply/{threads[0][0]}/"
    html = client.get(address).content.decode()
    form = re.search(r'<form method="post" action="/comments/post/" class="comment-form".*?</form>', html, re.S).group(
        0
    )
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    assert {"content_type", "object_pk", "timestamp", "security_hash", "reply_to", "next"} <= data.keys()
    data.update({"comment": "Posted from the page's own form", "honeypot": ""})
    assert client.post("/comments/post/", data).status_code == 302
    posted = XtdComment.objects.get(comment="Posted from the page's own form")
    assert posted.level == (0 if where == "debate" else 1)


def _comment_form(html: str) -> dict:
    form = re.search(r'<form method="post" action="/comments/post/" class="comment-form".*?</form>', html, re.S).group(
        0
    )
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_the_kept_discussions_form_carries_each_requests_own_timestamp_and_tokens(
    client, discussion, pages_on, monkeypatch
):
    """The discussion is kept with its comment form (wiki/debates.py); the form's timestamp, security
    hash, CSRF and repeat-guard tokens are this request's. Three hours on (the library refuses forms
    older than two), the page comes from what was kept and its form still posts."""
    debate = discussion["debate"]
    client.force_login(discussion["people"][0])
    first = _comment_form(client.get(debate.url).content.decode())
    later = time.time() + 3 * 60 * 60
    clock = SimpleNamespace(time=lambda: later)  # the page's clock and the library's (not the cache's)
    monkeypatch.setattr("wiki.debates.time", clock)
    monkeypatch.setattr("django_comments.forms.time", clock)
    with CaptureQueriesContext(connection) as queries:
        second = _comment_form(client.get(debate.url).content.decode())
    assert not any("django_comments" in query["sql"] for query in queries.captured_queries)  # the kept discussion
    assert int(second["timestamp"]) == int(later) != int(first["timestamp"])
    assert second["security_hash"] != first["security_hash"]
    assert second["submission_token"] != first["submission_token"]
    second.update({"comment": "Three hours later", "honeypot": ""})
    assert client.post("/comments/post/", second).status_code == 302
    assert XtdComment.objects.filter(comment="Three hours later").exists()


def _debate_with_threads(organiser, sizes: list[int]):
    """A debate whose threads (oldest first) hold `sizes` comments each: an opening comment and
    replies to it. Returns the debate and each thread's comment pks in thread order."""
    debate = make_debate(organiser, "Listening before leading")
    person = make_user()
    content_type = ContentType.objects.get_for_model(debate)
    start = timezone.now() - timedelta(days=30)
    threads = []
    for number, size in enumerate(sizes):
        pks, parent = [], 0
        for reply in range(size):
            comment = XtdComment.objects.create(
                content_type=content_type, object_pk=str(debate.pk), site_id=django_settings.SITE_ID, user=person,
                user_name=person.public_name, user_email=person.email, comment=f"Thread {number} comment {reply}",
                submit_date=start + timedelta(hours=number, minutes=reply), parent_id=parent, is_public=True,
            )  # fmt: skip
            parent = parent or comment.pk
            pks.append(comment.pk)
        threads.append(pks)
    return debate, threads


def test_a_page_ends_early_once_its_threads_pass_the_comment_budget_and_never_splits_a_thread(
    client, organiser, settings
):
    """A discussion whose first threads drew most of the replies (as the benchmark's do): with a
    budget of 40 comments, threads starting within the same 40 comments share a page, a long
    thread is never cut, and the pager counts threads as they fell."""
    settings.WIKI_DISCUSSION_THREADS_PER_PAGE = 25
    settings.WIKI_DISCUSSION_COMMENTS_PER_PAGE = 40
    # Threads start at comments 0, 30, 55, 58, 61, ... (3 each after the first two).
    debate, threads = _debate_with_threads(organiser, [30, 25] + [3] * 12)
    pages, number = [], 1
    while True:
        response = client.get(debate.url if number == 1 else f"{debate.url}?page={number}")
        if response.status_code == 404:
            break
        pages.append(response.content.decode())
        number += 1
    shown = [_shown(html) for html in pages]
    # Starts 0 and 30 fall in the first 40 comments; 55, 58, ..., 79 (9 threads) in the next 40;
    # 82, 85 and 88 in the next.
    expected = [threads[0] + threads[1], sum(threads[2:11], []), sum(threads[11:14], [])]
    assert [len(page) for page in shown] == [len(page) for page in expected]
    assert shown == expected
    assert "Threads 3 to 11 of 14" in _pager(pages[1])
    for page_number, html in enumerate(pages, start=1):  # every comment's own address names its page
        for pk in _shown(html):
            assert debate.specific.comment_url(pk).endswith(
                f"{'' if page_number == 1 else f'?page={page_number}'}#c{pk}"
            ), (page_number, pk)


def test_many_short_threads_still_stop_at_the_number_of_threads(client, organiser, settings):
    settings.WIKI_DISCUSSION_THREADS_PER_PAGE = 5
    settings.WIKI_DISCUSSION_COMMENTS_PER_PAGE = 40
    debate, threads = _debate_with_threads(organiser, [1] * 12)
    html = [client.get(address).content.decode() for address in (debate.url, f"{debate.url}?page=3")]
    assert _shown(html[0]) == sum(threads[:5], []) and _shown(html[1]) == sum(threads[10:], [])
    assert client.get(f"{debate.url}?page=4").status_code == 404
