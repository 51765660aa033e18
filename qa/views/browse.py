"""Finding questions: the listing, tag pages, RSS feeds and the similar-questions lookup."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_GET
from taggit.models import Tag

from hub import ratelimit
from hub.markdown import render as render_markdown
from hub.page_cache import kept_for
from qa import selectors
from qa.models import Follow
from qa.similar import similar_questions


def _page_asked(request) -> int:
    """The page number asked for, as `Paginator.get_page` reads it (not a whole number: the first)."""
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def _listing_context(request, tag: Tag | None) -> dict:
    """The listing's lists and counts come kept per audience (ADR 0107): they read the sort, filters
    and page, never the visitor. The pages' links repeat the visitor's own query string, so the
    pagination is rendered per request from the kept count."""
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in selectors.SORTS else "newest"
    answered = request.GET.get("answered") if request.GET.get("answered") in ("yes", "no") else None
    asked = _page_asked(request)
    keep = kept_for(request.user)
    listing = keep(
        "qa-list", lambda: _listing(sort, tag, answered, asked), sort, tag.slug if tag else "", answered, asked
    )
    page = Paginator(range(listing["count"]), settings.HUB_PAGE_SIZE).get_page(listing["number"])
    return {"page_obj": page, "tag": tag, "listing": listing}


def _listing(sort: str, tag: Tag | None, answered: str | None, asked: int) -> dict:
    """The kept part of a listing page: its HTML (rendered without the request: nothing of the
    visitor can be in it), the number of questions and the page shown."""
    questions = selectors.question_list(sort, tag.slug if tag else None, answered)
    page = Paginator(questions, settings.HUB_PAGE_SIZE).get_page(asked)
    context = {
        "page_obj": page,
        "questions": page.object_list,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "answered": answered or "",
        "tag": tag,
        "popular_tags": selectors.popular_tags(),
    }
    return {
        "main": render_to_string("qa/includes/question_list_main.html", context),
        "sidebar": render_to_string("qa/includes/question_list_sidebar.html", context),
        "count": page.paginator.count,
        "number": page.number,
    }


@require_GET
def question_list(request):
    return render(request, "qa/question_list.html", _listing_context(request, None))


@require_GET
def tagged(request, tag: str):
    tag_row = get_object_or_404(Tag, slug=tag)
    context = _listing_context(request, tag_row)
    if request.user.is_authenticated:
        context["following"] = Follow.objects.filter(user=request.user, tag=tag_row).first()
    return render(request, "qa/question_list.html", context)


def _similar_key(request) -> str:
    """Per member; per client address when signed out."""
    return f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{ratelimit.client_ip(request)}"


@require_GET
def similar(request):
    """JSON for the ask form's progressive enhancement: similar questions for a typed title,
    from the hub's search index, throttled per member (the form asks as the title is typed)."""
    ratelimit.hit(request, "qa-similar", _similar_key(request), rate=settings.QA_SIMILAR_RATE)  # past it: 429
    title = request.GET.get("title", "")[:150]
    results = [
        {"id": q.pk, "title": q.title, "url": q.get_absolute_url(), "answers": q.answer_count}
        for q in similar_questions(title)
    ]
    return JsonResponse({"results": results})


class QuestionsFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "The newest questions in the CO Knowledge Hub forum."

    def get_object(self, request, tag: str | None = None):
        return get_object_or_404(Tag, slug=tag) if tag else None

    def title(self, obj):
        return f"Questions tagged “{obj.name}”" if obj else "Newest questions"

    def link(self, obj):
        return reverse("qa:tagged", args=[obj.slug]) if obj else reverse("qa:list")

    def items(self, obj):
        return selectors.question_list("newest", obj.slug if obj else None)[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return str(render_markdown(item.body))

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.author.public_name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
