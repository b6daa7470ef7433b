"""Questioning's pure rules: every transition (and every refused one), due dates in Vietnam's
calendar, overdue at the day boundary, what guests see; random walks never leave the graph."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.questions import rules
from app.questions.rules import QuestionRuleError

STATES = ("submitted", "accepted", "written", "rejected", "asked", "answered")
ALLOWED = {("submitted", "accepted"), ("written", "accepted"),
           ("submitted", "written"), ("accepted", "written"), ("asked", "written"),
           ("submitted", "rejected"), ("accepted", "rejected"), ("written", "rejected"),
           ("accepted", "asked"), ("asked", "answered"), ("written", "answered")}


@pytest.mark.parametrize(("state", "target"), list(product(STATES, STATES)))
def test_every_move_is_allowed_or_refused_as_the_table_says(state, target) -> None:  # type: ignore[no-untyped-def]
    if target == "submitted":
        return  # nothing leads back to a draft
    if (state, target) in ALLOWED:
        assert rules.move(state, target) == target
    else:
        with pytest.raises(QuestionRuleError, match="question_wrong_state"):
            rules.move(state, target)


def test_nothing_leads_back_to_submitted_and_rejected_answered_are_final() -> None:
    assert "submitted" not in rules.TRANSITIONS
    for sources in rules.TRANSITIONS.values():
        assert "rejected" not in sources and "answered" not in sources


def test_a_refusal_needs_a_reason_and_an_asked_question_can_only_go_to_writing() -> None:
    with pytest.raises(QuestionRuleError, match="question_reason_required"):
        rules.decide("submitted", "rejected", "   ", asked=False)
    assert rules.decide("submitted", "rejected", "Trùng nội dung", asked=False) == "rejected"
    assert rules.decide("accepted", "accepted", "", asked=False) == "accepted"  # a new topic only
    assert rules.decide("asked", "written", "", asked=True) == "written"
    for decision in ("accepted", "rejected"):
        with pytest.raises(QuestionRuleError, match="question_wrong_state"):
            rules.decide("written", decision, "lý do", asked=True)


def test_at_the_close_what_the_floor_did_not_answer_is_written() -> None:
    assert {state: rules.on_meeting_closed(state) for state in STATES} == {
        "submitted": "submitted", "accepted": "written", "written": "written",
        "rejected": "rejected", "asked": "written", "answered": "answered"}


def test_a_written_answer_is_due_days_after_the_close_on_vietnams_calendar() -> None:
    # 20:00 UTC on 10 December is 03:00 on 11 December in Hà Nội: the 11th counts.
    closed = datetime(2026, 12, 10, 20, 0, tzinfo=UTC)
    assert rules.answer_due(closed, 20) == date(2026, 12, 31)
    assert rules.answer_due(datetime(2026, 12, 10, 16, 59, tzinfo=UTC), 20) == date(2026, 12, 30)
    assert rules.answer_due(None, 20) is None


def test_overdue_from_the_day_after_the_due_date_until_settled() -> None:
    due = date(2026, 12, 31)
    assert not rules.is_overdue(due, date(2026, 12, 31), settled=False)
    assert rules.is_overdue(due, date(2027, 1, 1), settled=False)
    assert not rules.is_overdue(due, date(2027, 1, 1), settled=True)
    assert not rules.is_overdue(None, date(2027, 1, 1), settled=False)


def test_guests_see_questions_once_asked_and_answers_never_drafts_or_refusals() -> None:
    asked_at = datetime(2026, 12, 8, 3, tzinfo=UTC)
    assert [s for s in STATES if rules.guests_see(s, None)] == ["answered"]
    assert rules.guests_see("asked", asked_at) and rules.guests_see("written", asked_at)
    assert not rules.guests_see("submitted", None) and not rules.guests_see("rejected", None)


@given(st.lists(st.sampled_from(STATES), max_size=30))
def test_random_walks_only_take_edges_of_the_graph(targets: list[str]) -> None:
    state, asked = "submitted", False
    for target in targets:
        try:
            new = rules.move(state, target) if target in rules.TRANSITIONS else None  # type: ignore[arg-type]
        except QuestionRuleError:
            assert (state, target) not in ALLOWED
            continue
        if new is None:
            continue
        assert (state, new) in ALLOWED
        asked = asked or new == "asked"
        state = new
    # once asked, the public may see it whatever happens after
    assert not asked or rules.guests_see(state, datetime.now(UTC) - timedelta(minutes=1))  # type: ignore[arg-type]
