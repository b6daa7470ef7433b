"""Reading the petition lists councils keep (CSV or XLSX, see app/kit/spreadsheet.py) into
validated rows. No database here.

A list has a header "STT | Nội dung kiến nghị | Lĩnh vực | Địa phương | Cơ quan giải quyết |
Hạn giải quyết | ..." (only the petition's text is required). Lists grouped under section rows
("II. LĨNH VỰC ĐẤT ĐAI", nothing else on the row) give their rows that field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.errors import Invalid
from app.kit.spreadsheet import Columns, RowError, raise_row_errors, read_table
from app.kit.text import fold
from app.petitions.rules import Level

MAX_ROWS = 5000
UNCLASSIFIED = "Chưa phân loại"

COLUMNS = Columns({
    "text": ("noi dung kien nghi", "noi dung kien nghi cu tri", "kien nghi", "noi dung", "y kien kien nghi",
             "y kien cu tri", "text", "petition"),
    "field": ("linh vuc", "nhom linh vuc", "field"),
    "locality": ("dia phuong", "dia ban", "xa phuong", "thon xom", "locality"),
    "agency": ("co quan giai quyet", "co quan tra loi", "co quan chu tri", "co quan chiu trach nhiem",
               "don vi giai quyet", "agency"),
    "level": ("cap", "cap giai quyet", "thuoc tham quyen", "tham quyen", "level"),
    "due_on": ("han giai quyet", "thoi han", "han tra loi", "thoi han giai quyet", "due", "due on"),
    "needs_resources": ("can nguon luc", "nguon luc", "needs resources"),
}, required="text")

LEVEL_WORDS: dict[str, Level] = {
    "trung uong": "central", "tw": "central", "central": "central", "quoc hoi": "central",
    "tinh": "province", "cap tinh": "province", "province": "province", "thanh pho": "province",
    "xa": "commune", "cap xa": "commune", "phuong": "commune", "dac khu": "commune", "commune": "commune",
}
TRUE_WORDS = {"co", "x", "1", "yes", "true", "c", "y", "can"}
FALSE_WORDS = {"khong", "0", "no", "false", "k", "n", "khong can"}
LIMITS = {"text": 10_000, "field": 100, "locality": 200, "agency": 200}
SECTION = re.compile(r"^(?:[ivxlc]+|[a-z]|\d+)?[.)\s-]*linh vuc\s+", re.IGNORECASE)
DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass
class PetitionRow:
    row: int
    text: str
    field: str
    locality: str = ""
    agency: str = ""
    level: Level | None = None
    due_on: date | None = None
    needs_resources: bool | None = None


def read_petition_file(filename: str, content: bytes) -> list[PetitionRow]:
    """Parse and validate every row; raises with every bad row listed, or returns them all."""
    petitions: list[PetitionRow] = []
    errors: list[RowError] = []
    section = ""
    for number, values in read_table(filename, content, COLUMNS, max_rows=MAX_ROWS):
        heading = _section_heading(values)
        if heading is not None:
            section = heading
            continue
        row_errors, petition = _validate_row(number, values, section)
        errors.extend(row_errors)
        if petition is not None:
            petitions.append(petition)
    raise_row_errors(errors)
    if not petitions:
        raise Invalid("import_empty")
    return petitions


def _section_heading(values: dict[str, str]) -> str | None:
    text = values.get("text", "")
    others = [v for k, v in values.items() if k != "text" and v]
    match = SECTION.match(fold(text))
    if others or match is None:
        return None
    name = text[match.end():].strip(" :.")
    return name[:1].upper() + name[1:].lower() if name.isupper() else name


def parse_day(text: str) -> date | None:
    """"31/12/2026", "31-12-2026" (as written in Vietnam) or "2026-12-31" (a spreadsheet's date)."""
    if match := DAY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


def _validate_row(number: int, values: dict[str, str], section: str) -> tuple[list[RowError], PetitionRow | None]:
    errors: list[RowError] = []
    text = values.get("text", "")
    if not text:
        errors.append(RowError(number, "row_missing_text"))
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            errors.append(RowError(number, "row_too_long", {"column": column, "limit": limit}))
    level_text = " ".join(fold(values.get("level", "")).split())
    level = LEVEL_WORDS.get(level_text)
    if level_text and level is None:
        errors.append(RowError(number, "row_bad_level", {"value": values["level"]}))
    due_on = None
    if values.get("due_on"):
        try:
            due_on = parse_day(values["due_on"])
        except ValueError:
            errors.append(RowError(number, "row_bad_date", {"value": values["due_on"]}))
    flag = " ".join(fold(values.get("needs_resources", "")).split())
    needs_resources = True if flag in TRUE_WORDS else False if flag in FALSE_WORDS else None
    if flag and needs_resources is None:
        errors.append(RowError(number, "row_bad_resources", {"value": values["needs_resources"]}))
    if errors:
        return errors, None
    return [], PetitionRow(row=number, text=text, field=values.get("field") or section or UNCLASSIFIED,
                           locality=values.get("locality", ""), agency=values.get("agency", ""),
                           level=level, due_on=due_on, needs_resources=needs_resources)
