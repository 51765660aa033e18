"""A long list shown a page at a time on its own address, `?page=N` (a question's answers,
docs/adr/0111; a debate's discussion, 0112): the page asked for, each page's address, and what the
pager (includes/page_links.html) shows."""

from __future__ import annotations

import re

from django.http import Http404

_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def page_number(request, what: str) -> int:
    """`?page=N`: N a positive whole number written plainly, 1 when not given. Anything else is no
    page of `what` (404); a page past the last is the caller's to refuse."""
    value = request.GET.get("page")
    if value is None:
        return 1
    if not _PAGE_NUMBER.fullmatch(value):
        raise Http404(f"No such page of {what}.")
    return int(value)


def page_address(path: str, number: int) -> str:
    """Page `number` of the list at `path`: page 1 is the plain address."""
    return path if number == 1 else f"{path}?page={number}"


def pager(path: str, number: int, last: int) -> dict | None:
    """The pager of page `number` of `last`: its numbered links as (number, address), (None, "") for
    a gap, showing the first and last pages and two either side of this one; the previous and next
    pages' addresses. None when everything fits on one page."""
    if last <= 1:
        return None
    shown = sorted({1, last, *range(max(1, number - 2), min(last, number + 2) + 1)})
    links: list[tuple[int | None, str]] = []
    for shown_number in shown:
        if links and shown_number - links[-1][0] > 1:
            links.append((None, ""))
        links.append((shown_number, page_address(path, shown_number)))
    return {
        "number": number,
        "links": links,
        "previous": page_address(path, number - 1) if number > 1 else None,
        "next": page_address(path, number + 1) if number < last else None,
    }
