"""Fixtures for the profiles tests: the local feed server and ready-made profile pages."""

import pytest
from wagtail.models import Page

from hub import roles
from profiles.models import HostProfilePage, OrganiserProfilePage, ProfileIndexPage
from tests.factories import make_user
from tests.hub.conftest import pages_on, pages_redis_down  # noqa: F401 - the page cache's fixtures, for kept pages
from tests.profiles.feedserver import FeedServer


@pytest.fixture(scope="session")
def feed_server():
    server = FeedServer().start()
    yield server
    server.stop()


@pytest.fixture
def feeds(feed_server, settings):
    """The feed server, with loopback allowed for this test only and short timeouts."""
    settings.HUB_FEEDS_ALLOW_LOOPBACK = True
    settings.HUB_FEEDS_READ_TIMEOUT = 0.5
    settings.HUB_FEEDS_TOTAL_TIMEOUT = 5
    feed_server.requests.clear()
    return feed_server


@pytest.fixture
def index_page(db) -> ProfileIndexPage:
    return ProfileIndexPage.objects.get(slug="profiles")


def add_page(parent: Page, page: Page, user=None) -> Page:
    """Add and publish through Wagtail's revisions, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def make_host(index, title="Riverside Community Trust", maintainers=(), **fields) -> HostProfilePage:
    page = HostProfilePage(title=title, area=fields.pop("area", "Riverside"), **fields)
    index.add_child(instance=page)
    page.maintainers.set(maintainers)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_organiser(index, account=None, title=None, **fields) -> OrganiserProfilePage:
    account = account or make_user(role=roles.ORGANISER)
    page = OrganiserProfilePage(title=title or f"Organiser {account.username}", account=account, **fields)
    return add_page(index, page)


def make_image(title="Picture"):
    """A real Wagtail image: a small PNG made with Pillow."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PillowImage.new("RGB", (120, 120), "#225588").save(buffer, "PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name="picture.png")
    image.save()
    return image
