"""Profile pages, the directory's home, the blogs river and its RSS, as visitors see them."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from profiles.models import FeedItem, FeedSource, ProfileIndexPage
from profiles.selectors import home_featured_profiles, profile_for_user
from tests.factories import make_user
from tests.profiles.conftest import make_host, make_organiser


def _item(page, guid, title, days_ago, kind=FeedSource.BLOG, summary="<p>Text</p>"):
    source, _ = FeedSource.objects.get_or_create(
        page=page, kind=kind, defaults={"url": "https://blog.example.org/feed"}
    )
    return FeedItem.objects.create(
        source=source,
        guid=guid,
        title=title,
        link=f"https://blog.example.org/{guid}",
        summary=summary,
        published_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_profile_index_exists_after_migrate_under_the_home_page(db):
    index = ProfileIndexPage.objects.get()
    assert (index.url_path, index.live, index.get_parent().specific_class.__name__) == (
        "/home/profiles/",
        True,
        "HomePage",
    )


def test_organiser_profile_shows_facts_host_link_posts_and_reputation(client, index_page):
    host = make_host(index_page)
    person = make_user("amara", display_name="Amara Okafor", feedback_score=7, feedback_positive_weeks=4)
    page = make_organiser(
        index_page,
        account=person,
        title="Amara Okafor",
        role="senior",
        host=host,
        area="North Leeds",
        bio="I *listen* first.",
        mastodon_handle="@amara@social.example.org",
        x_handle="@amara_org",
    )
    page.skills.add("listening campaigns")
    page.save_revision().publish()
    _item(page, "p1", "Door knocking", 1)
    response = client.get("/profiles/amara-okafor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "<title>Amara Okafor | CO Knowledge Hub</title>" in html
    assert 'Senior organiser at <a href="/profiles/riverside-community-trust/">Riverside Community Trust</a>' in html
    assert "<em>listen</em>" in html
    assert '<a class="tag" href="/profiles/?skill=listening%20campaigns">listening campaigns</a>' in html
    assert 'href="https://social.example.org/@amara"' in html
    assert 'href="https://x.com/amara_org"' in html
    badge = r'Member: <span class="author"><img class="avatar"[^>]*><a href="/members/amara/">Amara Okafor</a> <span'
    assert re.search(badge, html)
    assert "4 positive and 0 negative rating weeks" in html
    assert "Door knocking" in html
    assert html.count("None yet.") == 3  # wiki and Q&A selectors are still empty stubs


def test_contact_details_show_only_when_the_owner_opts_in(client, index_page):
    page = make_organiser(index_page, title="Ben Hughes", contact_email="ben@example.org", show_contact=False)
    assert "ben@example.org" not in client.get(page.url).content.decode()
    page.show_contact = True
    page.save_revision().publish()
    assert 'href="mailto:ben@example.org"' in client.get(page.url).content.decode()


def test_host_page_lists_the_organisers_it_hosts_from_their_own_pages(client, index_page):
    host = make_host(index_page, title="Northgate Neighbours")
    make_organiser(index_page, title="Chloe Whitfield", host=host, role="trainee")
    make_organiser(index_page, title="Dev Patel", host=None)
    html = client.get(host.url).content.decode()
    assert "Chloe Whitfield</a>, trainee organiser" in html
    assert "Dev Patel" not in html


def test_feed_items_render_without_script_and_with_the_last_error_only_for_the_owner(client, index_page):
    owner = make_user("eilidh")
    page = make_organiser(index_page, account=owner, title="Eilidh MacLeod")
    _item(page, "p1", "<b>Bold</b> title", 1)
    FeedSource.objects.filter(page=page).update(last_error="The server answered with status 500.")
    visitor_html = client.get(page.url).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in visitor_html
    assert "status 500" not in visitor_html
    client.force_login(owner)
    assert (
        "Problem at the last try:</strong> The server answered with status 500."
        in client.get(page.url).content.decode()
    )


def test_profile_page_queries_do_not_grow_with_feed_items_or_skills(client, index_page):
    page = make_organiser(index_page, title="Farah Hussain")
    _item(page, "p1", "One", 1)
    page.skills.add("housing")
    page.save_revision().publish()
    client.get(page.url)  # warm the site and content type caches
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    for number in range(2, 15):
        _item(page, f"p{number}", f"Post {number}", number, kind=FeedSource.MASTODON if number % 2 else FeedSource.BLOG)
    page.skills.add("transport", "youth work", "faith groups")
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        client.get(page.url)
    assert len(many) == len(few)


def test_blogs_river_shows_newest_items_from_visible_organisers_only(client, index_page):
    shown = make_organiser(index_page, title="Gareth Price")
    hidden = make_organiser(index_page, title="Hana Kowalski", hidden_from_anonymous=True)
    _item(shown, "old", "Older post", 5)
    _item(shown, "new", "Newer post", 1)
    _item(hidden, "secret", "Hidden post", 0)
    html = client.get("/profiles/blogs/").content.decode()
    assert html.index("Newer post") < html.index("Older post")
    assert "Hidden post" not in html


def test_blogs_river_rss_is_valid_rss_with_sanitised_items(client, index_page):
    page = make_organiser(index_page, title="Isaac Mensah")
    _item(page, "p1", "Tenants win repairs", 1, summary="<p>Good news</p>")
    response = client.get("/profiles/blogs/rss/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Isaac Mensah: Tenants win repairs</title>" in body
    assert '<guid isPermaLink="false">p1</guid>' in body


def test_home_and_member_selectors_return_live_public_profiles(index_page):
    person = make_user("jo")
    page = make_organiser(index_page, account=person, title="Jo Fletcher", bio="Organiser", area="Eastfield")
    make_organiser(index_page, title="Kofi Asante", bio="Hidden", hidden_from_anonymous=True)
    featured = home_featured_profiles(6)
    assert [(item.title, item.area, item.url) for item in featured] == [
        ("Jo Fletcher", "Eastfield", "/profiles/jo-fletcher/")
    ]
    assert profile_for_user(person) == page
    assert profile_for_user(make_user()) is None


@pytest.mark.parametrize("handle", ["sam", "@sam@", "@sam@localhost", "sam@exa mple.org"])
def test_bad_mastodon_handle_is_refused_with_an_example(index_page, handle):
    from django.core.exceptions import ValidationError

    page = make_organiser(index_page, title="Leah Brennan")
    page.mastodon_handle = handle
    with pytest.raises(ValidationError, match="@name@instance"):
        page.full_clean()


def test_blogs_river_query_count_does_not_grow_with_items_or_people(client, index_page):
    first = make_organiser(index_page, title="Wren Holloway")
    _item(first, "a", "First post", 1)
    client.get("/profiles/blogs/")
    with CaptureQueriesContext(connection) as few:
        client.get("/profiles/blogs/")
    for number in range(6):
        page = make_organiser(index_page, title=f"Person {number}")
        _item(page, f"b{number}", f"Post {number}", number)
        _item(page, f"m{number}", f"Toot {number}", number, kind=FeedSource.MASTODON)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/profiles/blogs/")
    assert response.content.decode().count('<li>\n        <a href="https://blog.example.org/') == 13
    assert len(many) == len(few)


def test_organiser_profile_lists_questions_asked_and_answers_given_in_the_forum(client, index_page):
    from qa.models import Answer, Question

    person = make_user("nadia")
    page = make_organiser(index_page, account=person, title="Nadia Rahman")
    now = timezone.now()
    asked = Question.objects.create(
        author=person,
        title="How do we run a listening evening?",
        body="A body long enough to count.",
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    other = Question.objects.create(
        author=make_user(),
        title="Who chairs a coalition meeting?",
        body="A body long enough to count.",
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    answer = Answer.objects.create(
        question=other, author=person, body="Rotate the chair.", created_at=now, updated_at=now
    )
    html = client.get(page.url).content.decode()
    assert f'<a href="{asked.get_absolute_url()}">How do we run a listening evening?</a>' in html
    assert f'<a href="{answer.get_absolute_url()}">Answer to Who chairs a coalition meeting?</a>' in html
