"""History, diffs, recent changes and the RSS and Atom feeds."""

import xml.etree.ElementTree as ET

from tests.factories import make_user
from tests.wiki.conftest import make_article, publish

ATOM = "{http://www.w3.org/2005/Atom}"


def test_history_lists_every_revision_with_who_and_note(client, organiser):
    amara = make_user("amara", role="Organiser")
    page = make_article(organiser, "Power mapping", "Draw the map.", note="Started the page")
    page.body = "Draw the map together."
    publish(page, amara, "Made it a group activity")
    response = client.get(f"{page.url}history/")
    assert response.status_code == 200
    rows = [(r.user.username, r.note) for r in response.context["revisions"]]
    assert rows == [("amara", "Made it a group activity"), ("organiser", "Started the page")]
    assert "Made it a group activity" in response.content.decode()


def test_history_diffs_and_sidebar_leave_out_autosaved_drafts(client, organiser):
    page = make_article(organiser, "Power mapping", "Draw the map.", note="Started the page")
    drafter = make_user("drafter", role="Organiser")
    page.body = "Secret unpublished plan."
    page.edit_summary = "Draft note"
    draft = page.save_revision(user=drafter)  # what Wagtail 8's autosave stores while an editor types
    live = page.live_revision_id
    for viewer in (None, organiser):
        if viewer:
            client.force_login(viewer)
        history = client.get(f"{page.url}history/")
        assert [r.pk for r in history.context["revisions"]] == [live]
        assert "Draft note" not in history.content.decode()
        diff = client.get(f"{page.url}history/diff/?from={live}&to={draft.pk}")
        assert diff.status_code == 400
        assert "Secret unpublished plan" not in diff.content.decode()
        shown = client.get(page.url)
        assert [person.username for person in shown.context["contributors"]] == ["organiser"]
        assert shown.context["last_revision"].pk == live
        assert "drafter" not in shown.content.decode()


def test_diff_highlights_changed_words(client, organiser):
    page = make_article(organiser, "Power mapping", "Draw the map alone.")
    first = page.latest_revision
    page.body = "Draw the map together."
    publish(page, organiser, "Together")
    second = page.latest_revision
    response = client.get(f"{page.url}history/diff/?from={first.pk}&to={second.pk}")
    assert response.status_code == 200
    changed = [(s.op, s.text) for s in response.context["segments"] if s.op != "equal"]
    assert changed == [("delete", "alone"), ("insert", "together")]
    html = response.content.decode()
    assert '<del><span class="visually-hidden">[removed: </span>alone' in html
    assert '<ins><span class="visually-hidden">[added: </span>together' in html


def test_diff_of_revisions_from_another_page_is_refused(client, organiser):
    page = make_article(organiser, "Power mapping")
    other = make_article(organiser, "Listening")
    url = f"{page.url}history/diff/?from={page.latest_revision_id}&to={other.latest_revision_id}"
    assert client.get(url).status_code == 400
    assert client.get(f"{page.url}history/diff/?from=x&to=1").status_code == 400


def test_revert_through_a_revision_keeps_the_full_history(organiser):
    page = make_article(organiser, "Power mapping", "first")
    first = page.latest_revision
    page.body = "second"
    publish(page, organiser, "second")
    reverted = first.as_object()
    reverted.edit_summary = "Reverted to the first version"
    revision = reverted.save_revision(user=organiser, previous_revision=first)
    revision.publish(user=organiser, previous_revision=first)
    page.refresh_from_db()
    assert page.body == "first"
    assert page.revisions.count() == 3


def test_recent_changes_lists_every_publish_and_filters(client, organiser):
    amara = make_user("amara", role="Organiser")
    a = make_article(organiser, "Power mapping", tags=["power"])
    make_article(amara, "Ella Baker", category="thinkers")
    a.body = "more"
    publish(a, amara, "Added more")
    response = client.get("/wiki/recent-changes/")
    rows = [(e.page.title, e.user.username, e.note) for e in response.context["page_obj"]]
    assert rows == [
        ("Power mapping", "amara", "Added more"),
        ("Ella Baker", "amara", "First version"),
        ("Power mapping", "organiser", "First version"),
    ]
    by_category = client.get("/wiki/recent-changes/?category=thinkers").context["page_obj"]
    assert [e.page.title for e in by_category] == ["Ella Baker"]
    by_tag = client.get("/wiki/recent-changes/?tag=power").context["page_obj"]
    assert [e.note for e in by_tag] == ["Added more", "First version"]
    by_person = client.get("/wiki/recent-changes/?contributor=organiser").context["page_obj"]
    assert [e.page.title for e in by_person] == ["Power mapping"]


def test_rss_feed_is_valid_rss_2(client, organiser):
    make_article(organiser, "Power <b>mapping</b>", note="Started & shaped")
    response = client.get("/wiki/recent-changes/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert len(items) == 1
    assert items[0].findtext("title") == "Power <b>mapping</b>"
    assert items[0].findtext("link").endswith("/wiki/power-bmappingb/")
    assert items[0].findtext("guid").startswith("wiki-change-")
    assert "Started & shaped" in items[0].findtext("description")
    assert items[0].findtext("pubDate")


def test_atom_feed_is_valid_atom_and_filters(client, organiser):
    make_article(organiser, "Power mapping")
    make_article(organiser, "Ella Baker", category="thinkers")
    response = client.get("/wiki/recent-changes/atom/?category=thinkers")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Ella Baker"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/wiki/ella-baker/")
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "organiser"


def test_debate_diff_covers_positions_and_standing(client, organiser):
    from tests.wiki.conftest import make_debate

    debate = make_debate(organiser, "Power before policy", positions=[("for", "Yes", "Power first.")])
    first = debate.latest_revision
    debate.standing = "Most agree."
    position = debate.positions.get()
    position.argument = "Power first, always."
    debate.positions = [position]
    publish(debate, organiser, "Summed up")
    response = client.get(f"{debate.url}history/diff/?from={first.pk}&to={debate.latest_revision_id}")
    changed = [(s.op, s.text) for s in response.context["segments"] if s.op != "equal"]
    assert changed == [("insert", ", always"), ("insert", "\n\n## Where the debate stands\n\nMost agree.")]


def test_rebuild_links_command_restores_the_table(organiser):
    from io import StringIO

    from django.core.management import call_command

    from wiki.models import WikiLink

    make_article(organiser, "Power mapping", "[[Listening]] and [[Action planning]]")
    WikiLink.objects.all().delete()
    out = StringIO()
    call_command("wiki_rebuild_links", stdout=out)
    assert sorted(WikiLink.objects.values_list("target_key", flat=True)) == ["action planning", "listening"]
    assert "Recorded 2 wiki links from 1 pages." in out.getvalue()
