"""Demo content for the wiki: articles with wiki links and several revisions by different organisers,
debates with positions and threaded discussions, and small real documents. Idempotent: pages are
found by slug, documents by title, and nothing that exists is touched again."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_comments_xtd.models import XtdComment
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageLogEntry

from hub.demo_support import DemoContext
from wiki import services
from wiki.demo_data.articles_pathway import PATHWAY, PHILOSOPHY, PROJECTS
from wiki.demo_data.articles_practice import PRACTICE, THINKERS
from wiki.demo_data.debates import DEBATES
from wiki.demo_files import DOCUMENTS
from wiki.models import (
    ArticleDocument,
    ArticlePage,
    DebatePage,
    DebatePosition,
    PageWatch,
    TagWatch,
    WikiCategory,
    WikiIndexPage,
)

ARTICLES = [*PRACTICE, *THINKERS, *PATHWAY, *PROJECTS, *PHILOSOPHY]
FIRST_AUTHORS = ["amara", "ben", "chloe", "dev", "eilidh", "farah", "gareth", "hana", "isaac", "jo", "kofi"]
# Which documents belong to which article (document title -> article title).
ATTACHMENTS = {
    "One to one listening notes template": "Listening one to one",
    "Power map worksheet": "Power mapping",
    "Training pathway at a glance": "Training pathway overview",
    "Code of conduct (printable)": "Code of conduct for organisers",
    "Action plan template": "Action planning",
}


def load(demo: DemoContext) -> None:
    index = WikiIndexPage.objects.first()
    if index is None:
        demo.step("No wiki index page found: run `manage.py migrate` first, then load the demo again.")
        return
    documents = load_documents(demo)
    load_articles(demo, index, documents)
    load_debates(demo, index)
    load_watches(demo)


def load_documents(demo: DemoContext) -> dict:
    model = get_document_model()
    found = {}
    for done, (title, filename, tags, content) in enumerate(DOCUMENTS, start=1):
        document = model.objects.filter(title=title).first()
        if document is None:
            document = model(title=title, collection=Collection.get_first_root_node())
            document.file.save(filename, ContentFile(content), save=True)
            document.tags.add(*tags)
        found[title] = document
        demo.progress("Wiki documents", done, len(DOCUMENTS))
    return found


def _publish(page, user, note: str, when):
    page.edit_summary = note
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    # Spread the demo history over past months so recent changes and history read naturally.
    type(revision).objects.filter(pk=revision.pk).update(created_at=when)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=when)
    return revision


def _backdate_page(page, first, last) -> None:
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=first, last_published_at=last, latest_revision_created_at=last
    )


@transaction.atomic
def create_article(demo: DemoContext, index, entry, author, documents: dict, start) -> ArticlePage:
    title, category, tags, summary, body, additions = entry
    page = ArticlePage(
        title=title,
        slug=slugify(title),
        summary=summary,
        body=body,
        category=WikiCategory.objects.get(slug=category),
        live=False,
    )
    index.add_child(instance=page)
    page.tags.add(*tags)
    for position, (doc_title, article_title) in enumerate(ATTACHMENTS.items()):
        if article_title == title and doc_title in documents:
            page.related_documents.add(ArticleDocument(document=documents[doc_title], sort_order=position))
    when = start
    _publish(page, author, "First version", when)
    for username, note, text in additions:
        when += timedelta(days=demo.rng.randint(2, 25), hours=demo.rng.randint(0, 8))
        page.body = f"{page.body}\n\n{text}"
        _publish(page, demo.user(username), note, when)
    _backdate_page(page, start, when)
    return page


def load_articles(demo: DemoContext, index, documents: dict) -> None:
    existing = set(index.get_children().values_list("slug", flat=True))
    now = timezone.now()
    created = 0
    for done, entry in enumerate(ARTICLES, start=1):
        if slugify(entry[0]) not in existing:
            author = demo.user(FIRST_AUTHORS[done % len(FIRST_AUTHORS)])
            start = now - timedelta(days=200 - done * 4, hours=demo.rng.randint(0, 12))
            create_article(demo, index, entry, author, documents, start)
            created += 1
        demo.progress("Wiki articles", done, len(ARTICLES))
    demo.step(f"Wiki articles: {created} new, {len(ARTICLES) - created} already there")
    # Links to pages created later in the loop resolve now that every page exists.
    for page in ArticlePage.objects.live():
        services.record_links(page)


@transaction.atomic
def create_debate(demo: DemoContext, index, data: dict, start) -> DebatePage:
    page = DebatePage(
        title=data["title"],
        slug=slugify(data["title"]),
        motion=data["motion"],
        summary=data["summary"],
        body=data["opening"],
        standing="",
        category=WikiCategory.objects.get(slug="philosophy-of-organising"),
        live=False,
    )
    for order, (stance, heading, argument, username) in enumerate(data["positions"]):
        page.positions.add(
            DebatePosition(
                stance=stance, heading=heading, argument=argument, author=demo.user(username), sort_order=order
            )
        )
    index.add_child(instance=page)
    page.tags.add(*data["tags"])
    opener = demo.user(data["positions"][0][3])
    _publish(page, opener, "Opened the debate", start)
    later = start + timedelta(days=demo.rng.randint(10, 30))
    page.standing = data["standing"]
    _publish(page, demo.user(data["positions"][-1][3]), "Summed up where the debate stands", later)
    _backdate_page(page, start, later)
    add_discussion(demo, page, data["discussion"], start)
    return page


def add_discussion(demo: DemoContext, page, thread: list, start, parent_id: int = 0) -> None:
    content_type = ContentType.objects.get_for_model(page)
    for username, text, replies in thread:
        user = demo.user(username)
        start += timedelta(hours=demo.rng.randint(2, 40))
        comment = XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user=user,
            user_name=user.public_name,
            user_email=user.email,
            comment=text,
            submit_date=start,
            parent_id=parent_id,
            is_public=True,
        )
        add_discussion(demo, page, replies, start, comment.pk)


def load_debates(demo: DemoContext, index) -> None:
    existing = set(index.get_children().values_list("slug", flat=True))
    now = timezone.now()
    for done, data in enumerate(DEBATES, start=1):
        if slugify(data["title"]) not in existing:
            create_debate(demo, index, data, now - timedelta(days=120 - done * 15))
        demo.progress("Wiki debates with discussions", done, len(DEBATES))
    for page in DebatePage.objects.live():
        services.record_links(page)


def load_watches(demo: DemoContext) -> None:
    """A few members watch pages and tags, so the watch buttons show their 'watching' state."""
    page = ArticlePage.objects.filter(slug="listening-one-to-one").first()
    if page:
        PageWatch.objects.get_or_create(user=demo.user("member-alice"), page=page)
    tag = Tag.objects.filter(slug="power").first()
    if tag:
        TagWatch.objects.get_or_create(user=demo.user("member-bilal"), tag=tag, defaults={"frequency": "daily"})
    demo.step("Wiki watches: member-alice watches a page, member-bilal a tag (daily digest)")
