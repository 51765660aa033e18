"""The moderators' queue in the Wagtail admin: open flags and held serial ratings, with actions.

Every action is a POST that calls qa.services.moderation or qa.services.ratings, which check
the Moderator role again: the admin menu only hides what the services already refuse.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from qa import kinds, reputation
from qa.models import Answer, Comment, Flag, Question, Rating
from qa.services import moderation, ratings
from qa.services.errors import QaError


def _require_moderator(request) -> None:
    if not reputation.is_moderator(request.user):
        raise PermissionDenied("Only moderators work the Q&A queue.")


def _targets_by_key(flags) -> dict:
    """Load every flagged object with one query per kind, not one per flag."""
    wanted: dict = {}
    for item in flags:
        wanted.setdefault(item.content_type_id, set()).add(item.object_id)
    loaded = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model._base_manager.filter(pk__in=ids).select_related("author"):
            loaded[(type_id, obj.pk)] = obj
    return loaded


def queue(request):
    """The forum's queue is a section of the hub's moderation page (hub/moderation_admin.py)."""
    _require_moderator(request)
    return redirect("hub_moderation:queue")


def queue_section(request) -> dict:
    """The forum's share of the moderators' queue (a hub.moderation.QueueSection): open flags, held
    serial ratings, hidden posts and comments."""
    flags = list(
        Flag.objects.filter(status=Flag.OPEN).select_related("reporter", "content_type").order_by("created_at")
    )
    loaded = _targets_by_key(flags)
    rows = []
    for item in flags:
        target = loaded.get((item.content_type_id, item.object_id))
        if target is not None:
            rows.append({"flag": item, "target": target, "kind": item.content_type.model})
    held = Rating.objects.filter(held=True, reviewed_at__isnull=True).select_related("rater", "recipient")
    hidden = {
        "questions": Question.objects.filter(hidden_at__isnull=False).select_related("hidden_by")[:50],
        "answers": Answer.objects.filter(hidden_at__isnull=False).select_related("hidden_by", "question")[:50],
        "comments": Comment.objects.filter(hidden_at__isnull=False).select_related("hidden_by")[:50],
    }
    return {
        "rows": rows,
        "held": list(held.order_by("rater__username", "updated_at")),
        "serial_raters": list(moderation.serial_raters()),
        "hidden": hidden,
    }


def _target(kind: str, pk: int):
    model = kinds.model_for(kind)
    if model is None:
        raise Http404("No such kind of content.")
    return get_object_or_404(model, pk=pk)


def _done(request, action, success: str):
    try:
        action()
    except QaError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("hub_moderation:queue")


@require_POST
def hide(request, kind: str, pk: int):
    _require_moderator(request)
    target = _target(kind, pk)
    reason = request.POST.get("reason", "")
    return _done(request, lambda: moderation.hide(request.user, target, reason), "Hidden, with the reason recorded.")


@require_POST
def restore(request, kind: str, pk: int):
    _require_moderator(request)
    target = _target(kind, pk)
    reason = request.POST.get("reason", "")
    return _done(request, lambda: moderation.restore(request.user, target, reason), "Restored: it is visible again.")


@require_POST
def lock(request, kind: str, pk: int):
    _require_moderator(request)
    question = kinds.question_of(_target(kind, pk))
    locked = request.POST.get("unlock") is None
    success = "Question locked." if locked else "Question unlocked."
    reason = request.POST.get("reason", "")
    return _done(request, lambda: moderation.lock(request.user, question, locked, reason), success)


@require_POST
def dismiss(request, pk: int):
    _require_moderator(request)
    item = get_object_or_404(Flag, pk=pk, status=Flag.OPEN)
    return _done(request, lambda: moderation.dismiss(request.user, item), "Flag dismissed.")


@require_POST
def review_rating(request, pk: int):
    _require_moderator(request)
    rating = get_object_or_404(Rating, pk=pk, held=True, reviewed_at__isnull=True)
    approve = request.POST.get("decision") == "approve"
    success = "Rating approved: it now counts." if approve else "Rating rejected: it will not count."
    return _done(request, lambda: ratings.review_held(request.user, rating, approve), success)
