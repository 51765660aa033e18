"""Keep the link table, watchers and the search index in step with publishing (STYLE.md allows
signals for this). Each handler only calls wiki.services."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from wiki import services
from wiki.models import WikiPage


def on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, WikiPage):
        services.after_publish(instance, revision)


def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, WikiPage):
        services.after_unpublish(instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, WikiPage):
        services.after_delete(instance)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="wiki.on_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="wiki.on_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="wiki.on_deleted")
