"""Keep feed sources and the search index in step with profile pages, whichever way they change.

Signals are used because profiles change through the admin (moderators) as well as the
front-end form: both publish, unpublish and delete through Wagtail's page actions.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from profiles.feeds.refresh import sync_feed_sources
from profiles.models import HostProfilePage, OrganiserProfilePage
from profiles.services import sync_search
from search import indexing


def on_published(sender, instance, **kwargs):
    sync_feed_sources(instance)
    sync_search(instance)


def on_unpublished(sender, instance, **kwargs):
    indexing.remove(instance)


def on_deleted(sender, instance, **kwargs):
    indexing.remove(instance)


def connect() -> None:
    for model in (OrganiserProfilePage, HostProfilePage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"profiles-published-{model.__name__}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"profiles-unpublished-{model.__name__}")
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"profiles-deleted-{model.__name__}")
