"""Signal handlers of the hub core, connected in HubConfig.ready()."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_migrate

from hub import auth_backends, page_cache, site


def sync_site_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After every `migrate`, Django's Site row carries the hub's public address (HUB_BASE_URL), so
    allauth's emails and the RSS and Atom feeds name the same host as the hub's own emails."""
    if getattr(sender, "name", None) != "hub":  # post_migrate is sent once per app: act once
        return
    # `migrate <one app>` sends post_migrate for every app, sites' table built or not (bench/search.py).
    if Site._meta.db_table in connections[using].introspection.table_names():
        site.sync_site(using=using)


def forget_roles(sender, instance, action, **kwargs) -> None:
    """A user whose groups change reads them again (hub.roles.role_names keeps them on the object)."""
    if action.startswith("post_"):
        instance.__dict__.pop("_hub_role_names", None)


def connect() -> None:
    post_migrate.connect(sync_site_after_migrate, dispatch_uid="hub.sync_site")
    m2m_changed.connect(forget_roles, sender=get_user_model().groups.through, dispatch_uid="hub.forget_roles")
    # A sign-in loads the member with their roles in one query on every later request (docs/adr/0103).
    user_logged_in.connect(auth_backends.adopt_session, dispatch_uid="hub.adopt_session")
    # Every committed write drops the anonymous page cache (docs/adr/0100).
    connection_created.connect(page_cache.install, dispatch_uid="hub.page_cache")
