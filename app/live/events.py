"""Events as they travel: from outbox rows to the JSON each kind of reader receives.

Readers are of two kinds: `full` (the council's deputies, chair, secretariat) and `guest`
(guests, invited people). An event meant for the other kind reaches a reader as a bare
{"type": "hidden", "seq": n} so that every reader's sequence stays gapless; the agenda and the
current item are trimmed for guests to what they may see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from app.kit.time import utcnow
from app.live.frames import text_frame
from app.models import MeetingEvent

ReaderKind = Literal["full", "guest"]
HIDDEN = "hidden"


@dataclass
class Event:
    meeting_id: int
    seq: int
    type: str
    audience: str
    data: str  # JSON text, as stored
    at: datetime
    _wire: dict[ReaderKind, str] = field(default_factory=dict, repr=False, compare=False)
    _frames: dict[ReaderKind, bytes] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_row(cls, row: MeetingEvent) -> Event:
        return cls(meeting_id=row.meeting_id, seq=row.seq, type=row.type, audience=row.audience,
                   data=row.data, at=row.at)

    def to_message(self) -> dict[str, Any]:
        """For brokers: everything needed to rebuild the event on another worker."""
        return {"meeting_id": self.meeting_id, "seq": self.seq, "type": self.type,
                "audience": self.audience, "data": self.data, "at": self.at.isoformat()}

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Event:
        return cls(meeting_id=message["meeting_id"], seq=message["seq"], type=message["type"],
                   audience=message["audience"], data=message["data"],
                   at=datetime.fromisoformat(message["at"]))

    def wire(self, reader: ReaderKind) -> str:
        """The message text for one kind of reader, serialised once and then reused."""
        text = self._wire.get(reader)
        if text is None:
            text = self._wire[reader] = _render(self, reader)
        return text

    def frame(self, reader: ReaderKind) -> bytes:
        """The same message as a websocket frame, encoded once for every socket of that kind."""
        encoded = self._frames.get(reader)
        if encoded is None:
            encoded = self._frames[reader] = text_frame(self.wire(reader))
        return encoded


def visible_to(audience: str, reader: ReaderKind) -> bool:
    return audience == "all" or (audience == "confidential") == (reader == "full")


def _render(event: Event, reader: ReaderKind) -> str:
    at = event.at.isoformat()
    # The server's clock as the message leaves: screens correct their own clock's offset by it,
    # so a speaker's remaining time is the same second everywhere.
    now = utcnow().isoformat()
    if not visible_to(event.audience, reader):
        return json.dumps({"type": HIDDEN, "seq": event.seq, "at": at, "server_time": now, "data": {}})
    if reader == "guest" and event.type in GUEST_TRIMS:
        data = json.dumps(GUEST_TRIMS[event.type](json.loads(event.data)), ensure_ascii=False)
    else:
        data = event.data
    return (f'{{"type": {json.dumps(event.type)}, "seq": {event.seq}, "at": "{at}", '
            f'"server_time": "{now}", "data": {data}}}')


def guest_agenda(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items in display order, without those that are not public (nor their children)."""
    hidden: set[int] = set()
    shown = []
    for item in items:
        if not item["public"] or item["parent_id"] in hidden:
            hidden.add(item["id"])
        else:
            shown.append(item)
    return shown


def _trim_agenda(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "items": guest_agenda(data["items"])}


def _trim_current(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("public", True):
        return data
    return {**data, "item_id": None}


GUEST_TRIMS = {"agenda.updated": _trim_agenda, "agenda.current": _trim_current}
