"""What an organiser's or a host's profile page shows, most of it kept as shared fragments
(hub.fragments, docs/adr/0102 and 0108).

A profile looks the same to everyone of one audience (hub.page_cache.audience: signed in or not,
superuser, groups), which is all the visibility rules behind its lists read (the organisers a
host lists, the wiki pages an organiser revised). Its header and its body (facts, about, links,
contact, feed items, a host's organisers and maintainers) are kept per (profile, audience) under
the page cache's generation. What differs for the one member looking stays outside them and is
rendered per request: the owner's tools (edit link, feed status), the report link, and the member
sections of the page (kept by hub.members per each section's own viewer class).
"""

from django.template.loader import render_to_string

from hub import fragments, members
from hub.page_cache import audience
from profiles import selectors, services
from profiles.models import HostProfilePage, OrganiserProfilePage, ProfilePage

# The kept parts of each kind of profile: the header above the owner's tools, the body below.
PARTS = {
    "organiser": ("profiles/includes/organiser_header.html", "profiles/includes/organiser_body.html"),
    "host": ("profiles/includes/host_header.html", "profiles/includes/host_body.html"),
}


def viewer_class(viewer) -> str:
    """Everything about the viewer that the kept parts read: their audience, nothing else."""
    return audience(viewer)


def profile_page_context(page: ProfilePage, request) -> dict:
    """The kept header and body, and the owner's tools for this viewer (ProfilesConfig.ready())."""
    key = fragments.key("profile", page.pk, viewer_class(request.user))
    read: dict = {}  # what rendering the kept parts read, when they were rendered for this request
    ((header, body, maintainer_ids),) = fragments.fetch(request, [key], lambda _index: _kept(page, request.user, read))
    header, body = fragments.personalise(request, [header, body])
    can_edit = services.can_edit_profile(request.user, page, maintainer_ids=maintainer_ids)
    sources = []
    if can_edit:  # only the owner's tools show the feeds' status: read for those who may edit, never kept
        sources = read["sources"] if "sources" in read else list(page.feed_sources.order_by("kind"))
    return {"profile_header": header, "profile_body": body, "can_edit": can_edit, "feed_sources": sources}


def organiser_page_context(page: OrganiserProfilePage, request) -> dict:
    """What each part of the hub says about the organiser (hub/members.py), kept per section."""
    account = page.account if page.account_id else None
    return {"member_sections": members.assembled(members.PROFILE, account, request) if account else []}


def _kept(page: ProfilePage, viewer, read: dict) -> tuple[str, str, tuple[int, ...]]:
    """The header's and the body's HTML as `viewer`'s audience sees them, and a host's maintainers
    (who may edit it: the page lists them, so knowing them costs no query when kept). The feed
    sources read go into `read`, for the owner's tools of this request."""
    sources = read["sources"] = selectors.feed_sources_for(page)
    context = {
        "page": page,
        "feed_items": selectors.recent_items(sources),
        "social_links": selectors.social_links(page),
    }
    maintainer_ids: tuple[int, ...] = ()
    if isinstance(page, OrganiserProfilePage):
        context["person"] = page.account if page.account_id else None
    if isinstance(page, HostProfilePage):
        maintainers = list(page.maintainers.all())
        maintainer_ids = tuple(person.pk for person in maintainers)
        context["maintainers"] = maintainers
        context["hosted_organisers"] = selectors.organisers_of_host(page, viewer)
    header, body = (render_to_string(template, context) for template in PARTS[page.kind])
    return header, body, maintainer_ids
