"""The directory at /profiles/: filters, name search and pagination with a fixed number of queries."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from taggit.models import Tag
from wagtail.images import get_image_model

from hub import visibility
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


def directory_page(index, request, filters: Filters):
    pages = (
        visibility.visible_pages(ProfilePage.objects.child_of(index), request.user)
        .type(OrganiserProfilePage, HostProfilePage)
        .filter(_filter_q(filters))
        .distinct()
        .order_by("title", "pk")
    )
    paginator = Paginator(pages.values_list("pk", flat=True), settings.HUB_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    ids = list(page_obj.object_list)
    # Renditions are prefetched with the pictures, so each card's picture costs no query.
    pictures = Prefetch("picture", queryset=get_image_model().objects.prefetch_renditions(CARD_PICTURE))
    organisers = (
        OrganiserProfilePage.objects.filter(pk__in=ids).select_related("host").prefetch_related(pictures, "skills")
    )
    hosts = HostProfilePage.objects.filter(pk__in=ids).prefetch_related(pictures)
    by_id = {page.pk: page for page in [*organisers, *hosts]}
    return page_obj, [by_id[pk] for pk in ids if pk in by_id]


def directory_context(index, request) -> dict:
    filters = Filters.from_request(request)
    page_obj, profiles = directory_page(index, request, filters)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "profiles": profiles,
        "kind_choices": KIND_CHOICES,
        "role_choices": ROLE_CHOICES,
        "host_choices": list(
            selectors.visible_to(HostProfilePage.objects.all(), request.user)
            .order_by("title")
            .values_list("pk", "title")
        ),
        "skill_choices": list(
            Tag.objects.filter(profiles_organiserskill_items__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("name", flat=True)
        ),
    }
