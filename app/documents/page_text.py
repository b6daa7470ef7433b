"""Per-page text with PDFium (pypdfium2): the text that feeds search.

pypdf keeps the checks, metadata, outline, versions and watermarks; its text of PDFs printed from
a browser (Skia) breaks Vietnamese words apart ("Đ ộ c l ậ p"), PDFium's does not, and PDFium is
several times faster on big files. PDFium is not thread-safe: this runs only in the inspector's
single-threaded child process (see pdf.py), one document at a time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import BinaryIO

PDFIUM = "pdfium"
PYPDF = "pypdf"  # text of versions stored before PDFium, or of a file PDFium could not open
CURRENT_EXTRACTOR = PDFIUM

# PDFium marks soft hyphens and generated characters with these; they are no text.
_NOISE = str.maketrans({"\x00": None, "\x02": None, "\ufffe": None, "\uffff": None})


def clean_text(text: str) -> str:
    """NFC (Vietnamese diacritics composed), no NUL (PostgreSQL refuses it), no lone surrogates,
    Unix line ends."""
    text = text.translate(_NOISE).replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates (broken CMaps) → ?
    return unicodedata.normalize("NFC", text)


def pdfium_pages(file: BinaryIO) -> Iterator[str]:
    """The cleaned text of each page of an open PDF file, in order; all of it, also what lies
    outside the page's box. PDFium reads through `file` (seeking first, so pypdf may share it).
    Raises pypdfium2's PdfiumError when PDFium cannot open the file."""
    import pypdfium2 as pdfium  # imported in the inspector's zygote, not in the server

    document = pdfium.PdfDocument(file, autoclose=False)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    yield clean_text(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        document.close()
