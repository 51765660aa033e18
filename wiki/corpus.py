"""Corpus wiki: articles and debates with Markdown bodies, wiki links, tags, revisions by several
organisers and their publish log, and threaded discussions; written in bulk (hub/corpus_support.py).

Long lists on purpose: the first article has 150 contributors and 500 pages linking to it, the
first debate 200 comments, so the benchmark sees what a large, old wiki does to its pages.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from django_comments_xtd.models import XtdComment
from wagtail.models import Locale, Page, PageLogEntry, Revision

from hub.corpus_support import CorpusContext, child_paths, insert, next_id, reset_sequences
from wiki import links
from wiki.models import (
    ArticlePage,
    DebatePage,
    DebatePosition,
    WikiCategory,
    WikiIndexPage,
    WikiLink,
    WikiPage,
    WikiPageTag,
)

POPULAR_CONTRIBUTORS = 150
POPULAR_BACKLINKS = 500
BIG_DISCUSSION = 200


class _Ids:
    """Counters for rows whose ids are chosen up front."""

    def __init__(self):
        self.page = next_id(Page)
        self.revision = next_id(Revision)
        self.log = next_id(PageLogEntry)

    def take(self, name: str) -> int:
        value = getattr(self, name)
        setattr(self, name, value + 1)
        return value


def generate(corpus: CorpusContext) -> None:
    index = WikiIndexPage.objects.first()
    if index is None:
        corpus.step("No wiki index page: run `manage.py migrate` first. Wiki corpus skipped.")
        return
    categories = _categories()
    titles = _titles(corpus, corpus.articles + corpus.debates)
    ids = _Ids()
    articles = _articles(corpus, index, titles[: corpus.articles], categories, ids)
    debates, positions = _debates(corpus, index, titles[corpus.articles :], categories, ids)
    pages = articles + debates
    revisions, entries = _revisions(corpus, pages, ids)
    insert(pages)
    DebatePosition.objects.bulk_create(positions, batch_size=2000)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    insert(revisions)
    insert(entries)
    corpus.step(f"{len(articles):,} articles, {len(debates):,} debates, {len(revisions):,} revisions")
    _links_and_tags(corpus, pages, titles)
    _discussions(corpus, [page for page in pages if isinstance(page, DebatePage)])
    reset_sequences([Page, Revision, PageLogEntry, DebatePosition, XtdComment, WikiLink, WikiPageTag])


def _categories() -> list[int]:
    if not WikiCategory.objects.exists():
        for number, name in enumerate(["Practice guides", "Thinkers", "Projects", "Training pathway"]):
            WikiCategory.objects.create(name=name, slug=slugify(name), sort_order=number)
    return list(WikiCategory.objects.values_list("pk", flat=True))


def _titles(corpus: CorpusContext, count: int) -> list[str]:
    taken = {title.lower() for title in WikiPage.objects.values_list("title", flat=True)}
    titles = []
    while len(titles) < count:
        title = f"{corpus.title(2, 4)} {len(titles) + 1}"
        if title.lower() not in taken:
            taken.add(title.lower())
            titles.append(title)
    return titles


def _body(corpus: CorpusContext, titles: list[str], number: int) -> str:
    """Headed sections of paragraphs and lists, with wiki links to other pages (and to the first)."""
    sections = []
    for _ in range(corpus.rng.randint(2, 5)):
        linked = corpus.rng.sample(titles, 2)
        items = "\n".join(f"- {corpus.sentence(4, 10)}" for _ in range(corpus.rng.randint(2, 5)))
        sections.append(
            f"## {corpus.title(2, 5)}\n\n{corpus.paragraph(corpus.rng.randint(3, 7))} See [[{linked[0]}]].\n\n"
            f"{items}\n\n{corpus.paragraph(corpus.rng.randint(2, 5))} Compare [[{linked[1]}]]."
        )
    if 0 < number <= POPULAR_BACKLINKS:
        sections.append(f"Read [[{titles[0]}]] first.")
    return "\n\n".join(sections)


def _page_fields(corpus: CorpusContext, index, path: str, title: str, content_type: int, locale: int) -> dict:
    slug = slugify(title)
    return {
        "id": None,
        "path": path,
        "depth": index.depth + 1,
        "numchild": 0,
        "translation_key": uuid.uuid4(),
        "locale_id": locale,
        "title": title,
        "draft_title": title,
        "slug": slug,
        "url_path": f"{index.url_path}{slug}/",
        "content_type_id": content_type,
        "live": True,
        "has_unpublished_changes": False,
        "summary": corpus.sentence(10, 24)[:300],
        "category_id": None,
    }


def _articles(corpus, index, titles, categories, ids) -> list[WikiPage]:
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    locale = Locale.get_default().pk
    pages = []
    for number, (path, title) in enumerate(zip(child_paths(index, len(titles)), titles, strict=True)):
        fields = _page_fields(corpus, index, path, title, content_type, locale)
        page = ArticlePage(**fields, body=_body(corpus, titles, number))
        page.id = page.page_ptr_id = page.wikipage_ptr_id = ids.take("page")
        page.category_id = corpus.rng.choice(categories)
        pages.append(page)
    return pages


def _debates(corpus, index, titles, categories, ids) -> tuple[list[WikiPage], list[DebatePosition]]:
    content_type = ContentType.objects.get_for_model(DebatePage).pk
    locale = Locale.get_default().pk
    all_titles = titles or ["Organising"]
    pages, positions = [], []
    paths = child_paths(index, len(titles) + corpus.articles)[corpus.articles :]
    for path, title in zip(paths, titles, strict=True):
        fields = _page_fields(corpus, index, path, title, content_type, locale)
        page = DebatePage(**fields, motion=corpus.sentence(8, 14), body=_body(corpus, all_titles, -1))
        page.standing = corpus.paragraph(3)
        page.id = page.page_ptr_id = page.wikipage_ptr_id = ids.take("page")
        page.category_id = corpus.rng.choice(categories)
        pages.append(page)
        for order, stance in enumerate([DebatePosition.FOR, DebatePosition.AGAINST, DebatePosition.OTHER]):
            positions.append(
                DebatePosition(
                    page_id=page.id,
                    sort_order=order,
                    stance=stance,
                    heading=corpus.title(3, 6),
                    argument=corpus.paragraph(corpus.rng.randint(3, 8)),
                    author_id=corpus.rng.choice(corpus.organiser_ids),
                )
            )
    return pages, positions


def _revisions(corpus: CorpusContext, pages: list[WikiPage], ids: _Ids) -> tuple[list, list]:
    """1 to 3 published revisions per page (150 on the first), each with its publish log entry;
    the pages get their publication dates and latest revision."""
    base_type = ContentType.objects.get_for_model(Page).pk
    revisions, entries = [], []
    for done, page in enumerate(pages, start=1):
        count = POPULAR_CONTRIBUTORS if done == 1 else corpus.rng.randint(1, 3)
        editors = corpus.rng.sample(corpus.organiser_ids, min(count, len(corpus.organiser_ids)))
        content = _content(page)
        moments = sorted(corpus.moment() for _ in editors)
        for number, (editor, moment) in enumerate(zip(editors, moments, strict=True)):
            note = "First version" if number == 0 else corpus.sentence(3, 7)
            revision = Revision(
                id=ids.take("revision"),
                content_type_id=page.content_type_id,
                base_content_type_id=base_type,
                object_id=str(page.id),
                created_at=moment,
                user_id=editor,
                object_str=page.title,
                content={**content, "edit_summary": note, "latest_revision_created_at": moment.isoformat()},
            )
            revisions.append(revision)
            entries.append(_publish_entry(page, revision, ids))
        page.first_published_at, page.last_published_at = moments[0], moments[-1]
        page.latest_revision_created_at = moments[-1]
        page.latest_revision_id = page.live_revision_id = revisions[-1].id
        page.owner_id = editors[0]
        corpus.progress("Wiki revisions", done, len(pages))
    return revisions, entries


def _content(page: WikiPage) -> dict:
    """What Wagtail stores in a revision: the page's serialised fields (without a query per page)."""
    page_id = page.id
    page.id = page.pk = None
    content = page.serializable_data()
    page.id = page.page_ptr_id = page.wikipage_ptr_id = page_id
    content["pk"] = page_id
    return content


def _publish_entry(page: WikiPage, revision: Revision, ids: _Ids) -> PageLogEntry:
    return PageLogEntry(
        id=ids.take("log"),
        content_type_id=page.content_type_id,
        label=page.title,
        action="wagtail.publish",
        data={},
        timestamp=revision.created_at,
        user_id=revision.user_id,
        revision_id=revision.id,
        content_changed=True,
        deleted=False,
        page_id=page.id,
    )


def _links_and_tags(corpus: CorpusContext, pages: list[WikiPage], titles: list[str]) -> None:
    link_rows, tag_rows = [], []
    for page in pages:
        keys = set()
        for text in page.markdown_sources() if isinstance(page, ArticlePage) else [page.body]:
            keys |= links.link_keys(text)
        link_rows += [WikiLink(source_id=page.id, target_key=key[:255]) for key in sorted(keys)]
        for tag in corpus.rng.sample(corpus.tag_ids, corpus.rng.randint(1, 4)):
            tag_rows.append(WikiPageTag(content_object_id=page.id, tag_id=tag))
    WikiLink.objects.bulk_create(link_rows, batch_size=5000)
    WikiPageTag.objects.bulk_create(tag_rows, batch_size=5000)
    corpus.step(f"{len(link_rows):,} wiki links and {len(tag_rows):,} tags on pages")


def _discussions(corpus: CorpusContext, debates: list[WikiPage]) -> None:
    """Threaded comments: 200 on the first debate, up to 20 on the others, replies three deep."""
    if not debates:
        return
    content_type = ContentType.objects.get_for_model(DebatePage).pk
    comment_id = next_id(XtdComment)
    comments = []
    for number, debate in enumerate(debates):
        count = BIG_DISCUSSION if number == 0 else corpus.rng.randint(0, 20)
        made = _thread_rows(corpus, debate, content_type, count, comment_id)
        comment_id += len(made)
        comments += made
    insert(comments)
    corpus.step(f"{len(comments):,} debate comments")


def _thread_rows(corpus, debate, content_type: int, count: int, first_id: int) -> list[XtdComment]:
    rows: list[XtdComment] = []
    threads: dict[int, list[XtdComment]] = {}
    for offset in range(count):
        parent = corpus.rng.choice(rows) if rows and corpus.rng.random() < 0.6 else None
        if parent is not None and parent.level >= 2:
            parent = None
        author = corpus.rng.choice(corpus.member_ids + corpus.organiser_ids)
        comment = XtdComment(
            id=first_id + offset,
            content_type_id=content_type,
            object_pk=str(debate.id),
            site_id=1,
            user_id=author,
            user_name=f"Member {author}",
            user_email=f"member-{author}@example.org",
            comment=corpus.paragraph(corpus.rng.randint(1, 3)),
            submit_date=corpus.moment(365),
            is_public=True,
            is_removed=False,
            level=0 if parent is None else parent.level + 1,
        )
        comment.comment_ptr_id = comment.id
        comment.thread_id = comment.id if parent is None else parent.thread_id
        comment.parent_id = comment.id if parent is None else parent.id
        rows.append(comment)
        threads.setdefault(comment.thread_id, []).append(comment)
    for thread in threads.values():
        _order_thread(thread)
    return rows


def _order_thread(thread: list[XtdComment]) -> None:
    """Number a thread's comments depth first and count each one's replies, as xtd stores them."""
    children: dict[int, list[XtdComment]] = {}
    for comment in thread:
        if comment.parent_id != comment.id:
            children.setdefault(comment.parent_id, []).append(comment)
    order = 0

    def visit(comment) -> int:
        nonlocal order
        order += 1
        comment.order = order
        comment.nested_count = sum(1 + visit(child) for child in children.get(comment.id, []))
        return comment.nested_count

    visit(thread[0])
