"""The hub's one text analyser: the same words, stems and spellings for every backend.

Documents and queries both go through `index_terms()` here, in Python, so SQLite FTS5, PostgreSQL
and Elasticsearch index and match exactly the same terms (they only split on spaces):

- words are lower-cased, accents folded ("Freire" and "Fréire" meet), apostrophes dropped
  ("neighbour's" is "neighbour");
- American spellings become British ones before stemming ("organize" -> "organise",
  "neighbor" -> "neighbour", "mold" -> "mould"), so both spellings meet;
- one English stemmer (Snowball's Porter2, through PyStemmer) merges the forms of a word
  ("organising", "organised" -> "organis");
- common function words ("what", "is", "the", "how") are dropped, so a plain-language question
  matches on the words that carry its meaning;
- a hyphenated word gives its parts and the joined word ("door-knocking" -> "door", "knock",
  "doorknock"), so "door knocking", "door-knocking" and "doorknocking" meet (the query side
  also tries splitting and joining words: search/query.py).

Changing anything here changes what the index holds: run `manage.py search_reindex` after.
See docs/adr/0042-one-analyser-in-python.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# A word: letters and digits, with inner apostrophes or hyphens ("don't", "door-to-door").
WORD = re.compile(r"[^\W_]+(?:['’‘-][^\W_]+)*", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")

# Snowball's English stop list (apostrophes removed, as the tokeniser removes them), plus a few
# modal verbs that only make a plain-language question longer.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "arent",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "cant",
        "could",
        "couldnt",
        "did",
        "didnt",
        "do",
        "does",
        "doesnt",
        "doing",
        "dont",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadnt",
        "has",
        "hasnt",
        "have",
        "havent",
        "having",
        "he",
        "hed",
        "hell",
        "hes",
        "her",
        "here",
        "heres",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "hows",
        "i",
        "id",
        "ill",
        "im",
        "ive",
        "if",
        "in",
        "into",
        "is",
        "isnt",
        "it",
        "its",
        "itself",
        "lets",
        "may",
        "me",
        "might",
        "more",
        "most",
        "must",
        "mustnt",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "shant",
        "she",
        "shed",
        "shell",
        "shes",
        "should",
        "shouldnt",
        "so",
        "some",
        "such",
        "than",
        "that",
        "thats",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "theres",
        "these",
        "they",
        "theyd",
        "theyll",
        "theyre",
        "theyve",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasnt",
        "we",
        "wed",
        "well",
        "were",
        "weve",
        "werent",
        "what",
        "whats",
        "when",
        "whens",
        "where",
        "wheres",
        "which",
        "while",
        "who",
        "whos",
        "whom",
        "why",
        "whys",
        "will",
        "with",
        "wont",
        "would",
        "wouldnt",
        "you",
        "youd",
        "youll",
        "youre",
        "youve",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)


def _spellings() -> dict[str, str]:
    """American -> British spellings, as whole words (before stemming)."""
    table: dict[str, str] = {}
    our = [
        "armor",
        "behavior",
        "candor",
        "clamor",
        "color",
        "endeavor",
        "favor",
        "flavor",
        "harbor",
        "honor",
        "humor",
        "labor",
        "neighbor",
        "odor",
        "parlor",
        "rigor",
        "rumor",
        "savior",
        "splendor",
        "tumor",
        "valor",
        "vapor",
        "vigor",
    ]
    for american in our:
        british = american[:-2] + "our"
        for ending in ("", "s", "ed", "ing", "ful", "hood", "hoods", "ly", "less", "ite", "ites", "able", "al"):
            table[american + ending] = british + ending
    re_words = ["center", "fiber", "liter", "luster", "meager", "saber", "scepter", "somber", "theater", "caliber"]
    for american in re_words:
        british = american[:-2] + "re"
        table.update({american: british, american + "s": british + "s"})
        table[american + "ed"] = british[:-1] + "ed"
    table.update({"centering": "centring", "centered": "centred", "theaters": "theatres"})
    for american, british in {
        "catalog": "catalogue",
        "dialog": "dialogue",
        "analog": "analogue",
        "defense": "defence",
        "offense": "offence",
        "pretense": "pretence",
        "license": "licence",
        "licensed": "licenced",
        "mold": "mould",
        "molds": "moulds",
        "moldy": "mouldy",
        "gray": "grey",
        "plow": "plough",
        "program": "programme",
        "programs": "programmes",
        "aging": "ageing",
        "judgment": "judgement",
        "acknowledgment": "acknowledgement",
        "mom": "mum",
        "moms": "mums",
        "math": "maths",
        "practicing": "practising",
        "practiced": "practised",
        "enrollment": "enrolment",
        "fulfillment": "fulfilment",
        "fulfill": "fulfil",
        "skillful": "skilful",
        "willful": "wilful",
        "jewelry": "jewellery",
        "cozy": "cosy",
    }.items():
        table[american] = british
    for base in [
        "cancel",
        "counsel",
        "equal",
        "fuel",
        "label",
        "level",
        "marvel",
        "model",
        "signal",
        "total",
        "travel",
        "channel",
    ]:
        for ending in ("ed", "ing", "er", "ers", "or", "ors"):
            table[base + ending] = base + "l" + ending
    return table


SPELLINGS = _spellings()
# -ize/-yze and their forms become -ise/-yse ("organization" -> "organisation"); "size", "seize"
# and "prize" are too short to match, the longer exceptions are listed.
_IZE = re.compile(r"^(\w{3,}?)([iy])z(e|es|ed|ing|er|ers|ation|ations|able)$")
_IZE_EXCEPTIONS = frozenset(
    [
        "capsize",
        "capsized",
        "capsizes",
        "downsize",
        "downsized",
        "downsizing",
        "oversize",
        "oversized",
        "resize",
        "resized",
        "resizing",
        "bitesize",
        "citizen",
        "citizens",
    ]
)


def british(word: str) -> str:
    """One spelling for words that British and American English spell differently."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word not in _IZE_EXCEPTIONS:
        match = _IZE.match(word)
        if match:
            return f"{match[1]}{match[2]}s{match[3]}"
    return word


def fold(text: str) -> str:
    """Lower case without accents ("Fréire" -> "freire"); other scripts are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index form of one folded word: British spelling, then the Snowball English stem."""
    return _STEMMER.stemWord(british(word))


@dataclass(frozen=True)
class Token:
    """One word of the text as the index sees it: its stem, and the word as written (folded)."""

    term: str
    word: str
    joined: bool = False  # the joined form of a hyphenated word, placed after its parts


def _plain(word: str) -> str:
    word = re.sub(r"['’‘]s$", "", word)  # "neighbour's" -> "neighbour"
    return re.sub(r"['’‘]", "", word)


def tokens(text: str | None, keep_stop_words: bool = False) -> list[Token]:
    """Every indexable word of `text`, in order, with stems; hyphenated words add their joined form."""
    found: list[Token] = []
    for match in WORD.finditer(fold(text or "")):
        parts = [_plain(part) for part in match.group().split("-")]
        parts = [part for part in parts if part]
        for part in parts:
            if keep_stop_words or part not in STOP_WORDS:
                found.append(Token(stem(part), part))
        if len(parts) > 1:
            joined = "".join(parts)
            found.append(Token(stem(joined), joined, joined=True))
    return found


def index_terms(text: str | None) -> list[str]:
    """The terms the index stores for `text`, in order."""
    return [token.term for token in tokens(text)]


def index_text(text: str | None) -> str:
    """`index_terms` as one space-separated string: what every backend indexes."""
    return " ".join(index_terms(text))


def is_stop_word(word: str) -> bool:
    return _plain(fold(word)) in STOP_WORDS
