"""Demo content for search: index everything the other loaders made, add two editors' picks."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from hub.demo_support import DemoContext
from search import indexing

# (query, slug of the page picked for it, why)
PICKS = [
    ("power mapping", "power-mapping", "Start here: how organisers map power before a campaign."),
    ("one to one", "listening-one-to-one", "The hub's guide to one-to-one conversations."),
]


def load(demo: DemoContext) -> None:
    counts = indexing.reindex(progress=lambda kind, count: demo.step(f"Search index: {count} {kind} entries"))
    demo.step(f"Search index rebuilt: {sum(counts.values())} entries")
    _add_promotions(demo)


def _add_promotions(demo: DemoContext) -> None:
    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=[slug for _, slug, _ in PICKS])}
    for query_string, slug, description in PICKS:
        page = pages.get(slug)
        if page is None:
            demo.step(f"No live page “{slug}”: no editors' pick for “{query_string}”")
            continue
        query = Query.get(query_string)
        _, created = SearchPromotion.objects.get_or_create(
            query=query, page=page, defaults={"description": description, "sort_order": 0}
        )
        demo.step(f"Editors' pick for “{query_string}”: {page.title}{'' if created else ' (already there)'}")
