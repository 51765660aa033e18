"""Hosts and exemplar projects give their place; the map page lists them by region and draws them."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import roles
from profiles import demo_data
from profiles import map as place_map
from profiles.models import HostProfilePage
from tests.factories import PASSWORD, make_user
from tests.profiles.conftest import make_host


def _host_form(page, **changes):
    data = {
        "title": page.title,
        "area": page.area,
        "website": "",
        "description": page.description,
        "town": "",
        "region": "",
        "latitude": "",
        "longitude": "",
        "picture_alt": "",
        "blog_url": "",
        "mastodon_handle": "",
        "bluesky_handle": "",
        "x_handle": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def keeper(client, index_page):
    person = make_user("host-keeper", role=roles.HOST)
    page = make_host(index_page, title="Keystone Support Network", maintainers=[person])
    client.login(username=person.username, password=PASSWORD)
    return page


@pytest.mark.django_db
def test_a_host_enters_its_town_region_map_position_and_exemplar_status(client, keeper):
    data = _host_form(
        keeper, town="Manchester", region="north-west", latitude="53.4808", longitude="-2.2426", is_exemplar="on"
    )
    assert client.post(f"/profiles/edit/{keeper.pk}/", data).status_code == 302
    keeper.refresh_from_db()
    assert (keeper.town, keeper.region, keeper.is_exemplar) == ("Manchester", "north-west", True)
    assert (keeper.latitude, keeper.longitude) == (Decimal("53.48080"), Decimal("-2.24260"))
    html = client.get(keeper.url).content.decode()
    assert "Exemplar project and host organisation" in html and "Manchester, North West England" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("53.48", "", "Give both the latitude and the longitude, or neither."),
        ("48.85", "2.35", "The map covers latitudes"),
        ("53.48", "12.5", "West of Greenwich is negative: -1.75."),
    ],
)
def test_a_map_position_off_the_map_is_refused_and_nothing_changes(client, keeper, latitude, longitude, message):
    data = _host_form(keeper, town="Paris", latitude=latitude, longitude=longitude)
    response = client.post(f"/profiles/edit/{keeper.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    keeper.refresh_from_db()
    assert (keeper.town, keeper.latitude, keeper.longitude) == ("", None, None)


@pytest.mark.django_db
def test_another_hosts_maintainer_cannot_move_it(client, keeper, index_page):
    other = make_host(index_page, title="Northgate Neighbours")
    response = client.post(f"/profiles/edit/{other.pk}/", _host_form(other, town="Elsewhere"))
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.town == ""


def _places(index_page):
    make_host(
        index_page,
        title="Harbour Lane Centre",
        town="Bristol",
        region="south-west",
        latitude="51.45",
        longitude="-2.59",
        is_exemplar=True,
    )
    make_host(
        index_page,
        title="Riverside Community Trust",
        town="Leeds",
        region="yorkshire",
        latitude="53.80",
        longitude="-1.55",
    )
    make_host(
        index_page,
        title="Millbrook Faith and Community",
        town="Bradford",
        region="yorkshire",
        latitude="53.80",
        longitude="-1.76",
    )
    make_host(
        index_page, title="Moorland Villages Forum", town="Brecon", region="wales"
    )  # no position: listed, not drawn
    make_host(
        index_page, title="Quiet Place", region="london", latitude="51.5", longitude="-0.12", hidden_from_anonymous=True
    )


@pytest.mark.django_db
def test_the_map_page_lists_places_by_region_and_draws_those_with_a_position(client, index_page):
    _places(index_page)
    html = client.get("/profiles/map/").content.decode()
    headings = re.findall(r"<h3>([^<]+)</h3>", html)
    assert headings == ["Yorkshire and the Humber", "South West England", "Wales"]
    assert html.index("Millbrook Faith") < html.index("Riverside Community")
    assert "Quiet Place" not in html  # hidden from visitors who are not signed in
    assert html.count('class="places-map__marker"') == 2 and html.count("places-map__marker--exemplar") == 1
    assert 'Moorland Villages Forum</a> <span class="meta">Host organisation · Brecon · not on the map yet' in html
    assert not re.search(r"""(?:href|src)=["']https?://""", html.split("<main")[1].split("</main>")[0])


@pytest.mark.django_db
def test_signed_in_members_also_see_places_hidden_from_visitors(client, index_page, member):
    _places(index_page)
    client.login(username=member.username, password=PASSWORD)
    html = client.get("/profiles/map/").content.decode()
    assert "Quiet Place" in html and "<h3>London</h3>" in html


@pytest.mark.django_db
def test_the_map_page_query_count_does_not_grow_with_places(client, index_page):
    make_host(index_page, title="First", region="wales", latitude="52.0", longitude="-3.5")
    client.get("/profiles/map/")
    with CaptureQueriesContext(connection) as few:
        client.get("/profiles/map/")
    for n in range(8):
        make_host(index_page, title=f"Host {n}", region="scotland", latitude=f"{56 + n / 10:.1f}", longitude="-3.5")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/profiles/map/").content.decode()
    assert html.count('class="places-map__marker"') == 9
    assert len(many) == len(few)


def test_the_projection_keeps_every_demo_place_inside_the_drawing():
    assert place_map.project(60.9, -10.7) == (0.0, 0.0)
    for town, _, latitude, longitude, _ in demo_data.PLACES.values():
        x, y = place_map.project(float(latitude), float(longitude))
        assert 0 < x < place_map.WIDTH and 0 < y < place_map.HEIGHT, town
    leeds, bristol = place_map.project(53.80, -1.55), place_map.project(51.45, -2.59)
    assert leeds[1] < bristol[1] and leeds[0] > bristol[0]  # Leeds is north and east of Bristol


@pytest.mark.django_db
def test_the_directory_filters_exemplar_projects(client, index_page):
    make_host(index_page, title="Exemplar One", is_exemplar=True)
    make_host(index_page, title="Plain Host")
    html = client.get("/profiles/?kind=exemplar").content.decode()
    results = html.split('id="results-heading"')[1]
    assert "Exemplar One" in results and "Plain Host" not in results
    assert HostProfilePage.objects.filter(is_exemplar=True).count() == 1
