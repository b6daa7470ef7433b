"""The daily digest (bản tin nhắc việc): what needs doing today about petitions, as a plain
computation over the report's rows.

For an agency: its petitions past their due day without an answer, and those due within
rules.REMIND_DAYS (the reminder). For the secretariat: every overdue petition (answered or not),
the answers waiting for the Thường trực's review, and how many petitions still have no agency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field

from app.petitions import rules
from app.petitions.report import ReportRow


class DigestItem(BaseModel):
    id: int
    text: str
    agency: str | None
    due_on: date | None
    days_left: int | None = Field(description="days until the due day; negative once overdue")
    state: str


class Digest(BaseModel):
    council_id: int
    agency_id: int | None = Field(description="set when the digest is an agency's")
    as_of: date
    remind_days: int
    overdue: list[DigestItem]
    due_soon: list[DigestItem]
    awaiting_review: list[DigestItem] | None = Field(description="the secretariat's digest only")
    unassigned: int | None = Field(description="the secretariat's digest only: petitions without an agency")


def _item(row: ReportRow, today: date) -> DigestItem:
    return DigestItem(id=row.id, text=row.text, agency=row.agency, due_on=row.due_on,
                      days_left=(row.due_on - today).days if row.due_on else None, state=row.state)


def _by_due(rows: Iterable[ReportRow]) -> list[ReportRow]:
    return sorted(rows, key=lambda r: (r.due_on or date.max, r.id))


def digest(rows: Iterable[ReportRow], *, council_id: int, today: date, agency_id: int | None = None) -> Digest:
    """An agency's digest when `agency_id` is given (rows are then that agency's), else the
    secretariat's."""
    rows = list(rows)
    for_agency = agency_id is not None
    overdue = [r for r in rows if rules.is_overdue(r.state, r.due_on, today)
               and (r.state == "assigned" or not for_agency)]
    return Digest(
        council_id=council_id, agency_id=agency_id, as_of=today, remind_days=rules.REMIND_DAYS,
        overdue=[_item(r, today) for r in _by_due(overdue)],
        due_soon=[_item(r, today) for r in _by_due(r for r in rows if rules.is_due_soon(r.state, r.due_on, today))],
        awaiting_review=None if for_agency else [_item(r, today) for r in _by_due(
            r for r in rows if r.state == "answered")],
        unassigned=None if for_agency else sum(r.state == "received" for r in rows))
