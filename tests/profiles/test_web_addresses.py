"""Web addresses members type on their profiles: http or https with a site name and no credentials,
and feed addresses refused on saving when the fetcher would refuse them (private or reserved hosts)."""

import pytest
from django.core.exceptions import ValidationError

from hub.validators import validate_web_address
from profiles.models import HostProfilePage, OrganiserProfilePage
from tests.profiles.conftest import make_host, make_organiser
from tests.profiles.test_editing import _host_form, _organiser_form

pytestmark = pytest.mark.django_db

REFUSED = [
    ("ftp://files.example.org/", "not ftp:"),
    ("javascript:alert(1)", "not javascript:"),
    ("mailto:sam@example.org", "not mailto:"),
    ("//evil.example/", "Start the address with https://"),
    ("evil.example/page", "Start the address with https://"),
    ("http://user:password@example.org/", "Leave out the user name and password"),
    ("https://user@example.org/", "Leave out the user name and password"),
    ("https:///path-only", "needs a site name"),
    ("http://exa mple.org/", "not a web address we can read"),
    ("http://example.org:99999/", "not a web address we can read"),
]


@pytest.mark.parametrize(("value", "message"), REFUSED)
def test_only_plain_http_and_https_addresses_are_web_addresses(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_web_address(value)


@pytest.mark.parametrize("value", ["https://example.org/", "http://example.org/a?b=c#d", "https://例え.jp/"])
def test_ordinary_addresses_pass(value):
    validate_web_address(value)


@pytest.fixture
def amara_page(index_page, organiser):
    return make_organiser(index_page, account=organiser, title="Amara Okafor", area="Leeds")


@pytest.mark.parametrize(("value", "message"), REFUSED[:6])
def test_profile_links_refuse_each_bad_address_and_save_nothing(client, organiser, amara_page, value, message):
    client.force_login(organiser)
    data = _organiser_form(amara_page, links=f"https://ok.example.org/\n{value}", area="Changed")
    response = client.post(f"/profiles/edit/{amara_page.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    page = OrganiserProfilePage.objects.get(pk=amara_page.pk)
    assert (page.area, page.links, page.revisions.count()) == ("Leeds", "", 1)


@pytest.mark.parametrize(("value", "message"), REFUSED[:6])
def test_blog_address_and_website_refuse_bad_addresses(client, index_page, host_user, value, message):
    host = make_host(index_page, title="Leeds Citizens", maintainers=[host_user])
    client.force_login(host_user)
    for field in ("website", "blog_url"):
        response = client.post(f"/profiles/edit/{host.pk}/", _host_form(host, **{field: value}))
        assert response.status_code == 400, field
        assert message in response.content.decode(), field
    page = HostProfilePage.objects.get(pk=host.pk)
    assert (page.website, page.blog_url) == ("", "")


def test_the_model_refuses_credentials_too_whatever_form_saved_it(amara_page):
    amara_page.links = "http://sam:secret@example.org/"
    with pytest.raises(ValidationError) as raised:
        amara_page.full_clean()
    assert "Leave out the user name and password" in raised.value.message_dict["links"][0]
    amara_page.links = ""
    amara_page.blog_url = "https://sam:secret@blog.example.org/feed"
    with pytest.raises(ValidationError) as raised:
        amara_page.full_clean()
    assert "Leave out the user name and password" in raised.value.message_dict["blog_url"][0]


def test_old_stored_links_with_credentials_are_not_shown(amara_page):
    amara_page.links = "https://ok.example.org/\nhttp://sam:secret@example.org/\n//host.example/"
    assert amara_page.link_list() == ["https://ok.example.org/"]


@pytest.mark.parametrize(
    ("blog_url", "shown"),
    [
        ("http://10.0.0.7/feed.xml", "(10.0.0.7)"),
        ("http://localhost:8080/feed.xml", "private or reserved address"),
        ("http://[2002:c0a8:101::1]/feed.xml", "(2002:c0a8:101::1)"),
        ("http://[::ffff:169.254.169.254]/latest/", "private or reserved address"),
        ("http://[64:ff9b::a00:1]/feed", "(64:ff9b::a00:1)"),
    ],
)
def test_a_feed_address_the_fetcher_would_refuse_is_refused_on_saving(client, organiser, amara_page, blog_url, shown):
    client.force_login(organiser)
    response = client.post(f"/profiles/edit/{amara_page.pk}/", _organiser_form(amara_page, blog_url=blog_url))
    html = response.content.decode()
    assert response.status_code == 400
    assert "The hub cannot read feeds from this address:" in html and shown in html
    page = OrganiserProfilePage.objects.get(pk=amara_page.pk)
    assert (page.blog_url, page.feed_sources.count()) == ("", 0)


def test_a_mastodon_instance_on_a_private_address_is_refused_on_saving(client, organiser, amara_page):
    client.force_login(organiser)
    response = client.post(
        f"/profiles/edit/{amara_page.pk}/", _organiser_form(amara_page, mastodon_handle="@sam@10.1.2.3")
    )
    assert response.status_code == 400
    assert "The hub cannot read feeds from this address: 10.1.2.3 points to a private" in response.content.decode()
    assert OrganiserProfilePage.objects.get(pk=amara_page.pk).mastodon_handle == ""


def test_a_host_that_cannot_be_found_yet_is_saved_and_left_to_the_fetch(client, organiser, amara_page):
    client.force_login(organiser)
    response = client.post(
        f"/profiles/edit/{amara_page.pk}/", _organiser_form(amara_page, blog_url="https://blog.invalid/")
    )
    assert response.status_code == 302
    assert OrganiserProfilePage.objects.get(pk=amara_page.pk).blog_url == "https://blog.invalid/"
