"""The minutes' layout as a Word document (python-docx), for councils that edit the text before it
is signed: the same blocks as the PDF, Times New Roman 13 pt on A4 with Decree 30's margins, page
numbers at the top from page 2, "DỰ THẢO" in every page's header of a draft, and tables whose
header row repeats on each page."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from app.kit.text import xml_safe
from app.record.document_layout import DRAFT_MARK, DocumentLayout, Heading, OfficialHeader, Paragraph, Signatures, Table

FONT = "Times New Roman"
BODY_PT = 13


def _page_setup(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _draft_mark(paragraph: DocxParagraph) -> None:
    run = paragraph.add_run(DRAFT_MARK)
    run.bold = True
    run.font.color.rgb = RGBColor(0xAA, 0, 0)


def _headers(doc: Document, draft: bool) -> None:
    """Page numbers from page 2 (the first page has its own header) and the draft mark on all."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(number, "PAGE")
    if draft:
        _draft_mark(first)
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _draft_mark(mark)


def _no_borders(table: DocxTable) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _run(paragraph: DocxParagraph, text: str) -> Run:
    """Every piece of text goes in here: XML cannot hold most C0 controls, which typed text may carry."""
    return paragraph.add_run(xml_safe(text))


def _line(cell_paragraph: DocxParagraph, text: str, *, bold: bool = False, italic: bool = False,
          underline: bool = False, size: int = BODY_PT) -> None:
    cell_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(cell_paragraph, text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)


def _official_header(doc: Document, header: OfficialHeader) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    _line(left.paragraphs[0], header.body[0], size=12)
    _line(left.add_paragraph(), header.body[1], bold=True, size=12)
    _line(left.add_paragraph(), "———")
    _line(left.add_paragraph(), header.number)
    _line(right.paragraphs[0], header.nation, bold=True, size=12)
    _line(right.add_paragraph(), header.motto, bold=True, underline=True)
    _line(right.add_paragraph(), header.place_date, italic=True)
    doc.add_paragraph()


def _heading(doc: Document, block: Heading) -> None:
    paragraph = doc.add_paragraph()
    if block.level == 0:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    for n, line in enumerate(block.text.split("\n")):
        run = _run(paragraph, line)
        run.bold = True
        run.italic = block.level == 3
        run.font.size = Pt(14 if block.level == 0 else BODY_PT)
        if n < block.text.count("\n"):
            run.add_break()


def _paragraph(doc: Document, block: Paragraph) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    if block.label:
        _run(paragraph, block.label).bold = True
    run = _run(paragraph, block.text)
    run.bold, run.italic = block.bold, block.italic


def _repeat_header(table: DocxTable) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _table(doc: Document, block: Table, text_width_mm: float) -> None:
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, block.header, strict=True):
        _run(cell.paragraphs[0], title).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table)
    for values in block.rows:
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _run(cell.paragraphs[0], value)
            if column in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for column, share in enumerate(block.widths):
        for cell in table.columns[column].cells:
            cell.width = Mm(text_width_mm * share)
    doc.add_paragraph()


def _signatures(doc: Document, block: Signatures) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    for cell, (title, name) in zip(table.rows[0].cells, (block.left, block.right), strict=True):
        _line(cell.paragraphs[0], title, bold=True)
        _line(cell.add_paragraph(), "(Ký, ghi rõ họ tên)", italic=True, size=12)
        for _ in range(3):
            cell.add_paragraph()
        _line(cell.add_paragraph(), name, bold=True)


def render_docx(layout: DocumentLayout) -> bytes:
    doc = new_document()
    _page_setup(doc)
    _headers(doc, layout.draft)
    doc.core_properties.title = xml_safe(layout.document_title)
    doc.core_properties.author = "Kỳ Họp"
    doc.core_properties.language = "vi-VN"
    text_width_mm = 210 - 30 - 15
    _official_header(doc, layout.header)
    _heading(doc, Heading(layout.title, level=0))
    for block in layout.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                doc.add_page_break()  # type: ignore[no-untyped-call]
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            _table(doc, block, text_width_mm)
        else:
            _signatures(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
