"""Demo content for search: index everything the other loaders made, add two editors' picks."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from hub.demo_support import DemoContext
from search import indexing

PICKS = [
    ("power mapping", "Start here: how organisers map power before a campaign."),
    ("one to one", "The hub's best material on one-to-one conversations."),
]


def load(demo: DemoContext) -> None:
    counts = indexing.reindex(progress=lambda kind, count: demo.step(f"Search index: {count} {kind} entries"))
    demo.step(f"Search index rebuilt: {sum(counts.values())} entries")
    _add_promotions(demo)


def _add_promotions(demo: DemoContext) -> None:
    pages = list(Page.objects.live().filter(depth__gt=2).order_by("path")[: len(PICKS)])
    if not pages:
        demo.step("No live pages yet: no editors' picks added")
        return
    for (query_string, description), page in zip(PICKS, pages, strict=False):
        query = Query.get(query_string)
        _, created = SearchPromotion.objects.get_or_create(
            query=query, page=page, defaults={"description": description, "sort_order": 0}
        )
        demo.step(f"Editors' pick for “{query_string}”: {page.title}{'' if created else ' (already there)'}")
