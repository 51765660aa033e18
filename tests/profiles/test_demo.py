"""The profiles demo loader: counts, demo feed items, pictures with alt text, and a safe second run."""

from io import StringIO

from hub import demo as hub_demo
from hub.demo_support import DemoContext
from profiles import demo as profiles_demo
from profiles.models import FeedItem, FeedSource, HostProfilePage, OrganiserProfilePage


def test_demo_adds_organisers_and_hosts_with_demo_feed_items_and_runs_again_safely(client, db):
    context = DemoContext(out=StringIO())
    hub_demo.load(context)
    profiles_demo.load(context)
    assert OrganiserProfilePage.objects.live().count() == 22
    assert HostProfilePage.objects.live().count() == 8
    keystone = HostProfilePage.objects.get(slug="keystone-support-network")
    assert [user.username for user in keystone.maintainers.all()] == ["host-keystone"]
    assert "co-production" in keystone.description
    assert sorted(page.title for page in keystone.organisers.all()) == [
        "Eilidh MacLeod",
        "Kofi Asante",
        "Wren Holloway",
    ]
    assert OrganiserProfilePage.objects.filter(picture__isnull=True).count() == 0
    assert OrganiserProfilePage.objects.filter(picture_alt="").count() == 0
    items = FeedItem.objects.count()
    assert items > 40
    blog_titles = list(FeedItem.objects.filter(source__kind=FeedSource.BLOG).values_list("title", flat=True))
    assert len(blog_titles) == len(set(blog_titles)), "every blog post in the river is a different post"
    summaries = list(FeedItem.objects.values_list("summary", flat=True))
    assert len(summaries) == len(set(summaries))
    assert FeedItem.objects.filter(is_demo=False).count() == 0
    assert FeedSource.objects.filter(is_demo=False).count() == 0
    profiles_demo.load(context)
    assert (OrganiserProfilePage.objects.count(), HostProfilePage.objects.count(), FeedItem.objects.count()) == (
        22,
        8,
        items,
    )
    response = client.get("/profiles/amara-okafor/")
    assert response.status_code == 200
    assert "Riverside Community Trust" in response.content.decode()
    assert "demo content" in client.get("/profiles/blogs/").content.decode()
