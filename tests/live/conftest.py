from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
import websockets

from app.live.frames import UVICORN_WEBSOCKETS
from tests.live.client_state import ClientState


@dataclass
class LiveServer:
    base: str
    ws_base: str


@pytest.fixture
async def live_server(app) -> AsyncIterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The app on a real loopback port, in this test's event loop."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on",
                            **UVICORN_WEBSOCKETS)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
        if task.done():
            task.result()
    port = server.servers[0].sockets[0].getsockname()[1]
    yield LiveServer(base=f"http://127.0.0.1:{port}", ws_base=f"ws://127.0.0.1:{port}")
    server.should_exit = True
    await asyncio.wait_for(task, timeout=10)


@pytest.fixture
async def http(live_server) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(base_url=live_server.base, timeout=30) as client:
        yield client


class Tablet:
    """A websocket client that keeps the state a tablet would. Like a real tablet it reads its
    socket all the time (in a background task); the test takes messages from an inbox."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token
        self.state = ClientState()
        self.messages: list[dict[str, Any]] = []
        self.socket: websockets.ClientConnection | None = None
        self._inbox: asyncio.Queue[dict[str, Any] | BaseException] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None

    async def connect(self, since: int | None = None) -> None:
        url = self.url + (f"?since={since}" if since is not None else "")
        self.socket = await websockets.connect(
            url, additional_headers={"Authorization": f"Bearer {self.token}"}, compression=None,
            max_size=None)
        self._inbox = asyncio.Queue()
        self._reader = asyncio.create_task(self._read(self.socket, self._inbox))

    @staticmethod
    async def _read(socket: websockets.ClientConnection, inbox: asyncio.Queue) -> None:  # type: ignore[type-arg]
        try:
            async for text in socket:
                inbox.put_nowait(json.loads(text))
        except BaseException as exc:  # closed: hand the reason to the test
            inbox.put_nowait(exc)
            return
        inbox.put_nowait(websockets.ConnectionClosedOK(socket.close_rcvd, socket.close_sent))

    async def receive(self, timeout: float = 5) -> dict[str, Any]:
        item = await asyncio.wait_for(self._inbox.get(), timeout)
        if isinstance(item, BaseException):
            raise item
        self.messages.append(item)
        self.state.apply(item)
        return item

    def pending(self) -> int:
        """Messages that arrived and were not taken yet."""
        return self._inbox.qsize()

    async def receive_until(self, seq: int, timeout: float = 5) -> None:
        while self.state.seq is None or self.state.seq < seq:
            await self.receive(timeout)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)


@pytest.fixture
async def tablet(live_server, world):  # type: ignore[no-untyped-def]
    created: list[Tablet] = []

    async def open_tablet(meeting_id: int, who: str, since: int | None = None) -> Tablet:
        device = Tablet(f"{live_server.ws_base}/api/v1/meetings/{meeting_id}/live", world.tokens[who])
        await device.connect(since)
        created.append(device)
        return device

    yield open_tablet
    for device in created:
        await device.close()
