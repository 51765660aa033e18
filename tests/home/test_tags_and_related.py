"""One tag, one page across the wiki, documents and questions; related content on questions and wiki pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from home.models import TagDescription
from qa.models import Follow
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_article, make_debate
from wiki.models import TagWatch

pytestmark = pytest.mark.django_db


def _tagged_question(author, title, tag, body="A body long enough to count."):
    question = make_question(author, title, body)
    question.tags.add(tag)
    return question


def test_tag_page_shows_guides_debates_and_questions_with_the_tag(client, organiser, member):
    tag = Tag.objects.create(name="door knocking", slug="door-knocking")
    TagDescription.objects.create(tag=tag, description="Knocking on doors to listen to people where they live.")
    make_article(organiser, "Door-to-door listening", "Body.", tags=[tag])
    debate = make_debate(organiser, "Knocking beats leafleting")
    debate.tags.add(tag)
    debate.save_revision(user=organiser).publish(user=organiser)
    _tagged_question(member, "What do I say at the door first?", tag)
    make_article(organiser, "Untagged guide", "Body.")

    html = client.get("/tags/door-knocking/").content.decode()
    guides = html[html.index('id="tag-guides"') : html.index('id="tag-debates"')]
    debates = html[html.index('id="tag-debates"') : html.index('id="tag-documents"')]
    questions = html[html.index('id="tag-questions"') :]
    assert "Door-to-door listening" in guides and "Knocking beats leafleting" not in guides
    assert "Knocking beats leafleting" in debates
    assert "What do I say at the door first?" in questions
    assert "Untagged guide" not in html
    assert "Knocking on doors to listen to people where they live." in html


def test_tags_index_counts_each_part_and_links_to_the_tag_page(client, organiser, member):
    tag = Tag.objects.create(name="power mapping", slug="power-mapping")
    make_article(organiser, "Power mapping", "Body.", tags=[tag])
    _tagged_question(member, "How do we map power in a council?", tag)
    _tagged_question(member, "Who holds power in a housing association?", tag)
    html = client.get("/tags/").content.decode()
    card = re.search(r'<li class="tag-card">.*?power mapping.*?</li>', html, re.S).group(0)
    assert 'href="/tags/power-mapping/"' in card
    assert "1 wiki page" in card and "2 questions" in card


def test_tags_index_query_count_does_not_grow_with_tags(client, organiser, member):
    for n in range(2):
        _tagged_question(member, f"Question about topic {n}?", Tag.objects.create(name=f"topic {n}"))
    client.get("/tags/")
    with CaptureQueriesContext(connection) as few:
        client.get("/tags/")
    for n in range(2, 12):
        _tagged_question(member, f"Question about topic {n}?", Tag.objects.create(name=f"topic {n}"))
    with CaptureQueriesContext(connection) as many:
        html = client.get("/tags/").content.decode()
    assert html.count('class="tag-card"') == 12
    assert len(many) == len(few)


def test_following_a_tag_follows_it_in_the_wiki_and_the_forum(client, member):
    tag = Tag.objects.create(name="listening", slug="listening")
    client.force_login(member)
    client.post("/tags/listening/follow/", {"frequency": "none"})
    assert TagWatch.objects.get(user=member, tag=tag).frequency == "none"
    assert Follow.objects.get(user=member, tag=tag).frequency == "none"
    assert "You follow this tag." in client.get("/tags/listening/").content.decode()
    client.post("/tags/listening/follow/", {"action": "stop"})
    assert not TagWatch.objects.exists() and not Follow.objects.exists()


def test_question_page_shows_related_questions_and_linked_wiki_pages(client, organiser, member):
    tag = Tag.objects.create(name="one-to-ones")
    make_article(organiser, "Listening one to one", "Body.")
    make_article(organiser, "Running a one to one", "Body.", tags=[tag])
    question = _tagged_question(member, "How long should a one to one last?", tag, "See [[Listening one to one]].")
    _tagged_question(member, "Where should a one to one happen?", tag)
    _tagged_question(member, "An unrelated question about rooms?", Tag.objects.create(name="rooms"))
    html = client.get(question.get_absolute_url()).content.decode()
    related = html[html.index('id="related-questions"') : html.index('id="related-wiki"')]
    linked = html[html.index('id="related-wiki"') :]
    assert "Where should a one to one happen?" in related
    assert "An unrelated question" not in related
    assert linked.index("Listening one to one") < linked.index("Running a one to one")


def test_wiki_page_shows_questions_about_it(client, organiser, member):
    tag = Tag.objects.create(name="house meetings")
    page = make_article(organiser, "Running a house meeting", "Body.", tags=[tag])
    _tagged_question(member, "How many people come to a house meeting?", tag)
    make_question(member, "Is this a good agenda?", "I followed [[Running a house meeting]] and wonder.")
    make_question(member, "Something else entirely?")
    html = client.get(page.url).content.decode()
    about = html[html.index('id="related-questions"') :]
    assert about.index("Is this a good agenda?") < about.index("How many people come to a house meeting?")
    assert "Something else entirely?" not in about


def test_question_page_query_count_does_not_grow_with_related_content(client, organiser, member):
    tag = Tag.objects.create(name="campaigns")
    question = _tagged_question(member, "How do we pick a first campaign?", tag, "See [[Campaign basics]].")
    make_answer(question, organiser, "Start small and winnable.")
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(question.get_absolute_url())
    for n in range(6):
        make_article(organiser, f"Campaign guide {n}", "Body.", tags=[tag])
        _tagged_question(member, f"Campaign question number {n}?", tag)
    make_article(organiser, "Campaign basics", "Body.")
    with CaptureQueriesContext(connection) as many:
        client.get(question.get_absolute_url())
    assert len(many) == len(few)
