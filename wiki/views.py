"""Public views of the wiki beyond the pages Wagtail serves: recent changes, lists, documents and
watching, and the context of the wiki's pages. Thin: the rules are in wiki/services.py, the queries
in wiki/selectors.py; page history and diffs are wiki/history.py's routes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from taggit.models import Tag

from hub.notifications import NO_EMAIL
from hub.page_cache import kept_for
from hub.views import safe_next
from wiki import links, reading, selectors, services
from wiki.forms import WatchForm
from wiki.models import WikiCategory, WikiIndexPage


def _paginate(request, items):
    return Paginator(items, settings.HUB_PAGE_SIZE).get_page(request.GET.get("page"))


def wiki_page_context(page, request) -> dict:
    """What a wiki page shows (registered for WikiPage in WikiConfig.ready()), kept per viewer class."""
    return reading.page_parts(page, request)


def wiki_index_context(page, request) -> dict:
    """The wiki's front page (registered for WikiIndexPage in WikiConfig.ready()): its lists'
    HTML, rendered once and kept per audience until the next write (they show nothing of the member
    looking). Only the HTML is kept: a request then unpickles one string, not forty model objects."""
    return {"lists_html": kept_for(request.user)("wiki-index-lists", lambda: _index_lists(request.user))}


def _index_lists(viewer) -> str:
    return render_to_string("wiki/includes/index_lists.html", selectors.index_context(viewer))


def recent_changes(request):
    category = request.GET.get("category", "")
    tag = request.GET.get("tag", "")
    contributor = request.GET.get("contributor", "")
    context = {
        "page_obj": _paginate(request, selectors.recent_changes(category, tag, contributor, viewer=request.user)),
        "categories": WikiCategory.objects.all(),
        "filters": {"category": category, "tag": tag, "contributor": contributor},
        "query_string": request.GET.urlencode(),
    }
    return render(request, "wiki/recent_changes.html", context)


def debates(request):
    """Every debate, most recently changed first, with its motion."""
    items = selectors.with_tags(selectors.debates(viewer=request.user))
    return render(request, "wiki/debates.html", {"page_obj": _paginate(request, items)})


def a_to_z(request):
    """Every wiki page by title, grouped by first letter, with a jump list of letters."""
    pages = list(selectors.a_to_z(request.user))
    groups: dict[str, list] = {}
    for page in pages:
        first = page.title[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(page)
    return render(request, "wiki/a_to_z.html", {"groups": sorted(groups.items()), "count": len(pages)})


def links_here(request, page_id):
    """Every wiki page the visitor may see that links to one page (its sidebar shows the first few)."""
    page = get_object_or_404(selectors.live_pages(request.user), pk=page_id)
    every = selectors.backlinks(page, request.user)
    pages = Paginator(every, settings.HUB_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "wiki/links_here.html", {"target": page, "page_obj": pages})


def category_detail(request, slug):
    category = get_object_or_404(WikiCategory, slug=slug)
    pages = selectors.with_tags(selectors.live_pages(request.user).filter(category=category)).order_by("title")
    return render(request, "wiki/category.html", {"category": category, "page_obj": _paginate(request, pages)})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    pages = selectors.with_tags(selectors.live_pages(request.user).filter(tagged_items__tag=tag)).order_by("title")
    watching = request.user.is_authenticated and tag.pk in selectors.watched_tag_ids(request.user, [tag.pk])
    context = {"tag": tag, "page_obj": _paginate(request, pages), "watching": watching, "watch_form": WatchForm()}
    return render(request, "wiki/tag.html", context)


def documents(request):
    tag = request.GET.get("tag", "")
    docs = selectors.visible_documents(request.user).prefetch_related("tags").order_by("title")
    if tag:
        docs = docs.filter(tags__slug=tag)
    tags = Tag.objects.filter(document__in=selectors.visible_documents(request.user).values("pk"))
    tags = tags.distinct().order_by("name")
    return render(
        request,
        "wiki/documents.html",
        {"page_obj": _paginate(request, docs), "tags": tags, "current_tag": tag},
    )


def _how_we_tell(frequency: str) -> str:
    if frequency == NO_EMAIL:
        return "We will tell you in your inbox when it changes."
    return "We will tell you in your inbox and by email when it changes."


@login_required
@require_POST
def watch_page(request, page_id):
    page = get_object_or_404(selectors.live_pages(request.user), pk=page_id)
    back = safe_next(request, page.url)
    if request.POST.get("action") == "stop":
        services.unwatch_page(request.user, page)
        messages.success(request, f"You no longer watch “{page.title}”.")
        return redirect(back)
    form = WatchForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose how often you want emails about this page.")
    services.watch_page(request.user, page, form.cleaned_data["frequency"])
    messages.success(request, f"You watch “{page.title}”. {_how_we_tell(form.cleaned_data['frequency'])}")
    return redirect(back)


@login_required
@require_POST
def watch_tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    target = safe_next(request, reverse("wiki:tag", args=[tag.slug]))
    if request.POST.get("action") == "stop":
        services.unwatch_tag(request.user, tag)
        messages.success(request, f"You no longer watch the tag “{tag.name}”.")
        return redirect(target)
    form = WatchForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose how often you want emails about this tag.")
    services.watch_tag(request.user, tag, form.cleaned_data["frequency"])
    messages.success(request, f"You watch the tag “{tag.name}”. {_how_we_tell(form.cleaned_data['frequency'])}")
    return redirect(target)


def unsubscribe(request, kind, token):
    if kind not in (services.PAGE_WATCH, services.TAG_WATCH):
        raise Http404
    if request.method == "POST":
        done = services.unsubscribe(kind, token)
        status = 200 if done else 400
        return render(request, "wiki/unsubscribe.html", {"done": done, "posted": True}, status=status)
    return render(request, "wiki/unsubscribe.html", {"posted": False})


def new_page(request):
    """Where a link to a missing page leads: straight to the admin's new article form, title filled in."""
    title = " ".join(request.GET.get("title", "").split())[:255]
    index = WikiIndexPage.objects.first()
    if index is None:
        raise Http404
    if not links.can_create_pages(request.user):
        return render(
            request, "wiki/new_page.html", {"title": title}, status=403 if request.user.is_authenticated else 200
        )
    url = reverse("wagtailadmin_pages:add", args=["wiki", "articlepage", index.pk])
    return redirect(f"{url}?{links.urlencode({'title': title})}" if title else url)
