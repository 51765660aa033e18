"""What a debate page shows beyond what every wiki page shows, as shared fragments (hub/fragments.py,
docs/adr/0102, 0106): the debate itself (header, motion, opening statement, positions, where it
stands) and its discussion, fetched with the page's sidebar in one round trip (wiki/reading.py).

- The debate's own text reads about the viewer only what hub/page_cache.py's `audience()` names
  (wiki links offer to start a missing page to those who may): one fragment per audience. Its wiki
  links are resolved in one query for all its texts.
- The comment tree shows a page of threads at a time (`?page=N`, at most
  WIKI_DISCUSSION_THREADS_PER_PAGE top-level comments with all their replies, fewer once a page's
  threads pass WIKI_DISCUSSION_COMMENTS_PER_PAGE comments, oldest thread first; docs/adr/0112).
  It reads whether the viewer is signed in (Report) and a moderator (Remove), and the page's
  address and number (each link's `next=`, the pager): three classes per page. Kept, it costs no
  query; kept with it, the count of all the discussion's comments. A comment's own address names
  its page (`DebatePage.comment_url`).
- The discussion is kept as its whole section: heading and count, the tree, the pager and, for a
  member, the comment form. The form is rendered with stand-ins for what django-comments makes per
  form (the timestamp and the security hash signing it, which the library refuses two hours on) and
  for the CSRF and repeat-guard tokens; `discussion_context` puts this request's own in. Building
  and rendering the form per request had cost a signed-in debate about a sixth of its CPU.
- A preview of a draft renders everything: it is not the page everyone sees.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from django.db.models import Count, Prefetch, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.template.loader import get_template
from django.utils.safestring import mark_safe
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
    viewer's audience (the page's own part), and its discussion per viewer class and address."""
    user = request.user
    is_moderator = roles.user_has_role(user, roles.MODERATOR)
    viewer = "moderator" if is_moderator else "member" if user.is_authenticated else "public"
    number = paging.page_number(request, "the discussion")
    return [
        ("wiki-debate-main", audience(user), lambda: render_debate(page, request)),
        (
            "wiki-discussion-section",
            f"{viewer}|{request.path}|{number}",
            lambda: _render_discussion(page, request, is_moderator, number),
        ),
    ]


# Rendered into the kept discussion in place of the comment form's timestamp and security hash,
# which `discussion_context` replaces per request (letters only: no escaping changes them).
_TIMESTAMP = "hubFragmentCommentTimestampZ7q"
_SECURITY_HASH = "hubFragmentCommentSecurityHashZ7q"


def discussion_context(page, request, discussion: str) -> dict:
    """What the page shows of its kept discussion (personalised): the comment form, kept with it,
    gets a timestamp and security hash of this moment, as django-comments' form would make them."""
    if _TIMESTAMP in discussion:
        timestamp = int(time.time())
        form_class = get_form()
        form = form_class.__new__(form_class)  # its own hash, without building its fields for one value
        form.target_object = page
        security_hash = form.initial_security_hash(timestamp)
        discussion = discussion.replace(_TIMESTAMP, str(timestamp)).replace(_SECURITY_HASH, security_hash)
    number = paging.page_number(request, "the discussion")
    return {"discussion_html": mark_safe(discussion), "discussion_page": number}


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


def _render_discussion(page, request, is_moderator: bool, number: int) -> str:
    """The discussion's section: its heading with the count of all its comments, this page's
    threads and the pager, each comment's addresses built from one reverse each; and for a member the
    comment form, with stand-ins for its per-request values. A page past the last is a 404, never kept."""
    tree, count, pager = discussion_comments(page, request.user, number)
    if not tree and number > 1:
        raise Http404("No such page of the discussion.")
    form = None
    if request.user.is_authenticated:
        form = get_form()(page)
        form.initial.update(timestamp=_TIMESTAMP, security_hash=_SECURITY_HASH)
    context = {
        "request": request,
        "discussion_count": count,
        "discussion_tree": _render_tree(request, tree, is_moderator, number, pager),
        "discussion_form": form,
        # Signing in comes back to the page of the discussion being read; a new comment lands on its
        # own page (DebatePage.serve, `?c=`).
        "discussion_next": paging.page_address(page.get_url(request), number),
        "csrf_token": fragments.CSRF,
        "submission": fragments.SUBMISSION,
    }
    return get_template("wiki/includes/discussion.html").render(context)


def _render_tree(request, tree: list, is_moderator: bool, number: int, pager: dict) -> str:
    """This page's threads and the pager (nothing when the discussion is empty)."""
    if not tree:
        return ""
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
    html = get_template("wiki/includes/comment_tree.html").render(context) + _render_pager(request.path, number, pager)
    return mark_safe(html)  # our templates' output: the tree escapes what members wrote


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
