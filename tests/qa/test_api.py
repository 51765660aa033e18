"""The JSON API under /api/v1/: reading, writing through the same rules, limits, and the schema."""

import pytest
import yaml
from rest_framework.test import APIClient

from qa.api.serializers import RatingSerializer, RatingWriteSerializer
from qa.api.views import plain_rating
from qa.models import Answer, Question, Rating
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_question_list_shows_visible_questions_with_author_reputation(api, asker):
    question = make_question(asker, "How do I run a listening campaign?")
    Question.objects.filter(pk=make_question(asker, "Hidden spam question here").pk).update(hidden_at=NOW)
    body = api.get("/api/v1/questions/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["id"], item["title"], item["url"]) == (question.pk, question.title, question.get_absolute_url())
    assert item["author"] == {
        "username": "asker",
        "name": "asker",
        "feedback_score": 0,
        "percentage_positive": None,
        "star": None,
        "url": "/members/asker/",
    }


def test_anonymous_cannot_ask(api):
    response = api.post("/api/v1/questions/", {"title": "A title long enough", "body": "x" * 30, "tags": ["a"]})
    assert response.status_code == 403
    assert Question.objects.count() == 0


def test_member_asks_through_the_api_with_existing_tags(api, tag):
    api.force_authenticate(make_user("newcomer"))
    response = api.post(
        "/api/v1/questions/",
        {
            "title": "Door knocking in the rain",
            "body": "What do you do when it rains all week?",
            "tags": ["door knocking"],
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["tags"] == ["door knocking"]
    assert Question.objects.get().author.username == "newcomer"


def test_new_tag_through_the_api_is_refused_with_403(api):
    api.force_authenticate(make_user("newcomer"))
    response = api.post(
        "/api/v1/questions/",
        {"title": "Door knocking in the rain", "body": "What do you do when it rains all week?", "tags": ["new-tag"]},
        format="json",
    )
    assert response.status_code == 403
    assert "New tags need a feedback score of 25" in response.json()["detail"]


def test_second_question_within_ten_minutes_is_limited_with_429(api, tag):
    api.force_authenticate(make_user("newcomer"))
    data = {"body": "What do you do when it rains all week?", "tags": ["door knocking"]}
    first = api.post("/api/v1/questions/", {**data, "title": "Door knocking in the rain"}, format="json")
    second = api.post("/api/v1/questions/", {**data, "title": "Door knocking in the snow"}, format="json")
    assert (first.status_code, second.status_code) == (201, 429)
    assert second.json()["detail"].startswith("New members can ask 1 question every 10 minutes.")
    assert 590 <= int(second["Retry-After"]) <= 600
    assert Question.objects.count() == 1


def test_rating_through_the_api_replaces_and_updates_reputation(api, asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    api.force_authenticate(raters[0])
    first = api.post("/api/v1/ratings/", {"post_type": "answer", "post_id": answer.pk, "value": 1}, format="json")
    second = api.post(
        "/api/v1/ratings/",
        {"post_type": "answer", "post_id": answer.pk, "value": 0, "feedback": "Fine"},
        format="json",
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert list(Rating.objects.values_list("value", "feedback")) == [(0, "Fine")]
    assert api.get("/api/v1/members/answerer/").json()["feedback_score"] == 0


def test_a_rating_writes_back_what_the_rating_serializer_shows_of_the_stored_rating(api, asker, answerer, raters):
    """The write's body is built without the ModelSerializer (qa.api.serializers.rating_body): it
    must stay the documented shape, field for field, for a question and an answer, new and replaced."""
    question = make_question(asker)
    answer = make_answer(question, answerer)
    api.force_authenticate(raters[0])
    for post_type, post, value, feedback in [
        ("question", question, 1, ""),
        ("answer", answer, -1, "Too vague"),
        ("answer", answer, 0, "Better now"),
    ]:
        response = api.post(
            "/api/v1/ratings/",
            {"post_type": post_type, "post_id": post.pk, "value": value, "feedback": feedback},
            format="json",
        )
        assert response.status_code == 201, response.content
        stored = Rating.objects.select_related("rater", "recipient").get(pk=response.json()["id"])
        assert response.json() == RatingSerializer(stored).data
        assert (response.json()["value"], response.json()["feedback"], response.json()["recipient"]) == (
            value,
            feedback,
            post.author.username,
        )
        assert response.json()["rater"]["username"] == "rater0"


def test_rating_own_answer_through_the_api_is_forbidden(api, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    api.force_authenticate(answerer)
    response = api.post("/api/v1/ratings/", {"post_type": "answer", "post_id": answer.pk, "value": 1}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot rate your own post."}


def test_answers_endpoint_and_one_answer_per_member(api, asker, answerer):
    question = make_question(asker)
    api.force_authenticate(answerer)
    url = f"/api/v1/questions/{question.pk}/answers/"
    first = api.post(url, {"body": "Knock in pairs and keep notes on a simple sheet."}, format="json")
    second = api.post(url, {"body": "Another answer from the same member here."}, format="json")
    assert (first.status_code, second.status_code) == (201, 400)
    assert Answer.objects.count() == 1
    assert [a["id"] for a in api.get(url).json()["results"]] == [first.json()["id"]]


def test_accept_through_the_api(api, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    api.force_authenticate(asker)
    response = api.post(f"/api/v1/questions/{answer.question_id}/accept/", {"answer": answer.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["accepted_answer"] == answer.pk


def test_comments_and_tags_endpoints(api, asker, answerer, tag):
    question = make_question(asker)
    question.tags.set([tag])
    api.force_authenticate(answerer)
    created = api.post(f"/api/v1/comments/?question={question.pk}", {"body": "Which area is this?"}, format="json")
    assert created.status_code == 201
    listed = api.get(f"/api/v1/comments/?question={question.pk}").json()
    assert [c["body"] for c in listed["results"]] == ["Which area is this?"]
    assert api.get("/api/v1/tags/").json()["results"] == [
        {"name": "door knocking", "slug": "door-knocking", "question_count": 1}
    ]


def test_hidden_answers_are_not_in_the_api(api, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    Answer.objects.filter(pk=answer.pk).update(hidden_at=NOW)
    assert api.get(f"/api/v1/answers/{answer.pk}/").status_code == 404
    assert api.get(f"/api/v1/questions/{answer.question_id}/answers/").json()["count"] == 0


def test_schema_is_openapi_3_and_lists_every_endpoint(api):
    response = api.get("/api/schema/")
    schema = yaml.safe_load(response.content)
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/v1/answers/{id}/",
        "/api/v1/comments/",
        "/api/v1/flags/{kind}/{id}/",
        "/api/v1/members/{username}/",
        "/api/v1/questions/",
        "/api/v1/questions/{id}/",
        "/api/v1/questions/{id}/accept/",
        "/api/v1/questions/{id}/answers/",
        "/api/v1/ratings/",
        "/api/v1/tags/",
    ]


PLAIN = {"post_type": "answer", "post_id": 7, "value": -1}


READ_PLAINLY = [
    PLAIN,
    {**PLAIN, "post_type": "question", "value": 0},
    {**PLAIN, "value": 1, "feedback": ""},
    {**PLAIN, "post_id": 2**70, "extra": "ignored"},
]
LEFT_TO_THE_SERIALIZER = [  # some it reads too, some it refuses
    {**PLAIN, "feedback": "Clear"},
    {**PLAIN, "feedback": "  "},
    {**PLAIN, "feedback": None},
    {**PLAIN, "feedback": 0},
    {**PLAIN, "post_id": "7"},
    {**PLAIN, "post_id": 7.0},
    {**PLAIN, "post_id": True},
    {**PLAIN, "post_id": 0},
    {**PLAIN, "post_id": -3},
    {**PLAIN, "post_id": None},
    {**PLAIN, "value": "1"},
    {**PLAIN, "value": True},
    {**PLAIN, "value": 1.0},
    {**PLAIN, "value": 2},
    {**PLAIN, "post_type": "comment"},
    {**PLAIN, "post_type": "Answer"},
    {**PLAIN, "post_type": ["answer"]},
    {"post_type": "answer", "post_id": 7},
    {"post_id": 7, "value": 1},
    {},
    [PLAIN],
    "answer",
]


@pytest.mark.parametrize(
    ("data", "plainly"), [(data, True) for data in READ_PLAINLY] + [(data, False) for data in LEFT_TO_THE_SERIALIZER]
)
def test_the_plain_rating_read_is_what_the_rating_serializer_validates(data, plainly):
    """qa.api.views.plain_rating reads a rating without the serializer only where the serializer
    reads the same data; everything else it leaves to the serializer, which words the refusals."""
    serializer = RatingWriteSerializer(data=data)
    read = plain_rating(data)
    assert (read is not None) is plainly
    if plainly:
        assert serializer.is_valid(), serializer.errors
        assert read == serializer.validated_data and list(read) == list(serializer.validated_data)
        assert [type(value) for value in read.values()] == [type(v) for v in serializer.validated_data.values()]


def test_a_malformed_rating_is_refused_in_the_serializers_words(api, answerer):
    api.force_authenticate(answerer)
    response = api.post("/api/v1/ratings/", {**PLAIN, "post_id": 0, "value": True}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"post_id": ["Ensure this value is greater than or equal to 1."], "value": ['"True" is not a valid choice.']},
    )
    api.force_authenticate(None)
    response = api.post("/api/v1/ratings/", PLAIN, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Authentication credentials were not provided."})
