"""Reading the member lists councils keep (CSV or XLSX) into validated rows. No database here.

Lists look like: a title line or two, then a header "STT | Họ và tên | Chức vụ | Đơn vị | ...".
Columns are recognised by their folded header text, so "Họ và tên", "HỌ VÀ TÊN" and "ho va ten"
are the same. Row numbers are those the secretary sees in the spreadsheet or text editor.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from app.errors import Invalid, UnsupportedMedia
from app.kit.text import fold

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 15
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("ho va ten", "ho ten", "ho va ten dai bieu", "full name", "name", "ten dai bieu"),
    "title": ("chuc vu", "chuc danh", "title", "position"),
    "unit": ("don vi", "co quan", "don vi cong tac", "noi cong tac", "to dai bieu",
             "don vi bau cu", "unit", "organisation", "organization"),
    "username": ("ten dang nhap", "tai khoan", "username", "login"),
    "role": ("vai tro", "role"),
    "voting_right": ("quyen bieu quyet", "bieu quyet", "voting right", "vote"),
    # The agency a respondent answers for. Plain "cơ quan" stays the deputy's workplace (unit).
    "agency": ("co quan tra loi", "co quan tra loi chat van", "co quan chiu trach nhiem",
               "co quan cua nguoi tra loi", "agency"),
}
_ALIAS_TO_COLUMN = {alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}

ROLE_WORDS = {
    "": "deputy", "dai bieu": "deputy", "deputy": "deputy", "db": "deputy",
    "chu toa": "chair", "chu tich": "chair", "chair": "chair",
    "thu ky": "secretary", "secretary": "secretary", "van phong": "secretary",
    "khach moi": "guest", "khach": "guest", "guest": "guest",
    "nguoi tra loi": "respondent", "nguoi tra loi chat van": "respondent",
    "nguoi bi chat van": "respondent", "tra loi chat van": "respondent",
    "respondent": "respondent",
}
TRUE_WORDS = {"co", "x", "1", "yes", "true", "c", "y"}
FALSE_WORDS = {"khong", "0", "no", "false", "k", "n"}
LIMITS = {"full_name": 200, "title": 200, "unit": 200, "agency": 200}


@dataclass
class MemberRow:
    row: int
    full_name: str
    title: str = ""
    unit: str = ""
    username: str | None = None
    role: str = "deputy"
    voting_right: bool = True
    agency: str = ""


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


def read_member_file(filename: str, content: bytes) -> list[MemberRow]:
    """Parse and validate every row; raises with every bad row listed, or returns them all."""
    lowered = filename.lower()
    if lowered.endswith(".csv"):
        table = _csv_rows(content)
    elif lowered.endswith(".xlsx"):
        table = _xlsx_rows(content)
    else:
        raise UnsupportedMedia("import_bad_type")
    return _validate(table)


def _csv_rows(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid("import_not_utf8") from None
    if "\x00" in text:  # UTF-16 without a BOM, or a damaged file: not UTF-8 text
        raise Invalid("import_not_utf8")
    sample = text[:4096]
    delimiter = _header_delimiter(text)
    if delimiter is not None:
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    else:
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter or dialect.delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            rows.append((reader.line_num, record))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise Invalid("import_too_many_rows", limit=MAX_ROWS)
    except csv.Error:
        raise Invalid("import_bad_type") from None
    return rows


def _header_delimiter(text: str) -> str | None:
    """The delimiter that reveals the "Họ và tên" header. csv.Sniffer gives up on the title
    rows above the header, and would then read a semicolon file (Excel's choice in locales
    with a decimal comma, Vietnamese among them) as one column."""
    head = text[:65536].splitlines()[:HEADER_SEARCH_ROWS]
    for delimiter in (",", ";", "\t"):
        for cells in csv.reader(head, delimiter=delimiter):
            if any(_ALIAS_TO_COLUMN.get(" ".join(fold(c).split())) == "full_name" for c in cells):
                return delimiter
    return None


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: only imports need it

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise Invalid("import_bad_xlsx")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(v) for v in values]))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise Invalid("import_too_many_rows", limit=MAX_ROWS)
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
    return str(value)


def _find_header(table: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for position, cell in enumerate(cells):
            column = _ALIAS_TO_COLUMN.get(" ".join(fold(cell).split()))
            if column and column not in mapping:
                mapping[column] = position
        if "full_name" in mapping:
            return index, mapping
    raise Invalid("import_no_header")


def _validate(table: list[tuple[int, list[str]]]) -> list[MemberRow]:
    header_index, columns = _find_header(table)
    members: list[MemberRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, cells in table[header_index + 1:]:
        values = {name: _cell(cells, position) for name, position in columns.items()}
        if not any(c.strip() for c in cells):
            continue
        row_errors, member = _validate_row(number, values)
        errors.extend(row_errors)
        if member is None:
            continue
        key = ("u", member.username) if member.username else (
            "n", fold(member.full_name), fold(member.unit))
        if key in seen:
            errors.append(RowError(number, "row_duplicate", {"other": seen[key]}))
            continue
        seen[key] = number
        members.append(member)
    if len(members) > MAX_ROWS:
        raise Invalid("import_too_many_rows", limit=MAX_ROWS)
    raise_row_errors(errors)
    if not members:
        raise Invalid("import_empty")
    return members


def _cell(cells: list[str], position: int) -> str:
    # NFC: the same name typed on another system (decomposed accents) is the same text.
    text = " ".join(cells[position].split()) if position < len(cells) else ""
    return unicodedata.normalize("NFC", text)


def _validate_row(number: int, values: dict[str, str]) -> tuple[list[RowError], MemberRow | None]:
    errors: list[RowError] = []
    full_name = values.get("full_name", "")
    if not full_name:
        errors.append(RowError(number, "row_missing_name"))
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            errors.append(RowError(number, "row_too_long", {"column": column, "limit": limit}))
    role = ROLE_WORDS.get(" ".join(fold(values.get("role", "")).split()))
    if role is None:
        errors.append(RowError(number, "row_bad_role", {"value": values.get("role", "")}))
    username = values.get("username", "").strip().lower() or None
    if username is not None and not USERNAME_RE.match(username):
        errors.append(RowError(number, "row_bad_username", {"value": username}))
    flag_text = fold(values.get("voting_right", "")).strip()
    voting_right = role in ("deputy", "chair")
    if flag_text in TRUE_WORDS:
        voting_right = True
    elif flag_text in FALSE_WORDS:
        voting_right = False
    elif flag_text:
        errors.append(RowError(number, "row_bad_flag", {"value": values.get("voting_right", "")}))
    if role is not None and voting_right and role not in ("deputy", "chair"):
        errors.append(RowError(number, "voting_right_role"))
    agency = values.get("agency", "")
    if role == "respondent" and not agency:
        errors.append(RowError(number, "respondent_agency"))
    if errors:
        return errors, None
    return [], MemberRow(
        row=number, full_name=full_name, title=values.get("title", ""),
        unit=values.get("unit", ""), username=username, role=role or "deputy",
        voting_right=voting_right, agency=agency,
    )
