"""What a debate page shows beyond what every wiki page shows, as shared fragments (hub/fragments.py,
docs/adr/0102, 0106): the debate itself (header, motion, opening statement, positions, where it
stands) and its comment tree, fetched with the page's sidebar in one round trip (wiki/reading.py).

- The debate's own text reads about the viewer only what hub/page_cache.py's `audience()` names
  (wiki links offer to start a missing page to those who may): one fragment per audience. Its wiki
  links are resolved in one query for all its texts.
- The comment tree shows a page of threads at a time (`?page=N`, at most
  WIKI_DISCUSSION_THREADS_PER_PAGE top-level comments with all their replies, fewer once a page's
  threads pass WIKI_DISCUSSION_COMMENTS_PER_PAGE comments, oldest thread first; docs/adr/0112).
  It reads whether the viewer is signed in (Report) and a moderator (Remove), and the page's
  address and number (each link's `next=`, the pager): three classes per page. Kept, it costs no query; kept with it,
  the count of all the discussion's comments. A comment's own address names its page
  (`DebatePage.comment_url`).
- A preview of a draft renders everything: it is not the page everyone sees.
"""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Count, Prefetch, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.template.loader import get_template
from django_comments import get_form
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from hub import fragments, markdown, paging, roles
from hub.page_cache import audience
from wiki import links, selectors


def discussion_comments(page, user, number: int = 1) -> tuple[list, int, dict]:
    """(the page's threads as a tree, in thread order, with their authors; the number of public
    comments; what the pager says: `pages`, `threads`, and the `first` and `last` thread numbers
    of this page). One query: the page's threads picked in it (`placed_threads`) and the counts
    read in it."""
    public = page.public_comments()
    placed, params = page.placed_threads()

    def over_placed(select: str, where: str = "", extra: tuple = ()) -> RawSQL:
        """A scalar or a list read from the placed threads (SQL from the ORM, values as parameters)."""
        return RawSQL(f"SELECT {select} FROM ({placed}) placed {where}", [*params, *extra])  # noqa: S608, S611

    this_page = ("WHERE page_no = %s", (number,))
    whole = public.order_by().values("object_pk")  # one group: the whole discussion
    comments = (
        public.filter(thread_id__in=over_placed("thread_id", *this_page))
        .annotate(
            all_comments=Subquery(whole.annotate(n=Count("pk")).values("n")),
            all_threads=Subquery(whole.annotate(n=Count("thread_id", distinct=True)).values("n")),
            all_pages=over_placed("MAX(page_no)"),
            first_thread=over_placed("MIN(thread_no)", *this_page),
            last_thread=over_placed("MAX(thread_no)", *this_page),
        )
        .select_related("user", "content_type")
        # The tree summarises each comment's flags only for likes and flagging, which this page does
        # not show: it is handed none, so it reads none (without the prefetch it would ask per comment).
        .prefetch_related(Prefetch("flags", queryset=CommentFlag.objects.none()))
        .order_by("thread_id", "order")
    )
    rows = list(comments)
    if not rows:
        return [], 0, {}
    first = rows[0]
    pager = {
        "pages": first.all_pages,
        "threads": first.all_threads,
        "first": first.first_thread,
        "last": first.last_thread,
    }
    return XtdComment.tree_from_queryset(rows, user=user), first.all_comments, pager


def parts(page, request) -> list:
    """The debate's parts beyond its sidebar, for wiki/reading.py to fetch with it: its text for the
    viewer's audience (the page's own part), and its comment tree per viewer class and address."""
    user = request.user
    is_moderator = roles.user_has_role(user, roles.MODERATOR)
    viewer = "moderator" if is_moderator else "member" if user.is_authenticated else "public"
    number = paging.page_number(request, "the discussion")
    return [
        ("wiki-debate-main", audience(user), lambda: render_debate(page, request)),
        (
            "wiki-discussion",
            f"{viewer}|{request.path}|{number}",
            lambda: _render_tree(page, request, is_moderator, number),
        ),
    ]


def discussion_context(page, request, count: int, tree: str) -> dict:
    """What the discussion shows around its kept tree: the comment form is the member's own."""
    user = request.user
    number = paging.page_number(request, "the discussion")
    return {
        "discussion_tree": tree,
        "discussion_count": count,
        "discussion_page": number,
        "discussion_form": get_form()(page) if user.is_authenticated else None,
        # With the request: Wagtail's site paths read once. The page of the discussion being read: signing
        # in comes back to it; a new comment lands on its own page (DebatePage.serve, `?c=`).
        "discussion_next": paging.page_address(page.get_url(request), number),
    }


def render_debate(page, request) -> str:
    """The debate's header, motion, opening, positions and summary, their wiki links resolved in
    one query for all of them."""
    user = request.user
    positions = list(page.positions.select_related("author"))
    texts = [page.body, page.standing, *(position.argument for position in positions)]
    reading = links.reading_context(texts, user)
    for position in positions:
        position.argument_html = markdown.render(position.argument, reading)
    context = {
        "request": request,
        "user": user,
        "page": page,
        "page_tags": selectors.page_tags(page),
        "body_html": markdown.render(page.body, reading),
        "standing_html": markdown.render(page.standing, reading) if page.standing else "",
        "positions": positions,
    }
    return get_template("wiki/includes/debate_text.html").render(context)


def _render_tree(page, request, is_moderator: bool, number: int) -> tuple[int, str]:
    """(number of comments in the whole discussion, this page's threads and the pager as HTML),
    each comment's addresses built from one reverse each. A page past the last is a 404, never kept."""
    tree, count, pager = discussion_comments(page, request.user, number)
    if not tree:
        if number > 1:
            raise Http404("No such page of the discussion.")
        return 0, ""
    next_query = "?next=" + quote(paging.page_address(request.path, number))  # as the filter urlencode wrote it
    links = {
        name: [head, tail + next_query]
        for name, (head, tail) in (
            ("reply", fragments.url_parts("comments-xtd-reply")),
            ("flag", fragments.url_parts("comments-flag")),
            ("remove", fragments.url_parts("comments-delete")),
        )
    }
    context = {"request": request, "items": tree, "level": 0, "is_moderator": is_moderator, "links": links}
    html = get_template("wiki/includes/comment_tree.html").render(context)
    return count, html + _render_pager(request.path, number, pager)


def _render_pager(path: str, number: int, placed: dict) -> str:
    pager = paging.pager(path, number, placed["pages"])
    if pager is None:
        return ""
    context = {
        "pager": pager,
        "label": "Pages of the discussion",
        "extra_class": "discussion-pager",
        "summary": f"Threads {placed['first']} to {placed['last']} of {placed['threads']}",
    }
    return get_template("includes/page_links.html").render(context)
