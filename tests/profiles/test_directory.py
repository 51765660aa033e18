"""The directory at /profiles/: filters, name search, pagination and a fixed query count."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.profiles.conftest import make_host, make_image, make_organiser


def _names(response) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


def _people(index_page):
    riverside = make_host(index_page, title="Riverside Community Trust", area="Riverside")
    northgate = make_host(index_page, title="Northgate Neighbours", area="Northgate")
    amara = make_organiser(index_page, title="Amara Okafor", role="senior", host=riverside, area="Riverside")
    amara.skills.add("housing")
    amara.save_revision().publish()
    make_organiser(index_page, title="Ben Hughes", role="trainee", host=northgate, area="Northgate")
    make_organiser(index_page, title="Chloe Whitfield", role="trainee", host=riverside, area="Riverside East")
    return riverside, northgate


def test_directory_lists_everyone_alphabetically(client, index_page):
    _people(index_page)
    response = client.get("/profiles/")
    assert response.status_code == 200
    assert _names(response) == [
        "Amara Okafor",
        "Ben Hughes",
        "Chloe Whitfield",
        "Northgate Neighbours",
        "Riverside Community Trust",
    ]
    assert "5 profiles" in response.content.decode()


def test_directory_filters_by_kind_role_area_host_skill_and_name(client, index_page):
    riverside, _ = _people(index_page)
    assert _names(client.get("/profiles/?kind=host")) == ["Northgate Neighbours", "Riverside Community Trust"]
    assert _names(client.get("/profiles/?role=trainee")) == ["Ben Hughes", "Chloe Whitfield"]
    assert _names(client.get("/profiles/?area=riverside")) == [
        "Amara Okafor",
        "Chloe Whitfield",
        "Riverside Community Trust",
    ]
    assert _names(client.get(f"/profiles/?host={riverside.pk}")) == ["Amara Okafor", "Chloe Whitfield"]
    assert _names(client.get("/profiles/?skill=Housing")) == ["Amara Okafor"]
    assert _names(client.get("/profiles/?q=hugh")) == ["Ben Hughes"]
    assert _names(client.get("/profiles/?role=trainee&area=east")) == ["Chloe Whitfield"]


def test_directory_ignores_unknown_filter_values(client, index_page):
    _people(index_page)
    assert len(_names(client.get("/profiles/?kind=robot&role=king&host=abc"))) == 5


def test_no_match_says_what_to_do(client, index_page):
    _people(index_page)
    assert "No profiles match these filters. Try fewer filters" in client.get("/profiles/?q=zzz").content.decode()


def test_directory_paginates(client, index_page, settings):
    settings.HUB_PAGE_SIZE = 2
    _people(index_page)
    second = client.get("/profiles/?page=2")
    assert _names(second) == ["Chloe Whitfield", "Northgate Neighbours"]
    assert "Page 2 of 3" in second.content.decode()
    assert "<title>Profiles, page 2 | CO Knowledge Hub</title>" in second.content.decode()


def test_directory_query_count_does_not_grow_with_profiles(client, index_page):
    host = make_host(index_page, title="Harbour Lane Centre")
    first = make_organiser(index_page, title="Aaron First", host=host, picture=make_image(), picture_alt="Aaron")
    first.skills.add("youth work")
    first.save_revision().publish()
    client.get("/profiles/")
    with CaptureQueriesContext(connection) as few:
        client.get("/profiles/")
    for number in range(12):
        page = make_organiser(
            index_page, title=f"Person {number:02d}", host=host, picture=make_image(), picture_alt=f"Person {number}"
        )
        page.skills.add(f"skill {number}", "youth work")
        page.save_revision().publish()
    client.get("/profiles/")  # the first visit makes the new pictures' renditions
    with CaptureQueriesContext(connection) as many:
        response = client.get("/profiles/")
    assert len(_names(response)) == 14
    assert response.content.decode().count('alt="Person ') == 12
    assert len(many) == len(few)


def test_directory_query_count_is_the_same_with_or_without_pictures(client, index_page):
    """Pictures come with their profiles and every card's rendition in one query for organisers and
    hosts together, so giving everyone a photo or logo costs no query (the demo has them all)."""
    hosts = [make_host(index_page, title=f"Host {number}") for number in range(2)]
    organisers = [make_organiser(index_page, title=f"Organiser {number}", host=hosts[0]) for number in range(2)]
    client.get("/profiles/")
    with CaptureQueriesContext(connection) as without:
        response = client.get("/profiles/")
    assert "<img" not in response.content.decode()
    for number, page in enumerate([*organisers, *hosts]):
        page.picture, page.picture_alt = make_image(f"Picture {number}"), f"Picture of {page.title}"
        page.save_revision().publish()
    client.get("/profiles/")  # the first visit makes the pictures' renditions
    with CaptureQueriesContext(connection) as pictured:
        response = client.get("/profiles/")
    html = response.content.decode()
    assert [html.count(f'alt="Picture of {page.title}"') for page in [*organisers, *hosts]] == [1, 1, 1, 1]
    assert len(pictured) == len(without)


def test_the_directory_is_kept_per_audience_and_shows_a_change_on_the_next_request(client, index_page, settings):
    from django.core.cache import caches

    from hub import page_cache
    from tests.factories import make_user

    settings.HUB_PAGE_CACHE = True
    caches[page_cache.CACHE_ALIAS].clear()
    _people(index_page)
    make_organiser(index_page, title="Hana Kowalski", hidden_from_anonymous=True)
    member, superuser = make_user("dir-member"), make_user("dir-super", is_superuser=True)
    client.force_login(member)
    assert _names(client.get("/profiles/?role=trainee")) == ["Ben Hughes", "Chloe Whitfield"]
    with CaptureQueriesContext(connection) as kept:
        response = client.get("/profiles/?role=trainee")
    assert _names(response) == ["Ben Hughes", "Chloe Whitfield"]
    assert [query for query in kept.captured_queries if "profiles_profilepage" in query["sql"]] == []
    assert "Hana Kowalski" in _names(client.get("/profiles/"))  # members see profiles hidden from the public
    client.logout()
    assert "Hana Kowalski" not in _names(client.get("/profiles/", HTTP_COOKIE=""))  # the public's own part
    client.force_login(superuser)
    assert "Hana Kowalski" in _names(client.get("/profiles/"))
    make_organiser(index_page, title="Dee Newcomer", role="trainee")
    client.force_login(member)
    assert _names(client.get("/profiles/?role=trainee")) == ["Ben Hughes", "Chloe Whitfield", "Dee Newcomer"]
    page = client.get("/profiles/?role=trainee&page=2")
    assert page.status_code == 200 and page.context["page_obj"].number == 1  # past the end: the last page
    caches[page_cache.CACHE_ALIAS].clear()
