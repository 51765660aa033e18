"""Posting a discussion comment (the wiki's debates): django-comments-xtd's posting view behind the
hub's repeat guard, at the library's own address (hub/urls.py puts it first).

A double click, or the same comment sent again within minutes, stores one comment and shows the
member the stored one (hub/submissions.py). Everything else (the security hash, the honeypot,
threading, notifications) stays the library's.
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_comments import get_model as comment_model
from django_comments.models import CommentFlag
from django_comments.views.comments import post_comment as library_post_comment

from hub import moderation, newcomers, notifications, submissions
from hub.models import ModerationEntry
from hub.views import safe_next

REPEAT = "You had already posted this comment a moment ago, so it was not posted twice. Here it is."


def _same_comments(user, data):
    """The member's comments on the object this form is about, with the same text."""
    try:
        model = apps.get_model(data.get("content_type", ""))
    except (LookupError, ValueError):
        return None
    text = (data.get("comment") or "").strip()
    same = comment_model().objects.filter(
        user=user,
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_pk=str(data.get("object_pk", "")),
        comment=text,
    )
    reply_to = str(data.get("reply_to", "0"))
    # The same words as a reply to another comment are a new comment, not a repeat.
    if reply_to.isdigit() and int(reply_to):
        return same.filter(parent_id=int(reply_to), level__gt=0)
    return same.filter(level=0)


def address(comment) -> str:
    """Where a comment is shown, for links that are not on its page (the moderators' queue, the audit
    trail, notifications): the `comments-go` redirect, which needs no query to write."""
    return reverse("comments-go", args=[comment.pk])


def target_address(comment) -> str:
    """The address of the page showing the comment, at its anchor: the target's own `comment_url`
    (a debate names the page of its discussion the comment is on, one query), else its address."""
    target = comment.content_object
    if hasattr(target, "comment_url"):
        return target.comment_url(comment.pk, comment.thread_id)
    url = target.url if hasattr(target, "url") else comment.get_content_object_url()
    return f"{url}#c{comment.pk}"


def go(request, comment_id: int):
    """A comment's own address: on to the page showing it (its discussion's page), at its anchor."""
    comment = get_object_or_404(comment_model(), pk=comment_id, is_public=True)
    return redirect(target_address(comment))


def _shown(request, comment):
    messages.info(request, REPEAT)
    return redirect(target_address(comment))


def _refused(request):
    return render(request, "hub/suspended.html", {"message": moderation.SUSPENDED_MESSAGE}, status=403)


@require_POST
def post(request):
    """POST a comment once: a repeat answers with a redirect to the stored comment. A suspended member
    is refused; a new member's comments and links are limited (hub/newcomers.py: 429 past the limit)."""
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in to join the discussion.")
    if request.user.suspended_at is not None:
        return _refused(request)
    same = _same_comments(request.user, request.POST)
    if same is None:
        return library_post_comment(request)
    token = submissions.token_from(request)
    with transaction.atomic():
        submissions.hold(request.user)
        earlier = submissions.earlier(request.user, token, comment_model(), same, since_field="submit_date")
        if earlier is not None:
            return _shown(request, earlier)
        newcomers.check_discussion_comment(request.user, request.POST.get("comment", ""))
        newest_before = same.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = library_post_comment(request)
        stored = same.filter(pk__gt=newest_before).order_by("pk").first()
        if stored is not None:
            submissions.remember(request.user, token, stored)
    return response


# --- moderating discussion comments (hub/moderation.py's queue and audit trail) -------------------
# Members report a comment with the library's flag view (a "removal suggestion"); a moderator's
# decision is a flag of their own (deletion or approval), so a report is open while it is newer than
# the last decision. Removing and showing again are the library's `is_removed`, which keeps the
# thread's shape ("A moderator removed this comment") and the text for the audit.


def _reported():
    flags = CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL)
    decided = CommentFlag.objects.filter(
        flag__in=[CommentFlag.MODERATOR_DELETION, CommentFlag.MODERATOR_APPROVAL], comment_id=OuterRef("pk")
    ).order_by("-flag_date")
    return (
        comment_model()
        .objects.annotate(
            last_report=Max("flags__flag_date", filter=Q(flags__in=flags)),
            report_count=Count("flags", filter=Q(flags__in=flags)),
            last_decision=Subquery(decided.values("flag_date")[:1]),
        )
        .filter(last_report__isnull=False)
        .filter(Q(last_decision__isnull=True) | Q(last_report__gt=F("last_decision")))
    )


def reported_comments(limit: int = 100) -> list:
    """Discussion comments with reports no moderator has decided yet, oldest report first."""
    return list(_reported().select_related("user").order_by("last_report")[:limit])


def removed_comments(limit: int = 50) -> list:
    return list(comment_model().objects.filter(is_removed=True).select_related("user").order_by("-pk")[:limit])


def _decide(moderator, comment, flag: str, now) -> None:
    CommentFlag.objects.update_or_create(
        user=moderator, comment=comment, flag=flag, defaults={"flag_date": now}, create_defaults={"flag_date": now}
    )


def _label(comment) -> str:
    return f"Discussion comment “{comment.comment[:80]}”"


@transaction.atomic
def hide_comment(moderator, comment, reason: str, *, now=None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    if not reason.strip():
        raise moderation.ModerationError("Give a reason for removing it (its author will see it).")
    if comment.is_removed:
        raise moderation.ModerationError("This comment is already removed.")
    type(comment).objects.filter(pk=comment.pk).update(is_removed=True)
    _decide(moderator, comment, CommentFlag.MODERATOR_DELETION, now)
    moderation.record(moderator, ModerationEntry.HIDE, comment, reason=reason, member=comment.user,
                      label=_label(comment), url=address(comment), now=now)  # fmt: skip
    if comment.user is not None:
        _tell(comment.user, "A moderator removed your discussion comment", f"The reason: {reason.strip()}", comment)


@transaction.atomic
def restore_comment(moderator, comment, reason: str = "", *, now=None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    if not comment.is_removed:
        raise moderation.ModerationError("This comment is not removed.")
    type(comment).objects.filter(pk=comment.pk).update(is_removed=False)
    _decide(moderator, comment, CommentFlag.MODERATOR_APPROVAL, now)
    moderation.record(moderator, ModerationEntry.RESTORE, comment, reason=reason, member=comment.user,
                      label=_label(comment), url=address(comment), now=now)  # fmt: skip
    if comment.user is not None:
        _tell(comment.user, "A moderator showed your discussion comment again", "Everyone can read it again.", comment)


@transaction.atomic
def dismiss_reports(moderator, comment, *, now=None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    _decide(moderator, comment, CommentFlag.MODERATOR_APPROVAL, now)
    moderation.record(moderator, ModerationEntry.DISMISS, comment, member=comment.user, label=_label(comment),
                      url=address(comment), now=now)  # fmt: skip


def _tell(member, subject: str, text: str, comment) -> None:
    message = notifications.Message(
        subject=subject, text=text, url=notifications.absolute_url(address(comment)), kind="moderation"
    )
    notifications.notify(member, message, notifications.NO_EMAIL)


def queue_section(request) -> dict:
    """The discussions' share of the moderators' queue (a hub.moderation.QueueSection)."""
    return {"reported": reported_comments(), "removed": removed_comments()}


def _decision_view(action, success: str):
    @require_POST
    def view(request, comment_id: int):
        if not moderation.is_moderator(request.user):
            raise PermissionDenied("Only moderators can do this.")
        comment = get_object_or_404(comment_model(), pk=comment_id)
        try:
            action(request, comment)
        except moderation.ModerationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect(safe_next(request, reverse("hub_moderation:queue")))

    return view


hide_view = _decision_view(
    lambda request, comment: hide_comment(request.user, comment, request.POST.get("reason", "")),
    "Comment removed, with the reason recorded.",
)
restore_view = _decision_view(
    lambda request, comment: restore_comment(request.user, comment, request.POST.get("reason", "")),
    "Comment shown again.",
)
dismiss_view = _decision_view(
    lambda request, comment: dismiss_reports(request.user, comment), "Reports dismissed: the comment stays."
)


def remove(request, comment_id: int):
    """The "Remove" link under a comment: a moderator gives the reason, then the audited service runs."""
    if not moderation.is_moderator(request.user):
        raise PermissionDenied("Only moderators can remove comments.")
    comment = get_object_or_404(comment_model(), pk=comment_id)
    if request.method == "POST":
        return hide_view(request, comment_id)
    back = safe_next(request, address(comment))
    return render(request, "hub/comment_remove.html", {"comment": comment, "next": back})
