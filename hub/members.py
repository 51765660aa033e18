"""What each part of the hub says about one member, for the pages that show a member.

Parts never import each other (docs/architecture.md), yet an organiser's profile shows what they
did in the wiki and the forum, and a member page shows their reputation and their profile. So each
part registers `MemberSection`s here from its `AppConfig.ready()`, and a page that shows a member
asks for the sections of its place and includes each one's template with the section's context:

    members.register(members.MemberSection("qa.profile_activity", members.PROFILE, selectors.profile_activity, 20))

    {% for section in member_sections %}{% include section.template with section=section.context %}{% endfor %}

A section's function gets the member and the viewer (who may be anonymous) and returns its
template's context, or None when it has nothing to show. It loads what it shows with a fixed number
of queries, however much the member did.

A section may name its viewer class (`viewer_class(member, viewer) -> str`: everything about the
viewer its function and template read, such as being that member; `everyone` when they read
nothing). `assembled()` then keeps its HTML per (member, viewer class) as a hub.fragments fragment
(docs/adr/0102): a warm page skips its queries and rendering. Its template then sees only `member`
and `section`. A section without a viewer class is rendered per request.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# The places that show sections. A new place is a new string and a loop in that page's template.
PROFILE = "profile"  # an organiser's profile page, under "Activity in the hub"
MEMBER_PAGE = "member_page"  # /members/<username>/, under the member's name

SectionContext = Callable[[object, object], dict | None]


@dataclass(frozen=True)
class MemberSection:
    name: str  # unique: "<app>.<what>", for example "qa.profile_activity"
    place: str
    context: SectionContext
    order: int = 100  # lower shows first
    stylesheets: tuple[str, ...] = ()  # static paths the section's markup needs
    template: str = ""  # by default "<app>/includes/<what>.html"
    viewer_class: Callable[[object, object], str] | None = None  # set: kept as a fragment (see the docstring)

    def __post_init__(self):
        if not self.template:
            app, _, what = self.name.partition(".")
            object.__setattr__(self, "template", f"{app}/includes/{what}.html")


@dataclass(frozen=True)
class ShownSection:
    name: str
    template: str
    context: dict | None
    html: SafeString | None = None  # a kept section's HTML (its template is not included again)


_sections: dict[str, MemberSection] = {}


def register(section: MemberSection) -> MemberSection:
    """Add or replace the section called `section.name`."""
    _sections[section.name] = section
    return section


def unregister(name: str) -> MemberSection | None:
    return _sections.pop(name, None)


def sections_at(place: str) -> list[MemberSection]:
    return sorted((s for s in _sections.values() if s.place == place), key=lambda s: (s.order, s.name))


def stylesheets(place: str) -> list[str]:
    """Every stylesheet the sections of `place` need, once each, in section order."""
    return list(dict.fromkeys(href for section in sections_at(place) for href in section.stylesheets))


def everyone(_member, _viewer) -> str:
    """The viewer class of a section whose function and template read nothing about the viewer."""
    return "everyone"


def shown(place: str, member, viewer) -> list[ShownSection]:
    """The sections of `place` that have something to show about `member` to `viewer`, in order."""
    result = []
    for section in sections_at(place):
        context = section.context(member, viewer)
        if context is not None:
            result.append(ShownSection(section.name, section.template, context))
    return result


def assembled(place: str, member, request) -> list[ShownSection]:
    """`shown()` for a page: the sections with a viewer class come from their kept fragments (one
    cache round trip for all of them, rendered and stored when missing); the others per request."""
    from hub import fragments  # noqa: PLC0415 - it imports models; parts import this module from AppConfig.ready()

    viewer = request.user
    sections = sections_at(place)
    kept = [section for section in sections if section.viewer_class is not None]
    keys = [fragments.key(f"member:{s.name}", member.pk, s.viewer_class(member, viewer)) for s in kept]

    def render(index: int) -> str:
        section = kept[index]
        context = section.context(member, viewer)
        if context is None:
            return ""
        return render_to_string(section.template, {"member": member, "section": context})

    html = dict(
        zip((s.name for s in kept), fragments.personalise(request, fragments.fetch(request, keys, render)), strict=True)
    )
    result = []
    for section in sections:
        if section.name in html:
            if html[section.name]:
                result.append(ShownSection(section.name, section.template, None, html[section.name]))
            continue
        context = section.context(member, viewer)
        if context is not None:
            result.append(ShownSection(section.name, section.template, context))
    return result
