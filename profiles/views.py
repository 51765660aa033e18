"""Thin views for owners (edit, refresh now, download data, ask for deletion), the blogs river and
the map. What the profile pages Wagtail serves show is in profile_page.py."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_POST

from hub import ratelimit
from profiles import map as place_map
from profiles import selectors, services
from profiles.forms import form_class_for
from profiles.models import ProfilePage


def places_map(request):
    """Hosts and exemplar projects: a list by region, and an SVG map the hub draws itself."""
    places = selectors.places(request.user)
    context = {
        "regions": place_map.by_region(places),
        "markers": place_map.markers(places),
        "outlines": place_map.outline_paths(),
        "width": place_map.WIDTH,
        "height": place_map.HEIGHT,
        "exemplar_count": sum(1 for place in places if place.is_exemplar),
        "host_count": sum(1 for place in places if not place.is_exemplar),
    }
    return render(request, "profiles/places_map.html", context)


def _editable_page(request, page_id: int) -> ProfilePage:
    """The profile, refused with 403 unless the signed-in user may edit it."""
    try:
        page = ProfilePage.objects.get(pk=page_id).specific
    except ProfilePage.DoesNotExist as error:
        raise Http404("No such profile.") from error
    services.check_can_edit(request.user, page)
    return page


@login_required
def my_profile(request):
    """Where "Edit your profile" points: the member's own profile, or a list when they have several."""
    pages = services.pages_editable_by(request.user)
    if len(pages) == 1:
        return redirect("profiles:edit", page_id=pages[0].pk)
    return render(request, "profiles/my_profiles.html", {"pages": pages})


@login_required
def edit_profile(request, page_id: int):
    page = _editable_page(request, page_id)
    form_class = form_class_for(page)
    form = form_class(request.POST or None, request.FILES or None, instance=page)
    if request.method == "POST" and form.is_valid():
        page = form.save(commit=False)
        form.save_m2m()
        form.apply_upload(request.user)
        services.publish_changes(page, request.user)
        messages.success(request, "Your profile is saved and published.")
        return redirect("profiles:edit", page_id=page.pk)
    status = 400 if request.method == "POST" else 200
    context = {"page": page, "form": form, "feed_sources": page.feed_sources.order_by("kind")}
    return render(request, "profiles/edit_profile.html", context, status=status)


@login_required
@require_POST
def refresh_now(request, page_id: int):
    page = _editable_page(request, page_id)
    seconds = settings.HUB_FEEDS_REFRESH_NOW_SECONDS
    message = f"Feeds for this profile were refreshed a moment ago. Try again in {max(1, seconds // 60)} minutes."
    ratelimit.consume("feeds-refresh-now", f"profile:{page.pk}", rate=(1, seconds), message=message)  # else 429
    services.request_refresh(page)
    messages.success(
        request, "Your feeds will be read again within a minute or two. Reload this page to see new items."
    )
    return redirect("profiles:edit", page_id=page.pk)


@login_required
def download_data(request, page_id: int):
    page = _editable_page(request, page_id)
    body = json.dumps(services.export_profile_data(page), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="profile-{page.slug}.json"'
    return response


@login_required
def request_deletion(request, page_id: int):
    page = _editable_page(request, page_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Tick the box to confirm that you want your profile deleted.")
            return render(
                request, "profiles/request_deletion.html", {"page": page, "missing_confirm": True}, status=400
            )
        services.request_deletion(page, request.user)
        messages.success(request, "Your profile is offline now. A moderator will delete it within 30 days.")
        return redirect("account_profile")
    return render(request, "profiles/request_deletion.html", {"page": page})


def blogs_river(request):
    return render(request, "profiles/blogs_river.html", {"items": selectors.river_items()})


class BlogsRiverFeed(Feed):
    """The river as RSS. Items were sanitised when stored; titles are plain text."""

    feed_type = Rss201rev2Feed
    title = "Organisers' blogs and posts | CO Knowledge Hub"
    link = reverse_lazy("profiles:blogs")
    description = "The newest posts from community organisers' blogs, Mastodon and Bluesky."

    def items(self):
        return selectors.river_items()

    def item_title(self, item):
        return f"{item.source.page.title}: {item.display_title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.link or item.source.page.url

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published_at
