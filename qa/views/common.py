"""Helpers every forum view shares: the post an address names, and a refused rule's response."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from hub import submissions
from hub.views import too_many_requests
from qa import kinds, selectors
from qa.models import Answer, Comment
from qa.services.errors import NotAllowed, QaError, RateLimited


def refused(request, error: QaError, back: str):
    """A rate limit answers 429, a permission 403; any other refusal goes back with a message."""
    if isinstance(error, RateLimited):
        return too_many_requests(request, error.message, error.retry_after)
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)
    return redirect(back)


REPEAT = "You had already posted this a moment ago, so it was not posted twice. Here it is."


def posted(request, post, success: str):
    """After a write: to the post, saying it is posted, or that it was already (a repeated submission)."""
    if submissions.is_repeat(post):
        messages.info(request, REPEAT)
    else:
        messages.success(request, success)
    return redirect(address_of(request, post))


def address_of(request, post) -> str:
    """Where a member goes back to `post` after a write: an answer (or a comment on one) at the page
    of its question that shows it now (one COUNT query), not through its permalink's redirect."""
    if isinstance(post, Answer):
        return selectors.answer_address(post, request.user)
    if isinstance(post, Comment) and post.answer_id:
        return selectors.answer_address(post.answer, request.user, f"comment-{post.pk}")
    return post.get_absolute_url()


def get_post(kind: str, pk: int, *, rated_posts_only: bool = True):
    """The visible question or answer (or, when asked, comment) that an address names, or 404."""
    model = kinds.model_for(kind, rated_posts_only=rated_posts_only)
    if model is None:
        raise Http404("No such kind of post.")
    return get_object_or_404(model.objects.visible(), pk=pk)
