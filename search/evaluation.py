"""Relevance, measured: the judged queries (search/judged_queries.toml) scored against a backend.

For each query: nDCG@10 (gain 2^grade - 1, discount log2(rank + 1), against the best possible
order of the judged documents), reciprocal rank of the first best answer (the query's highest
grade), and success@3 (a best answer in the top three). `make search-eval` prints them for each
backend; the relevance gate in the test suite fails under a mean nDCG@10 of GATE_NDCG or any
query without a best answer in its top three.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from search.models import IndexEntry

JUDGEMENTS = Path(__file__).resolve().parent / "judged_queries.toml"
DEPTH = 10
GATE_NDCG = 0.9


@dataclass(frozen=True)
class Judged:
    q: str
    type: str
    grades: dict[str, int]  # "kind: title" -> grade

    @property
    def best(self) -> set[str]:
        top = max(self.grades.values())
        return {key for key, grade in self.grades.items() if grade == top}


@dataclass
class Scored:
    judged: Judged
    found: list[str]  # "kind: title" of the first DEPTH results
    ndcg: float
    reciprocal_rank: float
    success_at_3: bool


@dataclass
class Report:
    backend: str
    scored: list[Scored] = field(default_factory=list)

    def mean(self, name: str) -> float:
        return sum(float(getattr(item, name)) for item in self.scored) / len(self.scored) if self.scored else 0.0

    @property
    def failures(self) -> list[Scored]:
        return [item for item in self.scored if not item.success_at_3]

    @property
    def passes_gate(self) -> bool:
        return self.mean("ndcg") >= GATE_NDCG and not self.failures

    def worst(self, count: int = 8) -> list[Scored]:
        return sorted(self.scored, key=lambda item: (item.ndcg, item.judged.q))[:count]


def load(path: Path = JUDGEMENTS) -> list[Judged]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [Judged(item["q"], item["type"], dict(item["relevant"])) for item in data["query"]]


def key(kind: str, title: str) -> str:
    return f"{kind}: {title}"


def missing_documents(judged: list[Judged]) -> list[str]:
    """Judged documents the index does not hold (a typo in the file, or demo content that changed)."""
    present = {key(kind, title) for kind, title in IndexEntry.objects.values_list("kind", "title")}
    return sorted({name for item in judged for name in item.grades if name not in present})


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades[:DEPTH]))


def score(judged: Judged, found: list[str]) -> Scored:
    grades = [judged.grades.get(name, 0) for name in found[:DEPTH]]
    ideal = dcg(sorted(judged.grades.values(), reverse=True))
    best = judged.best
    first = next((rank for rank, name in enumerate(found[:DEPTH], start=1) if name in best), None)
    return Scored(
        judged=judged,
        found=found[:DEPTH],
        ndcg=dcg(grades) / ideal if ideal else 0.0,
        reciprocal_rank=1 / first if first else 0.0,
        success_at_3=bool(first and first <= 3),
    )


def evaluate(backend: str, run: Callable[[str], list[str]], judged: list[Judged] | None = None) -> Report:
    """Score `run` (query text -> "kind: title" of its results, best first) on every judged query."""
    report = Report(backend=backend)
    for item in judged or load():
        report.scored.append(score(item, run(item.q)))
    return report


def format_report(report: Report, worst: int = 8) -> str:
    lines = [
        f"{report.backend}: {len(report.scored)} judged queries",
        f"  mean nDCG@10 {report.mean('ndcg'):.3f}   MRR {report.mean('reciprocal_rank'):.3f}   "
        f"success@3 {report.mean('success_at_3'):.3f}   "
        f"gate (nDCG@10 >= {GATE_NDCG}, best answer in the top 3): {'passed' if report.passes_gate else 'FAILED'}",
        "  worst queries:",
    ]
    for item in report.worst(worst):
        top = "; ".join(item.found[:3]) or "(nothing)"
        lines.append(f"    {item.ndcg:.2f}  {'ok  ' if item.success_at_3 else 'MISS'}  {item.judged.q!r}  -> {top}")
    return "\n".join(lines)


def format_parity(reports: list[Report], depth: int = 3) -> str:
    """The backends' top results side by side, one block per judged query."""
    lines = ["Parity: top results per backend (* = a best answer)"]
    for index, item in enumerate(reports[0].scored if reports else []):
        lines.append(f"  {item.judged.q!r}")
        for report in reports:
            scored = report.scored[index]
            shown = ", ".join(("*" if name in item.judged.best else "") + name for name in scored.found[:depth])
            lines.append(f"    {report.backend:<14} {shown or '(nothing)'}")
    return "\n".join(lines)
