"""Business rules for profiles: who may edit, publishing changes, privacy, data export, deletion.

Views stay thin and call these; the feed rules live in profiles/feeds/refresh.py.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction

from hub import roles
from hub.notifications import IMMEDIATE, Message, absolute_url, notify
from hub.tasks import enqueue_on_commit
from profiles import tasks
from profiles.feeds.refresh import mark_requested
from profiles.models import FeedItem, HostProfilePage, OrganiserProfilePage, ProfilePage
from search import indexing


def is_profile_moderator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or roles.user_has_role(user, roles.MODERATOR))


def can_edit_profile(user, page: ProfilePage, maintainer_ids: Iterable[int] | None = None) -> bool:
    """Organisers edit their own profile, a host's maintainers edit that host only; moderators edit all.
    `maintainer_ids`, when the caller has read them already (a kept profile page), saves the query."""
    if not user.is_authenticated or not user.is_active or user.suspended_at is not None:
        return False  # a suspended member reads but never writes (hub/moderation.py)
    if is_profile_moderator(user):
        return True
    if isinstance(page, OrganiserProfilePage):
        return page.account_id == user.pk
    if isinstance(page, HostProfilePage):
        if maintainer_ids is not None:
            return user.pk in maintainer_ids
        return page.maintainers.filter(id=user.pk).exists()  # `id`: modelcluster's in-memory relation knows no `pk`
    return False


def check_can_edit(user, page: ProfilePage) -> None:
    if not can_edit_profile(user, page):
        raise PermissionDenied("Only the owner of this profile, or a moderator, can change it.")
    if page.deletion_requested_at and not is_profile_moderator(user):
        # Editing would publish the profile again after its owner asked for it to go.
        raise PermissionDenied("This profile is waiting to be deleted. Ask a moderator if you changed your mind.")


def pages_editable_by(user) -> list[ProfilePage]:
    """The owner's own profiles, for the "Edit your profile" link: their organiser page and hosts."""
    if not user.is_authenticated:
        return []
    pages: list[ProfilePage] = list(OrganiserProfilePage.objects.filter(account=user))
    pages += list(HostProfilePage.objects.filter(maintainers=user).order_by("title"))
    return pages


@transaction.atomic
def publish_changes(page: ProfilePage, user) -> None:
    """Keep a revision of the change and publish it. Page signals then sync feeds and the search index."""
    check_can_edit(user, page)
    revision = page.save_revision(user=user, log_action=True)
    # Owners have no Wagtail page permissions (see docs/adr/0020); this service made the check.
    revision.publish(user=user, skip_permission_checks=True)


def sync_search(page: ProfilePage) -> None:
    """Hidden, unpublished or deleted profiles must not be found by the hub's search."""
    if page.live and not page.hidden_from_anonymous and page.deletion_requested_at is None:
        indexing.update(page)
    else:
        indexing.remove(page)


def export_profile_data(page: ProfilePage) -> dict:
    """Everything the hub holds on this profile, for the owner's "download your data"."""
    fields = [
        "title",
        "area",
        "picture_alt",
        "hidden_from_anonymous",
        "blog_url",
        "mastodon_handle",
        "bluesky_handle",
        "x_handle",
    ]
    if isinstance(page, OrganiserProfilePage):
        fields += ["role", "bio", "links", "show_contact", "contact_email", "contact_phone"]
    else:
        fields += ["description", "website", "is_exemplar", "town", "region", "latitude", "longitude"]
    data = {name: getattr(page, name) for name in fields}
    for name in ("latitude", "longitude"):
        if data.get(name) is not None:
            data[name] = float(data[name])
    data["url"] = page.full_url
    if isinstance(page, OrganiserProfilePage):
        data["skills"] = sorted(tag.name for tag in page.skills.all())
        data["host"] = page.host.title if page.host_id else None
    data["feed_items"] = [
        {"title": item.title, "link": item.link, "published_at": item.published_at.isoformat()}
        for item in FeedItem.objects.filter(source__page_id=page.pk).order_by("-published_at", "-pk")
    ]
    data["revisions"] = page.revisions.count()
    return data


@transaction.atomic
def request_deletion(page: ProfilePage, user) -> None:
    """Take the profile offline at once and ask the moderators to delete it (and its revisions)."""
    check_can_edit(user, page)
    page.deletion_requested_at = timezone.now()
    page.save(update_fields=["deletion_requested_at"])
    if page.live:
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
    indexing.remove(page)
    message = Message(
        subject=f"Profile deletion requested: {page.title}",
        text=f"{user.public_name} asked for the profile “{page.title}” to be deleted. It is unpublished already.",
        url=absolute_url(reverse("wagtailadmin_explore", args=[page.pk])),
    )
    moderators = Group.objects.filter(name=roles.MODERATOR).first()
    for moderator in moderators.user_set.filter(is_active=True) if moderators else []:
        notify(moderator, message, IMMEDIATE)


@transaction.atomic
def request_refresh(page: ProfilePage) -> int:
    """ "Refresh my feeds now": one fetch task per feed of the profile, run by a worker after commit."""
    source_ids = mark_requested(page.pk)
    for source_id in source_ids:
        enqueue_on_commit(tasks.refresh_feed, source_id)
    return len(source_ids)
