"""Names that look alike: Unicode skeletons as in UTS #39, for usernames (docs/security.md).

`skeleton()` maps each character to the prototype Unicode's confusables table gives it (Cyrillic
"а" and Latin "a" both become "a"; "m" becomes "rn"; "1", "I" and "l" become "l"), between two
NFD normalisations, as UTS #39 defines it. The table comes from the pinned confusable-homoglyphs
package, which ships Unicode's confusables.txt as JSON (read from the package, never fetched).
The package keeps each line of the table as a pair in both directions; `_prototypes()` rebuilds
the one-way map: every source is a single character mapped to one prototype, so in each group of
look-alikes the prototype is the many-character string, or the one that many characters map to,
or (in a group of two) the one the table names second.

`username_keys()` are what two usernames are compared by, two keys each, because case and
look-alikes pull apart: "ADMIN" is "admin" once case-folded, while "paypaI" (capital i) is
"paypal" only before folding (the table maps I to l). The first key folds case first, the second
takes the skeleton of the letters as typed; each then repeats skeleton and case-folding until
nothing changes (so "0", "O" and "o" meet), after NFKC as UTS #39 assumes for identifiers, and
without the punctuation a username may start or end with. Two names look alike when any key of
one equals any key of the other.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data

_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f")  # the table's display aids for right-to-left text
_EDGE_PUNCTUATION = "._-+@"


@cache
def _prototypes() -> dict[str, str]:
    order: dict[str, int] = {}
    neighbours: dict[str, set[str]] = {}
    for key, entries in confusables_data.items():
        source = key.translate(_DIRECTION_MARKS)
        order.setdefault(source, len(order))
        for entry in entries:
            other = entry["c"].translate(_DIRECTION_MARKS)
            order.setdefault(other, len(order))
            neighbours.setdefault(source, set()).add(other)
            neighbours.setdefault(other, set()).add(source)
    prototypes: dict[str, str] = {}
    seen: set[str] = set()
    for start in neighbours:
        if start in seen:
            continue
        group = _group(start, neighbours, seen)
        prototype = max(group, key=lambda name: (len(name) > 1, len(neighbours[name]), order[name]))
        prototypes.update({name: prototype for name in group if name != prototype and len(name) == 1})
    return prototypes


def _group(start: str, neighbours: dict[str, set[str]], seen: set[str]) -> list[str]:
    group, stack = [], [start]
    seen.add(start)
    while stack:
        name = stack.pop()
        group.append(name)
        for other in neighbours[name] - seen:
            seen.add(other)
            stack.append(other)
    return group


def skeleton(text: str) -> str:
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(prototypes.get(char, char) for char in decomposed))


def username_keys(username: str) -> tuple[str, str]:
    text = unicodedata.normalize("NFKC", username or "").strip(_EDGE_PUNCTUATION)
    return _settled(text.casefold()), _settled(skeleton(text))


def _settled(key: str) -> str:
    for _ in range(4):
        folded = skeleton(key).casefold()
        if folded == key:
            break
        key = folded
    return key.strip(_EDGE_PUNCTUATION)[:600]
