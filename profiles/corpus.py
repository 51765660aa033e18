"""Corpus profiles: an organiser profile for every corpus organiser account and host organisations
for the rest, each with skills, a published revision and a blog feed whose items are stored as
demo content (never fetched). The first organiser's feed holds 50 items."""

import datetime as dt
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from wagtail.models import Locale, Page, Revision

from hub.corpus_support import CorpusContext, child_paths, insert, next_id, reset_sequences
from profiles.models import (
    ROLE_CHOICES,
    FeedItem,
    FeedSource,
    HostProfilePage,
    OrganiserProfilePage,
    OrganiserSkill,
    ProfileIndexPage,
)

BIG_FEED = 50
AREAS = [
    "North Leeds",
    "East Bristol",
    "South Glasgow",
    "Cardiff Bay",
    "Tower Hamlets",
    "Salford",
    "Govan",
    "Moss Side",
]


def generate(corpus: CorpusContext) -> None:
    index = ProfileIndexPage.objects.first()
    if index is None:
        corpus.step("No profile directory: run `manage.py migrate` first. Profile corpus skipped.")
        return
    host_count = max(0, corpus.profiles - len(corpus.organiser_ids))
    paths = iter(child_paths(index, host_count + len(corpus.organiser_ids)))
    first_id = next_id(Page)
    hosts = [_host(corpus, index, next(paths), first_id + n, n) for n in range(host_count)]
    organisers = [
        _organiser(corpus, index, next(paths), first_id + host_count + n, account, hosts)
        for n, account in enumerate(corpus.organiser_ids)
    ]
    pages = hosts + organisers
    revisions = _revisions(pages)
    insert(pages)
    insert(revisions)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    HostProfilePage.maintainers.through.objects.bulk_create(
        [
            HostProfilePage.maintainers.through(
                hostprofilepage_id=h.id, user_id=corpus.rng.choice(corpus.organiser_ids)
            )
            for h in hosts
        ]
    )
    OrganiserSkill.objects.bulk_create(
        [
            OrganiserSkill(content_object_id=page.id, tag_id=tag)
            for page in organisers
            for tag in corpus.rng.sample(corpus.tag_ids, corpus.rng.randint(1, 5))
        ],
        batch_size=5000,
    )
    corpus.step(f"{len(organisers):,} organiser and {len(hosts):,} host profiles")
    _feeds(corpus, pages)
    reset_sequences([Page, Revision, FeedSource, FeedItem, OrganiserSkill])


def _base(corpus: CorpusContext, index, path: str, page_id: int, title: str, model) -> dict:
    slug = f"{slugify(title)}-{page_id}"
    published = corpus.moment()
    return {
        "id": page_id,
        "path": path,
        "depth": index.depth + 1,
        "numchild": 0,
        "translation_key": uuid.uuid4(),
        "locale_id": Locale.get_default().pk,
        "title": title,
        "draft_title": title,
        "slug": slug,
        "url_path": f"{index.url_path}{slug}/",
        "content_type_id": ContentType.objects.get_for_model(model).pk,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
        "latest_revision_created_at": published,
        "area": corpus.rng.choice(AREAS),
        "blog_url": f"https://blog-{page_id}.example.org/feed",
    }


def _host(corpus: CorpusContext, index, path: str, page_id: int, number: int) -> HostProfilePage:
    title = f"{corpus.title(2, 3)} Community Trust {number}"
    page = HostProfilePage(
        **_base(corpus, index, path, page_id, title, HostProfilePage),
        description=corpus.paragraph(corpus.rng.randint(3, 8)),
        website=f"https://host-{page_id}.example.org/",
    )
    page.page_ptr_id = page.profilepage_ptr_id = page_id
    return page


def _organiser(corpus: CorpusContext, index, path: str, page_id: int, account: int, hosts) -> OrganiserProfilePage:
    title = f"Organiser {account}"
    page = OrganiserProfilePage(
        **_base(corpus, index, path, page_id, title, OrganiserProfilePage),
        account_id=account,
        role=corpus.rng.choice(ROLE_CHOICES)[0],
        host_id=corpus.rng.choice(hosts).id if hosts else None,
        bio=f"{corpus.paragraph(corpus.rng.randint(2, 5))}\n\n{corpus.paragraph(2)}",
    )
    page.page_ptr_id = page.profilepage_ptr_id = page_id
    page.owner_id = account
    return page


def _revisions(pages: list) -> list[Revision]:
    base_type = ContentType.objects.get_for_model(Page).pk
    first = next_id(Revision)
    revisions = []
    for number, page in enumerate(pages):
        page_id = page.id
        page.id = page.pk = None
        content = page.serializable_data()
        page.id = page.page_ptr_id = page.profilepage_ptr_id = page_id
        revision = Revision(
            id=first + number,
            content_type_id=page.content_type_id,
            base_content_type_id=base_type,
            object_id=str(page_id),
            created_at=page.first_published_at,
            user_id=getattr(page, "account_id", None),
            object_str=page.title,
            content={**content, "pk": page_id},
        )
        page.latest_revision_id = page.live_revision_id = revision.id
        revisions.append(revision)
    return revisions


def _feeds(corpus: CorpusContext, pages: list) -> None:
    """A blog feed for every profile with up to 20 items (the refresher keeps 20 a source); the first
    organiser also posts on Mastodon and Bluesky: 50 items in all."""
    first_source, first_item = next_id(FeedSource), next_id(FeedItem)
    sources, items = [], []
    big = next((page for page in pages if isinstance(page, OrganiserProfilePage)), None)
    for page in pages:
        kinds = [(FeedSource.BLOG, 20), (FeedSource.MASTODON, 20), (FeedSource.BLUESKY, BIG_FEED - 40)]
        for kind, most in kinds if page is big else kinds[:1]:
            source = _source(corpus, page, kind, first_source + len(sources))
            sources.append(source)
            count = most if page is big else corpus.rng.randint(0, most)
            items += [_item(corpus, page, source, first_item + len(items) + n, n) for n in range(count)]
    FeedSource.objects.bulk_create(sources, batch_size=5000)
    FeedItem.objects.bulk_create(items, batch_size=5000)
    corpus.step(f"{len(sources):,} feeds with {len(items):,} items")


def _source(corpus: CorpusContext, page, kind: str, source_id: int) -> FeedSource:
    return FeedSource(
        id=source_id,
        page_id=page.id,
        kind=kind,
        url=f"https://{kind}-{page.id}.example.org/feed",
        feed_url=f"https://{kind}-{page.id}.example.org/feed",
        is_demo=True,
        last_attempt_at=corpus.now,
        last_success_at=corpus.now,
    )


def _item(corpus: CorpusContext, page, source: FeedSource, item_id: int, number: int) -> FeedItem:
    return FeedItem(
        id=item_id,
        source_id=source.id,
        guid=f"corpus-{source.id}-{number}",
        title=corpus.title(3, 8) if source.kind == FeedSource.BLOG else "",
        link=f"https://{source.kind}-{page.id}.example.org/posts/{number}",
        summary=f"<p>{corpus.paragraph(corpus.rng.randint(1, 3))}</p>",
        published_at=corpus.now - dt.timedelta(days=number * 3, hours=corpus.rng.randint(0, 20)),
        is_demo=True,
    )
