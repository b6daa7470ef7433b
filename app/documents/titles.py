"""A document's title when the secretariat leaves it empty: the PDF's own title, if it is one a
person wrote, else the file name without its extension."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

# Titles that producers write by themselves and that say nothing to a reader.
_GENERATED = re.compile(
    r"^(microsoft (word|excel|powerpoint) - .*|untitled.*|không có tiêu đề|document\d*|"
    r"tài liệu\d*|.*\.(docx?|xlsx?|pptx?|odt|pdf|txt|rtf))$", re.IGNORECASE)


def default_title(pdf_title: str | None, filename: str) -> str:
    title = unicodedata.normalize("NFC", " ".join((pdf_title or "").split()))
    if len(title) >= 3 and not _GENERATED.match(title):
        return title
    return unicodedata.normalize("NFC", PurePath(filename).stem.replace("_", " ").strip()) if filename else ""
