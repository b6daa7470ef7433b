"""Likely duplicates among petitions, with RapidFuzz on Vietnamese-folded text.

Folding (app.kit.text.fold) makes "đường" and "duong" the same; token_sort_ratio forgives word
order and typos; token_set_ratio lets a text still being typed match the whole petition it
repeats. Their mean keeps a short petition that merely shares a few words ("Sửa đường") from
scoring as a duplicate of a long one."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process, utils

from app.kit.text import fold

# Shown as "maybe the same" from here; merged on import without asking from SAME.
LIKELY = 60.0
SAME = 95.0


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

    Each scorer runs over all candidates in RapidFuzz's native loop; a mean of two scores of at
    most 100 reaches `cutoff` only if each reaches 2·cutoff − 100, which prunes both passes."""
    query = comparable(text)
    if not query or not choices:
        return []
    floor = max(0.0, 2 * cutoff - 100)
    by_set = {key: value for _, value, key in process.extract(
        query, choices, scorer=fuzz.token_set_ratio, processor=None, limit=None, score_cutoff=floor)}
    by_sort = {key: value for _, value, key in process.extract(
        query, {key: choices[key] for key in by_set}, scorer=fuzz.token_sort_ratio, processor=None,
        limit=None, score_cutoff=floor)}
    ranked = sorted(((key, round((by_set[key] + value) / 2, 1)) for key, value in by_sort.items()
                     if (by_set[key] + value) / 2 >= cutoff), key=lambda hit: (-hit[1], hit[0]))
    return ranked[:limit]


class SameIndex:
    """Finds a petition that says the same (score ≥ SAME) among many, fast enough to check every
    row of an import against a term's petitions. A mean of two scores reaches SAME only if
    token_sort_ratio reaches 2·SAME − 100, and token_sort_ratio is the plain ratio of the texts'
    sorted words: kept sorted here, that first pass is RapidFuzz's native bit-parallel ratio."""

    def __init__(self, choices: Mapping[int, str]) -> None:
        self._texts: dict[int, str] = {}
        self._sorted: dict[int, str] = {}
        for key, text in choices.items():
            self.add(key, text)

    def add(self, key: int, text: str) -> None:
        self._texts[key] = text
        self._sorted[key] = " ".join(sorted(text.split()))

    def find(self, text: str) -> int | None:
        """The key of the best petition scoring at least SAME against `text` (comparable), if any."""
        if not text:
            return None
        floor = 2 * SAME - 100
        near = process.extract(" ".join(sorted(text.split())), self._sorted, scorer=fuzz.ratio,
                               processor=None, score_cutoff=floor, limit=20)
        best: tuple[float, int] | None = None
        for _, sort_score, key in near:
            total = (fuzz.token_set_ratio(text, self._texts[key]) + sort_score) / 2
            if total >= SAME and (best is None or (total, -key) > (best[0], -best[1])):
                best = (total, key)
        return best[1] if best else None
