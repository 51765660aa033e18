"""One-button actions on the question page: rate, accept, comment, close, follow, flag."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from taggit.models import Tag

from hub import notifications, submissions
from hub.views import safe_next
from qa.forms import CloseForm, CommentForm, FlagForm, FollowForm, RatingForm
from qa.models import Answer, Follow, Question
from qa.services import follows, moderation, posts, ratings
from qa.services.errors import QaError
from qa.views.common import REPEAT, address_of, get_post, refused


def _act(request, action, post, success: str):
    """Apply one rule to `post`: back to it with `success`, or the refused rule's answer."""
    try:
        action(request.user, post)
    except QaError as error:
        return refused(request, error, post.get_absolute_url())
    messages.success(request, success)
    return redirect(address_of(request, post))


@login_required
@require_POST
def rate(request, kind: str, pk: int):
    post = get_post(kind, pk)
    form = RatingForm(request.POST)
    back = post.get_absolute_url()
    if not form.is_valid():
        messages.error(
            request, "Your rating was not saved: choose positive, neutral or negative (feedback up to 80 characters)."
        )
        return redirect(back)
    try:
        ratings.rate(request.user, post, form.cleaned_data["value"], form.cleaned_data["feedback"])
    except QaError as error:
        return refused(request, error, back)
    messages.success(request, "Thank you: your rating is saved.")
    return redirect(address_of(request, post))


@login_required
@require_POST
def accept(request, pk: int):
    answer = get_object_or_404(Answer.objects.visible().select_related("author"), pk=pk)
    return _act(request, posts.accept, answer, "You accepted this answer. It now shows first.")


@login_required
@require_POST
def unaccept(request, pk: int):
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    return _act(request, posts.unaccept, question, "No answer is accepted now.")


@login_required
@require_POST
def comment(request, kind: str, pk: int):
    post = get_post(kind, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Your comment was not posted: write 2 to 600 characters.")
        return redirect(post.get_absolute_url())
    try:
        item = posts.comment(request.user, post, form.cleaned_data["body"], token=submissions.token_from(request))
    except QaError as error:
        return refused(request, error, post.get_absolute_url())
    if submissions.is_repeat(item):
        messages.info(request, REPEAT)
    return redirect(address_of(request, item))


@login_required
def close(request, pk: int):
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        original = Question.objects.filter(pk=form.cleaned_data["original"]).first()
        if original is None:
            form.add_error("original", "There is no question with that number.")
        else:
            try:
                posts.close_as_duplicate(request.user, question, original)
            except QaError as error:
                if error.status != 400:
                    return refused(request, error, question.get_absolute_url())
                form.add_error("original", error.message)
            else:
                messages.success(request, "The question is closed as a duplicate.")
                return redirect(question)
    return render(request, "qa/close.html", {"form": form, "question": question})


@login_required
@require_POST
def reopen(request, pk: int):
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    return _act(request, posts.reopen, question, "The question is open again.")


def _follow(request, back: str, **target):
    back = safe_next(request, back)
    if request.POST.get("action") == "unfollow":
        follows.unfollow(request.user, **target)
        messages.success(request, "You no longer follow this.")
        return redirect(back)
    form = FollowForm(request.POST)
    frequency = form.cleaned_data["frequency"] if form.is_valid() else notifications.IMMEDIATE
    follows.follow(request.user, frequency=frequency, **target)
    how = "in your inbox" if frequency == notifications.NO_EMAIL else "in your inbox and by email"
    messages.success(request, f"You are following this. We will tell you {how} about new answers and comments.")
    return redirect(back)


@login_required
@require_POST
def follow_question(request, pk: int):
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    return _follow(request, question.get_absolute_url(), question=question)


@login_required
@require_POST
def follow_tag(request, tag: str):
    tag_row = get_object_or_404(Tag, slug=tag)
    return _follow(request, reverse("qa:tagged", args=[tag_row.slug]), tag=tag_row)


def unsubscribe(request, token: str):
    """Stop one follow from an email link, no sign-in needed; a GET only asks, a POST acts."""
    pk = notifications.read_unsubscribe_token(token, follows.FOLLOW_TOKEN_KIND)
    if pk is None:
        raise Http404("This unsubscribe link is not valid.")
    item = Follow.objects.select_related("question", "tag").filter(pk=pk).first()
    done = False
    if request.method == "POST" and item is not None:
        item.delete()
        done = True
    return render(request, "qa/unsubscribe.html", {"item": item, "done": done or item is None})


@login_required
def flag(request, kind: str, pk: int):
    target = get_post(kind, pk, rated_posts_only=False)
    form = FlagForm(request.POST or None)
    back = target.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        try:
            moderation.flag(request.user, target, form.cleaned_data["reason"], form.cleaned_data["note"])
        except QaError as error:
            if error.status != 400:
                return refused(request, error, back)
            form.add_error("note" if "briefly" in error.message else None, error.message)
        else:
            messages.success(request, "Thank you. A moderator will look at it.")
            return redirect(back)
    return render(request, "qa/flag.html", {"form": form, "target": target, "kind": kind, "back": back})
