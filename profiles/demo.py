"""Demo profiles: 8 host organisations (3 exemplar projects, each with its place on the map) and 22
organisers with pictures and demo feed items.

Idempotent: a profile whose slug exists is left alone. Feed items come from local fixtures
(profiles/demo_feeds/*.xml), read by the hub's own feed parser, each post given to one profile only,
so the blogs river reads as many people's news. They are marked as demo content, so
`refresh_feeds` never tries to fetch them.
"""

import datetime as dt
import io
from collections import deque
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from hub.demo_support import DemoContext
from profiles import demo_data
from profiles.feeds.parse import ParsedItem, parse_feed
from profiles.feeds.refresh import store_items
from profiles.models import FeedSource, HostProfilePage, OrganiserProfilePage, ProfileIndexPage, ProfilePage

FIXTURES = Path(__file__).resolve().parent / "demo_feeds"
_pools: dict[str, deque] = {}


def _fill_pools() -> None:
    """Every fixture post, in order, to be handed out once each (then again from the start)."""
    for kind, name in (("blog", "blog-posts.xml"), ("social", "social-posts.xml")):
        _pools[kind] = deque(parse_feed((FIXTURES / name).read_bytes(), limit=1000))


def _next_post(kind: str) -> ParsedItem:
    if not _pools.get(kind):
        _fill_pools()
    return _pools[kind].popleft()


COLOURS = ["#1d4f91", "#7a2e8a", "#0b6e4f", "#8a3b12", "#5c4b00", "#00606b", "#8c1d40", "#3d3d8f"]


def load(demo: DemoContext) -> None:
    _fill_pools()
    index = ProfileIndexPage.objects.first()
    if index is None:
        demo.step("No profile directory found: run `manage.py migrate` first.")
        return
    hosts = {}
    for number, (key, row) in enumerate(demo_data.HOSTS.items(), start=1):
        hosts[key] = _host(demo, index, key, row, number)
        demo.progress("Host profiles", number, len(demo_data.HOSTS))
    for number, (username, row) in enumerate(demo_data.ORGANISERS.items(), start=1):
        _organiser(demo, index, hosts, username, row, number)
        demo.progress("Organiser profiles", number, len(demo_data.ORGANISERS))


def _picture(title: str, alt: str, number: int):
    """Initials on a colour: a stand-in photo made with Pillow, so the demo needs no downloads."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=f"Demo picture: {title}").first()
    if existing:
        return existing
    canvas = Image.new("RGB", (320, 320), COLOURS[number % len(COLOURS)])
    initials = "".join(word[0] for word in title.split()[:2]).upper()
    font = ImageFont.load_default(size=140)
    ImageDraw.Draw(canvas).text((160, 160), initials, fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    image = image_model(title=f"Demo picture: {title}", description=alt)
    image.file = ImageFile(buffer, name=f"demo-{slugify(title)}.png")
    image.save()
    return image


@transaction.atomic
def _host(demo, index, key, row, number) -> HostProfilePage:
    username, area, website, description = row
    maintainer = demo.user(username)
    town, region, latitude, longitude, is_exemplar = demo_data.PLACES[key]
    place = {"town": town, "region": region, "latitude": latitude, "longitude": longitude, "is_exemplar": is_exemplar}
    existing = HostProfilePage.objects.filter(slug=slugify(maintainer.public_name)).first()
    if existing:
        if not existing.town:  # a demo hub from before hosts had places
            HostProfilePage.objects.filter(pk=existing.pk).update(**place)
        return existing
    alt = f"Logo of {maintainer.public_name}: its initials on a coloured square"
    page = HostProfilePage(
        title=maintainer.public_name,
        slug=slugify(maintainer.public_name),
        area=area,
        website=website,
        description=description,
        **place,
        picture=_picture(maintainer.public_name, alt, number),
        picture_alt=alt,
        blog_url=f"https://{key}.example.org/news/feed",
    )
    index.add_child(instance=page)
    page.maintainers.set([maintainer])
    page.save_revision(user=maintainer).publish(user=maintainer, skip_permission_checks=True)
    _demo_items(demo, page, number)
    return page


@transaction.atomic
def _organiser(demo, index, hosts, username, row, number) -> None:
    role, area, host_key, skills, bio, feeds = row
    person = demo.user(username)
    if OrganiserProfilePage.objects.filter(account=person).exists():
        return
    alt = f"Picture of {person.public_name}: their initials on a coloured circle background"
    page = OrganiserProfilePage(
        title=person.public_name,
        slug=slugify(person.public_name),
        account=person,
        role=role,
        area=area,
        host=hosts.get(host_key),
        bio=bio,
        picture=_picture(person.public_name, alt, number + 3),
        picture_alt=alt,
        blog_url=feeds.get("blog", ""),
        mastodon_handle=feeds.get("mastodon", ""),
        bluesky_handle=feeds.get("bluesky", ""),
        x_handle=feeds.get("x", ""),
        show_contact=number % 3 == 0,
        contact_email=person.email if number % 3 == 0 else "",
    )
    index.add_child(instance=page)
    page.skills.add(*skills)
    page.save_revision(user=person).publish(user=person, skip_permission_checks=True)
    _demo_items(demo, page, number)


def _demo_items(demo, page: ProfilePage, number: int) -> None:
    """Store a few posts per feed source directly, marked as demo content."""
    now = timezone.now()
    for source in FeedSource.objects.filter(page=page):
        source.is_demo = True
        source.last_success_at = now
        source.save(update_fields=["is_demo", "last_success_at"])
        count = 1 + (number + len(source.kind)) % 2
        pool = "blog" if source.kind == FeedSource.BLOG else "social"
        items = []
        for index in range(count):
            post = _next_post(pool)
            items.append(
                ParsedItem(
                    guid=f"demo-{page.slug}-{source.kind}-{index}",
                    title=post.title,
                    link=f"https://{page.slug}.example.org/{source.kind}/{index}",
                    summary=post.summary,
                    published_at=now - dt.timedelta(days=index * 4 + number, hours=demo.rng.randint(0, 20)),
                )
            )
        store_items(source, items, is_demo=True)
