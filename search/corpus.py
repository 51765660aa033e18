"""Corpus step for search: rebuild the index over everything the other generators wrote."""

from hub.corpus_support import CorpusContext
from search import indexing


def generate(corpus: CorpusContext) -> None:
    counts = indexing.reindex(progress=lambda kind, count: corpus.step(f"Search index: {count:,} {kind} entries"))
    corpus.step(f"Search index rebuilt: {sum(counts.values()):,} entries")
