"""Reading a question and writing posts: ask, answer, edit, and the revision history."""

import hashlib
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from hub import diff, page_context, paging, submissions
from hub.fragments import CSRF, SUBMISSION, personalise
from hub.markdown import normalise_newlines
from hub.markdown import render as render_markdown
from hub.page_cache import kept_for
from qa import kinds, reputation, selectors
from qa.forms import AnswerForm, EditAnswerForm, EditQuestionForm, QuestionForm
from qa.models import Answer, Question, Revision, visible_q
from qa.services import posts
from qa.services.errors import NotAllowed, QaError, RateLimited
from qa.similar import similar_questions
from qa.views import fragments
from qa.views.common import address_of, get_post, posted, refused


def question_detail(request, pk: int, slug: str = ""):
    try:
        question = selectors.question_for_page(pk, request.user)
    except Question.DoesNotExist:
        raise Http404("No such question.") from None
    if slug != question.slug:  # keeping ?page=N
        query = request.META.get("QUERY_STRING", "")
        return redirect(question.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    return _render_question(request, question, page=paging.page_number(request, "answers"))


def answer_link(request, pk: int):
    """An answer's lasting address (`Answer.get_absolute_url`): to the page of its question that shows
    it now, at it (docs/adr/0111). 404 for whom the question page would not show it; `?comment=`
    lands on one of its comments instead."""
    answers = Answer.objects.select_related("question")
    if not reputation.is_moderator(request.user):
        answers = answers.visible().filter(visible_q("question__"))
    answer = get_object_or_404(answers, pk=pk)
    comment = request.GET.get("comment", "")
    anchor = f"comment-{comment}" if comment.isascii() and comment.isdigit() else None
    return redirect(selectors.answer_address(answer, request.user, anchor))


def _render_question(
    request, question: Question, answer_form=None, answer_preview=None, status: int = 200, page: int = 1
):
    """The question page, showing page `page` of its answers (docs/adr/0111). Its content comes kept
    per viewer class and page (`fragments.page_class`, ADR 0107) when it is the plain page (not an
    answer form shown again with what the member typed): what is read before that is what the class
    needs, the member's ratings on the question (one query)."""
    user = request.user
    privileges = {
        "can_edit_others": reputation.has_privilege(user, reputation.EDIT_OTHERS),
        "can_rate_negative": reputation.has_privilege(user, reputation.RATE_NEGATIVE),
        "is_moderator": reputation.is_moderator(user),
    }
    about = {
        "own_answer_id": getattr(question, "viewer_answer_id", None),  # selectors.question_for_page
        "following": bool(user.is_authenticated and question.viewer_follows),
        "can_close": reputation.has_privilege(user, reputation.CLOSE_DUPLICATES),
        "is_moderator": privileges["is_moderator"],
    }
    my_ratings = selectors.viewer_ratings(user, question)
    if answer_form is None:
        viewer_class = hashlib.sha256(fragments.page_class(user, privileges, question, my_ratings, about).encode())
        parts = (question.pk, request.path, page, viewer_class.hexdigest()[:24])
        build = partial(_content, request, question, my_ratings, privileges, about, page=page)
        body = kept_for(user)("qa-question-page", build, *parts)
    else:
        sent = submissions.clean_token(request.POST.get(submissions.FIELD))
        extra = {"answer_form": answer_form, "answer_preview": answer_preview, "submission": sent or SUBMISSION}
        body = _content(request, question, my_ratings, privileges, about, extra)
    context = {"question": question, "body": personalise(request, [body])[0], "answers_page": page}
    return render(request, "qa/question_detail.html", context, status=status)


def _content(
    request, question: Question, my_ratings: dict, privileges: dict, about: dict, extra=None, page: int = 1
) -> str:
    """The page's content (qa/includes/question_page.html) with the stand-ins for per-request tokens
    in (hub/fragments.py), rendered without the request: all it shows of the viewer is in `about`,
    `privileges`, `my_ratings` and the posts' own classes. Only page `page`'s answers are read and
    rendered; a page past the last is a 404."""
    user = request.user
    answer_page = selectors.answer_page(question, user, page)
    if answer_page is None:
        raise Http404("No such page of answers.")
    selectors.load_tags(question)
    answers = answer_page.keys
    question_tools, answers_html = fragments.render_posts(request, question, answers, my_ratings, privileges)
    context = {
        "question": question,
        "question_body": render_markdown(question.body, {"user": user}),  # wiki links one may create
        "answers": answers,
        "answer_page": answer_page,
        "answer_pager": paging.pager(request.path, answer_page.number, answer_page.pages),
        "question_tools": question_tools,
        "answers_html": answers_html,
        "answer_form": AnswerForm(),
        "answer_preview": None,
        "signed_in": user.is_authenticated,
        "path": request.path,
        "related_questions": kept_for(user)("qa-related", lambda: selectors.related_questions(question), question.pk),
        "csrf_token": CSRF,
        "submission": SUBMISSION,
        **privileges,
        **about,
        **page_context.collect(question, request),
        **(extra or {}),
    }
    return render_to_string("qa/includes/question_page.html", context)


def _step(request) -> str:
    """Which button sent the form: "check" (similar questions), "preview" or "post"."""
    if request.method != "POST":
        return ""
    return next((step for step in ("check", "preview") if step in request.POST), "post")


def _keep_errors(form, *names: str) -> None:
    """Validate, then forget errors on fields the member was not asked about yet."""
    form.is_valid()
    for name in list(form.errors):
        if name not in names:
            del form.errors[name]


def _saved(request, form, success: str, write, *args, **kwargs):
    """Run `write(*args, **kwargs)`: a redirect to the saved post, a 429 for a rate limit, or None with
    the refusal shown on the form."""
    try:
        post = write(*args, **kwargs)
    except RateLimited as error:
        return refused(request, error, request.path)
    except NotAllowed as error:
        if error.field is None:  # who may write at all (a suspended member): 403 saying why
            return refused(request, error, request.path)
        form.add_error(error.field, error.message)  # a privilege for one field (a new tag): fix it there
        return None
    except QaError as error:
        form.add_error(error.field, error.message)
        return None
    return posted(request, post, success)


@login_required
def ask(request):
    """Ask a question. "Check for similar questions" shows matches before posting and "Preview" shows
    the question as it will read; both work without JavaScript and judge only what they need."""
    # Search's "Ask this as a question" arrives with ?title=, so Find leads straight to Ask.
    initial = {"title": request.GET.get("title", "")[: QuestionForm.base_fields["title"].max_length]}
    form = QuestionForm(request.POST or None, initial=initial)
    step, similar, preview = _step(request), [], None
    if step == "check":
        _keep_errors(form, "title")
        if "title" not in form.errors:
            similar = similar_questions(form.cleaned_data["title"])
    elif step == "preview":
        _keep_errors(form)
        preview = normalise_newlines(request.POST.get("body", ""))
    elif step == "post" and form.is_valid():
        data = form.cleaned_data
        success = "Your question is posted. We will tell you in your inbox when someone answers."
        token = submissions.token_from(request)
        response = _saved(
            request, form, success, posts.ask, request.user, data["title"], data["body"], data["tags"], token=token
        )
        if response:
            return response
    context = {"form": form, "similar": similar, "checked": step == "check", "preview": preview}
    return render(request, "qa/ask.html", context)


@login_required
@require_POST
def post_answer(request, pk: int):
    question = get_object_or_404(Question.objects.visible(), pk=pk)
    form = AnswerForm(request.POST)
    if "preview" in request.POST:
        _keep_errors(form)
        preview = normalise_newlines(request.POST.get("body", ""))
        question = selectors.question_for_page(pk, request.user)
        return _render_question(request, question, answer_form=form, answer_preview=preview)
    if form.is_valid():
        token = submissions.token_from(request)
        try:
            answer = posts.answer(request.user, question, form.cleaned_data["body"], token=token)
        except QaError as error:
            return refused(request, error, question.get_absolute_url())
        return posted(request, answer, "Your answer is posted.")
    messages.error(request, "Your answer was not posted: " + " ".join(form.errors.get("body", [])))
    return redirect(question.get_absolute_url() + "#your-answer")


@login_required
def edit_question(request, pk: int):
    question = get_object_or_404(Question.objects.prefetch_related("tags"), pk=pk)
    if not posts.can_edit(request.user, question):
        raise PermissionDenied("You cannot edit this question.")
    initial = {"title": question.title, "body": question.body, "tags": ", ".join(t.name for t in question.tags.all())}
    form = EditQuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = (data["title"], data["body"], data["tags"], data["summary"])
        response = _saved(
            request, form, "Your changes are saved.", posts.edit_question, request.user, question, *values
        )
        if response:
            return response
    return render(request, "qa/edit.html", {"form": form, "post": question, "question": question, "kind": "question"})


@login_required
def edit_answer(request, pk: int):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if not posts.can_edit(request.user, answer):
        raise PermissionDenied("You cannot edit this answer.")
    form = EditAnswerForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        values = (form.cleaned_data["body"], form.cleaned_data["summary"])
        response = _saved(request, form, "Your changes are saved.", posts.edit_answer, request.user, answer, *values)
        if response:
            return response
    return render(
        request, "qa/edit.html", {"form": form, "post": answer, "question": answer.question, "kind": "answer"}
    )


def history(request, kind: str, pk: int):
    post = get_post(kind, pk)
    revisions = Revision.objects.filter(**kinds.pointer(post)).select_related("editor").order_by("-number")
    question = kinds.question_of(post)
    return render(
        request,
        "qa/history.html",
        {
            "post": post,
            "kind": kind,
            "question": question,
            "revisions": revisions,
            "can_edit": posts.can_edit(request.user, post),
        },
    )


def _text(revision: Revision | None) -> str:
    if revision is None:
        return ""
    head = [f"Title: {revision.title}", f"Tags: {revision.tags}", ""] if revision.question_id else []
    return "\n".join([*head, revision.body])


def revision_diff(request, pk: int):
    revision = get_object_or_404(Revision.objects.select_related("editor", "question", "answer__question"), pk=pk)
    post = revision.post
    if post.is_hidden:
        raise Http404("No such revision.")
    previous = Revision.objects.filter(**kinds.pointer(post), number=revision.number - 1).first()
    # Line by line: a question's title, tags and body read best that way (hub/diff.py).
    changes = diff.lines(_text(previous), _text(revision))
    return render(
        request,
        "qa/revision.html",
        {
            "revision": revision,
            "previous": previous,
            "diff": changes,
            "post": post,
            "question": kinds.question_of(post),
            "can_edit": posts.can_edit(request.user, post),
        },
    )


@login_required
@require_POST
def rollback(request, pk: int):
    revision = get_object_or_404(Revision.objects.select_related("question", "answer__question"), pk=pk)
    try:
        post = posts.rollback(request.user, revision)
    except QaError as error:
        return refused(request, error, revision.post.get_absolute_url())
    messages.success(request, f"Rolled back to revision {revision.number}.")
    return redirect(address_of(request, post))
