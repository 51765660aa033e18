"""The wiki's business rules: the link table, watching and notifying, and what publishing triggers.

Signal handlers (wiki/signal_handlers.py) only call `after_publish`, `after_unpublish` and
`after_delete` here; everything they do is testable without the admin.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag

from hub import notifications
from search import indexing
from wiki import links
from wiki.models import ArticlePage, DebatePage, PageWatch, TagWatch, WikiIndexPage, WikiLink, WikiPage

PAGE_WATCH = "wiki.pagewatch"
TAG_WATCH = "wiki.tagwatch"


# --- the link table ---------------------------------------------------------------------------


@transaction.atomic
def record_links(page: WikiPage) -> int:
    """Replace the page's outgoing links with those in its current Markdown. Returns how many."""
    keys: set[str] = set()
    for text in page.specific.markdown_sources():
        keys |= links.link_keys(text)
    WikiLink.objects.filter(source=page).delete()
    WikiLink.objects.bulk_create([WikiLink(source_id=page.pk, target_key=key[:255]) for key in sorted(keys)])
    return len(keys)


def clear_links(page: WikiPage) -> None:
    WikiLink.objects.filter(source_id=page.pk).delete()


# --- watching -----------------------------------------------------------------------------------


def watch_page(user, page: WikiPage, frequency: str) -> PageWatch:
    watch, _ = PageWatch.objects.update_or_create(user=user, page=page, defaults={"frequency": frequency})
    return watch


def unwatch_page(user, page: WikiPage) -> int:
    return PageWatch.objects.filter(user=user, page=page).delete()[0]


def watch_tag(user, tag: Tag, frequency: str) -> TagWatch:
    watch, _ = TagWatch.objects.update_or_create(user=user, tag=tag, defaults={"frequency": frequency})
    return watch


def unwatch_tag(user, tag: Tag) -> int:
    return TagWatch.objects.filter(user=user, tag=tag).delete()[0]


def unsubscribe(kind: str, token: str) -> bool:
    """Stop the watch a signed unsubscribe token names. False if the token is bad or already used."""
    model = {PAGE_WATCH: PageWatch, TAG_WATCH: TagWatch}.get(kind)
    pk = notifications.read_unsubscribe_token(token, kind) if model else None
    if pk is None:
        return False
    return model.objects.filter(pk=pk).delete()[0] > 0


def unsubscribe_url(kind: str, pk: int) -> str:
    token = notifications.make_unsubscribe_token(kind, pk)
    return notifications.absolute_url(reverse("wiki:unsubscribe", args=[kind, token]))


def watchers_of(page: WikiPage, exclude_user_id: int | None) -> dict:
    """Each watcher of the page or of one of its tags, once, with the watch that reaches them.

    A page watch wins over a tag watch, so a member watching both gets one email, not two."""
    tag_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    found: dict = {}
    for watch in TagWatch.objects.filter(tag_id__in=tag_ids).select_related("user", "tag").order_by("pk"):
        found.setdefault(watch.user_id, (watch.user, TAG_WATCH, watch))
    for watch in PageWatch.objects.filter(page=page).select_related("user").order_by("pk"):
        found[watch.user_id] = (watch.user, PAGE_WATCH, watch)
    found.pop(exclude_user_id, None)
    return found


def notify_watchers(page: WikiPage, editor=None, note: str = "") -> int:
    """Tell everyone watching the page or its tags that a new version is live. Returns how many."""
    watchers = watchers_of(page, editor.pk if editor else None)
    who = editor.public_name if editor else "Someone"
    url = notifications.absolute_url(page.url)
    for user, kind, watch in watchers.values():
        reason = f"the tag “{watch.tag.name}”" if kind == TAG_WATCH else "this page"
        text = f"{who} published a new version of “{page.title}”."
        if note:
            text += f"\nTheir note: {note}"
        text += f"\nYou get this because you watch {reason}."
        message = notifications.Message(
            subject=f"Wiki: “{page.title}” was updated",
            text=text,
            url=url,
            unsubscribe_url=unsubscribe_url(kind, watch.pk),
            kind="watch",
        )
        notifications.notify(user, message, watch.frequency)
    return len(watchers)


def after_comment(comment) -> bool:
    """Tell the author of the comment replied to, in their inbox. True if someone was told."""
    parent_id = getattr(comment, "parent_id", None)
    if not parent_id or parent_id == comment.pk:
        return False  # a new thread, not a reply
    parent = type(comment).objects.select_related("user").filter(pk=parent_id).first()
    page = DebatePage.objects.filter(pk=comment.object_pk).first()
    if parent is None or page is None or parent.user is None or parent.user_id == comment.user_id:
        return False
    who = comment.user.public_name if comment.user else "Someone"
    message = notifications.Message(
        subject=f"{who} replied to your comment on “{page.title}”",
        text=comment.comment[:300],
        url=notifications.absolute_url(page.comment_url(comment.pk, parent.thread_id)),  # its thread: not yet saved
        kind="reply",
    )
    notifications.notify(parent.user, message, notifications.NO_EMAIL)
    return True


# --- what publishing, unpublishing and deleting trigger ----------------------------------------


def after_publish(page: WikiPage, revision=None) -> None:
    editor = None
    if revision is not None and revision.user_id:
        editor = get_user_model().objects.filter(pk=revision.user_id).first()
    record_links(page)
    notify_watchers(page, editor, page.edit_summary)
    indexing.update(page)


def after_unpublish(page: WikiPage) -> None:
    clear_links(page)
    indexing.remove(page)


def after_delete(page: WikiPage) -> None:
    indexing.remove(page)


# --- drafts started from elsewhere in the hub ---------------------------------------------------


@transaction.atomic
def start_draft(user, *, title: str, summary: str, body: str, tags: list[str] = ()) -> ArticlePage:
    """A new, unpublished article written by `user`, for them to finish and publish in the admin.

    Offered to the layers above the wiki (a reflection becomes a draft through home/views.py). The
    title and slug are made unique with a number when taken, since wiki links resolve by either."""
    if not links.can_create_pages(user):
        raise PermissionDenied("Only members who may write in the wiki (organisers) can start a wiki page.")
    index = WikiIndexPage.objects.get()
    title = _free_title(index, title.strip()[:240] or "Untitled")
    page = ArticlePage(
        title=title,
        slug=_free_slug(index, title),
        summary=summary[:300],
        body=body,
        owner=user,
        live=False,
        edit_summary="Started as a draft from elsewhere in the hub",
    )
    page.tags.add(*tags)  # kept in the page's cluster: saved with the page and in its revision
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def _free_title(index: WikiIndexPage, title: str) -> str:
    candidate, number = title, 1
    while ArticlePage(title=candidate).title_clashes(candidate):
        number += 1
        candidate = f"{title} ({number})"
    return candidate


def _free_slug(index: WikiIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "draft"
    candidate, number = base, 1
    while index.get_children().filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
