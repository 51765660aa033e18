"""Who may edit which profile: owners, a host's maintainers, moderators; everyone else gets 403."""

import io

import pytest
from django.core.management import call_command

from hub import roles
from profiles.models import HostProfilePage, OrganiserProfilePage
from tests.factories import make_user
from tests.profiles.conftest import make_host, make_organiser


def _organiser_form(page, **changes):
    data = {
        "title": page.title,
        "role": page.role,
        "area": page.area,
        "host": "",
        "bio": page.bio,
        "skills": "",
        "links": "",
        "picture_alt": "",
        "contact_email": "",
        "contact_phone": "",
        "blog_url": "",
        "mastodon_handle": "",
        "bluesky_handle": "",
        "x_handle": "",
    }
    data.update(changes)
    return data


def _host_form(page, **changes):
    data = {
        "title": page.title,
        "area": page.area,
        "website": "",
        "description": page.description,
        "picture_alt": "",
        "blog_url": "",
        "mastodon_handle": "",
        "bluesky_handle": "",
        "x_handle": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def amara_page(index_page, organiser):
    return make_organiser(index_page, account=organiser, title="Amara Okafor", area="Leeds")


def test_owner_edits_own_profile_and_a_revision_is_published(client, organiser, amara_page):
    client.force_login(organiser)
    data = _organiser_form(amara_page, area="North Leeds", skills="housing, listening campaigns", bio="Hello *all*")
    response = client.post(f"/profiles/edit/{amara_page.pk}/", data)
    page = OrganiserProfilePage.objects.get(pk=amara_page.pk)
    assert response.status_code == 302
    assert page.area == "North Leeds"
    assert sorted(tag.name for tag in page.skills.all()) == ["housing", "listening campaigns"]
    assert page.revisions.count() == 2
    assert page.latest_revision.user == organiser
    assert page.live and not page.has_unpublished_changes


@pytest.mark.parametrize("who", ["member", "other_organiser", "host_user", "anonymous"])
def test_nobody_else_can_open_or_post_an_organisers_edit_form(client, amara_page, who, member, host_user):
    users = {"member": member, "other_organiser": make_user(role=roles.ORGANISER), "host_user": host_user}
    if who != "anonymous":
        client.force_login(users[who])
    get = client.get(f"/profiles/edit/{amara_page.pk}/")
    post = client.post(f"/profiles/edit/{amara_page.pk}/", _organiser_form(amara_page, area="Hacked"))
    expected = 302 if who == "anonymous" else 403  # anonymous visitors are sent to log in
    assert (get.status_code, post.status_code) == (expected, expected)
    assert OrganiserProfilePage.objects.get(pk=amara_page.pk).area == "Leeds"
    assert amara_page.revisions.count() == 1


def test_moderator_can_edit_any_profile(client, moderator, amara_page):
    client.force_login(moderator)
    response = client.post(f"/profiles/edit/{amara_page.pk}/", _organiser_form(amara_page, area="Bradford"))
    assert response.status_code == 302
    assert OrganiserProfilePage.objects.get(pk=amara_page.pk).area == "Bradford"


def test_host_maintainer_edits_own_host_page_but_not_another_hosts(client, index_page, host_user):
    mine = make_host(index_page, title="Riverside Community Trust", maintainers=[host_user])
    other = make_host(index_page, title="Northgate Neighbours", maintainers=[make_user(role=roles.HOST)])
    client.force_login(host_user)
    ok = client.post(f"/profiles/edit/{mine.pk}/", _host_form(mine, description="We host two organisers."))
    refused_get = client.get(f"/profiles/edit/{other.pk}/")
    refused_post = client.post(f"/profiles/edit/{other.pk}/", _host_form(other, description="Taken over"))
    assert (ok.status_code, refused_get.status_code, refused_post.status_code) == (302, 403, 403)
    assert HostProfilePage.objects.get(pk=mine.pk).description == "We host two organisers."
    assert HostProfilePage.objects.get(pk=other.pk).description == ""


def test_host_cannot_edit_another_hosts_page_through_the_admin(client, index_page, host_user):
    other = make_host(index_page, title="Northgate Neighbours")
    client.force_login(host_user)
    get = client.get(f"/admin/pages/{other.pk}/edit/")
    post = client.post(f"/admin/pages/{other.pk}/edit/", {"title": "Taken over", "slug": other.slug, "area": "x"})
    assert get.status_code == 302 and get.url == "/admin/"  # Wagtail's "no permission" answer
    assert post.status_code == 302 and post.url == "/admin/"
    assert HostProfilePage.objects.get(pk=other.pk).title == "Northgate Neighbours"
    assert other.revisions.count() == 1


def test_organiser_cannot_edit_even_their_own_page_through_the_admin(client, organiser, amara_page):
    client.force_login(organiser)
    response = client.get(f"/admin/pages/{amara_page.pk}/edit/")
    assert (response.status_code, response.url) == (302, "/admin/")


def test_moderator_can_edit_profiles_in_the_admin(client, moderator, amara_page):
    client.force_login(moderator)
    assert client.get(f"/admin/pages/{amara_page.pk}/edit/").status_code == 200


def test_invalid_input_shows_errors_tied_to_fields_and_saves_nothing(client, organiser, amara_page):
    client.force_login(organiser)
    data = _organiser_form(
        amara_page, mastodon_handle="not a handle", links="javascript:alert(1)", area="Changed", x_handle="@no/way"
    )
    response = client.post(f"/profiles/edit/{amara_page.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_mastodon_handle_helptext id_mastodon_handle_error"' in html
    assert "Write your Mastodon account as @name@instance" in html
    assert "Only web addresses starting with https:// or http:// are accepted, not javascript:." in html
    assert "Write your X handle as @name" in html
    assert OrganiserProfilePage.objects.get(pk=amara_page.pk).area == "Leeds"
    assert amara_page.revisions.count() == 1


def test_picture_needs_alt_text(client, organiser, amara_page):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#336699").save(buffer, "PNG")
    client.force_login(organiser)
    upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        f"/profiles/edit/{amara_page.pk}/", {**_organiser_form(amara_page), "picture_upload": upload}
    )
    assert response.status_code == 400
    assert "alt text is required with a picture" in response.content.decode()
    upload.seek(0)
    data = {**_organiser_form(amara_page, picture_alt="Amara smiling"), "picture_upload": upload}
    assert client.post(f"/profiles/edit/{amara_page.pk}/", data).status_code == 302
    page = OrganiserProfilePage.objects.get(pk=amara_page.pk)
    assert (page.picture.title, page.picture_alt) == ("Picture for Amara Okafor", "Amara smiling")


def test_refresh_now_is_owner_only_and_rate_limited(client, organiser, member, amara_page, feeds):
    amara_page.blog_url = feeds.url("/rss.xml")
    amara_page.save_revision().publish()
    client.force_login(member)
    assert client.post(f"/profiles/edit/{amara_page.pk}/refresh/").status_code == 403
    client.force_login(organiser)
    first = client.post(f"/profiles/edit/{amara_page.pk}/refresh/")
    second = client.post(f"/profiles/edit/{amara_page.pk}/refresh/")
    assert (first.status_code, second.status_code) == (302, 429)
    assert second["Retry-After"] == "300"
    source = amara_page.feed_sources.get()
    assert source.refresh_requested_at is not None
    assert feeds.requests == []  # nothing is fetched while the owner waits

    call_command("refresh_feeds", "--requested", stdout=io.StringIO())
    source.refresh_from_db()
    assert source.items.count() == 3
    assert source.refresh_requested_at is None
    assert [request["path"] for request in feeds.requests] == ["/rss.xml"]
    call_command("refresh_feeds", "--requested", stdout=io.StringIO())
    assert len(feeds.requests) == 1  # the request was served once and cleared
