"""The petitions report as a plain computation: shares, groups, the period, overdue at the day
boundary and the months, checked on rows written by hand."""

from __future__ import annotations

from datetime import date

from app.petitions.digest import digest
from app.petitions.report import ReportRow, share, summarize

TODAY = date(2026, 12, 6)


def _row(n: int, *, state: str = "assigned", status: str | None = None, agency: int | None = 1,
         field: str = "Giao thông", level: str | None = "province", due_on: date | None = None,
         received_on: date = date(2026, 11, 20), closed_on: date | None = None) -> ReportRow:
    return ReportRow(id=n, council_id=1, text=f"Kiến nghị số {n}", state=state, status=status, agency_id=agency,
                     agency={1: "Sở Giao thông", 2: "Sở Y tế", None: None}[agency], field=field, level=level,
                     due_on=due_on, received_on=received_on, closed_on=closed_on)


def _report(rows: list[ReportRow], start: date = date(2026, 1, 1), end: date = TODAY, today: date = TODAY,
            with_items: bool = True):  # type: ignore[no-untyped-def]
    return summarize(rows, council_id=1, council="HĐND tỉnh Nghệ An", start=start, end=end, today=today,
                     with_items=with_items)


def test_share_has_one_decimal_and_no_division_by_zero() -> None:
    assert share(109, 139) == 78.4
    assert share(0, 0) == 0.0
    assert share(1, 3) == 33.3


def test_resolved_means_closed_on_a_resolved_answer() -> None:
    rows = [_row(1, state="closed", status="resolved", closed_on=date(2026, 12, 1)),
            _row(2, state="closed", status="explained", closed_on=date(2026, 12, 1)),
            _row(3, state="answered", status="resolved"),  # not yet accepted
            _row(4, state="received", agency=None, level=None)]
    report = _report(rows)
    assert (report.total, report.resolved, report.resolved_share) == (4, 1, 25.0)
    assert report.by_state == {"received": 1, "assigned": 0, "answered": 1, "closed": 2}
    assert report.by_status == {"resolved": 2, "explained": 1, "in_progress": 0, "unresolved": 0, "none": 1}
    by_agency = {g.key: g for g in report.by_agency}
    assert by_agency["1"].total == 3 and by_agency["1"].closed == 2 and by_agency["1"].resolved == 1
    assert by_agency["none"].name == "Chưa giao cơ quan"
    assert {g.key: g.total for g in report.by_level} == {"province": 3, "none": 1}


def test_overdue_counts_from_the_day_after_the_due_day() -> None:
    rows = [_row(1, due_on=TODAY), _row(2, due_on=date(2026, 12, 5)),
            _row(3, state="closed", status="resolved", due_on=date(2026, 1, 1), closed_on=date(2026, 2, 1))]
    report = _report(rows)
    assert report.overdue == 1
    assert report.overdue_items is not None
    [late] = report.overdue_items
    assert (late.id, late.days_overdue, late.agency) == (2, 1, "Sở Giao thông")
    assert _report(rows, with_items=False).overdue_items is None


def test_the_period_keeps_what_was_received_in_it_and_months_run_through_it() -> None:
    rows = [_row(1, received_on=date(2025, 12, 31)), _row(2, received_on=date(2026, 1, 1)),
            _row(3, received_on=date(2026, 3, 31), state="closed", status="resolved", closed_on=date(2026, 4, 2)),
            _row(4, received_on=date(2026, 4, 1))]
    report = _report(rows, start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert report.total == 2
    assert [(m.month, m.received, m.closed) for m in report.months] == [
        ("2026-01", 1, 0), ("2026-02", 0, 0), ("2026-03", 1, 0)]  # closed in April: after the period
    assert report.model_dump(by_alias=True)["from"] == date(2026, 1, 1)


def test_groups_are_largest_first() -> None:
    rows = [_row(1, field="Y tế"), _row(2, field="Giao thông"), _row(3, field="Giao thông")]
    assert [g.name for g in _report(rows).by_field] == ["Giao thông", "Y tế"]


def test_the_digest_gives_an_agency_its_work_and_the_secretariat_the_rest() -> None:
    rows = [_row(1, due_on=date(2026, 12, 5)),  # overdue, unanswered
            _row(2, due_on=TODAY),  # due today: a reminder, not overdue
            _row(3, due_on=date(2026, 12, 13)),  # the seventh day ahead: a reminder
            _row(4, due_on=date(2026, 12, 14)),  # the eighth: not yet
            _row(5, state="answered", status="unresolved", due_on=date(2026, 12, 1)),  # awaiting review
            _row(6, state="received", agency=None, level=None)]
    agency = digest([r for r in rows if r.agency_id == 1], council_id=1, today=TODAY, agency_id=1)
    assert [i.id for i in agency.overdue] == [1] and agency.overdue[0].days_left == -1
    assert [i.id for i in agency.due_soon] == [2, 3]
    assert agency.awaiting_review is None and agency.unassigned is None
    secretariat = digest(rows, council_id=1, today=TODAY)
    assert [i.id for i in secretariat.overdue] == [5, 1], "answered but not accepted is still overdue"
    assert secretariat.awaiting_review is not None and [i.id for i in secretariat.awaiting_review] == [5]
    assert secretariat.unassigned == 1
