"""Highlighted snippets: about 200 characters around a text's best match (see ranking.match),
HTML-escaped, every matching word as written in the text wrapped in <mark>."""

from __future__ import annotations

import html

from app.documents.ranking import Match


def snippet(text: str, found: Match | None, *, width: int = 200) -> str:
    if found is None:
        return html.escape(" ".join(text[:width].split()))
    best_start, best_end = found.best
    start = max(0, best_start - width // 3)
    if start > 0:  # begin at a word boundary
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), max(start + width, best_end))
    pieces: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for mark_start, mark_end in found.marks:
        if mark_start < cursor or mark_end > end:
            continue
        pieces.append(html.escape(text[cursor:mark_start]))
        pieces.append(f"<mark>{html.escape(text[mark_start:mark_end])}</mark>")
        cursor = mark_end
    pieces.append(html.escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return " ".join("".join(pieces).split())
