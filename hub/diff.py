"""Differences between two versions of what someone wrote, for the history pages of the wiki and
the forum. One place, so both mark changes the same way.

`words()` gives runs of equal, deleted and inserted text in reading order: best for prose, where the
reader looks for the words that changed inside a paragraph (wiki pages). `lines()` gives the changed
lines with a few unchanged lines around them and a gap where more were skipped: best for short texts
read line by line (a question's title, tags and body).
"""

import difflib
import re
from dataclasses import dataclass

from hub.markdown import normalise_newlines

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class Line:
    op: str  # "context", "added", "removed", or "gap" where unchanged lines were skipped
    text: str = ""

    @property
    def marker(self) -> str:
        return {"added": "+", "removed": "-", "context": " "}.get(self.op, "")


def words(old: str, new: str) -> list[Segment]:
    """Word-level differences: runs of equal, deleted and inserted text, in reading order.
    Line endings are compared as LF: versions saved from a browser before they were normalised hold CRLF."""
    a, b = TOKEN.findall(normalise_newlines(old)), TOKEN.findall(normalise_newlines(new))
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            segments.append(Segment("equal" if op == "equal" else "delete", "".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def lines(old: str, new: str, context: int = 3) -> list[Line]:
    """Changed lines with `context` unchanged lines around each change; [] when nothing changed."""
    a, b = old.splitlines(), new.splitlines()
    result: list[Line] = []
    groups = difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context)
    for number, group in enumerate(groups):
        if number:
            result.append(Line("gap"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                result.extend(Line("context", text) for text in a[i1:i2])
                continue
            result.extend(Line("removed", text) for text in a[i1:i2])
            result.extend(Line("added", text) for text in b[j1:j2])
    return result
