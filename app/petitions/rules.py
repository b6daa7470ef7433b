"""The life of a petition, as plain rules: which step is allowed from which state, and when a
petition is overdue. States: received → assigned (an agency and a due date) → answered (the
agency's response) → closed (the Thường trực accepted it), or back to assigned (sent back)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from app.errors import Conflict, Invalid

State = Literal["received", "assigned", "answered", "closed"]
STATES: tuple[State, ...] = ("received", "assigned", "answered", "closed")
Status = Literal["resolved", "explained", "in_progress", "unresolved"]
STATUSES: tuple[Status, ...] = ("resolved", "explained", "in_progress", "unresolved")
Level = Literal["central", "province", "commune"]
LEVELS: tuple[Level, ...] = ("central", "province", "commune")


def is_overdue(state: str, due_on: date | None, today: date) -> bool:
    """The due day has passed (in Vietnam: `today` is vietnam_today()) without an accepted
    answer. The due day itself is still in time."""
    return due_on is not None and state != "closed" and today > due_on


def after_classification(state: str, *, agency_id: int | None, due_on: date | None) -> State:
    """A received petition is assigned once it has an agency and a due date; an assigned one
    that loses either goes back to received."""
    if state == "closed":
        raise Conflict("petition_closed")
    if state == "answered":
        return "answered"
    return "assigned" if agency_id is not None and due_on is not None else "received"


def require_reassignable(state: str) -> None:
    """The agency and the due date may change until the agency has answered."""
    if state == "closed":
        raise Conflict("petition_closed")
    if state == "answered":
        raise Conflict("petition_answered")


def require_answerable(state: str) -> None:
    if state == "received":
        raise Conflict("petition_not_assigned")
    if state == "answered":
        raise Conflict("petition_answered")
    if state == "closed":
        raise Conflict("petition_closed")


def check_response(status: str, plan_due_on: date | None) -> None:
    """"Đang giải quyết" comes with a plan and its date; the others do not carry one."""
    if status == "in_progress" and plan_due_on is None:
        raise Invalid("plan_due_required")


def after_review(state: str, *, accepted: bool) -> State:
    if state == "closed":
        raise Conflict("petition_closed")
    if state != "answered":
        raise Conflict("petition_not_answered")
    return "closed" if accepted else "assigned"


def require_mergeable(target_state: str, others: list[str]) -> None:
    """Duplicates are merged before anyone answers them: an answered or closed petition keeps
    its own history."""
    for state in [target_state, *others]:
        if state in ("answered", "closed"):
            raise Conflict("petition_answered" if state == "answered" else "petition_closed")


REMIND_DAYS = 7  # a reminder when the due day is this near and the agency has not answered


def is_due_soon(state: str, due_on: date | None, today: date, days: int = REMIND_DAYS) -> bool:
    """Still awaiting the agency's answer, due within `days` (the due day itself included)."""
    return state == "assigned" and due_on is not None and today <= due_on <= today + timedelta(days=days)
