"""Questioning's rules as pure functions: the life of a question, when a written answer is due,
what is overdue, and what guests may see.

submitted ─┬─ accepted (for the floor) ── asked (its first question speaker started) ── answered
           ├─ written (to be answered in writing) ─────────────────────────────────── answered
           └─ rejected (with a reason)
The secretariat may still move a question between accepted and written, or reject it, until it
is asked; questions accepted for the floor but not answered there become written ones when the
meeting closes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from app.kit.time import VIETNAM

QuestionState = Literal["submitted", "accepted", "written", "rejected", "asked", "answered"]
Decision = Literal["accepted", "written", "rejected"]
CommitmentState = Literal["open", "done"]

# target state → the states it may be reached from
TRANSITIONS: dict[QuestionState, frozenset[QuestionState]] = {
    "accepted": frozenset({"submitted", "written"}),
    "written": frozenset({"submitted", "accepted", "asked"}),
    "rejected": frozenset({"submitted", "accepted", "written"}),
    "asked": frozenset({"accepted"}),
    "answered": frozenset({"asked", "written"}),
}
# A question may be put on the floor (a `question` or `answer` speaker) in these states: a
# follow-up comes after the answer.
ON_FLOOR: frozenset[QuestionState] = frozenset({"accepted", "asked", "answered"})
# What a respondent is shown: what the secretariat has passed on to them.
FORWARDED: frozenset[QuestionState] = frozenset({"accepted", "written", "asked", "answered"})


class QuestionRuleError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def move(state: QuestionState, target: QuestionState) -> QuestionState:
    if state not in TRANSITIONS[target]:
        raise QuestionRuleError("question_wrong_state")
    return target


def decide(state: QuestionState, decision: Decision, reason: str, *, asked: bool) -> QuestionState:
    """The secretariat's decision; a refusal says why. A question asked on the floor can only be
    left to a written answer."""
    if asked and decision != "written":
        raise QuestionRuleError("question_wrong_state")
    if decision == "rejected" and not reason.strip():
        raise QuestionRuleError("question_reason_required")
    if state == decision:  # the same decision again: a new topic or reason only
        return state
    return move(state, decision)


def on_meeting_closed(state: QuestionState) -> QuestionState:
    """Questions meant for the floor that were not answered there are answered in writing."""
    return "written" if state in ("accepted", "asked") else state


def answer_due(closed_at: datetime | None, days: int) -> date | None:
    """A written answer is due `days` calendar days after the day (in Vietnam) the meeting
    closed; unknown while the meeting has not closed."""
    if closed_at is None:
        return None
    return closed_at.astimezone(VIETNAM).date() + timedelta(days=days)


def answered_in_writing(state: QuestionState, answered_on_floor: bool) -> bool:
    return state == "written" or (state == "answered" and not answered_on_floor)


def is_overdue(due: date | None, today: date, *, settled: bool) -> bool:
    """Overdue from the day after the due date, until settled (answered, done)."""
    return due is not None and not settled and today > due


def guests_see(state: QuestionState, asked_at: datetime | None) -> bool:
    """Guests and the public see a question once it was asked on the floor, and any question
    that was answered; never one submitted, refused, or waiting for its turn."""
    return asked_at is not None or state == "answered"
