"""The index's own vocabulary: which terms it holds, in how many documents, and what is close.

SQLite reads FTS5's vocabulary table (`search_fts_vocab`, live with the index). PostgreSQL keeps
`search_term` (term, documents) in step with every index write (search/store.py), with a pg_trgm
index for near spellings. Both serve the query parser (joins, splits, unknown words) and
"Did you mean": a suggestion is always a term some document holds, never a dictionary word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from search import analysis

SQLITE_VOCAB = "search_fts_vocab"
TERM_TABLE = "search_term"


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def document_frequencies(terms: list[str]) -> dict[str, int]:
    """How many documents hold each term (terms the index does not hold are left out)."""
    if not terms:
        return {}
    marks = ", ".join(["%s"] * len(terms))
    if connection.vendor == "postgresql":
        sql = f"SELECT term, docs FROM {TERM_TABLE} WHERE term IN ({marks}) AND docs > 0"  # noqa: S608
    else:
        sql = f"SELECT term, doc FROM {SQLITE_VOCAB} WHERE term IN ({marks})"  # noqa: S608
    return dict(_rows(sql, list(terms)))


def _candidates(terms: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Indexed terms near each of `terms`, read in one statement whatever their number."""
    if not terms:
        return {}
    if connection.vendor == "postgresql":
        one = (
            f"(SELECT %s, term, docs FROM {TERM_TABLE} WHERE term %% %s AND docs > 0 "  # noqa: S608
            "ORDER BY similarity(term, %s) DESC, docs DESC LIMIT 50)"
        )
        params = [value for term in terms for value in (term, term, term)]
    else:
        # Near spellings nearly always keep the first letter; the range is read from FTS5's term list.
        # Stems can be much shorter than a misspelt word ("mobilisaton" is near the stem "mobilis").
        one = (
            f"SELECT %s, term, doc FROM {SQLITE_VOCAB} "  # noqa: S608
            "WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s"
        )
        params = [
            value for term in terms for value in (term, term[0], chr(ord(term[0]) + 1), len(term) - 5, len(term) + 2)
        ]
    found: dict[str, list[tuple[str, int]]] = {term: [] for term in terms}
    for term, candidate, docs in _rows(" UNION ALL ".join([one] * len(terms)), params):
        found[term].append((candidate, docs))
    return found


def _prefix_distance(word: str, candidate: str, limit: int) -> int:
    """How far the start of a typed word is from an indexed term (a stem is the start of its
    words, and a misspelt ending defeats the stemmer: "mobilisaton" starts like "mobilis")."""
    sizes = range(max(len(candidate) - 1, 1), len(candidate) + 2)
    usable = [size for size in sizes if 0 < len(word) - size <= 5 and size * 5 >= len(word) * 3]
    return min((edit_distance(word[:size], candidate, limit) for size in usable), default=limit + 1)


def closest(word: str) -> str | None:
    """The most common indexed term within one edit (two for longer words) of the typed `word`'s
    stem, or failing that of its start; None when nothing is that close."""
    return closest_each([word])[word]


def closest_each(words: list[str]) -> dict[str, str | None]:
    """closest() of each word, with one look-up in the vocabulary for them all."""
    folded = {word: analysis.british(analysis.fold(word)) for word in words}
    stems = {word: analysis.stem(typed) for word, typed in folded.items()}
    candidates = _candidates(sorted(set(stems.values())))
    return {word: _nearest(folded[word], stems[word], candidates[stems[word]]) for word in words}


def _nearest(word: str, term: str, found: list[tuple[str, int]]) -> str | None:
    limit = 1 if len(term) <= 4 else 2
    candidates = [(c, docs) for c, docs in found if c != term and c.isalpha() and len(c) >= 3]
    for distance in (lambda c: edit_distance(term, c, limit), lambda c: _prefix_distance(word, c, limit)):
        scored = [(distance(candidate), -docs, candidate) for candidate, docs in candidates]
        near = [item for item in scored if item[0] <= limit]
        if near:
            return min(near)[2]
    return None


def edit_distance(left: str, right: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), or limit + 1 once it is past `limit`."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(right) + 1))
    for i, char in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        for j, other in enumerate(right, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 and i > 1 and j > 1 and char == right[j - 2] and left[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def surface(term: str) -> str:
    """A word as documents write it for `term` (the stem "marshal" reads "marshall")."""
    if connection.vendor == "postgresql":
        sql = "SELECT title, summary, tags, body FROM search_indexentry WHERE search_vector @@ %s::tsquery LIMIT 1"
        rows = _rows(sql, [f"'{term}'"])
    else:
        sql = (
            "SELECT e.title, e.summary, e.tags, e.body FROM search_fts JOIN search_indexentry e "
            "ON e.id = search_fts.rowid WHERE search_fts MATCH %s LIMIT 1"
        )
        rows = _rows(sql, [f'{{title summary tags body}} : "{term}"'])
    for text in rows[0] if rows else ():
        for token in analysis.tokens(text):
            if token.term == term and not token.joined:
                return token.word
    return term


# --- PostgreSQL: keeping search_term in step ---------------------------------------------------


def document_terms(*texts: str) -> set[str]:
    return {term for text in texts for term in analysis.index_terms(text)}


def record(added: Iterable[set[str]] = (), removed: Iterable[set[str]] = ()) -> None:
    """Count documents in and out of the vocabulary (PostgreSQL only; FTS5 keeps its own)."""
    if connection.vendor != "postgresql":
        return
    delta: Counter = Counter()
    for term_set in added:
        delta.update(term_set)
    for term_set in removed:
        delta.subtract(term_set)
    changes = sorted((term, count) for term, count in delta.items() if count)
    if not changes:
        return
    values = ", ".join(["(%s, %s)"] * len(changes))
    sql = (
        f"INSERT INTO {TERM_TABLE} (term, docs) VALUES {values} "  # noqa: S608
        "ON CONFLICT (term) DO UPDATE SET docs = search_term.docs + EXCLUDED.docs"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for change in changes for value in change])


def rebuild() -> None:
    """Recount every term from the index itself (after a bulk rebuild; PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TERM_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TERM_TABLE} (term, docs) "  # noqa: S608
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_indexentry')"
        )
