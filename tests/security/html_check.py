"""Read rendered HTML the way a browser's tokenizer would and list what hostile text could have added.

A page is compared with the same page rendered with harmless text (its baseline): the hub's own
scripts, forms, classes and ids are there in both; anything a payload brought in is a problem.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hub.sanitise import ALLOWED_CLASSES, ID_PREFIX

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"}
DANGEROUS_SCHEMES = re.compile(r"^(?:(?:javascript|vbscript|livescript):|data:text/html)", re.IGNORECASE)
# Elements hostile text must never add: counted, since the page's own layout has some of them.
WATCHED_TAGS = {
    *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link"),
    *("form", "input", "button", "textarea", "select", "svg", "math", "template", "video", "audio", "source"),
    *("noscript", "xmp", "body", "html", "head", "title", "marquee", "details"),
}
_DIGITS = re.compile(r"\d+")
USER_CLASSES = frozenset().union(*ALLOWED_CLASSES.values())
# What the URL standard drops before reading a scheme: tabs and newlines anywhere, and C0 controls
# and spaces at either end (spaces inside stay, making "java script:" a harmless relative path).
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(code) for code in range(0x21))


def as_browser_reads(url: str) -> str:
    return _TAB_OR_NEWLINE.sub("", url).strip(_EDGES)


@dataclass
class Reading:
    tags: Counter = field(default_factory=Counter)
    scripts: Counter = field(default_factory=Counter)
    classes: set = field(default_factory=set)
    ids: set = field(default_factory=set)
    problems: list = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.reading = Reading()

    def handle_starttag(self, tag, attrs):
        reading = self.reading
        reading.tags[tag] += 1
        values = dict(attrs)
        if tag == "script":
            reading.scripts[values.get("src") or "(inline)"] += 1
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> None:
        reading = self.reading
        if name.startswith("on"):
            reading.problems.append(f"<{tag} {name}=...> event handler")
        if name == "style":
            reading.problems.append(f"<{tag} style=...>")
        if name in URL_ATTRIBUTES and DANGEROUS_SCHEMES.match(as_browser_reads(value)):
            reading.problems.append(f"<{tag} {name}={value[:60]!r}> dangerous address")
        if name == "class":
            reading.classes.update(value.split())
        if name == "id":
            reading.ids.add(value)


def read(html: str) -> Reading:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.reading


def problems(html: str, baseline: Reading) -> list[str]:
    """What `html` has that its baseline page does not: scripts, handlers, dangerous addresses,
    watched elements, classes outside the page's own and the sanitiser's, unprefixed new ids."""
    page = read(html)
    found = list(page.problems)
    found += [f"extra script {src!r}" for src in (page.scripts - baseline.scripts)]
    for tag in WATCHED_TAGS:
        if page.tags[tag] > baseline.tags[tag]:
            found.append(f"extra <{tag}> ({page.tags[tag]} against {baseline.tags[tag]})")
    found += [f"class {name!r}" for name in sorted(page.classes - baseline.classes - USER_CLASSES)]
    own_ids = {_DIGITS.sub("N", name) for name in baseline.ids}  # "answer-2" and "answer-7" are the same id
    found += [
        f"id {name!r}"
        for name in sorted(page.ids)
        if not name.startswith(ID_PREFIX) and _DIGITS.sub("N", name) not in own_ids
    ]
    return found
