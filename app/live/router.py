"""GET /api/v1/meetings/{id}/live: the websocket every tablet and the hall display follow.

Close codes: 4401 not authenticated, 4403 not allowed, 4404 no such meeting (or not visible),
4409 could not keep up (reconnect with ?since=<last seq>).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from fastapi import APIRouter, WebSocket
from sqlalchemy import select
from starlette.websockets import WebSocketDisconnect, WebSocketState

from app.db import Database
from app.errors import Forbidden, NotAuthenticated, NotFound
from app.kit.schemas import Id
from app.live.events import ReaderKind
from app.live.frames import frame_writer
from app.live.hub import (
    CLOSE_FORBIDDEN,
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHENTICATED,
    Channel,
    Hub,
    Subscriber,
    stored_events,
)
from app.live.runtime import LiveRuntime
from app.live.snapshot import build_snapshot
from app.meetings.access import MeetingAccess, public_meeting_access, token_standing
from app.models import Meeting

router = APIRouter(tags=["live"])


def _token(websocket: WebSocket) -> str | None:
    scheme, _, credentials = websocket.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return websocket.query_params.get("token") or None


async def _authorise(runtime: LiveRuntime, websocket: WebSocket,
                     meeting_id: Id) -> tuple[MeetingAccess, int | None]:
    """Who may follow this meeting, and with which login (its token's id; None: no login, the
    guest view of a published public meeting — what the public live page shows)."""
    token = _token(websocket)
    if token is None:
        async with runtime.db.unit_of_work(write=False) as uow:
            public = await public_meeting_access(uow.session, meeting_id)
        if public is None:
            raise NotAuthenticated()
        return public, None
    client = websocket.client.host if websocket.client else ""
    async with runtime.db.unit_of_work(write=False) as uow:
        standing = await token_standing(uow.session, token=token, rules=runtime.sessions.rules,
                                        meeting_id=meeting_id, address=client)
        websocket.scope.setdefault("state", {})["user_id"] = standing.principal.user.id
        return await standing.access(uow.session), standing.device.id


async def _initial_sync(db: Database, hub: Hub, channel: Channel, subscriber: Subscriber,
                        access: MeetingAccess, since: int | None, joined_at: int) -> None:
    """Missed events when they are all still kept, else a fresh snapshot. `joined_at` is the
    channel's seq when the subscriber joined it: every later event is in its queue."""
    if since is not None and since >= 0:
        missed = channel.events_after(since)
        if missed is None:
            # The last seq first, the events after: an event committed between the two reads is
            # then among the events, instead of making the client look behind for a snapshot.
            async with db.unit_of_work(write=False) as uow:
                last_seq = await uow.session.scalar(
                    select(Meeting.last_seq).where(Meeting.id == channel.meeting_id)) or 0
                missed = await stored_events(uow.session, channel.meeting_id, after=since)
            if not missed and since == last_seq:
                missed = []
            elif not missed or missed[0].seq != since + 1:
                missed = None
        if missed is not None:
            for event in missed:
                await subscriber.send_now(event.seq, event.wire(subscriber.reader))
            subscriber.sent_seq = max(subscriber.sent_seq, since)
            return

    async def build() -> dict[str, Any]:
        async with db.unit_of_work(write=False) as uow:
            return await build_snapshot(uow.session, access)

    shared = await channel.snapshots.get((access.role, access.is_admin), min_seq=joined_at, build=build)
    await subscriber.send_now(shared.seq, shared.wire())
    hub.metrics.snapshots.inc()


async def _until_disconnect(websocket: WebSocket, subscriber: Subscriber) -> None:
    """Clients only listen; anything they send is read and ignored, until they go away, which
    ends the subscriber's serve()."""
    try:
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
    finally:
        subscriber.close(None)


@router.websocket("/api/v1/meetings/{meeting_id:int}/live")
async def live(websocket: WebSocket, meeting_id: Id) -> None:
    runtime: LiveRuntime = websocket.app.state.live
    db: Database = websocket.app.state.db
    await websocket.accept()
    try:
        access, token_id = await _authorise(runtime, websocket, meeting_id)
    except NotAuthenticated:
        await websocket.close(CLOSE_UNAUTHENTICATED)
        return
    except NotFound:
        await websocket.close(CLOSE_NOT_FOUND)
        return
    except Forbidden:
        await websocket.close(CLOSE_FORBIDDEN)
        return
    since_text = websocket.query_params.get("since")
    since = int(since_text) if since_text and since_text.isdigit() else None
    reader: ReaderKind = "full" if access.reads_confidential else "guest"
    subscriber = Subscriber(websocket, reader, runtime.settings.live_queue_size, runtime.metrics,
                            token_id=token_id, frames=frame_writer(websocket.scope))
    channel = await runtime.hub.join(meeting_id, subscriber)
    joined_at = channel.last_seq
    reading: asyncio.Task[None] | None = None
    try:
        await _initial_sync(db, runtime.hub, channel, subscriber, access, since, joined_at)
        del access  # its ORM rows are not kept for the socket's lifetime
        # This task serves the queue itself; one more reads until the client goes away.
        reading = asyncio.create_task(_until_disconnect(websocket, subscriber))
        await subscriber.serve()
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass  # the client went away mid-send
    finally:
        runtime.hub.leave(channel, subscriber)
        if reading is not None:
            reading.cancel()
            await asyncio.gather(reading, return_exceptions=True)
        if websocket.application_state == WebSocketState.CONNECTED and \
                websocket.client_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await websocket.close(subscriber.close_code or 1000)
