"""Posting a discussion comment (the wiki's debates): django-comments-xtd's posting view behind the
hub's repeat guard, at the library's own address (hub/urls.py puts it first).

A double click, or the same comment sent again within minutes, stores one comment and shows the
member the stored one (hub/submissions.py). Everything else (the security hash, the honeypot,
threading, notifications) stays the library's.
"""

from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django_comments import get_model as comment_model
from django_comments.views.comments import post_comment as library_post_comment

from hub import submissions

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


def _shown(request, comment):
    target = comment.content_object
    url = target.get_url(request) if hasattr(target, "get_url") else comment.get_absolute_url()
    messages.info(request, REPEAT)
    return redirect(f"{url}#c{comment.pk}")


@require_POST
def post(request):
    """POST a comment once: a repeat answers with a redirect to the stored comment."""
    same = _same_comments(request.user, request.POST) if request.user.is_authenticated else None
    if same is None:
        return library_post_comment(request)
    token = submissions.token_from(request)
    with transaction.atomic():
        submissions.hold(request.user)
        earlier = submissions.earlier(request.user, token, comment_model(), same, since_field="submit_date")
        if earlier is not None:
            return _shown(request, earlier)
        newest_before = same.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = library_post_comment(request)
        stored = same.filter(pk__gt=newest_before).order_by("pk").first()
        if stored is not None:
            submissions.remember(request.user, token, stored)
    return response
