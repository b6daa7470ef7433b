"""The floor's pure rules, directly and for random sequences of the chair's actions (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.floor.rules import (
    DEFAULT_SPEAKING_TIME_S,
    FloorRuleError,
    Speaker,
    Timer,
    check_registration,
    end_turn,
    give_floor,
    in_order,
    next_position,
    positions_from_order,
    resume_turn,
    transition,
)

T0 = datetime(2026, 12, 8, 8, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def speaker(id: int, kind: str = "discussion", position: int | None = None, user_id: int | None = None) -> Speaker:
    return Speaker(id=id, user_id=user_id or id, kind=kind, state="waiting",  # type: ignore[arg-type]
                   position=position if position is not None else id,
                   timer=Timer(DEFAULT_SPEAKING_TIME_S[kind]))  # type: ignore[index]


def apply(speakers: list[Speaker], changed: dict[int, Speaker]) -> list[Speaker]:
    return [changed.get(s.id, s) for s in speakers]


def test_a_turn_with_a_pause_and_an_extension() -> None:
    s = transition(speaker(1), "start", at(0))
    assert s.timer.ends_at() == at(420)
    s = transition(s, "pause", at(100))
    assert s.timer.remaining(at(1000)) == 320, "a pause stops the clock"
    s = transition(s, "resume", at(1000))
    assert s.timer.ends_at() == at(1320)
    s = s.__class__(**{**s.__dict__, "timer": s.timer.extend(60)})
    assert s.timer.ends_at() == at(1380)
    assert s.timer.remaining(at(1400)) == -20, "over time shows as negative"
    done = transition(s, "stop", at(1400))
    assert done.timer.spoken(at(5000)) == 500 and done.timer.ends_at() is None


def test_invalid_transitions_are_refused() -> None:
    waiting = speaker(1)
    for action in ("pause", "resume", "stop"):
        with pytest.raises(FloorRuleError, match="speaker_wrong_state"):
            transition(waiting, action, at(0))
    done = transition(transition(waiting, "start", at(0)), "stop", at(1))
    for action in ("start", "pause", "resume", "stop", "withdraw"):
        with pytest.raises(FloorRuleError):
            transition(done, action, at(2))
    with pytest.raises(FloorRuleError, match="extension_invalid"):
        Timer(60).extend(0)


def test_starting_the_next_speaker_ends_the_current_one() -> None:
    speakers = [speaker(1), speaker(2)]
    speakers = apply(speakers, give_floor(speakers, 1, at(0)))
    speakers = apply(speakers, give_floor(speakers, 2, at(30)))
    assert [(s.id, s.state) for s in speakers] == [(1, "done"), (2, "speaking")]
    assert speakers[0].timer.spoken(at(99)) == 30


def test_a_point_of_order_pauses_the_speaker_and_gives_the_floor_back() -> None:
    speakers = [speaker(1), speaker(2), speaker(3, "point_of_order")]
    speakers = apply(speakers, give_floor(speakers, 1, at(0)))
    speakers = apply(speakers, give_floor(speakers, 3, at(60)))
    assert [s.state for s in speakers] == ["paused", "waiting", "speaking"]
    speakers = apply(speakers, end_turn(speakers, 3, at(90)))
    assert [s.state for s in speakers] == ["speaking", "waiting", "done"]
    assert speakers[0].timer.remaining(at(90)) == 360, "the point of order's 30 s are not theirs"
    # A speaker the chair had paused stays paused after a point of order.
    speakers = apply(speakers, {1: transition(speakers[0], "pause", at(100))})
    speakers.append(speaker(4, "point_of_order"))
    speakers = apply(speakers, give_floor(speakers, 4, at(110)))
    speakers = apply(speakers, end_turn(speakers, 4, at(120)))
    assert speakers[0].state == "paused"


def test_order_registration_and_reordering() -> None:
    speakers = [speaker(1), speaker(2), speaker(3)]
    assert next_position(speakers, "discussion") == 4
    assert next_position(speakers, "point_of_order") == 0, "a point of order goes first"
    with pytest.raises(FloorRuleError, match="already_waiting"):
        check_registration(speakers, 2, "discussion", closed=False)
    check_registration(speakers, 2, "debate", closed=False)
    with pytest.raises(FloorRuleError, match="list_closed"):
        check_registration(speakers, 9, "discussion", closed=True)
    check_registration(speakers, 9, "point_of_order", closed=True)
    assert positions_from_order(speakers, [3, 1, 2]) == {3: 1, 1: 2, 2: 3}
    for bad in ([3, 1], [3, 1, 2, 2], [3, 1, 9]):
        with pytest.raises(FloorRuleError, match="speaker_order_mismatch"):
            positions_from_order(speakers, bad)
    started = apply(speakers, give_floor(speakers, 2, at(0)))
    assert [s.id for s in in_order(started)] == [1, 3, 2]


ACTIONS = st.lists(st.tuples(st.sampled_from(["register", "register_poo", "start", "pause", "resume",
                                              "stop", "extend", "withdraw"]),
                             st.integers(0, 20), st.floats(0, 120)), max_size=60)


@given(ACTIONS)
def test_random_chairing_keeps_one_speaker_and_honest_clocks(actions) -> None:  # type: ignore[no-untyped-def]
    speakers: list[Speaker] = []
    now = 0.0
    for action, pick, wait in actions:
        now += wait
        before = {s.id: s.timer.spoken(at(now)) for s in speakers}
        try:
            if action.startswith("register"):
                kind = "point_of_order" if action == "register_poo" else "discussion"
                new_id = len(speakers) + 1
                speakers.append(speaker(new_id, kind, next_position(speakers, kind)))  # type: ignore[arg-type]
                continue
            if not speakers:
                continue
            target = speakers[pick % len(speakers)]
            if action == "start":
                changed = give_floor(speakers, target.id, at(now))
            elif action == "stop":
                changed = end_turn(speakers, target.id, at(now))
            elif action == "resume":
                changed = resume_turn(speakers, target.id, at(now))
            elif action == "extend":
                changed = {target.id: Speaker(**{**target.__dict__, "timer": target.timer.extend(30)})}
            else:
                changed = {target.id: transition(target, action, at(now))}
        except FloorRuleError:
            continue
        speakers = apply(speakers, changed)
        assert sum(s.state == "speaking" for s in speakers) <= 1, "one speaker at a time"
        for s in speakers:
            spoken = s.timer.spoken(at(now))
            assert spoken >= before.get(s.id, 0) - 1e-9, "spoken time never goes back"
            assert abs(s.timer.remaining(at(now)) - (s.timer.allotted_s - spoken)) < 1e-9
            assert (s.timer.started_at is not None) == (s.state == "speaking")
        # The clock runs only for the one speaking: time passing changes nobody else's.
        later = at(now + 10)
        for s in speakers:
            if s.state != "speaking":
                assert s.timer.spoken(later) == s.timer.spoken(at(now))


def test_the_next_speaker_during_a_point_of_order_ends_both() -> None:
    speakers = [speaker(1), speaker(2, "point_of_order"), speaker(3)]
    speakers = apply(speakers, give_floor(speakers, 1, at(0)))
    speakers = apply(speakers, give_floor(speakers, 2, at(10)))
    speakers = apply(speakers, give_floor(speakers, 3, at(20)))
    assert [s.state for s in speakers] == ["done", "done", "speaking"]
    # Resuming the interrupted speaker ends the point of order first.
    speakers = [speaker(1), speaker(2, "point_of_order")]
    speakers = apply(speakers, give_floor(speakers, 1, at(0)))
    speakers = apply(speakers, give_floor(speakers, 2, at(10)))
    speakers = apply(speakers, resume_turn(speakers, 1, at(15)))
    assert [s.state for s in speakers] == ["speaking", "done"]
