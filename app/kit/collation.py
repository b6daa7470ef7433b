"""Vietnamese order for lists of people and titles, with ICU's `vi` collation.

Vietnamese alphabetical order is a ă â b c d đ e ê … o ô ơ … u ư …; tones (huyền, sắc, hỏi, ngã,
nặng) differ only when the letters are the same. Code-point order gets all of it wrong ("Hoàng"
before "Hà", "Phan" before "Phạm"), and so does a plain Unicode Collation Algorithm without the
Vietnamese tailoring (it treats ă, â, đ … as accented a and d).

People are listed by given name (tên, the last word), then middle names (tên đệm), then family
name (họ, the first word): "Nguyễn Văn An" sorts as An · Văn · Nguyễn. The same rule lives in the
web app (frontend/src/kit/collation.ts) so that every list reads alike.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu  # PyICU

T = TypeVar("T")

_local = threading.local()


def _collator() -> icu.Collator:
    # ICU collators are not safe to share between threads; the sort keys they make are plain bytes.
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = icu.Collator.createInstance(icu.Locale("vi"))
        _local.collator = collator
    return collator


@lru_cache(maxsize=8192)
def text_key(text: str) -> bytes:
    """The ICU `vi` sort key of a title or a word: compare keys bytewise."""
    return bytes(_collator().getSortKey(unicodedata.normalize("NFC", text).strip()))


def name_parts(full_name: str) -> tuple[str, str, str]:
    """(given, middle, family) of a Vietnamese full name written family name first."""
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return words[0], "", ""
    return words[-1], " ".join(words[1:-1]), words[0]


@lru_cache(maxsize=8192)
def name_key(full_name: str) -> tuple[bytes, bytes, bytes]:
    """Sort key of a person's name: given name, then middle names, then family name."""
    given, middle, family = name_parts(full_name)
    return text_key(given), text_key(middle), text_key(family)


def by_name(items: Iterable[T], name: Callable[[T], str], tie: Callable[[T], int]) -> list[T]:
    """`items` in Vietnamese name order; `tie` (usually the id) keeps equal names stable."""
    return sorted(items, key=lambda item: (name_key(name(item)), tie(item)))
