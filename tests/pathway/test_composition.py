"""The pathway shown where other parts show a member, and a reflection turned into a wiki draft.

These go through the hub's composition registries and home/, never through imports between parts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import roles
from pathway.models import Reflection
from profiles.models import ProfileIndexPage
from tests.factories import PASSWORD, make_user
from tests.pathway.conftest import enrol, make_co_trainer, make_reflection, record
from tests.profiles.conftest import make_host, make_organiser
from wiki.models import ArticlePage


@pytest.fixture
def profile(author):
    return make_organiser(ProfileIndexPage.objects.get(slug="profiles"), account=author, title="Olu Adebayo")


@pytest.mark.django_db
def test_the_profile_shows_the_current_stage_the_stages_done_and_public_reflections(client, author, profile):
    enrolment = author.pathway_enrolments.get()
    record(enrolment, "foundations", dt.date(2026, 1, 12))
    record(enrolment, "e1", dt.date(2026, 2, 20))
    make_reflection(enrolment, "e1", Reflection.PUBLIC, title="Listening to my aunt")
    make_reflection(enrolment, "e2", Reflection.TRAINERS, title="Power on our street")
    html = client.get(profile.url).content.decode()
    section = html.split("<h3>Training pathway</h3>")[1].split("<h3>")[0]
    assert "Current stage: <strong>E2: Wider listening and local power</strong>" in section
    assert "Foundations residential, <time" in section and "January 2026" in section
    assert "Listening to my aunt" in section and "Power on our street" not in html


@pytest.mark.django_db
def test_an_organiser_can_keep_their_pathway_off_their_profile(client, author, profile):
    record(author.pathway_enrolments.get(), "foundations", dt.date(2026, 1, 12))
    client.login(username=author.username, password=PASSWORD)
    client.post("/pathway/me/profile/", {"show_on_profile": "no"})
    assert "Training pathway" not in client.get(profile.url).content.decode()
    client.post("/pathway/me/profile/", {"show_on_profile": "yes"})
    assert "<h3>Training pathway</h3>" in client.get(profile.url).content.decode()


@pytest.mark.django_db
def test_the_profile_query_count_does_not_grow_with_stages_and_reflections(client, author, profile):
    enrolment = author.pathway_enrolments.get()
    record(enrolment, "foundations", dt.date(2026, 1, 12))
    client.get(profile.url)
    with CaptureQueriesContext(connection) as few:
        client.get(profile.url)
    for slug, day in (("e1", 2), ("e2", 3), ("e3", 4), ("e4", 5)):
        record(enrolment, slug, dt.date(2026, day, 1))
        make_reflection(enrolment, slug, Reflection.PUBLIC)
    with CaptureQueriesContext(connection) as many:
        html = client.get(profile.url).content.decode()
    assert html.count("What I heard (public)") == 4
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_member_page_says_who_co_trains_until_they_withdraw(client):
    person = make_co_trainer("co-cara")
    url = f"/members/{person.username}/"
    assert "trains members of the hub alongside its trainers" in client.get(url).content.decode()
    person.co_trainer.withdrawn_at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    person.co_trainer.save()
    assert "trains members of the hub" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_member_page_shows_the_pathway_of_members_without_a_profile(client):
    person = make_user("member-mo", role=roles.MEMBER)
    record(enrol(person), "foundations", dt.date(2026, 1, 12))
    html = client.get(f"/members/{person.username}/").content.decode()
    assert '<h2 id="pathway-heading">Training pathway</h2>' in html and "Current stage: <strong>E1" in html


@pytest.mark.django_db
def test_visits_offer_the_hosts_and_exemplar_projects_of_the_profiles_part(client, author):
    index = ProfileIndexPage.objects.get(slug="profiles")
    make_host(index, title="Harbour Lane Centre", town="Bristol", is_exemplar=True)
    make_host(index, title="Hidden Host", hidden_from_anonymous=True)
    client.login(username=author.username, password=PASSWORD)
    form = client.get("/pathway/me/visits/add/").content.decode()
    assert "Harbour Lane Centre (exemplar project, Bristol)" in form and "Hidden Host (host)" in form


# --- a reflection becomes a wiki draft --------------------------------------------------------------


def _draft(client, reflection):
    return client.post(f"/pathway/reflections/{reflection.pk}/wiki-draft/")


@pytest.mark.django_db
def test_the_author_turns_a_shared_reflection_into_one_wiki_draft_that_links_back(client, author):
    reflection = make_reflection(author.pathway_enrolments.get(), "e3", Reflection.TRAINERS, title="Actions people own")
    client.login(username=author.username, password=PASSWORD)
    assert (
        "Start a wiki draft from this reflection"
        in client.get(f"/pathway/reflections/{reflection.pk}/").content.decode()
    )
    response = _draft(client, reflection)
    page = ArticlePage.objects.get(title="Actions people own")
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.owner == author
    assert page.body.startswith("People on **Cedar Street** care most about the bus.")
    assert f"/pathway/reflections/{reflection.pk}/" in page.body
    assert set(page.tags.names()) == {"reflection", "training"}
    reflection.refresh_from_db()
    assert reflection.wiki_draft_id == page.pk
    assert _draft(client, reflection)["Location"] == f"/admin/pages/{page.pk}/edit/"  # a second click: same draft
    assert ArticlePage.objects.filter(title__startswith="Actions people own").count() == 1
    assert f"/admin/pages/{page.pk}/edit/" in client.get(f"/pathway/reflections/{reflection.pk}/").content.decode()


@pytest.mark.django_db
def test_a_private_reflection_never_becomes_a_draft(client, author):
    reflection = make_reflection(author.pathway_enrolments.get(), "e3", Reflection.PRIVATE)
    client.login(username=author.username, password=PASSWORD)
    response = _draft(client, reflection)
    assert response["Location"] == f"/pathway/reflections/{reflection.pk}/"
    assert not ArticlePage.objects.filter(title=reflection.title).exists()


@pytest.mark.django_db
def test_nobody_else_starts_a_draft_from_someone_elses_reflection(client, author, trainer):
    reflection = make_reflection(author.pathway_enrolments.get(), "e3", Reflection.PUBLIC)
    client.login(username=make_user("other-organiser", role=roles.ORGANISER).username, password=PASSWORD)
    assert _draft(client, reflection)["Location"] == f"/pathway/reflections/{reflection.pk}/"
    client.login(username=trainer.username, password=PASSWORD)
    _draft(client, reflection)
    assert not ArticlePage.objects.filter(title=reflection.title).exists()
    reflection.refresh_from_db()
    assert reflection.wiki_draft_id is None


@pytest.mark.django_db
def test_an_author_who_cannot_write_in_the_wiki_is_told_why(client):
    member = make_user("member-on-pathway", role=roles.MEMBER)
    reflection = make_reflection(enrol(member), "e1", Reflection.PUBLIC)
    client.login(username=member.username, password=PASSWORD)
    response = _draft(client, reflection)
    follow = client.get(response["Location"]).content.decode()
    assert "Only members who may write in the wiki (organisers) can start a wiki page." in follow
    assert not ArticlePage.objects.filter(title=reflection.title).exists()


@pytest.mark.django_db
def test_a_taken_title_gets_a_number(client, author):
    first = make_reflection(author.pathway_enrolments.get(), "e1", Reflection.PUBLIC, title="Door knocking")
    second = make_reflection(author.pathway_enrolments.get(), "e2", Reflection.PUBLIC, title="Door knocking")
    client.login(username=author.username, password=PASSWORD)
    _draft(client, first)
    _draft(client, second)
    assert sorted(ArticlePage.objects.values_list("title", "slug")) == [
        ("Door knocking", "door-knocking"),
        ("Door knocking (2)", "door-knocking-2"),
    ]
