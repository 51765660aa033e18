"""The hub's ranking, shared by every backend: text relevance leads, quality only reorders close matches.

    score = text x phrase x coverage^2 x (1 + spread x quality)      and a page whose title
                                                                      is the query comes first

- text: BM25F over the analysed fields (title 4, tags 3, summary 1.5, body 1, each with its own
  length normalisation), summed over the query's concepts (a concept counts by its best-scoring
  way of being written), divided by the best text score among the candidates: (0, 1].
- phrase: `phrase` (1.5) when the query's words stand together, in order, in one field.
- coverage: the share of the query's concepts a document holds; below 1 only when a search was
  broadened to any word because too few documents held every word.
- quality, in [0, 1]: the weighted mean of accepted (0 or 1), ratings and the author's feedback
  score (each ln(1 + x) / ln(1 + scale), at most 1) and recency (0.5 ^ (age / half-life)).
- spread (0.15): quality lifts a document by at most 15 %, so it reorders only matches whose text
  scores are within 15 % of each other; a weak match never passes a strong one.

Weights live in settings.SEARCH_RANKING and FIELDS below. The database backends pick their best
SEARCH_RERANK_POOL matches with their own text score (FTS5 bm25, ts_rank_cd), then score them
here, from the same analysed terms, so SQLite and PostgreSQL order alike. Elasticsearch computes
BM25F itself (combined_fields with these weights) and the quality factor in a script_score
(search/backends/elastic.py). See docs/adr/0043-ranking-text-first.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count
from django.utils import timezone

from search.models import IndexEntry
from search.query import ParsedQuery

# (field, weight, length normalisation b): title above tags and summary, those above the body.
FIELDS = (("title", 4.0, 0.5), ("summary", 1.5, 0.6), ("tags", 3.0, 0.3), ("body", 1.0, 0.75))
K1 = 2.0
CORPUS_CACHE_KEY = "search:corpus-stats"


@dataclass(frozen=True)
class Corpus:
    documents: int
    average: tuple[float, ...]  # average analysed terms per field, in FIELDS order


def corpus() -> Corpus:
    """Documents and average field lengths, cached for five minutes (they move slowly)."""
    stats = cache.get(CORPUS_CACHE_KEY)
    if stats is None:
        values = IndexEntry.objects.aggregate(
            documents=Count("pk"), **{name: Avg(f"{name}_terms") for name, _, _ in FIELDS}
        )
        stats = Corpus(values["documents"], tuple(max(values[name] or 0.0, 1.0) for name, _, _ in FIELDS))
        cache.set(CORPUS_CACHE_KEY, stats, timeout=300)
    return stats


def idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def text_score(
    query: ParsedQuery, counts: dict[str, tuple[int, ...]], lengths: tuple[int, ...], stats: Corpus
) -> float:
    """BM25F of one document: `counts` holds each query term's occurrences per field (FIELDS order).

    A concept scores with one idf whichever way it is written (its most common way), so a page
    that writes "one-to-one" and one that writes "one to one" meet on equal terms; within a
    way of writing, its terms' saturated frequencies are averaged."""

    norms = [
        1 - b + b * length / average for (_, _, b), length, average in zip(FIELDS, lengths, stats.average, strict=True)
    ]
    weights = [weight for _, weight, _ in FIELDS]

    def saturated(name: str) -> float:
        weighted = sum(w * count / norm for w, count, norm in zip(weights, counts[name], norms, strict=True) if count)
        return weighted / (K1 + weighted)

    fallback = max(stats.documents // 10, 1)
    total = 0.0
    for concept in query.concepts:
        frequency = max(min(query.frequencies.get(name, fallback) for name in o.terms) for o in concept.options)
        usable = [option for option in concept.options if all(counts.get(name) for name in option.terms)]
        best = max((sum(map(saturated, o.terms)) / len(o.terms) for o in usable), default=0.0)
        total += idf(stats.documents, frequency) * best
    return total


def weights() -> dict:
    return settings.SEARCH_RANKING


def _capped_log(value: int, scale: float) -> float:
    return min(1.0, math.log1p(max(value, 0)) / math.log1p(scale))


def quality(
    *,
    accepted: bool,
    rating_score: int,
    author_score: int,
    published_at: datetime,
    rated: bool = True,
    now: datetime | None = None,
) -> float:
    """The community's judgement of a document, in [0, 1]. Only forum posts are `rated` (accepted,
    ratings); for other content those parts do not apply, rather than counting as zero, so a
    wiki guide is not ranked below a question merely because guides cannot be rated."""
    w = weights()
    now = now or timezone.now()
    age_days = max((now - published_at).total_seconds() / 86400, 0)
    parts = {
        "author": _capped_log(author_score, w["author_scale"]),
        "recency": 0.5 ** (age_days / w["recency_half_life_days"]),
    }
    if rated:
        parts["accepted"] = 1.0 if accepted else 0.0
        parts["rating"] = _capped_log(rating_score, w["rating_scale"])
    total = sum(w[name] for name in parts)
    return sum(w[name] * value for name, value in parts.items()) / total if total else 0.0


def quality_factor(entry, now: datetime | None = None) -> float:
    """1 + spread x quality: the most quality can multiply a text score by. Forum posts (and only
    they) have `answered` set: that is what makes them rated."""
    value = quality(
        rated=entry.answered is not None,
        accepted=entry.accepted,
        rating_score=entry.rating_score,
        author_score=entry.author_score,
        published_at=entry.published_at,
        now=now,
    )
    return 1 + weights()["spread"] * value


@dataclass
class Candidate:
    """A text match as a database backend found it, with what the ranking needs to know."""

    entry: object  # a Row: the index entry's display and quality fields, title_key included
    text: float  # the backend's text score (higher is better)
    matched: int = 0  # how many of the query's concepts it holds
    phrase: bool = False  # the query's terms stand together, in order, in one field


def order(
    candidates: list[Candidate], concepts: int, exact_key: str, now: datetime | None = None
) -> list[tuple[object, float]]:
    """(entry, score) by the formula above: exact title matches first, then score, then newest entry."""
    if not candidates:
        return []
    now = now or timezone.now()
    best = max(candidate.text for candidate in candidates) or 1.0
    phrase = weights()["phrase"]
    hits = []
    for candidate in candidates:
        coverage = min(candidate.matched, concepts) / concepts if concepts else 1.0
        score = (candidate.text / best) * (phrase if candidate.phrase else 1.0) * coverage**2
        hits.append((candidate.entry, score * quality_factor(candidate.entry, now)))
    return sorted(hits, key=lambda hit: (hit[0].title_key != exact_key, -hit[1], -hit[0].pk))
