"""One public address for the hub: Django's Site, allauth's emails, feeds and the hub's own emails agree."""

import re

import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.core import mail
from django.db.models.signals import post_migrate
from django.test import override_settings

from hub import signal_handlers, site
from tests.factories import make_user
from tests.processes import run_python
from tests.wiki.conftest import make_article

SIGNUP = {
    "email": "newcomer@example.org",
    "username": "newcomer",
    "password1": "listen-first-2026",
    "password2": "listen-first-2026",
}
PUBLIC = "https://hub.example.org"


@pytest.mark.django_db
def test_migrate_gives_the_site_the_hubs_domain_not_example_com(settings):
    site_row = Site.objects.get_current()
    assert site_row.domain == "127.0.0.1:8000"  # HUB_BASE_URL's default in the test settings
    assert site_row.name == "CO Knowledge Hub"


@pytest.mark.django_db
def test_migrate_follows_a_changed_hub_base_url():
    assert any(entry[0][0] == "hub.sync_site" for entry in post_migrate.receivers), "connected to every migrate"
    with override_settings(WAGTAILADMIN_BASE_URL=PUBLIC + "/"):
        signal_handlers.sync_site_after_migrate(sender=apps.get_app_config("hub"), using="default")
        assert Site.objects.get(pk=1).domain == "hub.example.org"
        signal_handlers.sync_site_after_migrate(sender=apps.get_app_config("wiki"), using="default")
    site.sync_site()
    assert Site.objects.get(pk=1).domain == "127.0.0.1:8000"


@pytest.mark.django_db
def test_signup_email_names_the_hub_and_links_to_its_public_address(client):
    with override_settings(WAGTAILADMIN_BASE_URL=PUBLIC, ALLOWED_HOSTS=["internal.local"]):
        site.sync_site()
        client.post("/accounts/signup/", SIGNUP, HTTP_HOST="internal.local")
    body = mail.outbox[0].body
    assert "example.com" not in body
    assert "CO Knowledge Hub" in body
    links = re.findall(r"https?://[^\s]+", body)
    assert links and all(link.startswith(PUBLIC + "/accounts/confirm-email/") for link in links)


@pytest.mark.django_db
def test_password_reset_email_links_to_the_public_address(client):
    make_user("forgetful", email="forgetful@example.org")
    with override_settings(WAGTAILADMIN_BASE_URL=PUBLIC, ALLOWED_HOSTS=["internal.local"]):
        client.post("/accounts/password/reset/", {"email": "forgetful@example.org"}, HTTP_HOST="internal.local")
    body = mail.outbox[0].body
    assert re.search(re.escape(PUBLIC) + r"/accounts/password/reset/key/\S+", body)
    assert "internal.local" not in body and "example.com" not in body


@pytest.mark.django_db
def test_wiki_feed_links_use_the_hubs_domain(client, organiser):
    make_article(organiser, "Listening one to one", "Body.")
    xml = client.get("/wiki/recent-changes/rss/").content.decode()
    assert "example.com" not in xml
    assert "<link>http://127.0.0.1:8000/wiki/listening-one-to-one/</link>" in xml


def test_migrating_one_app_on_an_empty_database_does_not_need_the_sites_table(tmp_path):
    """`migrate search` alone (as bench/search.py builds its database) sends post_migrate for every
    app before django_site exists: the handler leaves the Site row for the migrate that builds it."""
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "one.sqlite3")}
    script = (
        "import django; from django.conf import settings; from django.core.management import call_command; "
        f"settings.DATABASES['default'] = {database!r}; "
        "django.setup(); call_command('migrate', 'search', verbosity=0); print('migrated')"
    )
    done = run_python("-c", script)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "migrated"
