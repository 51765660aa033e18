"""Keep restricted content out of the index (docs/adr/0080): when an editor adds, changes or removes
a view restriction on a page or a collection, everything under it is refreshed, so the index holds
exactly what the one visibility rule (hub/visibility.py) shows the public. Signals, as STYLE.md allows
for search indexing: restrictions are written by Wagtail's admin, not by a service of the hub."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from search import indexing, registry


def _refresh_under(tree_model, node_id: int, field: str) -> None:
    node = tree_model.objects.filter(pk=node_id).first()
    if node is None:  # deleted with its restriction: the deletion refreshes what was under it
        return
    for adapter in registry.adapters():
        model = adapter.model
        if field == "path" and not issubclass(model, Page):
            continue
        if field != "path" and not any(f.name == "collection" for f in model._meta.get_fields()):
            continue
        indexing.update_many(model._default_manager.filter(**{f"{field}__startswith": node.path}))


def on_page_restriction_changed(sender, instance, **kwargs):
    _refresh_under(Page, instance.page_id, "path")


def on_collection_restriction_changed(sender, instance, **kwargs):
    _refresh_under(Collection, instance.collection_id, "collection__path")


def connect() -> None:
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(on_page_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search.page_{name}")
        signal.connect(
            on_collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid=f"search.coll_{name}"
        )
