import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from hub import auth_backends, avatars, exports, feedback, inbox, members, site, subscriptions
from hub.forms import AvatarForm
from hub.markdown import normalise_newlines
from hub.markdown import render as render_markdown
from hub.notifications import FREQUENCY_CHOICES


class AccessibilityView(TemplateView):
    template_name = "hub/accessibility.html"


class AboutView(TemplateView):
    template_name = "hub/about.html"


class MarkdownHelpView(TemplateView):
    template_name = "hub/markdown_help.html"


class EasyReadView(TemplateView):
    template_name = "hub/easy_read.html"


def contact(request):
    return render(request, "hub/contact.html", {"contact_email": settings.HUB_CONTACT_EMAIL})


class ReputationHelpView(TemplateView):
    template_name = "hub/reputation_help.html"
    extra_context = {"stars": feedback.STARS}


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
    return render(request, "hub/account_profile.html", {"account": request.user, "avatar_form": AvatarForm()})


@login_required
def account_data(request):
    """The signed-in member's own data, everything every part holds about them, as one JSON file."""
    body = json.dumps(exports.for_user(request.user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hub-data-{request.user.username}.json"'
    response["Cache-Control"] = "no-store"
    return response


def member(request, username: str):
    """A member's public page: what each part of the hub says about them (hub/members.py)."""
    user = auth_backends.active_member(username)
    if user is None:
        raise Http404("No member with this name.")
    context = {
        "member": user,
        "member_sections": members.assembled(members.MEMBER_PAGE, user, request),
        "member_stylesheets": members.stylesheets(members.MEMBER_PAGE),
    }
    return render(request, "hub/member.html", context)


def safe_next(request, default: str) -> str:
    """Where to go after a form: the posted `next` if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
def inbox_list(request):
    """The member's inbox: every notification, newest first, unread ones marked."""
    page = Paginator(inbox.for_user(request.user), settings.HUB_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hub/inbox.html", {"page_obj": page})


@login_required
def inbox_open(request, pk: int):
    """Open a notification: it counts as read, and the member goes to what it is about."""
    item = inbox.mark_read(request.user, pk)
    if item is None:
        raise Http404("No such message in your inbox.")
    base = site.base_url()
    # Messages keep absolute links (they are emailed too); on the site, stay on the host in use.
    return redirect(item.url[len(base) :] or "/" if item.url.startswith(base + "/") else item.url)


@login_required
@require_POST
def inbox_mark(request, pk: int | None = None):
    """Mark one message read or unread, or every message read."""
    if pk is None:
        count = inbox.mark_all_read(request.user)
        messages.success(request, f"{count} message{pluralize(count)} marked as read.")
    elif request.POST.get("action") == "unread":
        inbox.mark_unread(request.user, pk)
    else:
        inbox.mark_read(request.user, pk)
    return redirect(safe_next(request, reverse("hub:inbox")))


@login_required
def following(request):
    """Everything the member watches or follows, with how often emails come, and a way to stop."""
    context = {"subscriptions": subscriptions.for_user(request.user), "frequencies": FREQUENCY_CHOICES}
    return render(request, "hub/following.html", context)


def avatar(request, username: str):
    """A member's initials as a small SVG picture, for members without an uploaded one."""
    user = get_object_or_404(get_user_model(), username=username, is_active=True)
    response = HttpResponse(avatars.initials_svg(user.public_name, user.username), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def account_avatar(request):
    """Upload (or remove) the member's picture."""
    user = request.user
    if request.POST.get("action") == "remove":
        user.avatar.delete(save=False)
        user.avatar = ""
        user.save(update_fields=["avatar"])
        messages.success(request, "Your picture is removed. Members see your initials instead.")
        return redirect("account_profile")
    form = AvatarForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "hub/account_profile.html", {"account": user, "avatar_form": form}, status=400)
    try:
        picture = avatars.square_png(form.cleaned_data["avatar"])
    except avatars.PictureError as error:
        form.add_error("avatar", str(error))
        return render(request, "hub/account_profile.html", {"account": user, "avatar_form": form}, status=400)
    user.avatar.delete(save=False)
    user.avatar.save(f"{user.pk}.png", picture, save=False)
    user.save(update_fields=["avatar"])
    messages.success(request, "Your picture is saved.")
    return redirect("account_profile")


API_PREFIX = "/api/"


def _api_error(detail: str, status: int) -> JsonResponse:
    """The API's error pages are JSON like the rest of it (a path no API route matches, a crash)."""
    return JsonResponse({"detail": detail}, status=status)


def error_403(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return _api_error("You may not do this.", 403)
    return render(request, "403.html", status=403)


def csrf_failure(request, reason: str = ""):
    """A form or API call without its CSRF token (settings.CSRF_FAILURE_VIEW): the hub's 403 page, or
    JSON for the API, instead of Django's technical page (whose inline style the CSP refuses)."""
    if request.path.startswith(API_PREFIX):
        return _api_error("CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header.", 403)
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return _api_error("Not found.", 404)
    return render(request, "404.html", status=404)


def error_500(request):
    if request.path.startswith(API_PREFIX):
        return _api_error("Something went wrong on our side.", 500)
    return render(request, "500.html", status=500)


def too_many_requests(request, message: str = "", retry_after: int | None = None):
    """The one response for a rate limit: a plain message and HTTP 429."""
    response = render(request, "429.html", {"message": message, "retry_after": retry_after}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
