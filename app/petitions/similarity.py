"""Likely duplicates among petitions, with RapidFuzz on Vietnamese-folded text.

Folding (app.kit.text.fold) makes "đường" and "duong" the same; token_sort_ratio forgives word
order and typos; token_set_ratio lets a text still being typed match the whole petition it
repeats. Their mean keeps a short petition that merely shares a few words ("Sửa đường") from
scoring as a duplicate of a long one."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping

from rapidfuzz import fuzz, process, utils

from app.kit.text import fold

# Shown as "maybe the same" from here; merged on import without asking from SAME.
LIKELY = 60.0
SAME = 95.0
# Two words count as one mistyped from the other from this fuzz.ratio ("xuong"/"xuog" is 89).
TYPO = 75.0


def comparable(text: str) -> str:
    """What is stored (Petition.folded) and compared: folded, lower case, letters and digits
    separated by single spaces ("Đường, cầu" → "duong cau")."""
    return " ".join(utils.default_process(fold(text)).split())


def score(text_a: str, text_b: str) -> float:
    a, b = comparable(text_a), comparable(text_b)
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


def most_similar(text: str, choices: Mapping[int, str], *, limit: int = 10,
                 cutoff: float = LIKELY) -> list[tuple[int, float]]:
    """(id, score) of the choices ({id: comparable text}) scoring at least `cutoff` against
    `text`, best first (ties: lower id).

    token_sort_ratio is the plain ratio of the texts' sorted words: with the sorted forms cached
    (_sorted_words), it runs over all candidates in RapidFuzz's native bit-parallel loop. A mean
    of two scores of at most 100 reaches `cutoff` only if that score reaches 2·cutoff − 100, and
    a candidate's mean is at most (its sort score + 100) / 2: the costlier token_set_ratio is
    computed in that bound's order and stops once no candidate left can enter the first `limit`
    — for a text being typed, usually after a few hundred of 20,000 (docs/performance.md,
    "Petitions")."""
    query = comparable(text)
    if not query or not choices:
        return []
    keys = list(choices)
    by_sort = process.extract(_sorted_words(query), [_sorted_words(choices[key]) for key in keys],
                              scorer=fuzz.ratio, processor=None, limit=None,
                              score_cutoff=max(0.0, 2 * cutoff - 100))
    hits: list[tuple[float, int]] = []  # (-score, id), kept sorted: the best `limit` so far
    for _, sort_score, index in by_sort:  # best sort score first: the bound only falls
        bound = (sort_score + 100) / 2
        if bound < cutoff or (len(hits) >= limit and round(bound, 1) < -hits[limit - 1][0]):
            break
        key = keys[index]
        total = (fuzz.token_set_ratio(query, choices[key], processor=None) + sort_score) / 2
        if total >= cutoff:
            bisect.insort(hits, (-round(total, 1), key))
            del hits[limit:]
    return [(key, -negative) for negative, key in hits]


_SORTED: dict[str, str] = {}
_SORTED_MAX = 200_000


def _sorted_words(text: str) -> str:
    """The text's words in sorted order (what token_sort_ratio compares), cached: the same
    council's petitions are compared again at every keystroke."""
    found = _SORTED.get(text)
    if found is None:
        if len(_SORTED) >= _SORTED_MAX:
            _SORTED.clear()
        found = _SORTED[text] = " ".join(sorted(text.split()))
    return found


def differ_only_by_typos(a: str, b: str) -> bool:
    """Whether two comparable texts say the same thing in the same words, but for typos and at
    most one word more or less: what an import may merge without asking. A high score alone is
    not enough — "thôn 3" and "thôn 5", or the same request from two villages, score above SAME
    in a long text, yet are two petitions. So every word one text has and the other lacks must
    be a mistyping of a word only the other has; a number must appear in both exactly."""
    only_a = list((Counter(a.split()) - Counter(b.split())).elements())
    only_b = list((Counter(b.split()) - Counter(a.split())).elements())
    if any(word.isdigit() for word in (*only_a, *only_b)):
        return False
    unmatched = 0
    for word in only_a:
        best = process.extractOne(word, only_b, scorer=fuzz.ratio, processor=None, score_cutoff=TYPO)
        if best is None:
            unmatched += 1
        else:
            only_b.pop(best[2])
    return unmatched + len(only_b) <= 1


class SameIndex:
    """Finds a petition that says the same (score ≥ SAME, differing only by typos) among many,
    fast enough to check every row of an import against a term's petitions. A mean of two
    scores reaches SAME only if token_sort_ratio reaches 2·SAME − 100, and token_sort_ratio is
    the plain ratio of the texts' sorted words: kept sorted here, that first pass is RapidFuzz's
    native bit-parallel ratio. And a ratio of r% needs the shorter text to be at least
    r / (200 − r) of the longer one's length, so only the texts of about the same length (kept
    in length order) are compared at all."""

    FLOOR = 2 * SAME - 100

    def __init__(self, choices: Mapping[int, str]) -> None:
        self._texts: dict[int, str] = {}
        self._lengths: list[int] = []  # these three in length order
        self._sorted: list[str] = []
        self._keys: list[int] = []
        for key, text in choices.items():
            self.add(key, text)

    def add(self, key: int, text: str) -> None:
        self._texts[key] = text
        words = " ".join(sorted(text.split()))
        at = bisect.bisect_right(self._lengths, len(words))
        self._lengths.insert(at, len(words))
        self._sorted.insert(at, words)
        self._keys.insert(at, key)

    def find(self, text: str) -> int | None:
        """The key of the best petition scoring at least SAME against `text` (comparable) and
        differing from it only by typos, if any."""
        if not text:
            return None
        words = " ".join(sorted(text.split()))
        shortest = len(words) * self.FLOOR / (200 - self.FLOOR)
        low = bisect.bisect_left(self._lengths, shortest)
        high = bisect.bisect_right(self._lengths, len(words) / (self.FLOOR / (200 - self.FLOOR)))
        near = process.extract(words, self._sorted[low:high], scorer=fuzz.ratio, processor=None,
                               score_cutoff=self.FLOOR, limit=20)
        best: tuple[float, int] | None = None
        for _, sort_score, index in near:
            key = self._keys[low + index]
            total = (fuzz.token_set_ratio(text, self._texts[key]) + sort_score) / 2
            if total >= SAME and differ_only_by_typos(text, self._texts[key]) and (
                    best is None or (total, -key) > (best[0], -best[1])):
                best = (total, key)
        return best[1] if best else None


def match_each(texts: list[str], choices: dict[int, str]) -> list[int | None]:
    """For each of a list's comparable texts, in order: the key of the petition among `choices`
    it says the same as (SameIndex.find), or −k when it repeats the list's k-th new text (from 1),
    or None when it is new itself. Pure and picklable: an import runs it in a process of its own."""
    index = SameIndex(choices)
    found: list[int | None] = []
    new = 0
    for text in texts:
        match = index.find(text)
        found.append(match)
        if match is None:
            new += 1
            index.add(-new, text)
    return found
