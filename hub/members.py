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
"""

from collections.abc import Callable
from dataclasses import dataclass

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

    def __post_init__(self):
        if not self.template:
            app, _, what = self.name.partition(".")
            object.__setattr__(self, "template", f"{app}/includes/{what}.html")


@dataclass(frozen=True)
class ShownSection:
    name: str
    template: str
    context: dict


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


def shown(place: str, member, viewer) -> list[ShownSection]:
    """The sections of `place` that have something to show about `member` to `viewer`, in order."""
    result = []
    for section in sections_at(place):
        context = section.context(member, viewer)
        if context is not None:
            result.append(ShownSection(section.name, section.template, context))
    return result
