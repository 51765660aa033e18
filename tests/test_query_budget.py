"""SQL queries of every page the benchmark measures (bench/hub_probe.py), anonymous and signed in,
on a full render (no page cache), at two sizes of content: the count must not change with size,
and stays within the budget below. docs/performance.md gives the same counts on the benchmark's
demo and corpus databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.hub import world as hub_world

TARGET = 12  # the goal for every page
# Pages still over the goal, with what they cost now: each is a known debt (docs/performance.md).
OVER: dict[tuple[str, str], int] = {}
PAGES = {
    "home": lambda w: "/",
    "wiki": lambda w: "/wiki/",
    "article": lambda w: w["article"].url,
    "debate": lambda w: w["debate"].url,
    "questions": lambda w: "/questions/",
    "question": lambda w: w["question"].get_absolute_url(),
    "profiles": lambda w: "/profiles/",
    "profile": lambda w: w["profile"].url,
    "member": lambda w: "/members/org/",
    "search": lambda w: "/search/?q=door+knocking",
}


def _counts(client, world) -> dict:
    counts = {}
    for kind in ("anonymous", "signed in"):
        if kind == "signed in":
            client.force_login(world["organiser"])
        for name, url in PAGES.items():
            client.get(url(world))  # first-request work (template loading, site root paths) is not counted
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url(world)).status_code
            counts[(name, kind)] = (status, len(queries))
        client.logout()
    return counts


@pytest.mark.django_db
def test_every_benchmarked_page_costs_the_same_queries_at_two_sizes_within_budget(client, settings):
    settings.HUB_PAGE_SIZE = 5  # lists longer than a page at the larger size
    world = hub_world.build()
    hub_world.grow(world, 2)  # a little of everything: no list is empty
    small = _counts(client, world)
    hub_world.grow(world, 12, start=2)  # past a page of every list and the sidebars' ten
    large = _counts(client, world)
    print({f"{name} ({kind})": count for (name, kind), (_, count) in large.items()})
    assert large == small
    budget = {key: OVER.get(key, TARGET) for key in small}
    assert {key: status for key, (status, _) in large.items()} == dict.fromkeys(large, 200)
    assert {key: count for key, (_, count) in large.items() if count > budget[key]} == {}
