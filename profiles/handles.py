"""Turn the social handles people type into feed and profile addresses, refusing anything odd.

Handles end up in URLs we fetch, so they are checked strictly here rather than escaped later.
"""

import re

_MASTODON = re.compile(r"^@?(?P<user>[A-Za-z0-9_]{1,64})@(?P<instance>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$")
_BLUESKY = re.compile(r"^@?(?P<handle>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$")
_X = re.compile(r"^@?(?P<handle>[A-Za-z0-9_]{1,15})$")


class HandleError(ValueError):
    pass


def _matched(pattern: re.Pattern, handle: str, message: str) -> re.Match | None:
    """None for a blank handle, else its match; HandleError with `message` when it does not match."""
    handle = (handle or "").strip()
    if not handle:
        return None
    match = pattern.match(handle)
    if not match:
        raise HandleError(message)
    return match


def parse_mastodon(handle: str) -> tuple[str, str] | None:
    """`@user@instance` as (user, instance), None when blank."""
    example = "Write your Mastodon account as @name@instance, for example @sam@mastodon.social."
    match = _matched(_MASTODON, handle, example)
    return (match["user"], match["instance"].lower()) if match else None


def parse_bluesky(handle: str) -> str | None:
    example = "Write your Bluesky handle as a name with dots, for example sam.bsky.social."
    match = _matched(_BLUESKY, handle, example)
    return match["handle"].lower() if match else None


def _mastodon_url(handle: str, ending: str) -> str | None:
    parsed = parse_mastodon(handle)
    return f"https://{parsed[1]}/@{parsed[0]}{ending}" if parsed else None


def _bluesky_url(handle: str, ending: str) -> str | None:
    parsed = parse_bluesky(handle)
    return f"https://bsky.app/profile/{parsed}{ending}" if parsed else None


def mastodon_feed_url(handle: str) -> str | None:
    return _mastodon_url(handle, ".rss")


def mastodon_profile_url(handle: str) -> str | None:
    return _mastodon_url(handle, "")


def bluesky_feed_url(handle: str) -> str | None:
    return _bluesky_url(handle, "/rss")


def bluesky_profile_url(handle: str) -> str | None:
    return _bluesky_url(handle, "")


def x_profile_url(handle: str) -> str | None:
    """X's API is paid, so the hub only links to the account."""
    match = _X.match((handle or "").strip())
    return f"https://x.com/{match['handle']}" if match else None
