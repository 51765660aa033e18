"""The privacy switch, search visibility, data download and deletion requests."""

import json

import pytest
from django.core import mail

from profiles.models import OrganiserProfilePage
from profiles.search_adapters import HostAdapter, OrganiserAdapter
from tests.profiles.conftest import make_host, make_organiser


@pytest.fixture
def index_calls(monkeypatch):
    """Record calls into the search part's indexing API (written in parallel by another engineer)."""
    calls = []
    monkeypatch.setattr("search.indexing.update", lambda obj: calls.append(("update", obj.pk)))
    monkeypatch.setattr("search.indexing.remove", lambda obj: calls.append(("remove", obj.pk)))
    monkeypatch.setattr("profiles.services.indexing.update", lambda obj: calls.append(("update", obj.pk)))
    monkeypatch.setattr("profiles.services.indexing.remove", lambda obj: calls.append(("remove", obj.pk)))
    return calls


def test_hidden_profile_is_404_for_anonymous_visitors_and_noindex_for_members(client, index_page, member):
    page = make_organiser(index_page, title="Marcus Reid", hidden_from_anonymous=True)
    assert client.get(page.url).status_code == 404
    client.force_login(member)
    response = client.get(page.url)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_hidden_profile_is_left_out_of_the_directory_for_anonymous_visitors(client, index_page, member):
    make_organiser(index_page, title="Nadia Rahman", hidden_from_anonymous=True)
    make_organiser(index_page, title="Owen Davies")
    assert "Nadia Rahman" not in client.get("/profiles/").content.decode()
    client.force_login(member)
    assert "Nadia Rahman" in client.get("/profiles/").content.decode()


def test_hiding_a_profile_removes_it_from_search_and_showing_it_adds_it_back(
    client, organiser, index_page, index_calls
):
    page = make_organiser(index_page, account=organiser, title="Priya Sharma")
    index_calls.clear()
    page.hidden_from_anonymous = True
    page.save_revision().publish()
    page.hidden_from_anonymous = False
    page.save_revision().publish()
    page.unpublish()
    assert index_calls == [("remove", page.pk), ("update", page.pk), ("remove", page.pk)]


def test_search_adapters_leave_out_hidden_profiles_and_fill_area_and_skills(index_page):
    host = make_host(index_page, title="Keystone Support Network", area="Keystone", description="We *co-produce*.")
    shown = make_organiser(index_page, title="Rosa Delgado", area="Southside", host=host, role="trainer", bio="Hi")
    shown.skills.add("co-production", "training")
    shown.save_revision().publish()
    make_organiser(index_page, title="Sam Turner", hidden_from_anonymous=True)
    adapter = OrganiserAdapter()
    assert [page.title for page in adapter.queryset()] == ["Rosa Delgado"]
    document = adapter.to_document(adapter.queryset().get())
    assert (document.kind, document.area, document.tags) == ("organiser", "Southside", ("co-production", "training"))
    assert (document.summary, document.body) == ("Trainer at Keystone Support Network", "Hi")
    assert document.url == "/profiles/rosa-delgado/"
    host_document = HostAdapter().to_document(host)
    assert (host_document.kind, host_document.area, host_document.body) == ("host", "Keystone", "We co-produce.")


def test_owner_downloads_their_data_as_json(client, organiser, member, index_page):
    page = make_organiser(index_page, account=organiser, title="Tomasz Nowak", contact_email="t@example.org")
    client.force_login(member)
    assert client.get(f"/profiles/edit/{page.pk}/data/").status_code == 403
    client.force_login(organiser)
    response = client.get(f"/profiles/edit/{page.pk}/data/")
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="profile-tomasz-nowak.json"'
    assert (data["title"], data["contact_email"], data["revisions"], data["feed_items"]) == (
        "Tomasz Nowak",
        "t@example.org",
        1,
        [],
    )


def test_deletion_request_takes_the_profile_offline_and_tells_moderators(
    client, organiser, moderator, index_page, index_calls, django_capture_on_commit_callbacks
):
    page = make_organiser(index_page, account=organiser, title="Una Gallagher")
    client.force_login(organiser)
    unconfirmed = client.post(f"/profiles/edit/{page.pk}/delete/", {})
    assert unconfirmed.status_code == 400
    assert OrganiserProfilePage.objects.get(pk=page.pk).live is True
    index_calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/profiles/edit/{page.pk}/delete/", {"confirm": "yes"})
    page.refresh_from_db()
    assert response.status_code == 302
    assert (page.live, page.deletion_requested_at is not None) == (False, True)
    assert ("remove", page.pk) in index_calls
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert mail.outbox[0].subject == "Profile deletion requested: Una Gallagher"
    assert client.get(f"/profiles/edit/{page.pk}/").status_code == 403  # no way to publish it again
    client.logout()
    assert client.get("/profiles/una-gallagher/").status_code == 404


def test_deleting_a_profile_removes_it_from_search(index_page, index_calls):
    page = make_organiser(index_page, title="Victor Adeyemi")
    page_id = page.pk
    index_calls.clear()
    page.delete()
    assert ("remove", page_id) in index_calls
    assert not OrganiserProfilePage.objects.filter(title="Victor Adeyemi").exists()


def test_search_adapters_are_registered_under_their_kinds(db):
    from search.registry import adapter_for_kind

    assert isinstance(adapter_for_kind("organiser"), OrganiserAdapter)
    assert isinstance(adapter_for_kind("host"), HostAdapter)
