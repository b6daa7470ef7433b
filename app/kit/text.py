"""Vietnamese-aware text folding: lower case, no diacritics, đ → d."""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """"Kỳ họp không giấy" → "ky hop khong giay". Unicode does not decompose đ, so it is mapped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def slug(text: str, separator: str = "") -> str:
    """ASCII letters and digits of a folded text, joined by `separator`."""
    return separator.join(re.findall(r"[a-z0-9]+", fold(text)))


# What XML 1.0 cannot hold (DOCX and XLSX are XML): the C0 controls but tab, line feed and carriage
# return, and U+FFFE/U+FFFF. The API stores what it was given; only the files for people drop them.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_IN_XML.sub("", text)
