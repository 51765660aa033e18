"""Fetching other people's feeds safely: a guarded HTTP client, XML checks, sanitising.

See docs/adr/0021-guarded-feed-fetching.md for why each guard exists.
"""

from profiles.feeds.errors import FetchError, FetchRefused

__all__ = ["FetchError", "FetchRefused"]
