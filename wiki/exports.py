"""The wiki's part of a member's data export (hub/exports.py): the revisions of wiki pages they
saved (with what they wrote and their change notes), the debate positions they wrote, and their
debate comments. A fixed number of queries per kind."""

from django.db.models.fields.json import KT
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, PageLogEntry, Revision

from wiki.models import DebatePosition

# The fields of a wiki page's revision that people write (wiki/history.py's document).
WRITTEN_FIELDS = ("title", "summary", "body", "motion", "standing", "positions")


def revisions(user) -> list[dict]:
    rows = list(
        Revision.page_revisions.filter(user=user, content_type__app_label="wiki")
        .annotate(note=KT("content__edit_summary"))
        .order_by("created_at", "pk")
    )
    published = set(
        PageLogEntry.objects.filter(action="wagtail.publish", revision_id__in=[row.pk for row in rows]).values_list(
            "revision_id", flat=True
        )
    )
    return [
        {
            "page": {"id": int(row.object_id), "title": row.object_str},
            "created_at": row.created_at,
            "change_note": row.note or "",
            "published": row.pk in published,
            "content": {name: row.content[name] for name in WRITTEN_FIELDS if name in row.content},
        }
        for row in rows
    ]


def debate_positions(user) -> list[dict]:
    """Positions in a debate's current text that name the member as their author."""
    rows = DebatePosition.objects.filter(author=user).select_related("page").order_by("page_id", "sort_order", "pk")
    return [
        {
            "debate": {"id": row.page_id, "title": row.page.title},
            "stance": row.get_stance_display(),
            "heading": row.heading,
            "argument": row.argument,
        }
        for row in rows
    ]


def _page_id(comment) -> int | None:
    return int(comment.object_pk) if comment.object_pk.isdigit() else None


def debate_comments(user) -> list[dict]:
    rows = list(XtdComment.objects.filter(user=user).order_by("submit_date", "pk"))
    titles = dict(Page.objects.filter(pk__in=[_page_id(row) for row in rows]).values_list("pk", "title"))
    return [
        {
            "id": row.pk,
            "debate": {"id": _page_id(row), "title": titles.get(_page_id(row))},
            "comment": row.comment,
            "reply_to": row.parent_id if row.parent_id != row.pk else None,
            "submitted_at": row.submit_date,
            "removed": row.is_removed,
        }
        for row in rows
    ]
