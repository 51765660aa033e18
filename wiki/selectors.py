"""Read-side queries of the wiki, for its own pages and for other parts of the hub.

Each returns a short list (or a dict for a template) with related rows already loaded, so a page
costs the same number of queries however much content it shows.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Max, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Length, Lower
from django.urls import reverse
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, Revision

from hub import visibility
from hub.subscriptions import Subscription
from wiki import history, links
from wiki.models import DebatePage, PageWatch, TagWatch, WikiCategory, WikiPage, WikiPageTag


def live_pages(viewer=visibility.PUBLIC):
    """Wiki pages `viewer` may see (hub/visibility.py: live, no view restriction refusing them)."""
    return visibility.visible_pages(WikiPage.objects.all(), viewer).select_related("category")


def visible_documents(viewer=visibility.PUBLIC):
    """Documents `viewer` may see: none from a collection whose restriction refuses them."""
    return visibility.visible_documents(get_document_model().objects.all(), viewer)


def home_newest_pages(limit: int, viewer=visibility.PUBLIC) -> list:
    """The newest wiki pages, by first publication."""
    return list(live_pages(viewer).order_by("-first_published_at", "-pk")[:limit])


def home_recently_changed_pages(limit: int, viewer=visibility.PUBLIC) -> list:
    """Wiki pages by their latest publication."""
    return list(live_pages(viewer).order_by("-last_published_at", "-pk")[:limit])


def _page_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Page)


def pages_contributed_by(user, limit: int = 20, viewer=visibility.PUBLIC) -> list:
    """Wiki pages `user` has a revision on that `viewer` may see, newest first (profiles, member pages)."""
    published = _publishes().values("revision_id")
    revised = Revision.objects.filter(user=user, base_content_type=_page_content_type(), pk__in=published)
    revised = revised.values("object_id")
    return list(
        live_pages(viewer)
        .annotate(str_id=Cast("pk", CharField()))
        .filter(str_id__in=revised)
        .order_by("-last_published_at", "-pk")[:limit]
    )


def profile_contributions(member, viewer) -> dict:
    """The wiki's part of an organiser's profile (a hub.members section): pages they revised."""
    return {"pages": pages_contributed_by(member, limit=10, viewer=viewer)}


# A page's sidebar shows this many pages linking to it and contributors, then links to the rest:
# what a page costs to show must not grow with how popular it is.
SIDEBAR_LIST = 10


def backlinks(page: WikiPage, viewer=visibility.PUBLIC, limit: int | None = None) -> list[WikiPage]:
    """Wiki pages `viewer` may see whose Markdown links to `page` by its current title or slug
    (the first `limit`)."""
    keys = {links.normalise(page.title), page.slug}
    pages = (
        visibility.visible_pages(WikiPage.objects.all(), viewer)
        .filter(outgoing_links__target_key__in=keys)
        .exclude(pk=page.pk)
        .distinct()
        .order_by("title")
    )
    return list(pages[:limit] if limit else pages)


def contributors(page: WikiPage, limit: int | None = None) -> list:
    """Everyone with a published revision on the page, most first, with their count (drafts stay in the admin)."""
    people = (
        get_user_model()
        .objects.filter(
            wagtail_revisions__base_content_type=_page_content_type(),
            wagtail_revisions__object_id=str(page.pk),
            wagtail_revisions__in=history.published_ids(page.pk),
        )
        .annotate(revision_count=Count("wagtail_revisions"), last_revision=Max("wagtail_revisions__created_at"))
        .order_by("-revision_count", "-last_revision")
    )
    return list(people[:limit] if limit else people)


def _first(items: list, name: str) -> dict:
    """The first SIDEBAR_LIST items, and whether there are more (the list was read with one extra)."""
    return {name: items[:SIDEBAR_LIST], f"{name}_more": len(items) > SIDEBAR_LIST}


def popular_tags(limit: int = 30, viewer=visibility.PUBLIC) -> list:
    return list(
        Tag.objects.filter(wiki_wikipagetag_items__content_object__in=live_pages(viewer).values("pk"))
        .annotate(page_count=Count("wiki_wikipagetag_items"))
        .order_by("-page_count", "name")[:limit]
    )


def categories_with_counts(viewer=visibility.PUBLIC) -> list:
    seen = Q(pages__in=live_pages(viewer).values("pk"))
    return list(WikiCategory.objects.annotate(page_count=Count("pages", filter=seen)).order_by("sort_order", "name"))


def index_context(viewer=visibility.PUBLIC) -> dict:
    return {
        "categories": categories_with_counts(viewer),
        "newest_pages": home_newest_pages(8, viewer),
        "changed_pages": home_recently_changed_pages(8, viewer),
        "tags": popular_tags(viewer=viewer),
    }


def with_tags(pages):
    """A queryset of wiki pages with category and tags loaded (for lists)."""
    return pages.select_related("category").prefetch_related(
        Prefetch("tagged_items", queryset=WikiPageTag.objects.select_related("tag"))
    )


def tagged_items(page: WikiPage):
    """The page's tag links with their tags, read once per page object: its sidebar, watch
    buttons and related questions all ask."""
    prefetch_related_objects([page], Prefetch("tagged_items", queryset=WikiPageTag.objects.select_related("tag")))
    return page.tagged_items.all()


def watch_frequency(page: WikiPage, user) -> str:
    """How often the member is emailed about the page ("" when they do not watch it). Read with the
    page when it was served (WikiPage.served_annotations), otherwise one query."""
    if not user.is_authenticated:
        return ""
    if hasattr(page, "hub_watch_frequency"):
        return page.hub_watch_frequency or ""
    return PageWatch.objects.filter(user=user, page=page).values_list("frequency", flat=True).first() or ""


def watch_state(page: WikiPage, user) -> dict:
    """Whether the member watches the page (its sidebar's form). Tags are watched from the tag's page."""
    frequency = watch_frequency(page, user)
    return {"page_watch": PageWatch(user=user, page=page, frequency=frequency) if frequency else None}


def page_tags(page: WikiPage) -> list:
    """The page's tags by name (its header)."""
    return sorted((item.tag for item in tagged_items(page)), key=lambda tag: tag.name)


def page_sidebar(page: WikiPage, user) -> dict:
    """What every wiki page shows beside its body: links here, contributors, last edit, editing, watching."""
    return {
        **_first(backlinks(page, user, SIDEBAR_LIST + 1), "backlinks"),
        **_first(contributors(page, SIDEBAR_LIST + 1), "contributors"),
        "last_revision": live_revision(page),
        "can_edit": user.is_authenticated and page.permissions_for_user(user).can_edit(),
        **watch_state(page, user),
    }


def article_attachments(page, viewer) -> dict:
    """An article's documents and related pages that `viewer` may see. Two queries."""
    documents = page.related_documents.filter(visibility.documents_q(viewer, prefix="document__"))
    related = page.related_pages.filter(visibility.pages_q(viewer, prefix="target__"))
    return {
        "documents": list(documents.select_related("document")),
        "related": list(related.select_related("target")),
    }


def live_revision(page: WikiPage):
    """The live version, with its author: a newer draft is for editors in the admin. Read with the
    page when it was served (WikiPage.served_with, hub/routing.py)."""
    if not page.live_revision_id:
        return None
    if WikiPage.live_revision.is_cached(page) and Revision.user.is_cached(page.live_revision):
        return page.live_revision
    return Revision.objects.filter(pk=page.live_revision_id).select_related("user").first()


def _publishes():
    return PageLogEntry.objects.filter(action="wagtail.publish")


def _body_length():
    return Length(KeyTextTransform("body", "revision__content"))


def recent_changes(category: str = "", tag: str = "", contributor: str = "", viewer=visibility.PUBLIC):
    """Every publish of a wiki page `viewer` may see, newest first, as Wagtail logged it, with the
    revision before it (for the diff link) and how many characters of the body the change added or
    removed (`size_change`). The previous publish is a subquery: the count of queries stays fixed."""
    previous = _publishes().filter(page_id=OuterRef("page_id"), timestamp__lt=OuterRef("timestamp"))
    previous = previous.order_by("-timestamp", "-pk")
    entries = (
        _publishes()
        .filter(page__wikipage__isnull=False)
        .filter(visibility.pages_q(viewer, prefix="page__"))
        .select_related("user", "page__wikipage__category")
        .annotate(
            note=KeyTextTransform("edit_summary", "revision__content"),
            previous_revision_id=Subquery(previous.values("revision_id")[:1]),
            size_change=Coalesce(_body_length(), 0)
            - Coalesce(Subquery(previous.annotate(n=_body_length()).values("n")[:1]), 0),
        )
        .order_by("-timestamp", "-pk")
    )
    if category:
        entries = entries.filter(page__wikipage__category__slug=category)
    if tag:
        entries = entries.filter(page__wikipage__tagged_items__tag__slug=tag)
    if contributor:
        entries = entries.filter(user__username=contributor)
    return entries


def watched_tag_ids(user, tag_ids: list[int]) -> set[int]:
    return set(TagWatch.objects.filter(user=user, tag_id__in=tag_ids).values_list("tag_id", flat=True))


def subscriptions(user) -> list[Subscription]:
    """The member's page and tag watches, for the Following page (a hub.subscriptions lister)."""
    items = []
    for watch in PageWatch.objects.filter(user=user).select_related("page").order_by("page__title"):
        watch_url = reverse("wiki:watch_page", args=[watch.page_id])
        items.append(
            Subscription("Wiki page", watch.page.title, watch.page.url, watch.frequency, watch_url, watch_url,
                         {"action": "stop"}, watch.created_at)
        )  # fmt: skip
    for watch in TagWatch.objects.filter(user=user).select_related("tag").order_by("tag__name"):
        watch_url = reverse("wiki:watch_tag", args=[watch.tag.slug])
        items.append(
            Subscription("Tag, for wiki pages", watch.tag.name, reverse("wiki:tag", args=[watch.tag.slug]),
                         watch.frequency, watch_url, watch_url, {"action": "stop"}, watch.created_at)
        )  # fmt: skip
    return items


# --- for pages composed above the parts (home/): tags, and wiki pages a question links to ----------


def tag_counts(viewer=visibility.PUBLIC) -> dict[int, int]:
    """{tag id: number of wiki pages `viewer` may see with it}. One query."""
    rows = (
        WikiPageTag.objects.filter(visibility.pages_q(viewer, prefix="content_object__"))
        .values("tag_id")
        .annotate(n=Count("pk"))
    )
    return {row["tag_id"]: row["n"] for row in rows}


def document_tag_counts(viewer=visibility.PUBLIC) -> dict[int, int]:
    """{tag id: number of documents `viewer` may see with it}. One query."""
    rows = visible_documents(viewer).filter(tags__isnull=False).values("tags").annotate(n=Count("pk", distinct=True))
    return {row["tags"]: row["n"] for row in rows}


def pages_with_tag(tag, limit: int = 50, viewer=visibility.PUBLIC) -> dict:
    """{"articles": [...], "debates": [...]}: wiki pages `viewer` may see with the tag, by title. Two queries."""
    pages = live_pages(viewer).filter(tagged_items__tag=tag).order_by("title")
    debate_ids = set(pages.type(DebatePage).values_list("pk", flat=True)[:limit])
    found = list(pages[: limit * 2])
    return {
        "articles": [page for page in found if page.pk not in debate_ids][:limit],
        "debates": [page for page in found if page.pk in debate_ids][:limit],
    }


def documents_with_tag(tag, limit: int = 50, viewer=visibility.PUBLIC) -> list:
    return list(visible_documents(viewer).filter(tags=tag).order_by("title")[:limit])


def pages_linked_from(texts: list[str], viewer=visibility.PUBLIC) -> list[WikiPage]:
    """Wiki pages `viewer` may see named by `[[...]]` links in `texts` (a question and its answers). One query."""
    keys: set[str] = set()
    for text in texts:
        keys |= links.link_keys(text)
    found = links.resolve(keys, live_pages(viewer)).values()
    return sorted({page.pk: page for page in found}.values(), key=lambda page: page.title)


def pages_sharing_tags(
    tag_ids: list[int], limit: int = 5, exclude: set[int] | frozenset = frozenset(), viewer=visibility.PUBLIC
) -> list:
    """Wiki pages `viewer` may see with the most of these tags first. One query."""
    if not tag_ids:
        return []
    return list(
        live_pages(viewer)
        .filter(tagged_items__tag_id__in=tag_ids)
        .exclude(pk__in=exclude)
        .annotate(shared=Count("tagged_items", distinct=True))
        .order_by("-shared", "title")[:limit]
    )


def debates(limit: int | None = None, viewer=visibility.PUBLIC):
    """Debates `viewer` may see, most recently changed first, with their motion."""
    items = (
        visibility.visible_pages(DebatePage.objects.all(), viewer)
        .select_related("category")
        .order_by("-last_published_at", "-pk")
    )
    return items[:limit] if limit else items


def a_to_z(viewer=visibility.PUBLIC):
    """Every wiki page `viewer` may see, by title (the A to Z)."""
    return live_pages(viewer).order_by(Lower("title"), "pk").select_related("content_type")
