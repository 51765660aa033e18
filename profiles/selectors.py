"""Read-side queries of profiles, used by this app's pages and by other parts of the hub."""

from django.db.models import Prefetch, QuerySet

from profiles import handles
from profiles.models import FeedItem, FeedSource, HostProfilePage, OrganiserProfilePage, ProfilePage

RIVER_SIZE = 30
ITEMS_ON_PROFILE = 10


def visible_to(queryset: QuerySet, user) -> QuerySet:
    """Live, public profiles; the hidden ones only for signed-in members."""
    queryset = queryset.live().public().filter(deletion_requested_at__isnull=True)
    if not (user and user.is_authenticated):
        queryset = queryset.filter(hidden_from_anonymous=False)
    return queryset


def home_featured_profiles(limit: int) -> list:
    """Organisers for the home page: public ones with a bio, newest first (objects with .url, .title, .area)."""
    queryset = visible_to(OrganiserProfilePage.objects.all(), None).exclude(bio="")
    return list(queryset.order_by("-first_published_at", "-pk")[:limit])


def profile_for_user(user):
    """The live organiser profile page owned by `user`, or None (for member pages)."""
    if not getattr(user, "pk", None):
        return None
    return OrganiserProfilePage.objects.live().filter(account_id=user.pk).first()


def member_profile_link(member, viewer) -> dict | None:
    """Profiles' part of a member page (a hub.members section): their organiser profile, if live."""
    profile = profile_for_user(member)
    return {"profile": profile} if profile else None


def places(user) -> list[HostProfilePage]:
    """Hosts and exemplar projects the visitor may see, for the map page and visits."""
    return list(visible_to(HostProfilePage.objects.all(), user).order_by("title"))


def organisers_of_host(host: HostProfilePage, user) -> list[OrganiserProfilePage]:
    """Derived from each organiser's host field, so the list is never typed twice."""
    queryset = visible_to(OrganiserProfilePage.objects.filter(host=host), user)
    return list(queryset.select_related("account").order_by("title"))


def feed_sources_for(page: ProfilePage) -> list[FeedSource]:
    items = FeedItem.objects.order_by("-published_at", "-pk")
    return list(page.feed_sources.prefetch_related(Prefetch("items", queryset=items)).order_by("kind"))


def social_links(page: ProfilePage) -> list[tuple[str, str]]:
    links = []
    for label, build, value in (
        ("Mastodon", handles.mastodon_profile_url, page.mastodon_handle),
        ("Bluesky", handles.bluesky_profile_url, page.bluesky_handle),
        ("X (Twitter)", handles.x_profile_url, page.x_handle),
    ):
        try:
            url = build(value)
        except handles.HandleError:
            url = None
        if url:
            links.append((label, url))
    return links


def recent_items(sources: list[FeedSource], limit: int = ITEMS_ON_PROFILE) -> list[FeedItem]:
    items = [item for source in sources for item in source.items.all()]
    return sorted(items, key=lambda item: item.published_at, reverse=True)[:limit]


def river_items(limit: int = RIVER_SIZE) -> list[FeedItem]:
    """The newest items from every visible organiser's feeds, for /profiles/blogs/ and its RSS."""
    visible_ids = visible_to(OrganiserProfilePage.objects.all(), None).values("pk")
    return list(
        FeedItem.objects.filter(source__page_id__in=visible_ids)
        .select_related("source__page")
        .order_by("-published_at", "-pk")[:limit]
    )
