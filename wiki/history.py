"""Page history and word-level differences between two published revisions of a wiki page's Markdown.

Revisions are Wagtail's own; the change note people write is the `edit_summary` field, which
Wagtail stores inside each revision's content (docs/adr/0012-history-and-change-notes.md).
`PageHistoryMixin` gives wiki pages their /history/ and /history/diff/ routes; it works on the page
it is given and imports no model of the wiki, so wiki/models.py can use it without a cycle.
"""

from django.db.models.fields.json import KT
from django.http import Http404
from django.shortcuts import render
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import PageLogEntry, Revision

from hub import diff


def published_ids(page_id: int):
    """The ids of the page's revisions that went live (a sub-query). Wagtail 8 saves a draft a few
    seconds after an editor types: drafts are for editors, in the admin, never on the public site."""
    return PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish").values("revision_id")


def published_revisions(page):
    return page.revisions.filter(pk__in=published_ids(page.pk))


def revisions(page) -> list[Revision]:
    """The page's published revisions, newest first, with author and change note."""
    return list(
        published_revisions(page)
        .select_related("user")
        .annotate(note=KT("content__edit_summary"))
        .defer("content")
        .order_by("-created_at", "-pk")
    )


def document_text(page) -> str:
    """The page as one Markdown document, so a diff covers every field people write."""
    parts = [f"# {page.title}", page.summary or ""]
    if getattr(page, "motion", ""):
        parts.append(f"Motion: {page.motion}")
    parts.append(page.body or "")
    positions = page.positions.all() if hasattr(page, "positions") else []
    for position in positions:
        parts.append(f"## {position.get_stance_display()}: {position.heading}\n\n{position.argument}")
    if getattr(page, "standing", ""):
        parts.append(f"## Where the debate stands\n\n{page.standing}")
    return "\n\n".join(part for part in parts if part)


def diff_revisions(old: Revision, new: Revision) -> list[diff.Segment]:
    """Word by word: wiki pages are prose (hub/diff.py)."""
    return diff.words(document_text(old.as_object()), document_text(new.as_object()))


def _revision_or_none(page, value):
    """A published revision of the page, or None (a draft is treated as no such version)."""
    if not str(value or "").isdigit():
        return None
    return published_revisions(page).select_related("user").filter(pk=int(value)).first()


class PageHistoryMixin(RoutablePageMixin):
    """The routes every wiki page has for its history and the differences between two versions."""

    @path("history/")
    def history(self, request):
        return render(request, "wiki/page_history.html", {"page": self, "revisions": revisions(self)})

    @path("history/diff/")
    def diff(self, request):
        old = _revision_or_none(self, request.GET.get("from"))
        new = _revision_or_none(self, request.GET.get("to"))
        if old is None or new is None:
            error = "Choose two versions of this page from its history to compare."
            return render(request, "wiki/page_diff.html", {"page": self, "error": error}, status=400)
        if old.created_at > new.created_at:
            old, new = new, old
        segments = diff_revisions(old, new)
        context = {"page": self, "old": old, "new": new, "segments": segments}
        context["changed"] = any(segment.op != "equal" for segment in segments)
        return render(request, "wiki/page_diff.html", context)

    @path("history/<int:revision_id>/")
    def version(self, request, revision_id: int):
        """One published version of the page, read as it was. Drafts are read in the admin's preview."""
        revision = _revision_or_none(self, revision_id)
        if revision is None:
            raise Http404("This page has no such version.")
        old = revision.as_object()
        context = {
            "page": self,
            "revision": revision,
            "old": old,
            "positions": list(old.positions.all()) if hasattr(old, "positions") else [],
            "is_current": revision.pk == self.live_revision_id,
        }
        return render(request, "wiki/page_version.html", context)
