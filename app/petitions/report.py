"""The petitions report (báo cáo kết quả giải quyết kiến nghị cử tri) as a plain computation over
rows: counts and shares by state, answer, agency, field and level, the overdue list and the trend
by month. No database here; app/petitions/service.py loads the rows.

Words as councils use them: a petition is "resolved" (đã giải quyết) when the Thường trực closed
it on an answer "resolved"; its share is of every petition received in the period. Overdue is as
of the day the report is made (rules.is_overdue)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field

from app.petitions import rules

NONE_KEY = "none"
LEVEL_NAMES = {"central": "Trung ương", "province": "Tỉnh", "commune": "Xã", NONE_KEY: "Chưa phân loại"}
STATE_NAMES = {"received": "Mới tiếp nhận", "assigned": "Đã giao", "answered": "Đã trả lời",
               "closed": "Đã kết thúc"}
STATUS_NAMES = {"resolved": "Đã giải quyết", "explained": "Đã giải trình, thông tin",
                "in_progress": "Đang giải quyết", "unresolved": "Chưa giải quyết", NONE_KEY: "Chưa có trả lời"}


@dataclass(frozen=True)
class ReportRow:
    id: int
    council_id: int
    text: str
    state: str
    status: str | None  # the latest answer's
    agency_id: int | None
    agency: str | None
    field: str
    level: str | None
    due_on: date | None
    received_on: date
    closed_on: date | None


class Group(BaseModel):
    key: str
    name: str
    total: int
    closed: int
    resolved: int
    overdue: int
    resolved_share: float = Field(description="per cent of total, one decimal")


class OverdueItem(BaseModel):
    id: int
    text: str
    agency: str | None
    due_on: date
    days_overdue: int
    state: str


class Month(BaseModel):
    month: str = Field(description="yyyy-mm")
    received: int
    closed: int


class Report(BaseModel):
    council_id: int
    council: str
    period_from: date = Field(serialization_alias="from")
    period_to: date = Field(serialization_alias="to")
    as_of: date
    total: int
    resolved: int
    resolved_share: float
    overdue: int
    by_state: dict[str, int]
    by_status: dict[str, int]
    by_agency: list[Group]
    by_field: list[Group]
    by_level: list[Group]
    overdue_items: list[OverdueItem] | None = Field(
        description="null for the province's oversight: figures only, never the voters' words")
    months: list[Month]


class CouncilFigures(BaseModel):
    """One council's line in its province's side-by-side view: figures, never the voters' words."""

    council_id: int
    council: str
    total: int
    resolved: int
    resolved_share: float
    overdue: int
    by_state: dict[str, int]
    by_status: dict[str, int]


class CouncilFiguresList(BaseModel):
    period_from: date = Field(serialization_alias="from")
    period_to: date = Field(serialization_alias="to")
    as_of: date
    items: list[CouncilFigures]


def figures(report: Report) -> CouncilFigures:
    return CouncilFigures(council_id=report.council_id, council=report.council, total=report.total,
                          resolved=report.resolved, resolved_share=report.resolved_share,
                          overdue=report.overdue, by_state=report.by_state, by_status=report.by_status)


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _resolved(row: ReportRow) -> bool:
    return row.state == "closed" and row.status == "resolved"


def _groups(rows: list[ReportRow], late: list[bool], key: Callable[[ReportRow], tuple[str, str]]) -> list[Group]:
    """One pass over the rows (`late`: each row's overdue flag, computed once for all groups)."""
    counts: dict[tuple[str, str], list[int]] = {}  # [total, closed, resolved, overdue]
    for row, overdue in zip(rows, late, strict=True):
        group = key(row)
        count = counts.get(group)
        if count is None:
            count = counts[group] = [0, 0, 0, 0]
        count[0] += 1
        if row.state == "closed":
            count[1] += 1
            count[2] += row.status == "resolved"
        count[3] += overdue
    groups = [Group(key=k, name=name, total=total, closed=closed, resolved=resolved, overdue=overdue,
                    resolved_share=share(resolved, total))
              for (k, name), (total, closed, resolved, overdue) in counts.items()]
    return sorted(groups, key=lambda g: (-g.total, g.name))


def _months(rows: list[ReportRow], start: date, end: date) -> list[Month]:
    received = Counter((r.received_on.year, r.received_on.month) for r in rows)  # not strftime: 20,000 rows
    closed = Counter((r.closed_on.year, r.closed_on.month) for r in rows
                     if r.closed_on and start <= r.closed_on <= end)
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(Month(month=f"{year:04d}-{month:02d}", received=received[year, month],
                            closed=closed[year, month]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _overdue_item(row: ReportRow, today: date) -> OverdueItem:
    assert row.due_on is not None  # only petitions with a due date are overdue
    return OverdueItem(id=row.id, text=row.text, agency=row.agency, due_on=row.due_on,
                       days_overdue=(today - row.due_on).days, state=row.state)


def summarize(rows: Iterable[ReportRow], *, council_id: int, council: str, start: date, end: date,
              today: date, with_items: bool = True) -> Report:
    """The report of the petitions received from `start` to `end` (both included), made `today`."""
    kept = [r for r in rows if start <= r.received_on <= end]
    states = Counter(r.state for r in kept)
    statuses = Counter(r.status or NONE_KEY for r in kept)
    flags = [rules.is_overdue(r.state, r.due_on, today) for r in kept]
    late = sorted((r for r, overdue in zip(kept, flags, strict=True) if overdue), key=lambda r: (r.due_on, r.id))
    resolved = sum(_resolved(r) for r in kept)
    return Report(
        council_id=council_id, council=council, period_from=start, period_to=end, as_of=today,
        total=len(kept), resolved=resolved, resolved_share=share(resolved, len(kept)), overdue=len(late),
        by_state={state: states[state] for state in rules.STATES},
        by_status={status: statuses[status] for status in (*rules.STATUSES, NONE_KEY)},
        by_agency=_groups(kept, flags, lambda r: (str(r.agency_id), r.agency or "")
                          if r.agency_id is not None else (NONE_KEY, "Chưa giao cơ quan")),
        by_field=_groups(kept, flags, lambda r: (r.field, r.field)),
        by_level=_groups(kept, flags, lambda r: (r.level or NONE_KEY, LEVEL_NAMES[r.level or NONE_KEY])),
        overdue_items=[_overdue_item(r, today) for r in late] if with_items else None,
        months=_months(kept, start, end))
