"""Keep stored scores equal to their recomputation when ratings leave the database by any road: a
rater's account deleted (ratings cascade with it), a post or question deleted, a rating withdrawn.
A signal, because cascades run inside Django's deleter, not through a service of the forum; the
handler only calls qa.services.ratings (docs/adr/0082-reputation-equals-its-recomputation.md)."""

from django.db.models.signals import post_delete

from qa.models import Rating
from qa.services import ratings


def on_rating_deleted(sender, instance, **kwargs):
    ratings.after_ratings_deleted([instance])


def connect() -> None:
    post_delete.connect(on_rating_deleted, sender=Rating, dispatch_uid="qa.on_rating_deleted")
