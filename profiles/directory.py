"""The directory at /profiles/: filters, name search and pagination with a fixed number of queries."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.template.loader import render_to_string
from taggit.models import Tag
from wagtail.images import get_image_model

from hub import visibility
from hub.page_cache import kept_for
from profiles import selectors
from profiles.models import ROLE_CHOICES, HostProfilePage, OrganiserProfilePage, ProfilePage

CARD_PICTURE = "fill-96x96"
KIND_CHOICES = [("organiser", "Organisers"), ("host", "Host organisations"), ("exemplar", "Exemplar projects")]


@dataclass
class Filters:
    kind: str = ""
    role: str = ""
    area: str = ""
    host: int | None = None
    skill: str = ""
    q: str = ""

    @classmethod
    def from_request(cls, request) -> "Filters":
        get = request.GET
        host = get.get("host", "")
        return cls(
            kind=get.get("kind", "") if get.get("kind") in dict(KIND_CHOICES) else "",
            role=get.get("role", "") if get.get("role") in dict(ROLE_CHOICES) else "",
            area=get.get("area", "").strip()[:120],
            host=int(host) if host.isdigit() else None,
            skill=get.get("skill", "").strip()[:100],
            q=get.get("q", "").strip()[:100],
        )


def _filter_q(filters: Filters) -> Q:
    condition = Q()
    if filters.kind == "organiser" or filters.role or filters.host or filters.skill:
        condition &= Q(organiserprofilepage__isnull=False)
    if filters.kind == "host":
        condition &= Q(hostprofilepage__isnull=False)
    if filters.kind == "exemplar":
        condition &= Q(hostprofilepage__is_exemplar=True)
    if filters.role:
        condition &= Q(organiserprofilepage__role=filters.role)
    if filters.host:
        condition &= Q(organiserprofilepage__host_id=filters.host)
    if filters.skill:
        condition &= Q(organiserprofilepage__skill_items__tag__name__iexact=filters.skill)
    if filters.area:
        condition &= Q(area__icontains=filters.area)
    if filters.q:
        condition &= Q(title__icontains=filters.q)
    return condition


def directory_page(index, viewer, filters: Filters, number) -> tuple[list[int], int, int, list]:
    """The ids, count and page number of the profiles on page `number`, and the profiles."""
    pages = (
        visibility.visible_pages(ProfilePage.objects.child_of(index), viewer)
        .type(OrganiserProfilePage, HostProfilePage)
        .filter(_filter_q(filters))
        .distinct()
        .order_by("title", "pk")
    )
    paginator = Paginator(pages.values_list("pk", flat=True), settings.HUB_PAGE_SIZE)
    page_obj = paginator.get_page(number)
    ids = list(page_obj.object_list)
    # Pictures come with their profiles (select_related), and every card's rendition in one query
    # for both lists: the count is the same with or without pictures (tests/profiles).
    organisers = (
        OrganiserProfilePage.objects.filter(pk__in=ids).select_related("host", "picture").prefetch_related("skills")
    )
    hosts = HostProfilePage.objects.filter(pk__in=ids).select_related("picture")
    organisers, hosts = list(organisers), list(hosts)
    if ids:
        _attach_card_renditions([*organisers, *hosts], ids)
    by_id = {page.pk: page for page in [*organisers, *hosts]}
    return ids, paginator.count, page_obj.number, [by_id[pk] for pk in ids if pk in by_id]


def _attach_card_renditions(profiles: list, ids: list[int]) -> None:
    """Give each profile's picture its card renditions, read in one query chosen by the profiles'
    ids (not by their pictures), so it runs whether or not any profile has a picture."""
    image_ids = ProfilePage.objects.filter(pk__in=ids, picture__isnull=False).values("picture_id")
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_PICTURE, image_id__in=image_ids)
    )
    by_image: dict[int, list] = {}
    for rendition in renditions:
        by_image.setdefault(rendition.image_id, []).append(rendition)
    for profile in profiles:
        if profile.picture is not None:
            picture_renditions = by_image.get(profile.picture_id, [])
            for rendition in picture_renditions:
                rendition.image = profile.picture  # as Wagtail's prefetch does: no query for it later
            profile.picture.prefetched_renditions = picture_renditions


def directory_context(index, request) -> dict:
    """The directory for the visitor's filters and page, kept as rendered HTML for everyone of their
    audience until the next write (hub.page_cache.kept_for): it lists what hub/visibility.py lets
    them see, and reads nothing else about them. Kept per query string and host as well, because
    the pagination links repeat the query string as given and page links are relative to the host's
    site (docs/adr/0108)."""
    filters = Filters.from_request(request)
    number = request.GET.get("page", "")[:20]
    parts = (request.get_host(), request.GET.urlencode(), settings.HUB_PAGE_SIZE)
    key = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    kept = kept_for(request.user)("profiles-directory", lambda: _rendered(index, request, filters, number), key)
    page_obj = Page(kept["ids"], kept["number"], Paginator(_Counted(kept["count"]), settings.HUB_PAGE_SIZE))
    return {"filters": filters, "page_obj": page_obj, "directory_html": kept["html"]}  # a SafeString, kept as one


def _rendered(index, request, filters: Filters, number) -> dict:
    """The directory's filters and results as HTML, with what the page's title needs."""
    listing = _listing(index, request.user, filters, number)
    page_obj = Page(listing["ids"], listing["number"], Paginator(_Counted(listing["count"]), settings.HUB_PAGE_SIZE))
    context = {
        **listing,
        "page": index,
        "request": request,  # for the pagination's query string and page links (both in the key)
        "filters": filters,
        "page_obj": page_obj,
        "kind_choices": KIND_CHOICES,
        "role_choices": ROLE_CHOICES,
    }
    html = render_to_string("profiles/includes/directory.html", context)
    return {"html": html, "ids": listing["ids"], "count": listing["count"], "number": listing["number"]}


def _listing(index, viewer, filters: Filters, number) -> dict:
    ids, count, page_number, profiles = directory_page(index, viewer, filters, number)
    return {
        "ids": ids,
        "count": count,
        "number": page_number,
        "profiles": profiles,
        "host_choices": list(
            selectors.visible_to(HostProfilePage.objects.all(), viewer).order_by("title").values_list("pk", "title")
        ),
        "skill_choices": list(
            Tag.objects.filter(profiles_organiserskill_items__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("name", flat=True)
        ),
    }


class _Counted:
    """What a kept page of the directory gives its paginator: the count, without the list."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count
