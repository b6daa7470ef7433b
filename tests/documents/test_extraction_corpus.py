"""PDFium, which now extracts the text of uploads, loses no word that pypdf (the old extractor)
found: every PDF of ../shared/corpus/pdf-samples, page by page, each extracted as the app does
(`page_text.pdfium_pages`, and pypdf's `extract_text` through `page_text.clean_text` as before).

Words: NFC, case-folded runs of letters and digits; a pypdf word of two characters or more must be
on PDFium's page too, unless only the word boundaries differ:
- pypdf broke a word apart ("quy ề n", "unterschiedli-" "chem"): the piece is part of a PDFium
  word (at most MAX_WORD characters, so one endless PDFium "word" cannot hide anything), or
- pypdf's pieces around it, joined, spell exactly some PDFium words joined: the same letters in the
  same order, with the spaces elsewhere ("R2" for PDFium's "R" "2", "Line 1Line 2").
What PDFium legitimately reads otherwise is listed in KNOWN_DIFFERENCES, page by page, with the
reason; the test requires exactly those, so a new loss or a fixed one both show.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

from app.documents.page_text import clean_text, pdfium_pages
from tests.shared_data import SHARED_DIR, shared_path

CORPUS = ("corpus", "pdf-samples")
MAX_WORD = 40  # the longest PDFium word of the corpus has 25 letters
MAX_JOINED = 48  # the longest run of words joined when only the boundaries differ
MIN_EXACT_SHARE = 0.9  # most words must match as they are; the allowances are for exceptions
_WORD = re.compile(r"[^\W_]+")

# Neither extractor opens these, so no text can be lost (test_pdf checks that uploads are refused).
UNREADABLE = {
    "libreoffice-writer-password.pdf": "encrypted: it needs its password",
    "unreadablemetadata.pdf": "damaged: 1 MB of its middle, the page tree with it, is zeroed",
}

RTL = "PDFium gives right-to-left text in visual order: Arabic 'حَبيبي' comes out as 'يبيبَح'"
TEX_SYMBOL = ("a TeX symbol font without a ToUnicode map: pypdf knows its encoding, PDFium reads "
              "the raw codes ('ℜz' → '<z', 'ℑz' → '=z', '∆PQR' → '4P QR', '∠RPP′' → '∠RP P0')")
TEX_ACCENT = "a TeX math accent PDFium puts after its letter ('ˆP' → 'Pˆ', 'ˆxi' → 'xˆi')"
FIGURE_LABELS = "labels of a figure, which PDFium reads in another order ('aπ1(u)' → 'π a −1 (u)')"
GLYPH_NAMES = "not text: pypdf writes the glyph names of a symbol font ('/Bullet /Bullet')"

KNOWN_DIFFERENCES: dict[str, dict[int, dict[str, str]]] = {
    "GeoTopo-komprimiert.pdf": {
        9: {"aπ1": FIGURE_LABELS},
        15: {"ˆp": TEX_ACCENT},
        16: {"ˆp": TEX_ACCENT},
        40: {"bullet": GLYPH_NAMES},
        44: {"ˆxi": TEX_ACCENT},
        51: {"γ1γ": FIGURE_LABELS},
        74: {"pqr": TEX_SYMBOL},
        76: {"rpp": TEX_SYMBOL},
        83: {"ℜz": TEX_SYMBOL},
        114: {"ℑz": TEX_SYMBOL},
    },
    "habibi.pdf": {1: {"بيبي": RTL}},
    "habibi-oneline-cmap.pdf": {1: {"بيبي": RTL}},
    "habibi-rotated.pdf": {page: {"بيبي": RTL} for page in (1, 2, 3, 4)},
}


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def _joined_runs(tokens: list[str]) -> set[str]:
    """Every run of consecutive words, joined, up to MAX_JOINED characters."""
    runs = set()
    for start in range(len(tokens)):
        joined = ""
        for token in tokens[start:]:
            joined += token
            if len(joined) > MAX_JOINED:
                break
            runs.add(joined)
    return runs


def lost_words(pypdf_text: str, pdfium_text: str) -> set[str]:
    """The words of two characters or more that pypdf found and PDFium did not (see the module)."""
    theirs, ours = words(pypdf_text), words(pdfium_text)
    ours_set = set(ours)
    ours_runs = _joined_runs(ours)
    lost = set()
    for position, word in enumerate(theirs):
        if len(word) < 2 or word in ours_set:
            continue
        if any(word in mine for mine in ours_set if len(mine) <= MAX_WORD):
            continue  # a piece of a word pypdf broke apart
        if not _boundaries_differ(theirs, position, ours_runs):
            lost.add(word)
    return lost


def _boundaries_differ(theirs: list[str], position: int, ours_runs: set[str]) -> bool:
    """Whether a run of pypdf's words around `position` spells a run of PDFium's words."""
    for start in range(position, -1, -1):
        before = "".join(theirs[start:position])
        if len(before) > MAX_JOINED:
            return False
        joined = before
        for token in theirs[position:]:
            joined += token
            if len(joined) > MAX_JOINED:
                break
            if joined in ours_runs:
                return True
    return False


def test_the_comparison_allows_only_moved_word_boundaries() -> None:
    assert lost_words("Đ ộ c l ậ p - T ự do", "Độc lập - Tự do") == set()  # broken apart
    assert lost_words("quy ề n s ử d ụ ng đ ấ t", "quyền sử dụng đất") == set()
    assert lost_words("Line 1Line 2 und R2", "Line 1\nLine 2 und R\n2") == set()  # glued
    assert lost_words("Quản lý đất đai", "Quản lý đất") == {"đai"}
    assert lost_words("đạt chỉ tiêu", "đất chỉ tiêu") == {"đạt"}  # diacritics count
    assert lost_words("Nghị quyết số 24/2025", "Nghị quyết số 2025") == {"24"}
    assert lost_words("Ngân sách", "ngân SÁCH") == set()  # case does not count
    blob = "".join(["ngansachnhanuocdautucong"] * 3)
    assert lost_words("ngan sach nha nuoc", blob) == {"ngan", "sach", "nha", "nuoc"}


def corpus_cases() -> list[object]:
    if not SHARED_DIR.is_dir():  # the test itself skips or fails, see shared_path
        return [pytest.param("shared-folder-missing.pdf", id="shared-folder-missing")]
    return sorted(path.name for path in SHARED_DIR.joinpath(*CORPUS).glob("*.pdf"))


def _pypdf_pages(path: Path) -> list[str] | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return None
        return [clean_text(page.extract_text()) for page in reader.pages]
    except Exception:  # pypdf raises anything on a broken file
        return None


def _pdfium_pages(path: Path) -> list[str] | None:
    import pypdfium2 as pdfium

    try:
        with path.open("rb") as file:
            return list(pdfium_pages(file))
    except pdfium.PdfiumError:
        return None


def _around(text: str, word: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold()
    at = folded.find(word)
    return repr(text[max(0, at - 40):at + len(word) + 40]) if at >= 0 else "(not found)"


@pytest.mark.parametrize("name", corpus_cases())
def test_pdfium_loses_no_word_that_pypdf_finds(name: str) -> None:
    path = shared_path(*CORPUS) / name  # skips, or fails with KYHOP_REQUIRE_SHARED=1, without it
    logging.disable(logging.CRITICAL)  # pypdf complains about odd files at length
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = _pypdf_pages(path)
    finally:
        logging.disable(logging.NOTSET)
    ours = _pdfium_pages(path)
    if name in UNREADABLE:
        assert theirs is None and ours is None, f"{name} ({UNREADABLE[name]}) was read"
        return
    assert theirs is not None and ours is not None, (name, theirs is None, ours is None)
    assert len(ours) == len(theirs), f"PDFium counts {len(ours)} pages, pypdf {len(theirs)}"

    known = KNOWN_DIFFERENCES.get(name, {})
    problems, compared, exact = [], 0, 0
    for number, (pypdf_text, pdfium_text) in enumerate(zip(theirs, ours, strict=True), start=1):
        mine = set(words(pdfium_text))
        counted = [w for w in words(pypdf_text) if len(w) >= 2]
        compared += len(counted)
        exact += sum(w in mine for w in counted)
        lost = lost_words(pypdf_text, pdfium_text)
        expected = known.get(number, {})
        if lost != set(expected):
            unexpected = sorted(lost - set(expected))
            details = "; ".join(f"{w!r} in pypdf's {_around(pypdf_text, w)}" for w in unexpected)
            gone = sorted(set(expected) - lost)
            problems.append(f"page {number}: lost {unexpected} ({details})" if unexpected else
                            f"page {number}: {gone} no longer lost: update KNOWN_DIFFERENCES")
        for word, reason in expected.items():
            if reason == RTL and word in lost:
                assert word[::-1] in mine, f"page {number}: {word!r} is not even reversed"
    assert not problems, f"{name}: PDFium's text lost words pypdf found:\n  " + "\n  ".join(problems)
    if compared >= 50:
        assert exact / compared >= MIN_EXACT_SHARE, (
            f"{name}: only {exact}/{compared} of pypdf's words are PDFium's words as they are")
    assert set(known) <= set(range(1, len(ours) + 1))
