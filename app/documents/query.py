"""Search queries, parsed: which words, matched how, and which must stand together.

Per word: a word typed with any diacritic (or đ) must match exactly those diacritics ("đất" finds
"Đất", not "đạt"); a bare word matches any ("dat" finds "đất", "đạt", "dat"). Case never matters, nor on
which vowel the tone mark stands: older and newer spellings of one word ("thuỷ"/"thủy", "hoà"/"hòa",
"Uỷ"/"Ủy") carry the same diacritics.
Text between double quotes is a phrase: only pages holding those words together, in that order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from app.kit.text import fold

MAX_WORDS = 10
_WORD = re.compile(r"[^\W_]+")  # letters and digits; what both databases' tokenizers keep apart
# The five Vietnamese tone marks (grave, acute, tilde, hook above, dot below), as NFD has them.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def tone_key(word: str) -> str:
    """A word with its one tone mark moved after its letters: "thuỷ" and "thủy" give one key.
    A word without a tone mark, or with several (no Vietnamese syllable), is its own key."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return word
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES)) + tones[0]


@dataclass(frozen=True)
class Word:
    """A word as typed (lower case, NFC) and folded; `exact` only when typed with diacritics."""

    folded: str
    exact: str | None

    @cached_property
    def tone(self) -> str | None:
        """`exact`'s tone key, computed once per query word rather than once per page word."""
        return None if self.exact is None else tone_key(self.exact)

    def matches(self, folded: str, exact: str) -> bool:
        return folded == self.folded and (self.exact is None or exact == self.exact
                                          or tone_key(exact) == self.tone)


@dataclass(frozen=True)
class Query:
    words: tuple[Word, ...]  # in the order typed, repeats dropped
    phrases: tuple[tuple[Word, ...], ...]  # quoted groups of two words or more

    @property
    def terms(self) -> list[str]:
        """The folded words, each once: what the database index is asked for."""
        return list(dict.fromkeys(word.folded for word in self.words))

    def __bool__(self) -> bool:
        return bool(self.words)


def normal_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case NFC word) of each word of an NFC text."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def make_word(typed: str) -> Word:
    exact = unicodedata.normalize("NFC", typed).lower()
    folded = fold(exact)
    return Word(folded=folded, exact=exact if folded != exact else None)


def parse_query(text: str) -> Query:
    """Words outside and inside double quotes; an unclosed quote runs to the end."""
    text = unicodedata.normalize("NFC", text)
    words: list[Word] = []
    phrases: list[tuple[Word, ...]] = []
    for index, part in enumerate(text.split('"')):
        part_words = [make_word(w) for _, _, w in normal_words(part)]
        if index % 2 == 1 and len(part_words) >= 2:
            phrases.append(tuple(part_words[:MAX_WORDS]))
        words.extend(part_words)
    unique = tuple(dict.fromkeys(words))[:MAX_WORDS]
    kept = set(unique)
    return Query(words=unique,
                 phrases=tuple(p for p in phrases if all(w in kept for w in p)))
