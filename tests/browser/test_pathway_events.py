"""Pathway and events journeys: an organiser records a stage and shares a reflection, a trainer reads it
in the cohort view beside an overdue organiser; a member registers a family for a full Action Camp and
waits; the map of hosts and projects works without JavaScript and asks nothing of another site."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import cohort_path, query_all, query_one
from tests.browser.support import PageWatch, assert_accessible, assert_no_page_errors, log_in, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
REFLECTION_TITLE = "Themes from the lift and the bins"


def _session_day(server, cohort: str, stage: str) -> str:
    (starts_at,) = query_one(
        server,
        "SELECT t.starts_at FROM pathway_trainingsession t JOIN pathway_cohort c ON c.id = t.cohort_id "
        "JOIN pathway_stage s ON s.id = t.stage_id WHERE c.name = ? AND s.slug = ?",
        (cohort, stage),
    )
    return str(starts_at)[:10]


def test_an_organiser_shares_a_reflection_and_their_trainer_reads_it_in_the_cohort_view(new_page, hub_server):
    organiser = new_page()
    log_in(organiser, hub_server, "sam")
    visit(organiser, hub_server, "/pathway/me/")
    expect(organiser.locator(".pathway-summary")).to_contain_text("You are working towards: E3")
    assert_accessible(organiser)
    organiser.get_by_role("link", name=re.compile(r"^Record E3")).click()
    organiser.get_by_label("Date you did it").fill(_session_day(hub_server, "Marches cohort", "e3"))
    assert_accessible(organiser)
    organiser.get_by_role("button", name="Save").click()
    expect(organiser.locator(".messages")).to_contain_text("Recorded: E3: From listening to action.")
    expect(organiser.locator(".pathway-summary")).to_contain_text("You are working towards: E4")

    organiser.get_by_role("link", name=re.compile(r"^Write your reflection on E3")).click()
    expect(organiser.get_by_role("radio", name="Only me")).to_be_checked()
    organiser.get_by_label("Title").fill(REFLECTION_TITLE)
    organiser.get_by_label("Your reflection").fill(
        "Two themes came up again and again: the broken lift in Tower B and the bins. "
        "The lift matters most to the people who raised it, and **six of them** want to meet."
    )
    organiser.get_by_role("radio", name="Me and my cohort's trainers and co-trainers").check()
    assert_accessible(organiser)
    organiser.get_by_role("button", name="Save your reflection").click()
    expect(organiser.locator(".messages")).to_contain_text("You and your cohort's training team can read it.")
    expect(organiser.locator("h1")).to_have_text(REFLECTION_TITLE)
    assert_accessible(organiser)
    stored = query_all(
        hub_server,
        "SELECT r.visibility, COUNT(v.id) FROM pathway_reflection r JOIN pathway_reflectionrevision v "
        "ON v.reflection_id = r.id WHERE r.title = ? GROUP BY r.id",
        (REFLECTION_TITLE,),
    )
    assert stored == [("trainers", 1)]

    trainer = new_page()
    log_in(trainer, hub_server, "priya")
    visit(trainer, hub_server, "/pathway/cohorts/")
    assert_accessible(trainer)
    trainer.get_by_role("link", name="Marches cohort").click()
    sam_row = trainer.locator("tr", has=trainer.get_by_role("link", name="Sam Turner"))
    expect(sam_row).to_contain_text("E4")
    expect(sam_row.get_by_role("link", name=f"E3: {REFLECTION_TITLE}")).to_be_visible()
    expect(sam_row).not_to_contain_text("Knocking on doors in the rain")  # his private E2 reflection
    assert_accessible(trainer)
    sam_row.get_by_role("link", name=f"E3: {REFLECTION_TITLE}").click()
    expect(trainer.locator("main")).to_contain_text("six of them")

    visit(trainer, hub_server, cohort_path(hub_server, "Pennines cohort"))
    ben_row = trainer.locator("tr", has=trainer.get_by_role("link", name="Ben Hughes"))
    expect(ben_row.locator(".badge--overdue")).to_have_text("Plan")
    chloe_row = trainer.locator("tr", has=trainer.get_by_role("link", name="Chloe Whitfield"))
    expect(chloe_row).to_contain_text("Graduated")
    expect(chloe_row.locator(".badge--overdue")).to_have_count(0)
    assert_accessible(trainer)


def test_a_member_registers_a_family_for_the_full_action_camp_and_joins_the_waiting_list(new_page, hub_server):
    page = new_page(viewport=PHONE)
    log_in(page, hub_server, "member-lewis")
    visit(page, hub_server, "/events/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Action Camp \d{4}$")).first.click()
    expect(page.locator("main")).to_contain_text("Full: registering puts you on the waiting list")
    expect(page.locator("main")).to_contain_text("children and young people welcome")
    assert_accessible(page)
    page.get_by_role("link", name="Register yourself or your family").click()
    page.get_by_label("Adults (18 and over), including you").fill("2")
    page.get_by_label("Children and young people (under 18)").fill("3")
    page.get_by_label("Access needs").fill("Our eldest uses a wheelchair: a pitch near the marquee, please.")
    page.get_by_label("Dietary needs").fill("One vegetarian.")
    assert_accessible(page)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator(".messages")).to_contain_text("is full, so you are on the waiting list (number 4)")
    expect(page.locator("main")).to_contain_text("You are on the waiting list, number 4.")
    assert_accessible(page)
    stored = query_all(
        hub_server,
        "SELECT r.status, r.adults, r.children FROM events_registration r JOIN hub_user u ON u.id = r.user_id "
        "WHERE u.username = 'member-lewis'",
    )
    assert stored == [("waiting", 2, 3)]

    visit(page, hub_server, "/events/mine/")
    expect(page.locator("main")).to_contain_text("On the waiting list, number 4: 2 adults, 3 children")
    assert_accessible(page)

    organiser = new_page()
    log_in(organiser, hub_server, "victor")
    visit(organiser, hub_server, "/events/action-camp/registrations/")
    expect(organiser.locator("main")).to_contain_text("Lewis Grant")
    assert_accessible(organiser)


def test_the_map_lists_places_by_region_without_javascript_and_draws_the_map_from_the_hub_alone(
    browser, new_page, hub_server
):
    context = browser.new_context(java_script_enabled=False, base_url=hub_server.base_url)
    try:
        plain = context.new_page()
        plain.watch = PageWatch()
        plain.watch.attach(plain, hub_server.base_url)
        visit(plain, hub_server, "/profiles/map/")
        regions = plain.get_by_role("region", name="By region")
        expect(regions.get_by_role("heading", level=3)).to_have_count(7)
        expect(regions.get_by_role("link", name="Keystone Support Network")).to_be_visible()
        expect(plain.locator(".place-list__show").first).to_be_hidden()  # the enhancement needs JavaScript
        assert_no_page_errors(plain)
    finally:
        context.close()

    page = new_page()
    visit(page, hub_server, "/profiles/map/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".places-map__marker")).to_have_count(8)
    page.get_by_role("button", name=re.compile(r"^Show on the map\W+Keystone Support Network$")).click()
    expect(page.locator(".places-map__chosen")).to_contain_text("Keystone Support Network: exemplar project")
    assert_accessible(page)  # includes: no request left the hub's own address
