"""Turn the social handles people type into feed and profile addresses, refusing anything odd.

Handles end up in URLs we fetch, so they are checked strictly here rather than escaped later.
"""

import re

_MASTODON = re.compile(r"^@?(?P<user>[A-Za-z0-9_]{1,64})@(?P<instance>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$")
_BLUESKY = re.compile(r"^@?(?P<handle>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$")
_X = re.compile(r"^@?(?P<handle>[A-Za-z0-9_]{1,15})$")


class HandleError(ValueError):
    pass


def parse_mastodon(handle: str) -> tuple[str, str] | None:
    """`@user@instance` as (user, instance), None when blank."""
    handle = (handle or "").strip()
    if not handle:
        return None
    match = _MASTODON.match(handle)
    if not match:
        raise HandleError("Write your Mastodon account as @name@instance, for example @sam@mastodon.social.")
    return match["user"], match["instance"].lower()


def parse_bluesky(handle: str) -> str | None:
    handle = (handle or "").strip()
    if not handle:
        return None
    match = _BLUESKY.match(handle)
    if not match:
        raise HandleError("Write your Bluesky handle as a name with dots, for example sam.bsky.social.")
    return match["handle"].lower()


def mastodon_feed_url(handle: str) -> str | None:
    parsed = parse_mastodon(handle)
    return f"https://{parsed[1]}/@{parsed[0]}.rss" if parsed else None


def mastodon_profile_url(handle: str) -> str | None:
    parsed = parse_mastodon(handle)
    return f"https://{parsed[1]}/@{parsed[0]}" if parsed else None


def bluesky_feed_url(handle: str) -> str | None:
    parsed = parse_bluesky(handle)
    return f"https://bsky.app/profile/{parsed}/rss" if parsed else None


def bluesky_profile_url(handle: str) -> str | None:
    parsed = parse_bluesky(handle)
    return f"https://bsky.app/profile/{parsed}" if parsed else None


def x_profile_url(handle: str) -> str | None:
    """X's API is paid, so the hub only links to the account."""
    match = _X.match((handle or "").strip())
    return f"https://x.com/{match['handle']}" if match else None
