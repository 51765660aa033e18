"""Read-side queries of profiles, used by this app's pages and by other parts of the hub."""

from django.db.models import Prefetch, QuerySet

from hub import visibility
from profiles import handles
from profiles.models import FeedItem, FeedSource, HostProfilePage, OrganiserProfilePage, ProfilePage

RIVER_SIZE = 30
ITEMS_ON_PROFILE = 10


def visible_to(queryset: QuerySet, user) -> QuerySet:
    """Profiles `user` may see (hub/visibility.py with the profiles' page rule, ProfilesConfig.ready())."""
    return visibility.visible_pages(queryset, user)


def home_featured_profiles(limit: int, viewer=visibility.PUBLIC) -> list:
    """Organisers for the home page: those `viewer` may see with a bio, newest first (.url, .title, .area)."""
    queryset = visible_to(OrganiserProfilePage.objects.all(), viewer).exclude(bio="")
    return list(queryset.order_by("-first_published_at", "-pk")[:limit])


def profile_for_user(user, viewer=visibility.PUBLIC):
    """The organiser profile page owned by `user` that `viewer` may see, or None (for member pages)."""
    if not getattr(user, "pk", None):
        return None
    return visible_to(OrganiserProfilePage.objects.filter(account_id=user.pk), viewer).first()


def owner_of(page: ProfilePage):
    """The member an organiser profile belongs to (hosts belong to no one member), for reports."""
    return getattr(page.specific, "account", None)


def member_profile_link(member, viewer) -> dict | None:
    """Profiles' part of a member page (a hub.members section): their organiser profile, if `viewer` may see it."""
    profile = profile_for_user(member, viewer)
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
