"""Reading the member lists councils keep (CSV or XLSX, see app/kit/spreadsheet.py) into
validated rows: a header "STT | Họ và tên | Chức vụ | Đơn vị | ..." above one row per member.
No database here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import Invalid
from app.kit.spreadsheet import Columns, RowError, raise_row_errors, read_table
from app.kit.text import fold

MAX_ROWS = 5000
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
COLUMNS = Columns(COLUMN_ALIASES, required="full_name")

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


def read_member_file(filename: str, content: bytes) -> list[MemberRow]:
    """Parse and validate every row; raises with every bad row listed, or returns them all."""
    members: list[MemberRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, values in read_table(filename, content, COLUMNS, max_rows=MAX_ROWS):
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
    raise_row_errors(errors)
    if not members:
        raise Invalid("import_empty")
    return members


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
