"""A small hub with one of each thing the benchmark's pages show (bench/hub_probe.py's list),
and `grow()` to add more of each: the page cache's tests and the query budget use it."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from hub import roles
from profiles.feeds.parse import ParsedItem
from profiles.feeds.refresh import store_items
from profiles.models import FeedSource, ProfileIndexPage
from qa.models import Comment, Rating
from qa.services import moderation
from tests.factories import make_user
from tests.profiles.conftest import make_organiser
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_article, make_debate, publish


def build() -> dict:
    organiser = make_user("org", role=roles.ORGANISER)
    member = make_user("mem")
    moderator = make_user("mod", role=roles.MODERATOR)
    article = make_article(organiser, "Door knocking basics", "Knock, listen, come back.", tags=["doors"])
    other = make_article(organiser, "Listening campaigns", "Ask, then listen.")
    debate = make_debate(organiser, "Pay organisers")
    question = make_question(member, title="How do I start a listening campaign?")
    question.tags.add(Tag.objects.create(name="campaigns"))
    answer = make_answer(question, organiser, body="Begin with ten one-to-one conversations.")
    hidden = make_question(member, title="A question hidden earlier")
    moderation.hide(moderator, hidden, "Off topic")
    Tag.objects.create(name="meetings")
    index = ProfileIndexPage.objects.get(slug="profiles")
    profile = make_organiser(index, organiser, bio="Organiser in Leeds.")
    source = FeedSource.objects.create(page=profile, kind=FeedSource.BLOG, url="https://blog.example.org/feed")
    return {
        "organiser": organiser,
        "member": member,
        "moderator": moderator,
        "article": article,
        "other": other,
        "debate": debate,
        "question": question,
        "answer": answer,
        "hidden": hidden,
        "profile": profile,
        "source": source,
        "index": index,
    }


def grow(world: dict, n: int, start: int = 0) -> None:
    """`n` more of everything the pages list: links to the article and its editors, debate
    comments, questions, answers with comments and ratings, feed items, profiles, members."""
    debate_type = ContentType.objects.get_for_model(world["debate"])
    article = world["article"]
    now = timezone.now()
    items = []
    for i in range(start, start + n):
        person = make_user(f"grown{i}", role=roles.ORGANISER)
        make_article(person, f"Grown page {i:02d}", "See [[Door knocking basics]] and door knocking.", tags=["doors"])
        article.body = f"Version {i}: knock, listen, come back."
        publish(article, person, f"Edit {i}")
        XtdComment.objects.create(
            content_type=debate_type,
            object_pk=str(world["debate"].pk),
            site_id=1,
            user=person,
            comment=f"Comment {i} on paying organisers.",
            submit_date=now,
        )
        question = make_question(person, title=f"Grown question {i} about door knocking?")
        question.tags.add(Tag.objects.get(name="campaigns"))
        answer = make_answer(world["question"], person, body=f"Answer {i}: knock on doors in pairs.")
        Comment.objects.create(author=world["member"], answer=answer, body=f"Thanks for answer {i}.", created_at=now)
        Rating.objects.create(
            rater=world["moderator"], recipient=person, answer=answer, value=1, created_at=now, updated_at=now
        )
        make_organiser(world["index"], make_user(f"grown-organiser{i}", role=roles.ORGANISER))
        items.append(ParsedItem(f"item-{i}", f"Feed item {i}", f"https://blog.example.org/{i}", "Text.", now))
    store_items(world["source"], items)
