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

from tests.live.client_state import ClientState


@dataclass
class LiveServer:
    base: str
    ws_base: str


@pytest.fixture
async def live_server(app) -> AsyncIterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The app on a real loopback port, in this test's event loop."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on",
                            ws="websockets-sansio", ws_per_message_deflate=False)
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
    """A websocket client that keeps the state a tablet would."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token
        self.state = ClientState()
        self.messages: list[dict[str, Any]] = []
        self.socket: websockets.ClientConnection | None = None

    async def connect(self, since: int | None = None) -> None:
        url = self.url + (f"?since={since}" if since is not None else "")
        self.socket = await websockets.connect(
            url, additional_headers={"Authorization": f"Bearer {self.token}"}, compression=None)

    async def receive(self, timeout: float = 5) -> dict[str, Any]:
        assert self.socket is not None
        message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
        self.messages.append(message)
        self.state.apply(message)
        return message

    async def receive_until(self, seq: int, timeout: float = 5) -> None:
        while self.state.seq is None or self.state.seq < seq:
            await self.receive(timeout)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


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
