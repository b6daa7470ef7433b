"""Whether a text matches a query, how well, and where its best match is.

Pure functions over a text's words; the database only narrows the candidates (every folded word
present), so the rules here are the same on SQLite and PostgreSQL.

Rank, best first: pages holding all the query's words together in the order typed (a phrase),
then pages by the shortest stretch of words that holds every query word (words close together
before words apart), then by how often the words occur.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.query import Query, Word, normal_words
from app.kit.text import fold


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    exact: str
    folded: str


@dataclass(frozen=True)
class Match:
    key: tuple[int, int, int, int]  # smaller is better
    best: tuple[int, int]  # character span of the best match
    marks: list[tuple[int, int]]  # character spans of every matching word


def tokens(text: str) -> list[Token]:
    return [Token(start, end, word, fold(word)) for start, end, word in normal_words(text)]


def _hits(word: Word, toks: list[Token]) -> list[int]:
    return [i for i, t in enumerate(toks) if word.matches(t.folded, t.exact)]


def _phrase_starts(phrase: tuple[Word, ...], toks: list[Token]) -> list[int]:
    last = len(toks) - len(phrase)
    return [i for i in range(last + 1)
            if all(w.matches(toks[i + k].folded, toks[i + k].exact) for k, w in enumerate(phrase))]


def shortest_window(positions: list[list[int]]) -> tuple[int, int]:
    """The smallest (first, last) token range holding one position of every list (none empty)."""
    events = sorted((p, which) for which, ps in enumerate(positions) for p in ps)
    counts = [0] * len(positions)
    covered, left = 0, 0
    best = (events[0][0], events[-1][0])
    for position, which in events:
        counts[which] += 1
        covered += counts[which] == 1
        while covered == len(positions):
            first, first_which = events[left]
            if position - first < best[1] - best[0]:
                best = (first, position)
            counts[first_which] -= 1
            covered -= counts[first_which] == 0
            left += 1
    return best


def match(query: Query, text: str) -> Match | None:
    """None unless every word is in `text` and every quoted phrase stands in it."""
    toks = tokens(text)
    hits = [_hits(word, toks) for word in query.words]
    if not query.words or not all(hits):
        return None
    forced = [_phrase_starts(phrase, toks) for phrase in query.phrases]
    if not all(forced):
        return None
    together = _phrase_starts(query.words, toks) if len(query.words) > 1 else []
    window = shortest_window(hits)
    first, last = window
    if together:
        first, last = together[0], together[0] + len(query.words) - 1
    elif forced:
        phrase = query.phrases[0]
        first, last = forced[0][0], forced[0][0] + len(phrase) - 1
    marked = sorted({i for positions in hits for i in positions})
    key = (0 if together else 1, window[1] - window[0], -len(together), -len(marked))
    return Match(key=key, best=(toks[first].start, toks[last].end),
                 marks=[(toks[i].start, toks[i].end) for i in marked])
