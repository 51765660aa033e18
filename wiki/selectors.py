"""Read-side queries of the wiki used by other parts of the hub."""


def home_newest_pages(limit: int) -> list:
    return []


def home_recently_changed_pages(limit: int) -> list:
    return []


def pages_contributed_by(user, limit: int = 20) -> list:
    """Live wiki pages `user` has a revision on, newest first (for profiles and member pages)."""
    return []
