"""Fan-out of meeting events to the sockets of this worker.

Per meeting, a channel puts events in `seq` order before anything is sent: events can arrive out
of order (two requests commit in turn but publish in the other order) or not at all (a broker
message lost, a worker killed between commit and publish), so a gap is filled from the event
table after a short wait, and a periodic check catches anything a broker missed.

Each socket has a bounded queue and its own sender task: a slow or dead tablet never delays the
others; when its queue overflows it is closed with 4409 and resumes with `since`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.kit.time import utcnow
from app.live.events import Event, ReaderKind
from app.live.frames import FrameWriter
from app.live.metrics import LiveMetrics
from app.live.snapshot_cache import SnapshotCache
from app.models import Meeting, MeetingEvent

log = logging.getLogger("kyhop.live")

GAP_WAIT_S = 0.1
RECENT_EVENTS = 500
RESYNC_EVERY_S = 2.0
# A meeting's channel outlives its last socket this long (s), so that when the hall's Wi-Fi
# comes back the tablets resume from the events kept in memory and share one snapshot.
LINGER_S = 120.0
STOP_WAIT_S = 5.0  # how long stopping waits for a resync under way
# How long this worker's fan-out waits for the broker to take an event for the other workers:
# a publish to Redis on the same network answers in well under a millisecond.
FORWARD_HEAD_START_S = 0.002
# Close codes (API.md): not authenticated, not allowed, no such meeting, could not keep up.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_OVERFLOW = 4409


async def stored_events(session: AsyncSession, meeting_id: int, *, after: int,
                        up_to: int | None = None) -> list[Event]:
    """A meeting's events after `after` (up to `up_to`) from the table, in order."""
    query = select(MeetingEvent).where(MeetingEvent.meeting_id == meeting_id,
                                       MeetingEvent.seq > after).order_by(MeetingEvent.seq)
    if up_to is not None:
        query = query.where(MeetingEvent.seq <= up_to)
    return [Event.from_row(row) for row in await session.scalars(query)]


class Socket(Protocol):
    async def send_text(self, data: str) -> None: ...
    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


class Subscriber:
    """One websocket: a bounded queue of (seq, text) that `serve()` sends in order. While that
    queue is empty and nothing is being sent, an event's frame is written to the socket straight
    from the fan-out: no task to wake, no ASGI send chain (see app/live/frames.py)."""

    # Thousands of these live at once: slots, no asyncio.Event, a queue made on first use and a
    # future only while serve() waits keep an idle socket's share of memory small.
    __slots__ = (
        "_idle",
        "_queue",
        "_send_cancelled",
        "_sender",
        "_waiter",
        "close_code",
        "frames",
        "is_closed",
        "max_queue",
        "metrics",
        "reader",
        "sent_seq",
        "socket",
        "token_id",
    )

    def __init__(self, socket: Socket, reader: ReaderKind, max_queue: int,
                 metrics: LiveMetrics, *, token_id: int | None = None,
                 frames: FrameWriter | None = None) -> None:
        self.socket = socket
        self.reader = reader
        self.token_id = token_id  # the login it was opened with
        self.max_queue = max_queue
        self.metrics = metrics
        self.frames = frames
        self.sent_seq = 0
        self.is_closed = False
        self.close_code: int | None = None  # None: ended by the client, or not yet closed
        self._queue: deque[tuple[int, str]] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._sender: asyncio.Task[Any] | None = None  # serve()'s task while it is in a send
        self._send_cancelled = False
        self._idle = False  # serve() is waiting with an empty queue

    def push(self, event: Event) -> bool:
        """Sends the event now if the socket is idle and can take it, else queues it; True when
        it was written here."""
        if self.is_closed or event.seq <= self.sent_seq:
            return False
        if self._idle and self.frames is not None and self.frames.write_frame(event.frame(self.reader)):
            self.sent_seq = event.seq
            return True
        queue = self._queue
        if queue is None:
            queue = self._queue = deque()
        if len(queue) >= self.max_queue:
            self.metrics.overflows.inc()
            self.close(CLOSE_OVERFLOW)
            return False
        queue.append((event.seq, event.wire(self.reader)))
        self._wake()
        return False

    def close(self, code: int | None) -> None:
        """Stops serve(); `code` is what the socket is closed with (None: the client left)."""
        if not self.is_closed:
            self.close_code = code
            self.is_closed = True
            self._wake()
            if self._sender is not None:  # a send stuck on a tablet that stopped reading
                self._send_cancelled = True
                self._sender.cancel()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def send_now(self, seq: int, text: str) -> None:
        """Initial messages (snapshot, catch-up), sent before the queue is served."""
        await self.socket.send_text(text)
        self.sent_seq = max(self.sent_seq, seq)
        self.metrics.sent.inc()

    async def serve(self) -> None:
        """Send queued events in order until closed; events already covered are skipped."""
        loop = asyncio.get_running_loop()
        while not self.is_closed:
            queue = self._queue
            if not queue:
                self._idle = True
                self._waiter = loop.create_future()
                try:
                    await self._waiter
                finally:
                    self._waiter = None
                    self._idle = False
                continue
            seq, text = queue.popleft()
            if seq <= self.sent_seq:
                continue
            sender = self._sender = asyncio.current_task()
            try:
                await self.socket.send_text(text)
            except asyncio.CancelledError:
                if not self._send_cancelled or sender is None:
                    raise
                sender.uncancel()
                return
            finally:
                self._sender = None
            self.sent_seq = seq
            self.metrics.sent.inc()


class Channel:
    """The events of one meeting on this worker, delivered in order to its subscribers."""

    def __init__(self, hub: Hub, meeting_id: int, last_seq: int) -> None:
        self.hub = hub
        self.meeting_id = meeting_id
        self.last_seq = last_seq
        self.subscribers: set[Subscriber] = set()
        self.snapshots = SnapshotCache(on_build=hub.metrics.snapshot_builds.inc)
        # the latest events delivered here, for sockets resuming with `since` (no database read)
        self.recent: deque[Event] = deque(maxlen=RECENT_EVENTS)
        self._pending: dict[int, Event] = {}
        self._gap_task: asyncio.Task[None] | None = None
        self.empty_since: float | None = None  # monotonic time its last subscriber left

    def events_after(self, since: int) -> list[Event] | None:
        """The events after `since` as delivered here, or None when some are no longer kept in
        memory (or were never delivered here): then they come from the table. A `since` ahead of
        this worker is checked against the table too (another worker's, or an unknown seq)."""
        if since == self.last_seq:
            return []
        if since > self.last_seq:
            return None
        if not self.recent or self.recent[0].seq > since + 1:
            return None
        return [event for event in self.recent if event.seq > since]

    def offer(self, events: list[Event]) -> None:
        for event in events:
            if event.seq > self.last_seq:
                self._pending[event.seq] = event
        while self.last_seq + 1 in self._pending:
            event = self._pending.pop(self.last_seq + 1)
            self.last_seq = event.seq
            self._fan_out(event)
        if self._pending and (self._gap_task is None or self._gap_task.done()):
            self._gap_task = asyncio.get_running_loop().create_task(self._fill_gap())

    def _fan_out(self, event: Event) -> None:
        self.recent.append(event)
        self.snapshots.forget_before(event.seq)
        written = 0
        for subscriber in list(self.subscribers):
            written += subscriber.push(event)
        if written:
            self.hub.metrics.sent.inc(written)
        self.hub.metrics.fanout_latency.observe((utcnow() - event.at).total_seconds())
        for listener in self.hub.listeners:
            listener(event)

    async def _fill_gap(self) -> None:
        await asyncio.sleep(GAP_WAIT_S)
        if self._pending:
            await self.hub.catch_up(self, up_to=max(self._pending))


class Hub:
    def __init__(self, db: Database, metrics: LiveMetrics, *, max_queue: int) -> None:
        self.db = db
        self.metrics = metrics
        self.max_queue = max_queue
        self.channels: dict[int, Channel] = {}
        self.listeners: list[Callable[[Event], None]] = []
        self._join_lock = asyncio.Lock()
        self._resync_task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.forward: Callable[[list[Event]], Awaitable[None]] | None = None

    # -- events in -------------------------------------------------------------------------

    async def on_commit(self, rows: list[MeetingEvent]) -> None:
        """Called by the unit of work after a commit: tell the other workers and deliver here.
        The publish goes first, so that the other workers' fan-out runs beside this one's
        instead of after it; it gets FORWARD_HEAD_START_S at most, so that a slow or lost broker
        never holds up this worker's own tablets."""
        events = [Event.from_row(row) for row in rows]
        if self.forward is None:
            self.deliver(events)
            return
        forwarding = asyncio.ensure_future(self._forward(self.forward, events))
        try:
            await asyncio.wait((forwarding,), timeout=FORWARD_HEAD_START_S)
        finally:  # also when the request is cancelled while it waits
            self.deliver(events)
        await forwarding

    @staticmethod
    async def _forward(forward: Callable[[list[Event]], Awaitable[None]], events: list[Event]) -> None:
        try:
            await forward(events)
        except Exception:  # the others catch up from the table within RESYNC_EVERY_S
            log.exception("broker publish failed")

    def deliver(self, events: list[Event]) -> None:
        by_meeting: dict[int, list[Event]] = {}
        for event in events:
            by_meeting.setdefault(event.meeting_id, []).append(event)
        for meeting_id, group in by_meeting.items():
            channel = self.channels.get(meeting_id)
            if channel is not None:
                channel.offer(sorted(group, key=lambda e: e.seq))

    async def notify(self, meeting_id: int, seq: int) -> None:
        """A broker says the meeting has events up to `seq` (without sending them)."""
        channel = self.channels.get(meeting_id)
        if channel is not None and seq > channel.last_seq:
            await self.catch_up(channel, up_to=seq)

    async def catch_up(self, channel: Channel, *, up_to: int | None = None) -> None:
        events = await self.read_events(channel.meeting_id, after=channel.last_seq, up_to=up_to)
        channel.offer(events)

    async def read_events(self, meeting_id: int, *, after: int, up_to: int | None = None) -> list[Event]:
        async with self.db.unit_of_work(write=False) as uow:
            return await stored_events(uow.session, meeting_id, after=after, up_to=up_to)

    # -- subscribers -----------------------------------------------------------------------

    async def join(self, meeting_id: int, subscriber: Subscriber) -> Channel:
        async with self._join_lock:
            channel = self.channels.get(meeting_id)
            if channel is None:
                async with self.db.unit_of_work(write=False) as uow:
                    last_seq = await uow.session.scalar(
                        select(Meeting.last_seq).where(Meeting.id == meeting_id)) or 0
                channel = self.channels[meeting_id] = Channel(self, meeting_id, last_seq)
            channel.empty_since = None
            channel.subscribers.add(subscriber)
            self.metrics.sockets.inc()
            return channel

    def leave(self, channel: Channel, subscriber: Subscriber) -> None:
        if subscriber in channel.subscribers:
            channel.subscribers.discard(subscriber)
            self.metrics.sockets.dec()
        if not channel.subscribers and channel.empty_since is None:
            channel.empty_since = time.monotonic()  # kept for LINGER_S: see drop_idle

    def drop_idle(self, now: float, linger: float = LINGER_S) -> None:
        """Forget the channels that have had no subscriber for `linger` seconds."""
        for meeting_id, channel in list(self.channels.items()):
            if channel.empty_since is not None and now - channel.empty_since >= linger:
                del self.channels[meeting_id]

    # -- safety net ------------------------------------------------------------------------

    async def resync(self) -> None:
        """Compare each active channel with the meetings table; fetch whatever is missing."""
        if not self.channels:
            return
        async with self.db.unit_of_work(write=False) as uow:
            rows = (await uow.session.execute(select(Meeting.id, Meeting.last_seq).where(
                Meeting.id.in_(list(self.channels))))).all()
        for meeting_id, last_seq in rows:
            channel = self.channels.get(meeting_id)
            if channel is not None and last_seq > channel.last_seq:
                await self.catch_up(channel, up_to=last_seq)

    def start(self) -> None:
        if self._resync_task is None:
            self._resync_task = asyncio.get_running_loop().create_task(self._resync_loop())

    async def _resync_loop(self) -> None:
        while True:
            # Stopping ends the wait, never a resync under way: a query cancelled midway would
            # leave its driver thread to answer a loop that may be gone.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), RESYNC_EVERY_S)
            if self._stopping.is_set():
                return
            started = time.monotonic()
            self.drop_idle(started)
            try:
                await self.resync()
            except Exception:
                log.exception("live resync failed")
            self.metrics.resync_seconds.observe(time.monotonic() - started)

    async def stop(self) -> None:
        if self._resync_task is not None:
            self._stopping.set()
            _, stuck = await asyncio.wait({self._resync_task}, timeout=STOP_WAIT_S)
            for task in stuck:  # a database that does not answer: stop anyway
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            self._resync_task = None
            self._stopping.clear()
        for channel in list(self.channels.values()):
            for subscriber in list(channel.subscribers):
                subscriber.close(1001)
