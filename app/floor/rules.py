"""The floor's rules as pure functions: a speaker's timer, the transitions of a speaker, and the
list of an agenda item (order, giving the floor, a point of order interrupting the speaker).

Time is kept as what a speaker has spoken before the current turn (`spoken_s`) and when the
current turn started (`started_at`): the remaining time is then one subtraction from the server's
clock, the same on every screen, and a pause or an extension never accumulates rounding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

SpeakerKind = Literal["discussion", "debate", "question", "answer", "point_of_order"]
SpeakerState = Literal["waiting", "speaking", "paused", "done", "withdrawn"]
KINDS: tuple[SpeakerKind, ...] = ("discussion", "debate", "question", "answer", "point_of_order")
# Default speaking times (API.md): thảo luận 7 min, tranh luận 3, chất vấn 2, trả lời 5, thủ tục 1.
DEFAULT_SPEAKING_TIME_S: dict[SpeakerKind, int] = {
    "discussion": 420, "debate": 180, "question": 120, "answer": 300, "point_of_order": 60}
MAX_EXTENSION_S = 3600


class FloorRuleError(ValueError):
    """`code` is a message code of app.i18n; answered 409 (or 422 for bad input)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Timer:
    allotted_s: int
    spoken_s: float = 0.0
    started_at: datetime | None = None  # set while speaking

    def spoken(self, now: datetime) -> float:
        running = (now - self.started_at).total_seconds() if self.started_at else 0.0
        return self.spoken_s + max(0.0, running)

    def remaining(self, now: datetime) -> float:
        """Seconds left; negative once over time."""
        return self.allotted_s - self.spoken(now)

    def ends_at(self) -> datetime | None:
        """When the time runs out, while the clock runs."""
        if self.started_at is None:
            return None
        return self.started_at + timedelta(seconds=self.allotted_s - self.spoken_s)

    def run(self, now: datetime) -> Timer:
        return self if self.started_at else replace(self, started_at=now)

    def halt(self, now: datetime) -> Timer:
        return replace(self, spoken_s=self.spoken(now), started_at=None)

    def extend(self, seconds: int) -> Timer:
        if not 1 <= seconds <= MAX_EXTENSION_S:
            raise FloorRuleError("extension_invalid")
        return replace(self, allotted_s=self.allotted_s + seconds)


@dataclass(frozen=True)
class Speaker:
    id: int
    user_id: int
    kind: SpeakerKind
    state: SpeakerState
    position: int
    timer: Timer
    interrupted_id: int | None = None  # a point of order: the speaker who held the floor
    resumes_interrupted: bool = False  # that speaker was speaking (not paused by the chair)


# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[SpeakerState], SpeakerState]] = {
    "start": (frozenset({"waiting"}), "speaking"),
    "pause": (frozenset({"speaking"}), "paused"),
    "resume": (frozenset({"paused"}), "speaking"),
    "stop": (frozenset({"speaking", "paused"}), "done"),
    "withdraw": (frozenset({"waiting"}), "withdrawn"),
}


def transition(speaker: Speaker, action: str, now: datetime) -> Speaker:
    sources, target = TRANSITIONS[action]
    if speaker.state not in sources:
        raise FloorRuleError("speaker_wrong_state")
    timer = speaker.timer.run(now) if target == "speaking" else speaker.timer.halt(now)
    return replace(speaker, state=target, timer=timer)


def in_order(speakers: Sequence[Speaker]) -> list[Speaker]:
    """Waiting ones by position, then the one speaking or paused, then those done; withdrawn
    last. Ties keep the order of registration (id)."""
    rank = {"waiting": 0, "speaking": 1, "paused": 1, "done": 2, "withdrawn": 3}
    return sorted(speakers, key=lambda s: (rank[s.state], s.position if s.state == "waiting"
                                           else 0, s.id))


def next_position(speakers: Sequence[Speaker], kind: SpeakerKind) -> int:
    """A point of order goes before everyone waiting (the chair must see it at once); anything
    else at the end of the list."""
    waiting = [s.position for s in speakers if s.state == "waiting"]
    if kind == "point_of_order":
        return min(waiting, default=1) - 1
    return max(waiting, default=0) + 1


def check_registration(speakers: Sequence[Speaker], user_id: int, kind: SpeakerKind, *,
                       closed: bool) -> None:
    """The list may be closed to new speakers, but a point of order is always heard; one
    waiting entry per person and kind."""
    if closed and kind != "point_of_order":
        raise FloorRuleError("list_closed")
    if any(s.user_id == user_id and s.kind == kind and s.state == "waiting" for s in speakers):
        raise FloorRuleError("already_waiting")


def positions_from_order(speakers: Sequence[Speaker], speaker_ids: Sequence[int]) -> dict[int, int]:
    """New positions for the waiting speakers; the ids must be exactly the waiting ones."""
    waiting = {s.id for s in speakers if s.state == "waiting"}
    if len(speaker_ids) != len(set(speaker_ids)) or set(speaker_ids) != waiting:
        raise FloorRuleError("speaker_order_mismatch")
    return {speaker_id: position for position, speaker_id in enumerate(speaker_ids, start=1)}


def _find(speakers: Sequence[Speaker], speaker_id: int,
          state: SpeakerState | None = None) -> tuple[dict[int, Speaker], Speaker]:
    """The speakers by id, and `speaker_id` among them (in `state`, when given)."""
    by_id = {s.id: s for s in speakers}
    speaker = by_id.get(speaker_id)
    if speaker is None:
        raise FloorRuleError("speaker_not_found")
    if state is not None and speaker.state != state:
        raise FloorRuleError("speaker_wrong_state")
    return by_id, speaker


def _active(speakers: Sequence[Speaker]) -> Speaker | None:
    return next((s for s in speakers if s.state in ("speaking", "paused")
                 and not any(o.interrupted_id == s.id and o.state in ("speaking", "paused")
                             for o in speakers)), None)


def give_floor(speakers: Sequence[Speaker], speaker_id: int, now: datetime) -> dict[int, Speaker]:
    """Start `speaker_id`. Whoever holds the floor is ended — or, when a point of order is
    started, paused until the point of order ends. Returns the speakers that changed."""
    by_id, target = _find(speakers, speaker_id, "waiting")
    changed: dict[int, Speaker] = {}
    holder = _active(speakers)
    if holder is not None:
        if target.kind == "point_of_order":
            speaking = holder.state == "speaking"
            if speaking:
                changed[holder.id] = transition(holder, "pause", now)
            target = replace(target, interrupted_id=holder.id, resumes_interrupted=speaking)
        else:
            # The next speaker: whoever holds the floor ends, and so does anyone a point of
            # order had interrupted (nobody gets the floor back).
            chain: Speaker | None = holder
            while chain is not None and chain.state in ("speaking", "paused"):
                changed[chain.id] = transition(chain, "stop", now)
                chain = by_id.get(chain.interrupted_id) if chain.interrupted_id else None
    changed[target.id] = transition(target, "start", now)
    return changed


def end_turn(speakers: Sequence[Speaker], speaker_id: int, now: datetime) -> dict[int, Speaker]:
    """Stop `speaker_id`. A point of order that ends gives the floor back to the speaker it
    interrupted, who resumes if they were speaking when it began."""
    by_id, speaker = _find(speakers, speaker_id)
    changed = {speaker.id: transition(speaker, "stop", now)}
    interrupted = by_id.get(speaker.interrupted_id) if speaker.interrupted_id else None
    if interrupted is not None and interrupted.state == "paused" and speaker.resumes_interrupted:
        changed[interrupted.id] = transition(interrupted, "resume", now)
    return changed


def resume_turn(speakers: Sequence[Speaker], speaker_id: int, now: datetime) -> dict[int, Speaker]:
    """Resume a paused speaker; a point of order still being heard ends first."""
    _, target = _find(speakers, speaker_id, "paused")
    changed: dict[int, Speaker] = {}
    for other in speakers:
        if other.state == "speaking" and other.id != target.id:
            changed.update(end_turn(speakers, other.id, now))
    current = changed.get(target.id, target)
    if current.state == "paused":
        changed[target.id] = transition(current, "resume", now)
    return changed
