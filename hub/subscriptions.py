"""What a member watches and follows, across the parts, for the "Following" page.

Watching (wiki) and following (Q&A) are each owned by their part. Each part registers a function
`(user) -> list[Subscription]` here from its `AppConfig.ready()`; the Following page asks every part
and lists what it gets, with forms that post back to the part's own views to change how often
emails come or to stop. A function loads what it returns with a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Subscription:
    kind: str  # what is followed, in words: "Wiki page", "Question", "Tag (wiki pages)"
    title: str
    url: str  # the followed thing's page
    frequency: str  # one of hub.notifications' frequencies
    change_url: str  # POST `frequency` (and `next`) here to change how often emails come
    stop_url: str  # POST `stop_fields` (and `next`) here to stop
    stop_fields: dict = field(default_factory=dict)
    created_at: object = None


Lister = Callable[[object], list[Subscription]]
_listers: dict[str, Lister] = {}


def register(name: str, lister: Lister) -> Lister:
    """Add or replace the part's lister called `name` (for example "wiki.watches")."""
    _listers[name] = lister
    return lister


def unregister(name: str) -> None:
    _listers.pop(name, None)


def for_user(user) -> list[Subscription]:
    """Everything `user` follows, every part's, grouped by part in registration order."""
    return [item for name in _listers for item in _listers[name](user)]
