"""Demo profiles: 8 host organisations (3 exemplar projects, each with its place on the map) and 22
organisers with pictures and demo feed items.

Idempotent: a profile whose slug exists is left alone. Feed items are stored directly (no network)
and marked as demo content, so `refresh_feeds` never tries to fetch them.
"""

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from hub.demo_support import DemoContext
from profiles import demo_data
from profiles.feeds.parse import ParsedItem
from profiles.feeds.refresh import store_items
from profiles.models import FeedSource, HostProfilePage, OrganiserProfilePage, ProfileIndexPage, ProfilePage

COLOURS = ["#1d4f91", "#7a2e8a", "#0b6e4f", "#8a3b12", "#5c4b00", "#00606b", "#8c1d40", "#3d3d8f"]


def load(demo: DemoContext) -> None:
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
        count = 2 + (number + len(source.kind)) % 3
        items = [
            ParsedItem(
                guid=f"demo-{page.slug}-{source.kind}-{index}",
                title="" if source.kind != FeedSource.BLOG else demo_data.POST_TITLES[index].format(area=page.area),
                link=f"https://{page.slug}.example.org/{source.kind}/{index}",
                summary=demo_data.POST_SUMMARY.format(area=page.area),
                published_at=now - dt.timedelta(days=index * 4 + number, hours=demo.rng.randint(0, 20)),
            )
            for index in range(count)
        ]
        store_items(source, items, is_demo=True)
