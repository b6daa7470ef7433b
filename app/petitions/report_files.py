"""The petitions report as files: an .xlsx for the secretariat's own tables, and an official PDF
laid out like the minutes (app/record/document_layout.py): same header, typography and fonts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app.kit.text import xml_safe
from app.petitions.report import STATE_NAMES, STATUS_NAMES, Group, Report
from app.record import wording
from app.record.document_layout import Block, DocumentLayout, Heading, OfficialHeader, Paragraph, Signatures, Table
from app.record.render_pdf import render_pdf
from app.record.wording import nfc

GROUP_HEADER = ("Tổng số", "Đã kết thúc", "Đã giải quyết", "Tỷ lệ giải quyết", "Quá hạn")
OVERDUE_HEADER = ("STT", "Nội dung kiến nghị", "Cơ quan giải quyết", "Hạn", "Số ngày quá hạn")
MONTH_HEADER = ("Tháng", "Tiếp nhận", "Kết thúc")
EXCERPT = 300  # characters of a petition's text in the PDF's overdue list
# The PDF lists the longest-overdue petitions up to here and refers to the .xlsx for the rest:
# a report the Thường trực reads, not a register (fpdf2 lays out ≈150 such rows a second).
PDF_OVERDUE_ROWS = 100


def percent(value: float) -> str:
    """"78,4 %": one decimal with the Vietnamese decimal comma."""
    return f"{value:.1f}".replace(".", ",") + " %"


def day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def month(label: str) -> str:
    year, number = label.split("-")
    return f"{number}/{year}"


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …"


def _group_row(group: Group) -> tuple[str, ...]:
    return (group.name, str(group.total), str(group.closed), str(group.resolved),
            percent(group.resolved_share), str(group.overdue))


def _summary_line(report: Report) -> str:
    return (f"Tổng số kiến nghị tiếp nhận: {report.total}; đã giải quyết: {report.resolved}/{report.total} "
            f"({percent(report.resolved_share)}); quá hạn chưa có kết quả: {report.overdue}.")


def _period_line(report: Report) -> str:
    return (f"(Từ ngày {day(report.period_from)} đến ngày {day(report.period_to)}; "
            f"số liệu tính đến ngày {day(report.as_of)})")


# --- xlsx ------------------------------------------------------------------------------------

def _cells(values: Iterable[object]) -> list[object]:
    return [xml_safe(value) if isinstance(value, str) else value for value in values]


def _sheet(workbook: Workbook, title: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))


def _group_sheet(workbook: Workbook, title: str, first: str, groups: list[Group]) -> None:
    _sheet(workbook, title, (first, *GROUP_HEADER),
           ((g.name, g.total, g.closed, g.resolved, g.resolved_share / 100, g.overdue) for g in groups))
    for cell in workbook[title]["E"][1:]:
        cell.number_format = "0.0%"


def report_xlsx(report: Report) -> bytes:
    """One sheet per table; numbers as numbers (shares as fractions formatted as per cent)."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Tổng hợp"
    lines: tuple[tuple[object, ...], ...] = (("Báo cáo kết quả giải quyết kiến nghị cử tri",), (report.council,),
                ("Từ ngày", report.period_from), ("Đến ngày", report.period_to), ("Tính đến ngày", report.as_of),
                (), ("Tổng số kiến nghị", report.total), ("Đã giải quyết xong", report.resolved),
                ("Tỷ lệ giải quyết", report.resolved_share / 100), ("Quá hạn", report.overdue), (),
                ("Theo trạng thái", "Số kiến nghị"),
                *((STATE_NAMES[k], v) for k, v in report.by_state.items()), (),
                ("Theo kết quả trả lời", "Số kiến nghị"),
                *((STATUS_NAMES[k], v) for k, v in report.by_status.items()))
    for line in lines:
        summary.append(_cells(line))
    summary["A1"].font = Font(bold=True, size=13)
    for cells in summary.iter_rows():
        if cells[0].value == "Tỷ lệ giải quyết":
            cells[1].number_format = "0.0%"
        if len(cells) > 1 and cells[1].value == "Số kiến nghị":
            for cell in cells:
                cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 16
    _group_sheet(workbook, "Theo cơ quan", "Cơ quan giải quyết", report.by_agency)
    _group_sheet(workbook, "Theo lĩnh vực", "Lĩnh vực", report.by_field)
    _group_sheet(workbook, "Theo cấp", "Cấp giải quyết", report.by_level)
    if report.overdue_items is not None:
        _sheet(workbook, "Quá hạn", ("Mã", "Nội dung kiến nghị", "Cơ quan giải quyết", "Hạn", "Số ngày quá hạn",
                                     "Trạng thái"),
               ((i.id, i.text, i.agency or "", i.due_on, i.days_overdue, STATE_NAMES[i.state])
                for i in report.overdue_items))
    _sheet(workbook, "Theo tháng", MONTH_HEADER, ((m.month, m.received, m.closed) for m in report.months))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------

def _group_table(first: str, groups: list[Group]) -> Table:
    return Table((first, *GROUP_HEADER), [_group_row(g) for g in groups],
                 (0.34, 0.12, 0.13, 0.14, 0.15, 0.12), numeric=(1, 2, 3, 4, 5))


def _overdue_blocks(report: Report) -> list[Block]:
    items = report.overdue_items or []
    if not items:
        return [Paragraph("Không có kiến nghị quá hạn.")]
    listed = items[:PDF_OVERDUE_ROWS]  # oldest due day first: the longest overdue
    blocks: list[Block] = []
    if len(items) > len(listed):
        blocks.append(Paragraph(f"Có {len(items)} kiến nghị quá hạn; dưới đây là {len(listed)} kiến nghị quá hạn "
                                f"lâu nhất. Danh sách đầy đủ ở trang tính “Quá hạn” của tệp Excel (.xlsx) "
                                f"kèm theo báo cáo này.", italic=True))
    blocks.append(Table(OVERDUE_HEADER, [(str(n), _excerpt(i.text), i.agency or "", day(i.due_on), str(i.days_overdue))
                                         for n, i in enumerate(listed, start=1)],
                        (0.07, 0.43, 0.20, 0.16, 0.14), numeric=(4,)))
    return blocks


def layout(report: Report, signer: str) -> DocumentLayout:
    header = OfficialHeader(body=("HỘI ĐỒNG NHÂN DÂN", nfc(wording.unit_line(report.council))),
                            number="Số:        /BC-HĐND",
                            place_date=nfc(wording.date_line(wording.place_name(report.council), report.as_of)))
    blocks: list[Block] = [
        Paragraph(_period_line(report), italic=True, centred=True),
        Heading("I. TÌNH HÌNH CHUNG"),
        Paragraph(_summary_line(report)),
        Table(("Trạng thái", "Số kiến nghị"), [(STATE_NAMES[k], str(v)) for k, v in report.by_state.items()],
              (0.7, 0.3), numeric=(1,)),
        Table(("Kết quả trả lời gần nhất", "Số kiến nghị"),
              [(STATUS_NAMES[k], str(v)) for k, v in report.by_status.items()], (0.7, 0.3), numeric=(1,)),
        Heading("II. THEO CƠ QUAN GIẢI QUYẾT"),
        _group_table("Cơ quan", report.by_agency),
        Heading("III. THEO LĨNH VỰC"),
        _group_table("Lĩnh vực", report.by_field),
        Heading("IV. THEO CẤP GIẢI QUYẾT"),
        _group_table("Cấp", report.by_level),
    ]
    if report.overdue_items is not None:
        blocks.append(Heading("V. KIẾN NGHỊ QUÁ HẠN CHƯA CÓ KẾT QUẢ"))
        blocks.extend(_overdue_blocks(report))
    blocks.append(Heading(("VI" if report.overdue_items is not None else "V") + ". DIỄN BIẾN THEO THÁNG"))
    blocks.append(Table(MONTH_HEADER, [(month(m.month), str(m.received), str(m.closed)) for m in report.months],
                        (0.4, 0.3, 0.3), numeric=(1, 2)))
    blocks.append(Signatures(left=("NGƯỜI TỔNG HỢP", ""), right=("TM. THƯỜNG TRỰC HĐND\nCHỦ TỊCH", signer)))
    return DocumentLayout(header=header, title="BÁO CÁO\nKẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ CỬ TRI", blocks=blocks,
                          draft=False, document_title=nfc(f"Báo cáo kết quả giải quyết kiến nghị cử tri — "
                                                          f"{report.council}"))


def report_pdf(report: Report, fonts: dict[str, Path], signer: str) -> bytes:
    return render_pdf(layout(report, signer), fonts)

