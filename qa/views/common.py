"""Helpers every forum view shares: turning a refused rule into the right response."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from hub.views import too_many_requests
from qa.models import Answer, Comment, Question
from qa.services.errors import NotAllowed, QaError, RateLimited

POST_MODELS = {"question": Question, "answer": Answer}
FLAG_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


def refused(request, error: QaError, back: str):
    """A rate limit answers 429, a permission 403; any other refusal goes back with a message."""
    if isinstance(error, RateLimited):
        return too_many_requests(request, error.message, error.retry_after)
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)
    return redirect(back)


def get_post(kind: str, pk: int):
    model = POST_MODELS.get(kind)
    if model is None:
        raise Http404("No such kind of post.")
    return get_object_or_404(model.objects.visible(), pk=pk)


def question_url(post) -> str:
    return post.get_absolute_url()
