"""The petitions report (báo cáo kết quả giải quyết kiến nghị cử tri) as a plain computation over
rows: counts and shares by state, answer, agency, field and level, the overdue list and the trend
by month. No database here; app/petitions/service.py loads the rows.

Words as councils use them: a petition is "resolved" (đã giải quyết) when the Thường trực closed
it on an answer "resolved"; its share is of every petition received in the period. Overdue is as
of the day the report is made (rules.is_overdue)."""

from __future__ import annotations

from collections import Counter, defaultdict
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


def _groups(rows: list[ReportRow], key: Callable[[ReportRow], tuple[str, str]], today: date) -> list[Group]:
    buckets: dict[tuple[str, str], list[ReportRow]] = defaultdict(list)
    for row in rows:
        buckets[key(row)].append(row)
    groups = [Group(key=k, name=name, total=len(members),
                    closed=sum(r.state == "closed" for r in members),
                    resolved=sum(_resolved(r) for r in members),
                    overdue=sum(rules.is_overdue(r.state, r.due_on, today) for r in members),
                    resolved_share=share(sum(_resolved(r) for r in members), len(members)))
              for (k, name), members in buckets.items()]
    return sorted(groups, key=lambda g: (-g.total, g.name))


def _months(rows: list[ReportRow], start: date, end: date) -> list[Month]:
    received = Counter(f"{r.received_on:%Y-%m}" for r in rows)
    closed = Counter(f"{r.closed_on:%Y-%m}" for r in rows if r.closed_on and start <= r.closed_on <= end)
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        label = f"{year:04d}-{month:02d}"
        months.append(Month(month=label, received=received[label], closed=closed[label]))
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
    late = sorted((r for r in kept if rules.is_overdue(r.state, r.due_on, today)),
                  key=lambda r: (r.due_on, r.id))
    resolved = sum(_resolved(r) for r in kept)
    return Report(
        council_id=council_id, council=council, period_from=start, period_to=end, as_of=today,
        total=len(kept), resolved=resolved, resolved_share=share(resolved, len(kept)), overdue=len(late),
        by_state={state: states[state] for state in rules.STATES},
        by_status={status: statuses[status] for status in (*rules.STATUSES, NONE_KEY)},
        by_agency=_groups(kept, lambda r: (str(r.agency_id), r.agency or "")
                          if r.agency_id is not None else (NONE_KEY, "Chưa giao cơ quan"), today),
        by_field=_groups(kept, lambda r: (r.field, r.field), today),
        by_level=_groups(kept, lambda r: (r.level or NONE_KEY, LEVEL_NAMES[r.level or NONE_KEY]), today),
        overdue_items=[_overdue_item(r, today) for r in late] if with_items else None,
        months=_months(kept, start, end))
