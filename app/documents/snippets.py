"""Highlighted snippets: matches are found in the folded text (no diacritics, đ → d) and shown
in the original text, so "dat dai" marks "đất đai" as written."""

from __future__ import annotations

import html
import re

from app.kit.text import fold

MAX_TERMS = 10


def query_terms(query: str) -> list[str]:
    """Folded words of a search query, without repeats, at most MAX_TERMS."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", fold(query)):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), offsets


def _matches(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", folded):
            spans.append(match.span())
    return sorted(spans)


def contains_all(text: str, terms: list[str]) -> bool:
    folded = fold(text)
    return all(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", folded) for t in terms)


def snippet(text: str, terms: list[str], *, width: int = 200) -> str:
    """About `width` characters of `text` around the first match, HTML-escaped, with every
    match inside wrapped in <mark>."""
    folded, offsets = fold_with_offsets(text)
    spans = _matches(folded, terms)
    if not spans:
        return html.escape(" ".join(text[:width].split()))
    first_start = offsets[spans[0][0]]
    start = max(0, first_start - width // 3)
    end = min(len(text), start + width)
    if start > 0:  # begin at a word boundary
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first_start else start
    pieces: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        original_start, original_end = offsets[span_start], offsets[span_end - 1] + 1
        if original_start < cursor or original_end > end:
            continue
        pieces.append(html.escape(text[cursor:original_start]))
        pieces.append(f"<mark>{html.escape(text[original_start:original_end])}</mark>")
        cursor = original_end
    pieces.append(html.escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return " ".join("".join(pieces).split())
