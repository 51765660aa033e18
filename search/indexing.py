"""Keep the hub's search index in step with the content.

Parts of the hub call `update(obj)` after a write that changes what a search should find
(a rating changes a score, a moderator hides a post) and `remove(obj)` when it goes.
Saving content must never fail because of the index: errors are logged, not raised.
"""

import logging

logger = logging.getLogger(__name__)


def update(obj) -> None:
    """Add, refresh or drop `obj` in the index, as its adapter judges. Filled in by the search part."""


def remove(obj) -> None:
    """Drop `obj` from the index."""
