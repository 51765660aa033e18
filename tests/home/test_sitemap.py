"""sitemap.xml lists public, live content only, on the hub's public address; robots.txt points to it."""

import pytest

from profiles.models import ProfileIndexPage
from qa.models import Question
from tests.profiles.conftest import make_organiser
from tests.qa.conftest import make_question
from tests.wiki.conftest import make_article

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_public_pages_and_visible_questions_only(client, organiser, member, moderator):
    page = make_article(organiser, "Door-to-door listening", "Body.")
    draft = make_article(organiser, "A page not yet live", "Body.")
    draft.unpublish()
    question = make_question(member, "How do we find a room for a house meeting?")
    hidden = make_question(member, "A question a moderator hid from view?")
    Question.objects.filter(pk=hidden.pk).update(hidden_at=question.created_at)
    index = ProfileIndexPage.objects.get(slug="profiles")
    shown = make_organiser(index, title="Shown Organiser", area="Eastfield")
    private = make_organiser(index, title="Private Organiser", area="Eastfield", hidden_from_anonymous=True)

    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"<loc>http://127.0.0.1:8000{page.url}</loc>" in xml
    assert f"<loc>http://127.0.0.1:8000{question.get_absolute_url()}</loc>" in xml
    assert shown.url in xml
    assert draft.slug not in xml
    assert hidden.get_absolute_url() not in xml
    assert private.slug not in xml


def test_robots_txt_keeps_out_of_private_areas_and_names_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /accounts/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
