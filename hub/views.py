from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from hub import members
from hub.markdown import normalise_newlines
from hub.markdown import render as render_markdown


class AccessibilityView(TemplateView):
    template_name = "hub/accessibility.html"


class AboutView(TemplateView):
    template_name = "hub/about.html"


class MarkdownHelpView(TemplateView):
    template_name = "hub/markdown_help.html"


PREVIEW_MAX_CHARACTERS = 30_000


@login_required
@require_POST
def markdown_preview(request):
    """The live preview of the forms that take Markdown (hub/static/js/preview.js): the same
    rendering and sanitising as the published text, as an HTML fragment."""
    text = normalise_newlines(request.POST.get("text", ""))[:PREVIEW_MAX_CHARACTERS]
    html = render_markdown(text) if text.strip() else ""
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@login_required
def welcome(request):
    """Where a new member lands after confirming their email address: what to do first."""
    return render(request, "hub/welcome.html")


@login_required
def account_profile(request):
    """The signed-in member's own account page: links to everything they can manage."""
    return render(request, "hub/account_profile.html", {"account": request.user})


def member(request, username: str):
    """A member's public page: what each part of the hub says about them (hub/members.py)."""
    user = get_object_or_404(get_user_model(), username=username, is_active=True)
    context = {
        "member": user,
        "member_sections": members.shown(members.MEMBER_PAGE, user, request.user),
        "member_stylesheets": members.stylesheets(members.MEMBER_PAGE),
    }
    return render(request, "hub/member.html", context)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


def too_many_requests(request, message: str = "", retry_after: int | None = None):
    """The one response for a rate limit: a plain message and HTTP 429."""
    response = render(request, "429.html", {"message": message, "retry_after": retry_after}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
