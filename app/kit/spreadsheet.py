"""Reading the tables councils keep (CSV or XLSX) into numbered rows of text. No database here.

Their files look alike: a title line or two, then a header row ("STT | Họ và tên | ..." or
"STT | Nội dung kiến nghị | ..."), then one row per record. Columns are recognised by their folded
header text, so "Họ và tên", "HỌ VÀ TÊN" and "ho va ten" are the same. Row numbers are those the
secretary sees in the spreadsheet or text editor, and every bad row is reported at once.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from fastapi import UploadFile

from app.errors import Invalid, PayloadTooLarge, UnsupportedMedia
from app.kit.text import fold

HEADER_SEARCH_ROWS = 15
MAX_FILE_BYTES = 10 * 1024 * 1024


async def read_upload(file: UploadFile) -> bytes:
    """The uploaded table's bytes; 413 over MAX_FILE_BYTES."""
    content = await file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise PayloadTooLarge(limit="10 MB")
    return content

Table = list[tuple[int, list[str]]]


@dataclass
class RowError:
    row: int
    message_code: str
    params: dict[str, object] = field(default_factory=dict)

    def as_detail(self) -> dict[str, object]:
        return {"row": self.row, "message_code": self.message_code, "params": self.params}


def raise_row_errors(errors: list[RowError]) -> None:
    if errors:
        errors.sort(key=lambda e: e.row)
        raise Invalid("import_invalid", count=len({e.row for e in errors}),
                      details=[e.as_detail() for e in errors])


@dataclass(frozen=True)
class Columns:
    """What a table's header may say: each column's folded names, and the one it must have."""

    aliases: dict[str, tuple[str, ...]]
    required: str

    def column_of(self, header_cell: str) -> str | None:
        folded = " ".join(fold(header_cell).split())
        for column, names in self.aliases.items():
            if folded in names:
                return column
        return None


def read_table(filename: str, content: bytes, columns: Columns, *, max_rows: int) -> list[tuple[int, dict[str, str]]]:
    """The rows under the header, each as {column: NFC text with spaces collapsed}; blank rows
    are left out. Raises 415 for a file that is neither .csv nor .xlsx, 422 for one that cannot
    be read, has no header or has more than `max_rows` rows."""
    lowered = filename.lower()
    limit = max_rows + HEADER_SEARCH_ROWS
    if lowered.endswith(".csv"):
        table = _csv_rows(content, columns, limit, max_rows)
    elif lowered.endswith(".xlsx"):
        table = _xlsx_rows(content, limit, max_rows)
    else:
        raise UnsupportedMedia("import_bad_type")
    header_index, positions = _find_header(table, columns)
    rows = []
    for number, cells in table[header_index + 1:]:
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, {name: _cell(cells, position) for name, position in positions.items()}))
    if len(rows) > max_rows:
        raise Invalid("import_too_many_rows", limit=max_rows)
    return rows


def _csv_rows(content: bytes, columns: Columns, limit: int, max_rows: int) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid("import_not_utf8") from None
    if "\x00" in text:  # UTF-16 without a BOM, or a damaged file: not UTF-8 text
        raise Invalid("import_not_utf8")
    sample = text[:4096]
    delimiter = _header_delimiter(text, columns)
    if delimiter is not None:
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    else:
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter or dialect.delimiter)
    rows: Table = []
    try:
        for record in reader:
            rows.append((reader.line_num, record))
            if len(rows) > limit:
                raise Invalid("import_too_many_rows", limit=max_rows)
    except csv.Error:
        raise Invalid("import_bad_type") from None
    return rows


def _header_delimiter(text: str, columns: Columns) -> str | None:
    """The delimiter that reveals the required column's header. csv.Sniffer gives up on the title
    rows above the header, and would then read a semicolon file (Excel's choice in locales
    with a decimal comma, Vietnamese among them) as one column."""
    head = text[:65536].splitlines()[:HEADER_SEARCH_ROWS]
    for delimiter in (",", ";", "\t"):
        for cells in csv.reader(head, delimiter=delimiter):
            if any(columns.column_of(c) == columns.required for c in cells):
                return delimiter
    return None


def _xlsx_rows(content: bytes, limit: int, max_rows: int) -> Table:
    from openpyxl import load_workbook  # imported here: only imports need it

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise Invalid("import_bad_xlsx")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows: Table = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(v) for v in values]))
            if len(rows) > limit:
                raise Invalid("import_too_many_rows", limit=max_rows)
        workbook.close()
    except Invalid:
        raise
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise Invalid("import_bad_xlsx") from None
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat") and hasattr(value, "date"):  # a datetime cell: its day
        return value.date().isoformat()  # type: ignore[no-any-return]
    return str(value)


def _find_header(table: Table, columns: Columns) -> tuple[int, dict[str, int]]:
    for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for position, cell in enumerate(cells):
            column = columns.column_of(cell)
            if column and column not in mapping:
                mapping[column] = position
        if columns.required in mapping:
            return index, mapping
    raise Invalid("import_no_header")


def _cell(cells: list[str], position: int) -> str:
    # NFC: the same name typed on another system (decomposed accents) is the same text.
    text = " ".join(cells[position].split()) if position < len(cells) else ""
    return unicodedata.normalize("NFC", text)
