"""Read-side queries of the Q&A forum, for its own pages and for other parts of the hub.

Every function returns visible content only, with authors and tags loaded, so the query count
does not grow with the number of items.
"""

from typing import NamedTuple

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.urls import reverse
from taggit.models import Tag

from hub import feedback
from hub.compiled import CompiledQuery
from hub.paging import page_address
from hub.subscriptions import Subscription
from qa import reputation
from qa.models import Answer, Comment, Follow, Question, Rating, visible_q

SORTS = {
    "newest": ("Newest", ["-created_at", "-pk"]),
    "active": ("Recently active", ["-last_activity_at", "-pk"]),
    "unanswered": ("Unanswered", ["-created_at", "-pk"]),
    "top": ("Top rated", ["-rating_score", "-created_at", "-pk"]),
}


def visible_questions() -> QuerySet:
    return Question.objects.visible().select_related("author").prefetch_related("tags")


def question_list(sort: str = "newest", tag: str | None = None, answered: str | None = None) -> QuerySet:
    """The /questions/ listing: `answered` is "yes", "no" or None (both)."""
    questions = visible_questions()
    if tag:
        questions = questions.filter(tags__slug=tag)
    if sort == "unanswered" or answered == "no":
        questions = questions.filter(answer_count=0)
    elif answered == "yes":
        questions = questions.filter(answer_count__gt=0)
    return questions.order_by(*SORTS.get(sort, SORTS["newest"])[1])


def home_unanswered_questions(limit: int) -> list:
    # The home page lists titles and answer counts, not tags: no query for them.
    return list(question_list("unanswered").prefetch_related(None)[:limit])


def home_recent_questions(limit: int) -> list:
    return list(question_list("newest").prefetch_related(None)[:limit])


def question_for_page(pk: int, viewer=None) -> Question:
    """The question with everything its page shows, or DoesNotExist (hidden ones only for moderators).
    For a signed-in viewer, `viewer_follows` says whether they follow it, `viewer_answer_id` which of
    the answers the page shows is theirs (one a member) and `viewer_rated` whether they rated it or
    any of its answers (`viewer_ratings` reads them only then), in the same query. Its tags are
    read by `load_tags()` and its comments by `load_comments()`, when its kept HTML cannot be used
    (qa/views/posts.py, qa/views/fragments.py). The statement is compiled once per database
    connection and shape (`_QUESTION_FOR_PAGE`, hub/compiled.py): building it cost more than
    running it; on PostgreSQL it also runs prepared (docs/adr/0110)."""
    moderator = bool(viewer and reputation.is_moderator(viewer))
    signed_in = bool(viewer and viewer.is_authenticated)
    values = [int(pk), viewer.pk] if signed_in else [int(pk)]
    found = _QUESTION_FOR_PAGE[(moderator, signed_in)].instances(Question, *values)
    if not found:
        raise Question.DoesNotExist(f"No question {pk} for this viewer.")
    return found[0]


_PLACEHOLDER_QUESTION, _PLACEHOLDER_VIEWER = -804_932_119, -804_932_121  # compiled in place of the ids


def _question_query(pk: int, viewer_id: int | None, moderator: bool):
    """`question_for_page`'s query (see there)."""
    questions = Question.objects.select_related("author", "duplicate_of", "hidden_by")
    if viewer_id is not None:
        own = Answer.objects.filter(question=OuterRef("pk"), author_id=viewer_id)
        own = own if moderator else own.visible()
        on_page = Q(question=OuterRef("pk")) | Q(answer__question=OuterRef("pk"))
        questions = questions.annotate(
            viewer_follows=Exists(Follow.objects.filter(user_id=viewer_id, question=OuterRef("pk"))),
            viewer_answer_id=Subquery(own.values("pk")[:1]),
            viewer_rated=Exists(Rating.objects.filter(on_page, rater_id=viewer_id)),
        )
    if not moderator:
        questions = questions.visible()
    return questions.filter(pk=pk)


def _compiled_question_query(moderator: bool, signed_in: bool) -> CompiledQuery:
    """`_question_query` for one shape, with placeholder ids in place of the question's and the viewer's."""
    if signed_in:
        return CompiledQuery(
            lambda _model, pk, viewer_id: _question_query(pk, viewer_id, moderator),
            _PLACEHOLDER_QUESTION,
            _PLACEHOLDER_VIEWER,
        )
    return CompiledQuery(lambda _model, pk: _question_query(pk, None, moderator), _PLACEHOLDER_QUESTION)


_QUESTION_FOR_PAGE = {
    (moderator, signed_in): _compiled_question_query(moderator, signed_in)
    for moderator in (False, True)
    for signed_in in (False, True)
}


def load_tags(question: Question) -> None:
    """The question's tags, read once for everything on its page that shows or compares them."""
    prefetch_related_objects([question], "tags")


def _answers_in_page_order(question: Question, viewer) -> QuerySet:
    """Accepted first, then by rating score, then oldest first; hidden ones only for moderators."""
    answers = Answer.objects.filter(question=question)
    if not (viewer and reputation.is_moderator(viewer)):
        answers = answers.visible()
    accepted_first = Case(
        When(pk=question.accepted_answer_id or 0, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return answers.annotate(accepted_order=accepted_first).order_by(
        "accepted_order", "-rating_score", "created_at", "pk"
    )


def answers_for_page(question: Question, viewer=None) -> list[Answer]:
    """The answers with their authors, in page order (`_answers_in_page_order`)."""
    return list(_answers_in_page_order(question, viewer).select_related("author"))


class AnswerKey(NamedTuple):
    pk: int
    author_id: int


def answers_per_page() -> int:
    return max(1, int(getattr(settings, "QA_ANSWERS_PER_PAGE", 30)))


class AnswerPage(NamedTuple):
    """One page of a question's answers (docs/adr/0111): `keys` in page order, `total` of all pages."""

    number: int
    keys: list[AnswerKey]
    total: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return (self.number - 1) * self.per_page + 1

    @property
    def last(self) -> int:
        return self.first + len(self.keys) - 1


def answer_page(question: Question, viewer=None, number: int = 1) -> AnswerPage | None:
    """Which answers page `number` shows, in page order (what a kept answer's key needs and no more),
    with the number of answers on all pages: one query, LIMIT/OFFSET on the ordered answers and a
    COUNT(*) OVER () beside them. None for a page past the last (page 1 always exists)."""
    per_page = answers_per_page()
    start = (number - 1) * per_page
    rows = list(
        _answers_in_page_order(question, viewer)
        .annotate(total=Window(Count("pk")))
        .values_list("pk", "author_id", "total")[start : start + per_page]
    )
    if not rows:
        return AnswerPage(1, [], 0, per_page) if number == 1 else None
    return AnswerPage(number, [AnswerKey(pk, author) for pk, author, _total in rows], rows[0][2], per_page)


def answer_page_number(answer: Answer, viewer=None) -> int:
    """The page of its question (as `viewer` sees it) that shows `answer`: one COUNT of the answers
    before it in page order. `answer.question` is read for the accepted answer's id."""
    question = answer.question
    accepted = question.accepted_answer_id == answer.pk
    if accepted:
        return 1
    later = Q(accepted_order=1)  # not the accepted answer, as `answer` is not
    same_score = Q(rating_score=answer.rating_score)
    before = Q(accepted_order=0) | (
        later
        & (
            Q(rating_score__gt=answer.rating_score)
            | (same_score & Q(created_at__lt=answer.created_at))
            | (same_score & Q(created_at=answer.created_at, pk__lt=answer.pk))
        )
    )
    ahead = _answers_in_page_order(question, viewer).filter(before).count()
    return ahead // answers_per_page() + 1


def answer_address(answer: Answer, viewer=None, anchor: str | None = None) -> str:
    """The question page showing `answer`, at it (or at `anchor` on that page): `?page=N` past page 1
    (one COUNT query)."""
    address = page_address(answer.question.get_absolute_url(), answer_page_number(answer, viewer))
    return f"{address}#{anchor or f'answer-{answer.pk}'}"


def answer_links():
    """`Answer.get_absolute_url` (the permalink, `qa:answer_link`) for any pk from one reverse: lists
    build each address by string building and no query (the permalink finds the page on a visit)."""
    mark = "987654321"
    head, _, tail = reverse("qa:answer_link", args=[mark]).partition(mark)
    return lambda pk: f"{head}{pk}{tail}"


def answers_with_authors(question: Question | None, pks: list[int]) -> dict[int, Answer]:
    """{pk: answer} with authors, and `visible_comments` on each and on `question` when given: the
    posts whose HTML must be rendered. Two queries (none for none)."""
    answers = list(Answer.objects.filter(pk__in=pks).select_related("author")) if pks else []
    posts = ([question] if question is not None else []) + answers
    if posts:
        load_comments(posts)
    return {answer.pk: answer for answer in answers}


def load_comments(posts: list) -> None:
    """`visible_comments` on each question and answer in `posts`, with their authors, in one query."""
    questions = [post.pk for post in posts if isinstance(post, Question)]
    answers = [post.pk for post in posts if isinstance(post, Answer)]
    comments = (
        Comment.objects.visible()
        .select_related("author")
        .filter(Q(question_id__in=questions) | Q(answer_id__in=answers))
    )
    found: dict = {}
    for comment in comments:
        target = ("question", comment.question_id) if comment.question_id else ("answer", comment.answer_id)
        found.setdefault(target, []).append(comment)
    for post in posts:
        post.visible_comments = found.get(("question" if isinstance(post, Question) else "answer", post.pk), [])


def viewer_ratings(viewer, question: Question) -> dict:
    """{"question": Rating | None, "answers": {answer pk: Rating}}: the viewer's own ratings of the
    question and of its answers, in one query that needs no list of the answers (none when
    `question_for_page` found that they rated nothing there, as most readers have not)."""
    result: dict = {"question": None, "answers": {}}
    if not viewer.is_authenticated or getattr(question, "viewer_rated", None) is False:
        return result
    rows = Rating.objects.filter(rater=viewer).filter(Q(question=question) | Q(answer__question=question))
    for rating in rows:
        if rating.question_id:
            result["question"] = rating
        else:
            result["answers"][rating.answer_id] = rating
    return result


def ratings_received(user) -> QuerySet:
    """Ratings of `user`'s visible posts that count: held (unreviewed serial) ratings count nowhere,
    in lists as in the score, until a moderator approves them. For the member page and the API."""
    return (
        Rating.objects.filter(recipient=user, held=False)
        .filter(Q(question__isnull=True) | visible_q("question__"))
        .filter(Q(answer__isnull=True) | visible_q("answer__"))
        .order_by("-updated_at", "-pk")
    )


def feedback_received(user, limit: int = 50) -> list[Rating]:
    return list(ratings_received(user).select_related("rater", "question", "answer__question")[:limit])


def activity_for_user(user, limit: int = 10) -> dict:
    """What `user` did in the forum: questions, answers and reputation."""
    questions = list(visible_questions().filter(author=user).order_by("-created_at", "-pk")[:limit])
    answers = list(
        Answer.objects.visible()
        .filter(visible_q("question__"), author=user)
        .select_related("question", "author")
        .order_by("-created_at", "-pk")[:limit]
    )
    return {"questions": questions, "answers": answers, "reputation": reputation.stored(user)}


def profile_activity(member, viewer) -> dict:
    """The forum's part of an organiser's profile (a hub.members section): their questions and answers."""
    activity = activity_for_user(member, limit=10)
    return {"questions": activity["questions"], "answers": activity["answers"]}


def question_addresses():
    """`Question.get_absolute_url` for any (pk, slug), from one reverse: a list of posts builds each
    address by string building instead of resolving the pattern again per item. Slugs are ASCII
    slugs (`slugify`), which `reverse()` leaves as they are."""
    pk_mark, slug_mark = "987654321", "hubSlugZ7q"
    head, _, rest = reverse("qa:question", args=[pk_mark, slug_mark]).partition(pk_mark)
    middle, _, tail = rest.partition(slug_mark)
    return lambda pk, slug: f"{head}{pk}{middle}{slug}{tail}"


def member_page(member, viewer) -> dict:
    """The forum's part of a member page (a hub.members section): reputation, privileges, feedback, posts.
    Each listed post comes with its address, built once per pattern (the page lists up to 90)."""
    activity = activity_for_user(member, limit=20)
    ratings = feedback_received(member)
    address = question_addresses()

    answer_link = answer_links()

    def rated(rating: Rating) -> str:
        if rating.question_id:
            return address(rating.question_id, rating.question.slug)
        return answer_link(rating.answer_id)

    return {
        "figures": activity["reputation"],
        "star": feedback.star_for(member.feedback_score),
        "feedback": ratings,
        "feedback_rows": [(rating, rated(rating)) for rating in ratings],
        "questions": activity["questions"],
        "question_rows": [(question, address(question.pk, question.slug)) for question in activity["questions"]],
        "answers": activity["answers"],
        "answer_rows": [(answer, answer_link(answer.pk)) for answer in activity["answers"]],
        "privileges": [
            (label, reputation.privilege_threshold(key), reputation.has_privilege(member, key))
            for key, label in reputation.PRIVILEGE_LABELS.items()
        ],
    }


def subscriptions(user) -> list[Subscription]:
    """The member's question and tag follows, for the Following page (a hub.subscriptions lister)."""
    items = []
    rows = Follow.objects.filter(user=user).select_related("question", "tag").order_by("-created_at", "-pk")
    for item in rows:
        if item.question_id:
            url = reverse("qa:follow", args=[item.question_id])
            target = ("Question", item.question.title, item.question.get_absolute_url())
        else:
            url = reverse("qa:follow_tag", args=[item.tag.slug])
            target = ("Tag, for questions", item.tag.name, reverse("qa:tagged", args=[item.tag.slug]))
        items.append(Subscription(*target, item.frequency, url, url, {"action": "unfollow"}, item.created_at))
    return items


# --- for pages composed above the parts (home/): tags, related questions ----------------------------


def tag_counts() -> dict[int, int]:
    """{tag id: number of visible questions with it}. One query."""
    rows = Question.objects.visible().filter(tags__isnull=False).values("tags").annotate(n=Count("pk", distinct=True))
    return {row["tags"]: row["n"] for row in rows}


def questions_with_tag(tag, limit: int = 10) -> list[Question]:
    return list(question_list("active", tag.slug)[:limit])


def related_questions(question: Question, limit: int = 5) -> list[Question]:
    """Other visible questions sharing the most tags with `question`, answered ones first. One query
    (the question's tags are prefetched)."""
    tag_ids = [tag.pk for tag in question.tags.all()]
    if not tag_ids:
        return []
    return list(
        Question.objects.visible()
        .filter(tags__in=tag_ids)
        .exclude(pk=question.pk)
        .annotate(shared=Count("tags", distinct=True))
        .order_by("-shared", "-answer_count", "-created_at")
        .only("pk", "title", "slug", "answer_count", "accepted_answer_id")[:limit]
    )


def questions_about(title: str, slug: str, tag_ids: list[int], limit: int = 5) -> list[Question]:
    """Visible questions about a wiki page: those linking to it (`[[Title]]` or `[[slug]]`) first,
    then those sharing its tags. One query."""
    links_here = Q(body__icontains=f"[[{title}") | Q(body__icontains=f"[[{slug}")
    matches = links_here | Q(tags__in=tag_ids) if tag_ids else links_here
    linked_first = Case(When(links_here, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(
        Question.objects.visible()
        .filter(matches)
        .annotate(linked=linked_first, shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("linked", "-shared", "-answer_count", "-created_at")
        .distinct()
        .only("pk", "title", "slug", "answer_count", "accepted_answer_id")[:limit]
    )


def answer_texts(question: Question) -> list[str]:
    """The bodies of the question's visible answers (for the wiki links they hold). One query."""
    return list(Answer.objects.visible().filter(question=question).values_list("body", flat=True))


def popular_tags(limit: int = 15) -> list:
    """The tags on the most visible questions, with `question_count`. One query."""
    return list(
        Tag.objects.filter(visible_q("qa_taggedquestion_items__content_object__"))
        .annotate(question_count=Count("qa_taggedquestion_items", distinct=True))
        .order_by("-question_count", "name")[:limit]
    )
