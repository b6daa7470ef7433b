"""Frames written straight from the fan-out: the same order and gaplessness as the queue."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from app.live.events import Event
from app.live.frames import text_frame
from app.live.hub import CLOSE_OVERFLOW, Subscriber
from app.live.metrics import LiveMetrics
from tests.live.test_live_basics import _published_meeting

METRICS = LiveMetrics()


def _event(seq: int) -> Event:
    return Event(meeting_id=1, seq=seq, type="agenda.current", audience="all",
                 data=json.dumps({"item_id": seq}), at=datetime(2026, 12, 7, tzinfo=UTC))


class Wire:
    """A socket and its transport: what reached the client, in order, by either path."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.accepting = True  # False: the transport's buffer is full
        self.drained = asyncio.Event()
        self.drained.set()

    def stop_reading(self) -> None:
        """The tablet stops reading: its buffer fills and sends wait until drained."""
        self.accepting, self.drained = False, asyncio.Event()

    def write_frame(self, frame: bytes) -> bool:
        if not self.accepting:
            return False
        self.received.append(_seq_of_frame(frame))
        return True

    async def send_text(self, data: str) -> None:
        await self.drained.wait()
        self.received.append(json.loads(data)["seq"])

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        pass


class NoAsgiSends:
    async def send_text(self, data: str) -> None:
        raise AssertionError("an event to an idle socket went through ASGI")

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        pass


def _seq_of_frame(frame: bytes) -> int:
    assert frame[0] == 0x81, "one unfragmented text frame"
    length = frame[1] & 0x7F
    offset = 2 if length < 126 else 4
    assert not frame[1] & 0x80, "a server's frame is not masked"
    return json.loads(frame[offset:])["seq"]


def test_a_frame_is_the_message_text_unmasked_and_whole() -> None:
    for text in ("{}", "x" * 125, "é" * 70, "y" * 70_000):
        frame = text_frame(text)
        if len(text.encode()) < 126:
            assert frame[:2] == bytes([0x81, len(text.encode())])
        assert frame.endswith(text.encode())


async def test_idle_sockets_get_frames_at_once_and_a_full_buffer_queues_in_order() -> None:
    wire = Wire()
    subscriber = Subscriber(wire, "full", 10, METRICS, frames=wire)
    subscriber.push(_event(1))  # before serve(): the initial sync is still being sent
    assert wire.received == []
    serving = asyncio.create_task(subscriber.serve())
    await asyncio.sleep(0)
    assert wire.received == [1]
    assert subscriber.push(_event(2)) is True and wire.received == [1, 2]

    wire.stop_reading()
    assert subscriber.push(_event(3)) is False
    await asyncio.sleep(0)  # serve() took event 3 and waits for the buffer
    wire.accepting = True  # writable again, but event 3 is not out yet:
    assert subscriber.push(_event(4)) is False, "nothing overtakes a message still being sent"
    wire.drained.set()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert wire.received == [1, 2, 3, 4]
    assert subscriber.push(_event(5)) is True and wire.received == [1, 2, 3, 4, 5]
    assert subscriber.push(_event(5)) is False and wire.received == [1, 2, 3, 4, 5], "no repeats"
    subscriber.close(1000)
    await serving


async def _served_to_a_stuck_tablet() -> tuple[Wire, Subscriber, asyncio.Task[None]]:
    wire = Wire()
    wire.stop_reading()
    subscriber = Subscriber(wire, "full", 3, METRICS, frames=wire)
    serving = asyncio.create_task(subscriber.serve())
    await asyncio.sleep(0)
    return wire, subscriber, serving


async def test_a_socket_that_cannot_keep_up_still_overflows() -> None:
    wire, subscriber, serving = await _served_to_a_stuck_tablet()
    for seq in range(1, 6):
        subscriber.push(_event(seq))
        await asyncio.sleep(0)
    assert subscriber.close_code == CLOSE_OVERFLOW
    await asyncio.wait_for(serving, 1)  # the send stuck on the full buffer ends with the socket
    assert wire.received == []


async def test_a_cancel_from_elsewhere_still_stops_a_stuck_send() -> None:
    _, subscriber, serving = await _served_to_a_stuck_tablet()
    subscriber.push(_event(1))
    await asyncio.sleep(0)
    serving.cancel()  # the server shutting down
    with pytest.raises(asyncio.CancelledError):
        await serving
    assert not subscriber.is_closed


async def test_serve_ends_when_the_client_leaves_while_idle() -> None:
    wire = Wire()
    subscriber = Subscriber(wire, "full", 3, METRICS, frames=wire)
    serving = asyncio.create_task(subscriber.serve())
    await asyncio.sleep(0)
    subscriber.close(None)
    await asyncio.wait_for(serving, 1)
    assert subscriber.close_code is None and subscriber.push(_event(1)) is False


async def test_a_real_server_writes_frames_straight_to_its_sockets(live_server, app, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    meeting_id = await _published_meeting(http, world)
    devices = [await tablet(meeting_id, who) for who in ("deputy", "chair", "secretary")]
    for device in devices:
        await device.receive()
    subscribers = app.state.live.hub.channels[meeting_id].subscribers
    assert all(s.frames is not None for s in subscribers), "uvicorn's protocol offers the frame writer"
    for subscriber in subscribers:
        subscriber.socket = NoAsgiSends()
    for title in ("Khai mạc", "Báo cáo", "Bế mạc"):
        await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": title}, headers=secretary)
    for device in devices:
        await device.receive_until(4)
        assert [m["seq"] for m in device.messages] == [1, 2, 3, 4]
        assert [i["title"] for i in device.state.data["agenda"]] == ["Khai mạc", "Báo cáo", "Bế mạc"]
