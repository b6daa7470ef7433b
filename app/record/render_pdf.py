"""The minutes' layout drawn as an A4 PDF (fpdf2) as Decree 30/2020 lays out official documents:
Liberation Serif 13 pt (Times metrics, every Vietnamese glyph, embedded as a subset), margins
20/15/20/30 mm, page numbers centred at the top from page 2, "DỰ THẢO" on every page of a draft.
Lines break between words only; tables split across pages with their header row repeated."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.enums import Align, TableBordersLayout, WrapMode

from app.record.document_layout import DRAFT_MARK, DocumentLayout, Heading, OfficialHeader, Paragraph, Signatures, Table

FAMILY = "serif"
BODY_PT = 13
LINE_MM = 6.6
LEFT_MM, RIGHT_MM, TOP_MM, BOTTOM_MM = 30.0, 15.0, 20.0, 20.0


class _OfficialPdf(FPDF):
    def __init__(self, draft: bool) -> None:
        super().__init__(format="A4", unit="mm")
        self.draft = draft

    def header(self) -> None:
        top = self.y
        if self.page_no() > 1:
            self.set_font(FAMILY, size=BODY_PT)
            self.set_xy(self.l_margin, 10)
            self.cell(self.epw, 6, str(self.page_no()), align="C")
        if self.draft:
            self.set_font(FAMILY, style="B", size=11)
            self.set_text_color(170, 0, 0)
            self.set_draw_color(170, 0, 0)
            self.set_xy(self.w - self.r_margin - 28, 8)
            self.cell(28, 7, DRAFT_MARK, border=1, align="C")
            self.set_text_color(0, 0, 0)
            self.set_draw_color(0, 0, 0)
        self.set_xy(self.l_margin, max(top, TOP_MM))


def _official_header(pdf: _OfficialPdf, header: OfficialHeader) -> None:
    left_w, gap = 68.0, 4.0
    right_w = pdf.epw - left_w - gap
    top = pdf.y
    pdf.set_font(FAMILY, size=12)
    pdf.set_xy(pdf.l_margin, top)
    pdf.multi_cell(left_w, 5.6, header.body[0], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, style="B", size=12)
    pdf.multi_cell(left_w, 5.6, header.body[1], align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    line_y = pdf.y + 0.8
    pdf.line(pdf.l_margin + left_w / 2 - 12, line_y, pdf.l_margin + left_w / 2 + 12, line_y)
    pdf.set_xy(pdf.l_margin, line_y + 2)
    pdf.set_font(FAMILY, size=BODY_PT)
    pdf.multi_cell(left_w, 6, header.number, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    left_bottom = pdf.y

    x = pdf.l_margin + left_w + gap
    pdf.set_xy(x, top)
    pdf.set_font(FAMILY, style="B", size=12)
    pdf.multi_cell(right_w, 5.6, header.nation, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, style="B", size=BODY_PT)
    pdf.multi_cell(right_w, 6, header.motto, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    motto_w = pdf.get_string_width(header.motto)
    line_y = pdf.y + 0.6
    pdf.line(x + (right_w - motto_w) / 2, line_y, x + (right_w + motto_w) / 2, line_y)
    pdf.set_xy(x, line_y + 2.4)
    pdf.set_font(FAMILY, style="I", size=BODY_PT)
    pdf.multi_cell(right_w, 6, header.place_date, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, max(left_bottom, pdf.y) + 8)


def _heading(pdf: _OfficialPdf, block: Heading) -> None:
    if block.level == 0:
        pdf.ln(4)
        pdf.set_font(FAMILY, style="B", size=14)
        pdf.multi_cell(0, 7.2, block.text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        return
    # A heading never ends a page: keep room for it and what follows (a table's two-line
    # header and its first row).
    if pdf.y + 6 * LINE_MM > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(2 if block.level > 1 else 3)
    style = "BI" if block.level == 3 else "B"
    pdf.set_font(FAMILY, style=style, size=BODY_PT)
    pdf.multi_cell(0, LINE_MM, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _paragraph(pdf: _OfficialPdf, block: Paragraph) -> None:
    style = ("B" if block.bold else "") + ("I" if block.italic else "")
    if block.label:
        text = f"**{_escape(block.label)}**{_escape(block.text)}"
        pdf.set_font(FAMILY, style=style.replace("B", ""), size=BODY_PT)
        if block.bold:
            text = f"**{_escape(block.label)}{_escape(block.text)}**"
        pdf.multi_cell(0, LINE_MM, text, markdown=True, align=Align.J, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        pdf.set_font(FAMILY, style=style, size=BODY_PT)
        pdf.multi_cell(0, LINE_MM, block.text, align=Align.C if block.centred else Align.J,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _escape(text: str) -> str:
    """fpdf2's markdown knows **, __ and --; written by people, they stay text."""
    return text.replace("**", "*\u200b*").replace("__", "_\u200b_").replace("--", "-\u200b-")


def _table(pdf: _OfficialPdf, block: Table) -> None:
    pdf.set_font(FAMILY, size=12)
    aligns = tuple("RIGHT" if i in block.numeric else "LEFT" for i in range(len(block.header)))
    with pdf.table(col_widths=tuple(w * 100 for w in block.widths), width=pdf.epw, line_height=5.8,
                   text_align=aligns, headings_style=FontFace(emphasis="BOLD"),
                   borders_layout=TableBordersLayout.ALL, repeat_headings=1, padding=1.2,
                   wrapmode=WrapMode.WORD, align="LEFT") as table:
        header = table.row()
        for title in block.header:
            header.cell(title, align="CENTER")
        for values in block.rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(2)


def _signatures(pdf: _OfficialPdf, block: Signatures) -> None:
    if pdf.y + 40 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(6)
    half = pdf.epw / 2
    top = pdf.y
    for column, (title, name) in enumerate((block.left, block.right)):
        pdf.set_xy(pdf.l_margin + column * half, top)
        pdf.set_font(FAMILY, style="B", size=BODY_PT)
        pdf.multi_cell(half, LINE_MM, title, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, style="I", size=12)
        pdf.multi_cell(half, LINE_MM, "(Ký, ghi rõ họ tên)", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(20)
        pdf.set_x(pdf.l_margin + column * half)
        pdf.set_font(FAMILY, style="B", size=BODY_PT)
        pdf.multi_cell(half, LINE_MM, name, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, pdf.y + 4)


def render_pdf(layout: DocumentLayout, fonts: dict[str, Path]) -> bytes:
    pdf = _OfficialPdf(draft=layout.draft)
    pdf.set_title(layout.document_title)
    pdf.set_creator("Kỳ Họp")
    pdf.set_lang("vi")
    for style, path in fonts.items():
        pdf.add_font(FAMILY, style=style, fname=str(path))
    pdf.set_margins(LEFT_MM, TOP_MM, RIGHT_MM)
    pdf.set_auto_page_break(True, margin=BOTTOM_MM)
    pdf.add_page()
    _official_header(pdf, layout.header)
    _heading(pdf, Heading(layout.title, level=0))
    for block in layout.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                pdf.add_page()
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        else:
            _signatures(pdf, block)
    return bytes(pdf.output())
