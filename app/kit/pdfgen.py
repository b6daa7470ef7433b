"""Writing simple text PDFs (fpdf2) with a font that has every Vietnamese glyph: the demo
meeting's documents and the documents tests upload."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF, XPos, YPos

from app.kit.fonts import bold_variant, vietnamese_font


def text_pdf(title: str, pages: Sequence[str], *, font: Path | None = None,
             outline: bool = True) -> bytes:
    """An A4 PDF: `title` on the first page, then one page per entry of `pages` (paragraphs
    separated by blank lines). Each page's first line becomes an outline entry."""
    regular = vietnamese_font(font)
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Kỳ Họp")
    pdf.add_font("body", fname=str(regular))
    pdf.add_font("body", style="B", fname=str(bold_variant(regular)))
    pdf.set_auto_page_break(True, margin=20)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if number == 1:
            pdf.set_font("body", style="B", size=15)
            pdf.multi_cell(0, 8, unicodedata.normalize("NFC", title), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(4)
        heading, _, rest = unicodedata.normalize("NFC", text).partition("\n")
        if outline:
            pdf.start_section(heading[:120])
        pdf.set_font("body", style="B", size=12)
        pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("body", size=11)
        for paragraph in rest.split("\n\n"):
            if paragraph.strip():
                pdf.multi_cell(0, 6, " ".join(paragraph.split()), align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(2)
    return bytes(pdf.output())
