"""The forum's JSON API: the same services, permissions and limits as the pages."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView
from taggit.models import Tag

from hub import submissions
from hub.compiled import CompiledQuery
from qa import kinds, selectors
from qa.api import serializers as s
from qa.models import Answer, Comment, Question, visible_q
from qa.services import moderation, posts, ratings
from qa.services.errors import NotAllowed, QaError, RateLimited


def _created(row) -> int:
    """201 for a new row; 200 when the call repeated an earlier one (same Idempotency-Key, or the same
    text within minutes) and the stored row is returned instead of a second one."""
    return status.HTTP_200_OK if submissions.is_repeat(row) else status.HTTP_201_CREATED


def api_error(error: QaError) -> exceptions.APIException:
    """Map a refused rule onto DRF's errors: 429 with Retry-After, 403, or 400."""
    if isinstance(error, RateLimited):
        return exceptions.Throttled(wait=error.retry_after, detail=error.message)
    if isinstance(error, NotAllowed):
        return exceptions.PermissionDenied(error.message)
    return exceptions.ValidationError({error.field or "detail": [error.message]})


def _answers():
    return Answer.objects.visible().filter(visible_q("question__")).select_related("author", "question")


@extend_schema(
    parameters=[
        OpenApiParameter("sort", str, enum=list(selectors.SORTS)),
        OpenApiParameter("tag", str, description="A tag's slug"),
        OpenApiParameter("answered", str, enum=["yes", "no"]),
    ]
)
class QuestionList(generics.ListAPIView):
    """Visible questions, newest first unless sorted otherwise. POST asks a new question."""

    serializer_class = s.QuestionSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        params = self.request.query_params
        return selectors.question_list(params.get("sort", "newest"), params.get("tag"), params.get("answered"))

    @extend_schema(request=s.AskSerializer, responses={201: s.QuestionSerializer})
    def post(self, request):
        data = _valid(s.AskSerializer, request)
        values = (data["title"], data["body"], data["tags"])
        token = submissions.token_from(request)
        return _written(s.QuestionSerializer, _created, posts.ask, request.user, *values, token=token)


class QuestionDetail(generics.RetrieveAPIView):
    serializer_class = s.QuestionSerializer
    queryset = selectors.visible_questions()


class QuestionAnswers(generics.ListAPIView):
    """A question's visible answers: accepted first, then by rating score, then oldest. POST answers it."""

    serializer_class = s.AnswerSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        question = get_object_or_404(Question.objects.visible(), pk=self.kwargs["pk"])
        return selectors.answers_for_page(question)

    @extend_schema(request=s.AnswerWriteSerializer, responses={201: s.AnswerSerializer})
    def post(self, request, pk):
        question = get_object_or_404(Question.objects.visible(), pk=pk)
        data = _valid(s.AnswerWriteSerializer, request)
        token = submissions.token_from(request)
        return _written(s.AnswerSerializer, _created, posts.answer, request.user, question, data["body"], token=token)


class AnswerDetail(generics.RetrieveAPIView):
    serializer_class = s.AnswerSerializer

    def get_queryset(self):
        return _answers()

    @extend_schema(request=s.AnswerWriteSerializer, responses={200: s.AnswerSerializer})
    def patch(self, request, pk):
        answer = get_object_or_404(_answers(), pk=pk)
        data = _valid(s.AnswerWriteSerializer, request)
        values = (data["body"], "Edited through the API")
        return _written(s.AnswerSerializer, status.HTTP_200_OK, posts.edit_answer, request.user, answer, *values)


class Accept(APIView):
    @extend_schema(request=s.AcceptSerializer, responses={200: s.QuestionSerializer})
    def post(self, request, pk):
        data = _valid(s.AcceptSerializer, request)
        answer = get_object_or_404(_answers(), pk=data["answer"], question_id=pk)
        return _written(s.QuestionSerializer, status.HTTP_200_OK, posts.accept, request.user, answer)


@extend_schema(parameters=[OpenApiParameter("question", int), OpenApiParameter("answer", int)])
class CommentList(generics.ListAPIView):
    """Visible comments on one question or answer (?question= or ?answer=). POST adds one."""

    serializer_class = s.CommentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        comments = Comment.objects.visible().select_related("author").order_by("created_at", "pk")
        params = self.request.query_params
        if (question_id := _id_param(params, "question")) is not None:
            return comments.filter(visible_q("question__"), question_id=question_id)
        if (answer_id := _id_param(params, "answer")) is not None:
            return comments.filter(visible_q("answer__"), visible_q("answer__question__"), answer_id=answer_id)
        return comments.none()

    @extend_schema(request=s.CommentWriteSerializer, responses={201: s.CommentSerializer})
    def post(self, request):
        data = _valid(s.CommentWriteSerializer, request)
        post = _post_from_params(request.query_params)
        token = submissions.token_from(request)
        return _written(s.CommentSerializer, _created, posts.comment, request.user, post, data["body"], token=token)


MAX_ID = 2**63 - 1  # the largest id a database column holds; past it, no row can match


def _id_param(params, name: str) -> int | None:
    """?name=<id> as a number (0 for one too large to be any row's), None when absent or not digits."""
    value = params.get(name, "")
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else 0


def _post_from_params(params):
    if (question_id := _id_param(params, "question")) is not None:
        return get_object_or_404(Question.objects.visible(), pk=question_id)
    if (answer_id := _id_param(params, "answer")) is not None:
        return get_object_or_404(_answers(), pk=answer_id)
    raise exceptions.ValidationError({"detail": ["Say which post: ?question=<id> or ?answer=<id>."]})


def _rated_post(model, pk):
    """The visible post a rating is for; an answer with its question, which the rules read (locked,
    closed). Built and compiled once per connection (hub/compiled.py): the write load's hot path."""
    posts = model.objects.visible()
    if model is Answer:
        posts = posts.select_related("question")
    return posts.filter(pk=pk)


_RATED_POST = CompiledQuery(_rated_post, -804_932_125)  # a stand-in id no post has


@extend_schema(parameters=[OpenApiParameter("member", str, description="Username: feedback they received")])
class RatingList(generics.ListAPIView):
    """Ratings a member received (?member=username). POST rates a post (replacing your earlier rating)."""

    serializer_class = s.RatingSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        member = get_object_or_404(get_user_model(), username=self.request.query_params.get("member", ""))
        return selectors.ratings_received(member).select_related("rater", "recipient")

    @extend_schema(request=s.RatingWriteSerializer, responses={201: s.RatingSerializer})
    def post(self, request):
        data = _rating_data(request)
        model = kinds.model_for(data["post_type"], rated_posts_only=True)
        found = _RATED_POST.instances(model, data["post_id"])
        if not found:
            raise exceptions.NotFound(f"No {data['post_type']} {data['post_id']} to rate.")
        post = found[0]
        values = (int(data["value"]), data["feedback"])
        try:
            rating = ratings.rate(request.user, post, *values)
        except QaError as error:
            raise api_error(error) from None
        return Response(s.rating_body(rating), status=status.HTTP_201_CREATED)


def _rating_data(request) -> dict:
    """What `RatingWriteSerializer` validates, for the rating API: the write load's hot path."""
    if request.user.is_authenticated and (data := plain_rating(request.data)) is not None:
        return data
    return _valid(s.RatingWriteSerializer, request)


def plain_rating(data) -> dict | None:
    """A rating as JSON sends it without feedback (post_type a rated kind's key, post_id a whole
    number from 1, value 1, 0 or -1, as numbers): the serializer's validated data, read without
    building and running its fields (about 0.3 ms of CPU per rating). None for anything else,
    which the serializer reads and, where it must, refuses in its own words; a test holds the two
    equal (tests/qa/test_api.py)."""
    if type(data) is not dict:
        return None
    post_type, post_id, value = data.get("post_type"), data.get("post_id"), data.get("value")
    if not (type(post_type) is str and post_type in kinds.RATED_POST_KEYS):
        return None
    if not (type(post_id) is int and post_id >= 1 and type(value) is int and value in (1, 0, -1)):
        return None
    if "feedback" in data and data["feedback"] != "":
        return None
    return {"post_type": post_type, "post_id": post_id, "value": value, "feedback": ""}


class TagList(generics.ListAPIView):
    """Tags in use on visible questions, most used first."""

    serializer_class = s.TagSerializer

    def get_queryset(self):
        used = Count("qa_taggedquestion_items", filter=visible_q("qa_taggedquestion_items__content_object__"))
        return (
            Tag.objects.annotate(question_count=used).filter(question_count__gt=0).order_by("-question_count", "name")
        )


class MemberReputation(generics.RetrieveAPIView):
    """A member's feedback score, percentage positive and star."""

    serializer_class = s.ReputationSerializer
    lookup_field = "username"

    def get_queryset(self):
        return get_user_model().objects.filter(is_active=True)


class FlagCreate(APIView):
    @extend_schema(request=None, responses={201: None})
    def post(self, request, kind, pk):
        model = kinds.model_for(kind)
        if model is None:
            raise exceptions.NotFound()
        target = get_object_or_404(model.objects.visible(), pk=pk)
        try:
            moderation.flag(request.user, target, request.data.get("reason", ""), request.data.get("note", ""))
        except QaError as error:
            raise api_error(error) from None
        return Response({"detail": "Reported. A moderator will look at it."}, status=status.HTTP_201_CREATED)


def _written(serializer_class, code, write, *args, **kwargs) -> Response:
    """Run one of the forum's services: its refusal becomes the matching API error, its result the body.
    `code` is the status, or a function of the result that gives it (`_created`)."""
    try:
        result = write(*args, **kwargs)
    except QaError as error:
        raise api_error(error) from None
    return Response(serializer_class(result).data, status=code(result) if callable(code) else code)


def _valid(serializer_class, request) -> dict:
    if not request.user.is_authenticated:
        raise exceptions.NotAuthenticated()
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
