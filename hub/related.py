"""Boxes of links to related content that a page shows in its sidebar, supplied by another layer.

A question cannot import the wiki, nor a wiki page the forum (docs/architecture.md), yet a question
shows the wiki pages it links to and a wiki page the questions about it. `home/related.py` composes
both: a question's through `hub.page_context` under the key `related_panels`, a wiki page's through
`wiki.reading.add_sidebar_panels` (kept with its sidebar); each page includes
`includes/related_panels.html`.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    meta: str = ""


@dataclass(frozen=True)
class Panel:
    heading: str
    links: list[Link]
    icon: str = ""  # a name from hub/static/img/icons.svg
    empty: str = ""  # shown when there are no links; the panel is left out when both are empty
    more: Link | None = None
    ident: str = field(default="")  # for the heading's id

    @property
    def shown(self) -> bool:
        return bool(self.links or self.empty)
