"""End to end: every part's real content, built with that part's own builders and services,
registered through its real SearchAdapter, indexed, and found on /search/ by a word of its body.
Hidden and draft content is never returned."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from hub import roles
from qa.services import moderation, posts
from search.models import IndexEntry
from tests.factories import make_user
from tests.profiles.conftest import make_host, make_organiser
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_article, make_debate

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return make_user("writer", role=roles.ORGANISER)


@pytest.fixture
def profiles_index(db):
    from profiles.models import ProfileIndexPage

    return ProfileIndexPage.objects.get(slug="profiles")


def reindex():
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115


def find(client, word, **params):
    response = client.get("/search/", {"q": word, **params})
    assert response.status_code == 200
    return response.context["results"]


def only_hit(results):
    assert results.total == 1, [hit.title for hit in results.hits]
    return results.hits[0]


def test_an_article_is_found_by_a_word_of_its_body(client, author, committed):
    with committed():
        page = make_article(author, "Listening campaigns", "Start with *kitchen-table* conversations about damp.")

    hit = only_hit(find(client, "damp"))  # indexed by a task the wiki's publish enqueued

    assert (hit.kind, hit.label, hit.object_id, hit.url) == ("article", "Article", page.pk, page.url)


def test_a_debate_is_found_by_a_word_of_a_position(client, author):
    page = make_debate(author, "Rules for radicals still apply", positions=[("for", "Yes", "Alinsky's rubric holds.")])
    reindex()

    hit = only_hit(find(client, "rubric"))

    assert (hit.kind, hit.object_id) == ("debate", page.pk)


def test_a_document_is_found_by_a_word_of_its_title(client, committed):
    from django.core.files.base import ContentFile

    with committed():
        document = get_document_model().objects.create(
            title="Quarterly turnout spreadsheet", file=ContentFile(b"x", "t.txt")
        )

    hit = only_hit(find(client, "turnout"))

    assert (hit.kind, hit.object_id) == ("document", document.pk)


def test_organiser_and_host_profiles_are_found_by_their_text_and_filtered_by_area(client, profiles_index):
    host = make_host(profiles_index, title="Eastside Renters", area="Eastside", description="We run a tool library.")
    organiser = make_organiser(
        profiles_index, title="Sam Okafor", bio="Organises **allotment** holders.", area="Westgate"
    )
    reindex()

    assert (only_hit(find(client, "library")).kind, only_hit(find(client, "library")).object_id) == ("host", host.pk)
    assert only_hit(find(client, "allotment")).object_id == organiser.pk
    assert find(client, "allotment", area="Eastside").total == 0
    assert only_hit(find(client, "allotment", area="westgate")).kind == "organiser"


def test_a_question_and_its_answer_are_found_and_the_answer_shows_under_it(
    client, author, django_capture_on_commit_callbacks
):
    from taggit.models import Tag

    Tag.objects.create(name="volunteers")
    asker = make_user("asker")
    with django_capture_on_commit_callbacks(execute=True):
        question = posts.ask(
            asker, "How do we keep volunteers coming back?", "Our rota keeps collapsing by March.", ["volunteers"]
        )
        answer = posts.answer(author, question, "Thank people by name and rotate the boring tasks fortnightly.")

    question_hit = only_hit(find(client, "collapsing"))
    answer_hit = only_hit(find(client, "fortnightly"))

    assert (question_hit.kind, question_hit.object_id, question_hit.answered) == ("question", question.pk, True)
    assert (answer_hit.kind, answer_hit.object_id, answer_hit.parent_url) == (
        "answer",
        answer.pk,
        question.get_absolute_url(),
    )
    html = client.get("/search/", {"q": "fortnightly"}).content.decode()
    assert f'to <a href="{question.get_absolute_url()}">How do we keep volunteers coming back?</a>' in html


def test_facets_count_each_kind_exactly(client, author, profiles_index):
    make_article(author, "Harvest supper", "A shared supper for the whole street.")
    make_article(author, "Supper clubs", "Supper brings neighbours together.")
    make_host(profiles_index, title="Street Kitchen", description="Monthly supper for neighbours.")
    question = make_question(author, title="Supper ideas?", body="What do people cook for a street supper?")
    make_answer(question, make_user("cook"), body="Soup: a supper anyone can make.")
    reindex()

    results = find(client, "supper")

    assert results.total == 5
    assert sorted((f.value, f.count) for f in results.kind_facets) == [
        ("answer", 1),
        ("article", 2),
        ("host", 1),
        ("question", 1),
    ]


def test_draft_articles_hidden_posts_and_hidden_profiles_are_never_returned(
    client, author, profiles_index, django_capture_on_commit_callbacks
):
    from wiki.models import ArticlePage, WikiCategory, WikiIndexPage

    draft = ArticlePage(
        title="Draft plan",
        summary="Secret.",
        body="zeppelin",
        category=WikiCategory.objects.get(slug="practice-guides"),
    )
    WikiIndexPage.objects.get().add_child(instance=draft)
    draft.save_revision(user=author)
    ArticlePage.objects.filter(pk=draft.pk).update(live=False)
    question = make_question(author, title="Hidden one", body="zeppelin question body")
    answer = make_answer(make_question(author, title="Visible", body="nothing here"), author, body="zeppelin answer")
    make_organiser(profiles_index, title="Private person", bio="zeppelin", hidden_from_anonymous=True)
    moderator = make_user("mod", role=roles.MODERATOR)
    reindex()
    assert find(client, "zeppelin").total == 2  # the question and the answer, before moderation

    with django_capture_on_commit_callbacks(execute=True):  # Q&A re-indexes after its transaction commits
        moderation.hide(moderator, question, "spam")
        moderation.hide(moderator, answer, "spam")

    assert find(client, "zeppelin").total == 0
    assert IndexEntry.objects.filter(body__contains="zeppelin").count() == 0
