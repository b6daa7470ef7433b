"""What a tablet does with live messages: start from a snapshot, apply events in order.
The same logic the web app has (frontend/src/live), in Python for the server's tests."""

from __future__ import annotations

import copy
from typing import Any


class GapError(AssertionError):
    pass


class ClientState:
    def __init__(self) -> None:
        self.seq: int | None = None
        self.data: dict[str, Any] = {}

    def apply(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "snapshot":
            self.seq = message["seq"]
            self.data = copy.deepcopy(message["data"])
            return
        if self.seq is None:
            raise GapError(f"event before snapshot: {message}")
        if message["seq"] != self.seq + 1:
            raise GapError(f"expected seq {self.seq + 1}, got {message['seq']}")
        self.seq = message["seq"]
        handler = getattr(self, "_" + kind.replace(".", "_"), None)
        if handler is not None:
            handler(message["data"])

    def _meeting_updated(self, data: dict[str, Any]) -> None:
        self.data["meeting"] = data["meeting"]

    def _agenda_updated(self, data: dict[str, Any]) -> None:
        self.data["agenda"] = data["items"]

    def _agenda_current(self, data: dict[str, Any]) -> None:
        for item in self.data["agenda"]:
            if item["id"] == data.get("previous_id"):
                item["state"] = "done"
            if item["id"] == data["item_id"]:
                item["state"] = "current"
        self.data["meeting"]["current_item_id"] = data["item_id"]
        self.data["speakers"] = []  # the new item's list follows in `speaker.updated`

    def _speaker_updated(self, data: dict[str, Any]) -> None:
        if data["agenda_item_id"] == self.data["meeting"]["current_item_id"]:
            self.data["speakers"] = data["speakers"]

    def _question_updated(self, data: dict[str, Any]) -> None:
        question = data["question"]
        others = [q for q in self.data["questions"] if q["id"] != question["id"]]
        self.data["questions"] = sorted([*others, question], key=lambda q: q["number"])

    def _minutes_updated(self, data: dict[str, Any]) -> None:
        minutes = {**self.data["minutes"], **data["minutes"]}
        if data["note"] is not None:
            notes = [n for n in minutes["notes"] if n["agenda_item_id"] != data["note"]["agenda_item_id"]]
            minutes["notes"] = sorted([*notes, data["note"]], key=lambda n: n["agenda_item_id"])
        self.data["minutes"] = minutes

    def _resolution_updated(self, data: dict[str, Any]) -> None:
        resolution = data["resolution"]
        others = [r for r in self.data["resolutions"] if r["id"] != resolution["id"]]
        self.data["resolutions"] = sorted([*others, resolution], key=lambda r: r["id"])

    def _attendance_updated(self, data: dict[str, Any]) -> None:
        self.data["attendance"] = data

    def _document_added(self, data: dict[str, Any]) -> None:
        self._document_updated(data)

    def _document_updated(self, data: dict[str, Any]) -> None:
        document = data["document"]
        self.data["documents"] = [d for d in self.data["documents"] if d["id"] != document["id"]]
        self.data["documents"].append(document)

    def _document_removed(self, data: dict[str, Any]) -> None:
        self.data["documents"] = [d for d in self.data["documents"] if d["id"] != data["document_id"]]

    def _poll_opened(self, data: dict[str, Any]) -> None:
        self.data["poll"] = data

    def _poll_progress(self, data: dict[str, Any]) -> None:
        poll = self.data.get("poll")
        if poll is not None and poll["id"] == data["poll_id"]:
            poll["progress"] = {"eligible": data["eligible"], "voted": data["voted"]}

    def _poll_closed(self, data: dict[str, Any]) -> None:
        self.data["poll"] = data

    def comparable(self) -> dict[str, Any]:
        """The state with list order that carries no meaning normalised."""
        data = copy.deepcopy(self.data)
        data["documents"] = sorted(data.get("documents") or [], key=lambda d: d["id"])
        return data
