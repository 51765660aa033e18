"""Keep the link table, watchers and the search index in step with publishing (STYLE.md allows
signals for this). Each handler only calls wiki.services."""

from django.db.models.signals import post_delete, post_save
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

from search import indexing
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


def on_document_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # rows loaded from a backup or fixture: the restore rebuilds the index once
        indexing.update(instance)


def on_document_deleted(sender, instance, **kwargs):
    indexing.remove(instance)


def on_comment_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:  # a comment loaded from a backup is not news to its watchers
        services.after_comment(instance)


def connect() -> None:
    post_save.connect(on_comment_saved, sender=XtdComment, dispatch_uid="wiki.on_comment_saved")
    page_published.connect(on_published, dispatch_uid="wiki.on_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="wiki.on_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="wiki.on_deleted")
    document_model = get_document_model()
    post_save.connect(on_document_saved, sender=document_model, dispatch_uid="wiki.on_document_saved")
    post_delete.connect(on_document_deleted, sender=document_model, dispatch_uid="wiki.on_document_deleted")
