"""Read-side queries of profiles used by other parts of the hub."""


def home_featured_profiles(limit: int) -> list:
    return []


def profile_for_user(user):
    """The live organiser profile page owned by `user`, or None (for member pages)."""
    return None
