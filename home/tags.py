"""One page per tag, shared by the wiki, documents and the Q&A forum, and the index of every tag.

Composed here, above the parts: each part says what it holds for a tag through its selectors
(`wiki.selectors.pages_with_tag`, `qa.selectors.questions_with_tag`, ...), never through another
part. Following a tag from its page follows it in both parts at once.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from taggit.models import Tag

from home.models import TagDescription
from hub import notifications
from hub.views import safe_next
from qa import selectors as qa_selectors
from qa.models import Follow
from qa.services import follows
from wiki import selectors as wiki_selectors
from wiki import services as wiki_services
from wiki.models import TagWatch


@dataclass
class TagSummary:
    tag: Tag
    description: str
    pages: int
    documents: int
    questions: int

    @property
    def total(self) -> int:
        return self.pages + self.documents + self.questions


def tag_summaries(viewer=None) -> list[TagSummary]:
    """Every tag in use, with what `viewer` may see of each part and its description, most used first. Four queries."""
    pages, documents = wiki_selectors.tag_counts(viewer), wiki_selectors.document_tag_counts(viewer)
    questions = qa_selectors.tag_counts()
    ids = set(pages) | set(documents) | set(questions)
    described = dict(TagDescription.objects.filter(tag_id__in=ids).values_list("tag_id", "description"))
    summaries = [
        TagSummary(
            tag, described.get(tag.pk, ""), pages.get(tag.pk, 0), documents.get(tag.pk, 0), questions.get(tag.pk, 0)
        )
        for tag in Tag.objects.filter(pk__in=ids)
    ]
    return sorted(summaries, key=lambda item: (-item.total, item.tag.name.lower()))


def tag_index(request):
    summaries = tag_summaries(request.user)
    order = request.GET.get("order")
    if order == "name":
        summaries.sort(key=lambda item: item.tag.name.lower())
    return render(request, "home/tag_index.html", {"summaries": summaries, "order": order or "popular"})


def _following(user, tag) -> bool:
    if not user.is_authenticated:
        return False
    return TagWatch.objects.filter(user=user, tag=tag).exists() or Follow.objects.filter(user=user, tag=tag).exists()


def tag_detail(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    description = TagDescription.objects.filter(tag=tag).values_list("description", flat=True).first() or ""
    wiki = wiki_selectors.pages_with_tag(tag, viewer=request.user)
    context = {
        "tag": tag,
        "description": description,
        "articles": wiki["articles"],
        "debates": wiki["debates"],
        "documents": wiki_selectors.documents_with_tag(tag, viewer=request.user),
        "questions": qa_selectors.questions_with_tag(tag, limit=10),
        "question_count": qa_selectors.tag_counts().get(tag.pk, 0),
        "following": _following(request.user, tag),
    }
    return render(request, "home/tag_detail.html", context)


@login_required
@require_POST
def follow_tag(request, slug: str):
    """Follow (or stop following) a tag everywhere: its wiki pages and its questions."""
    tag = get_object_or_404(Tag, slug=slug)
    back = safe_next(request, reverse("home:tag", args=[tag.slug]))
    with transaction.atomic():
        if request.POST.get("action") == "stop":
            wiki_services.unwatch_tag(request.user, tag)
            follows.unfollow(request.user, tag=tag)
            messages.success(request, f"You no longer follow the tag “{tag.name}”.")
            return redirect(back)
        frequency = request.POST.get("frequency", notifications.IMMEDIATE)
        if frequency not in dict(notifications.FREQUENCY_CHOICES):
            frequency = notifications.IMMEDIATE
        wiki_services.watch_tag(request.user, tag, frequency)
        follows.follow(request.user, tag=tag, frequency=frequency)
    messages.success(request, f"You follow the tag “{tag.name}”: new questions and changed pages come to your inbox.")
    return redirect(back)
