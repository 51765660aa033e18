"""The forum's background tasks (declared with hub.tasks; scheduled in settings.HUB_PERIODIC_TASKS)."""

import logging

from hub.tasks import retrying_task
from qa.services import ratings

logger = logging.getLogger(__name__)


@retrying_task
def recompute_reputation() -> int:
    """Nightly: rebuild every member's figures from the ratings (weeks age out of the 12 months)."""
    differed = ratings.recompute_all()
    for user, before, after in differed:
        logger.warning("Reputation of %s differed: %s -> %s; corrected.", user.username, before, after)
    return len(differed)
