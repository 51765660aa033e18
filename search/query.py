"""A visitor's text as a search: concepts that must all match, each with the ways it may be written.

    "door knocking safety"  ->  (door AND knock  OR  doorknock)  AND  safeti
    "doorknocking"          ->  (doorknock  OR  "door knock")
    "door-knocking"         ->  ("door knock"  OR  doorknock)

Every word goes through the one analyser (search/analysis.py), so a query matches what the
index holds on every backend. The index's own vocabulary (search/vocabulary.py) decides which
joins and splits are worth trying and which words it has never seen ("Did you mean" starts
from those). Each backend turns a ParsedQuery into its own syntax from these terms only: the
visitor's text never reaches a query language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from search import analysis, terms, vocabulary

Phrase = tuple[str, ...]  # terms in order; a phrase of one term is a plain term
MIN_SPLIT_PART = 3  # letters on each side when a word is tried as two words


@dataclass(frozen=True)
class Option:
    """One way of writing a concept: every phrase must match (AND)."""

    phrases: tuple[Phrase, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for phrase in self.phrases for term in phrase)


@dataclass(frozen=True)
class Concept:
    """One idea of the query (a word, a hyphenated word, two words that may be one); any option matches."""

    options: tuple[Option, ...]
    words: tuple[str, ...]  # what the visitor typed for it (folded), for corrections and highlights
    position: int = -1  # which typed word it came from (stop words included)

    @property
    def main(self) -> Option:
        return self.options[0]


@dataclass
class ParsedQuery:
    text: str  # the cleaned text, as shown back to the visitor
    concepts: list[Concept] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # typed words the index has never seen
    frequencies: dict[str, int] = field(default_factory=dict)  # documents holding each term
    counted: bool = False  # frequencies were read from the index's vocabulary (a term left out is in none)

    def __bool__(self) -> bool:
        return bool(self.concepts)

    @property
    def terms(self) -> list[str]:
        """The main terms in the order typed: the phrase and exact-title checks use them."""
        return [term for concept in self.concepts for term in concept.main.terms]

    def most_matches(self, every: bool) -> int | None:
        """At most how many documents can match, from the vocabulary's document counts (None when
        they were not read): a concept matches no more documents than its options' rarest terms."""
        if not self.counted:
            return None
        each = [
            sum(min(self.frequencies.get(term, 0) for term in option.terms) for option in concept.options)
            for concept in self.concepts
        ]
        return (min(each) if every else sum(each)) if each else 0

    @property
    def all_terms(self) -> set[str]:
        """Every term of every option: what a snippet marks."""
        return {term for concept in self.concepts for option in concept.options for term in option.terms}


def parse(text: str | None, use_vocabulary: bool = True) -> ParsedQuery:
    """The visitor's text as concepts. Without the vocabulary no joins, splits or unknown words."""
    cleaned = terms.clean_text(text)
    concepts = _concepts(cleaned)[: settings.SEARCH_MAX_TERMS]
    query = ParsedQuery(text=cleaned, concepts=concepts)
    if use_vocabulary and concepts:
        _use_vocabulary(query)
    return query


def _concepts(text: str) -> list[Concept]:
    typed = [match.group() for match in analysis.WORD.finditer(analysis.fold(text))]
    meaningful = [word for word in typed if not analysis.is_stop_word(word)]
    # A question made only of stop words ("who are we") still searches for them.
    concepts = [
        _concept(word, position, keep_stop_words=not meaningful)
        for position, word in enumerate(typed)
        if not meaningful or not analysis.is_stop_word(word)
    ]
    return [concept for concept in concepts if concept]


def _concept(word: str, position: int, keep_stop_words: bool) -> Concept | None:
    tokens = analysis.tokens(word, keep_stop_words=keep_stop_words)
    parts = tuple(token.term for token in tokens if not token.joined)
    joined = [token.term for token in tokens if token.joined]
    if not parts:
        return None
    options = [Option((parts,))]
    if joined and joined[0] not in parts:
        options.append(Option(((joined[0],),)))
    return Concept(tuple(options), tuple(token.word for token in tokens if not token.joined), position)


def _plain(concept: Concept) -> str | None:
    """The one typed word of a single-word concept, else None."""
    if len(concept.options) == 1 and len(concept.words) == 1 and len(concept.main.terms) == 1:
        return concept.words[0]
    return None


def _splits(word: str) -> list[tuple[str, str]]:
    return [
        (analysis.stem(word[:cut]), analysis.stem(word[cut:]))
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1)
    ]


def _joins(concepts: list[Concept], text: str) -> dict[int, str]:
    """Index of a concept -> its join with the next one, as typed with at most one stop word
    between ("door knocking" -> doorknock, "one to one" -> onetoon)."""
    typed = [match.group() for match in analysis.WORD.finditer(analysis.fold(text))]
    found = {}
    for index in range(len(concepts) - 1):
        left, right = concepts[index], concepts[index + 1]
        if _plain(left) and _plain(right) and 0 < right.position - left.position <= 2:
            found[index] = analysis.stem("".join(typed[left.position : right.position + 1]))
    return found


def _use_vocabulary(query: ParsedQuery) -> None:
    joins = _joins(query.concepts, query.text)
    splits = {index: _splits(word) for index, c in enumerate(query.concepts) if (word := _plain(c))}
    wanted = set(query.all_terms) | set(joins.values())
    wanted |= {term for pairs in splits.values() for pair in pairs for term in pair}
    frequency = vocabulary.document_frequencies(sorted(wanted))
    query.frequencies, query.counted = frequency, True
    known = {term for term, count in frequency.items() if count > 0}
    query.concepts = [_with_split(c, splits.get(i, []), frequency) for i, c in enumerate(query.concepts)]
    query.concepts = _join(query.concepts, joins, known)
    query.unknown = [
        word
        for concept in query.concepts
        if not any(set(option.terms) <= known for option in concept.options)
        for word in concept.words
    ]


def _with_split(concept: Concept, pairs: list[tuple[str, str]], frequency: dict[str, int]) -> Concept:
    """Add "door knock" to "doorknocking" when the index knows both halves (the most common pair)."""
    usable = [pair for pair in pairs if all(frequency.get(term, 0) > 0 for term in pair)]
    if not usable:
        return concept
    best = max(usable, key=lambda pair: min(frequency[pair[0]], frequency[pair[1]]))
    return Concept((*concept.options, Option((best,))), concept.words, concept.position)


def _join(concepts: list[Concept], joins: dict[int, str], known: set[str]) -> list[Concept]:
    """Two typed words that the index also holds as one ("door knocking" / "doorknocking") become one concept."""
    merged, index = [], 0
    while index < len(concepts):
        joined = joins.get(index)
        if joined in known and index + 1 < len(concepts):
            left, right = concepts[index], concepts[index + 1]
            both = Option((*left.main.phrases, *right.main.phrases))
            merged.append(Concept((both, Option(((joined,),))), left.words + right.words, left.position))
            index += 2
        else:
            merged.append(concepts[index])
            index += 1
    return merged


def _contains(tokens: list[str], phrase: Phrase) -> bool:
    if len(phrase) == 1 or phrase[0] not in tokens:
        return phrase[0] in tokens
    size, rest = len(phrase), list(phrase[1:])
    return any(word == phrase[0] and tokens[start + 1 : start + size] == rest for start, word in enumerate(tokens))


def holds(fields: list[list[str]], query: ParsedQuery) -> tuple[int, bool]:
    """(concepts held, phrase) for a document whose analysed fields are `fields`.

    A concept is held when one of its options is (each phrase in one field, in order); the
    phrase is the query's main terms together, in order, in one field."""

    def anywhere(phrase: Phrase) -> bool:
        return any(_contains(tokens, phrase) for tokens in fields)

    matched = sum(
        any(all(anywhere(phrase) for phrase in option.phrases) for option in concept.options)
        for concept in query.concepts
    )
    main = tuple(query.terms)
    return matched, len(main) > 1 and anywhere(main)


def counts(fields: list[list[str]], names: set[str]) -> dict[str, tuple[int, ...]]:
    """Occurrences of each of `names` in each analysed field (fields in the ranking's order)."""
    found: dict[str, list[int]] = {}
    for index, tokens in enumerate(fields):
        for token in tokens:
            if token in names:
                found.setdefault(token, [0] * len(fields))[index] += 1
    return {name: tuple(values) for name, values in found.items()}
