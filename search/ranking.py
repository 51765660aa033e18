"""The hub's ranking formula, shared by every backend.

    score = relevance x (1 + quality)
    quality = accepted_weight x accepted
            + rating_weight x log(1 + max(rating_score, 0))
            + author_weight x log(1 + max(author_score, 0))
            + recency_weight x 0.5 ^ (age_in_days / recency_half_life_days)

`relevance` is the backend's own text score (FTS5 bm25, PostgreSQL ts_rank_cd, Elasticsearch
BM25), so it is comparable only within one backend; the quality factor multiplies it the same
way everywhere (Elasticsearch does it with function_score: score_mode "sum", boost_mode
"multiply"). Weights live in settings.SEARCH_RANKING. See docs/adr/0040.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.utils import timezone


def weights() -> dict:
    return settings.SEARCH_RANKING


def quality(
    *, accepted: bool, rating_score: int, author_score: int, published_at: datetime, now: datetime | None = None
) -> float:
    w = weights()
    now = now or timezone.now()
    age_days = max((now - published_at).total_seconds() / 86400, 0)
    return (
        w["accepted"] * (1 if accepted else 0)
        + w["rating"] * math.log1p(max(rating_score, 0))
        + w["author"] * math.log1p(max(author_score, 0))
        + w["recency"] * 0.5 ** (age_days / w["recency_half_life_days"])
    )


def combined(relevance: float, entry, now: datetime | None = None) -> float:
    """The final score of one index entry (any object with the entry's quality fields)."""
    return relevance * (
        1
        + quality(
            accepted=entry.accepted,
            rating_score=entry.rating_score,
            author_score=entry.author_score,
            published_at=entry.published_at,
            now=now,
        )
    )
