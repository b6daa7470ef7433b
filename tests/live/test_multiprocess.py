"""Two server processes sharing PostgreSQL, with Redis or PostgreSQL NOTIFY between them: a change
made through one reaches the tablets of both; a worker killed with SIGKILL loses nothing."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import redis

from app.live.broker.postgres import LISTENER_NAME
from tests.cli_helpers import KYHOP, kyhop_env
from tests.conftest import service_unavailable
from tests.live.conftest import Tablet
from tests.live.test_isolation import meetings_stay_apart
from tests.live.test_live_basics import _published_meeting

REDIS_URL = os.environ.get("KYHOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=kyhop_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def ready(self) -> None:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                try:
                    if (await client.get(f"{self.base}/readyz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                assert self.process.poll() is None, "worker exited"
                await asyncio.sleep(0.2)
        raise TimeoutError("worker did not become ready")

    def ws(self, meeting_id: int) -> str:
        return f"ws://127.0.0.1:{self.port}/api/v1/meetings/{meeting_id}/live"

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()



@contextlib.asynccontextmanager
async def two_workers(settings, **env: str) -> AsyncIterator[list[Worker]]:  # type: ignore[no-untyped-def]
    """Two `kyhop serve` processes on the test's database and data directory (plus `env`), ready;
    stopped on the way out."""
    env = {"KYHOP_DATABASE_URL": settings.effective_database_url,
           "KYHOP_DATA_DIR": str(settings.data_dir), "KYHOP_LOG_LEVEL": "WARNING", **env}
    started = [Worker(env), Worker(env)]
    try:
        await asyncio.gather(*(w.ready() for w in started))
        yield started
    finally:
        for worker in started:
            worker.stop()

@pytest.fixture(params=["redis", "postgres"])
def broker_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        return "postgres"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_unavailable("Redis", exc)
    return REDIS_URL


@pytest.fixture
async def workers(settings, broker_url, world) -> AsyncIterator[list[Worker]]:  # type: ignore[no-untyped-def]
    async with two_workers(settings, KYHOP_BROKER_URL=broker_url) as started:
        yield started


async def _tablet(url: str, token: str) -> Tablet:
    device = Tablet(url, token)
    await device.connect()
    await device.receive()
    return device


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_change_through_one_worker_reaches_tablets_of_both(workers, world) -> None:  # type: ignore[no-untyped-def]
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base) as http_one, \
            httpx.AsyncClient(base_url=two.base) as http_two:
        meeting_id = await _published_meeting(http_one, world)
        tablets = [await _tablet(one.ws(meeting_id), world.tokens["deputy"]),
                   await _tablet(two.ws(meeting_id), world.tokens["chair"])]
        for http, title in ((http_one, "Qua máy một"), (http_two, "Qua máy hai")):
            response = await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": title},
                                       headers=world.headers("secretary"))
            assert response.status_code == 201
            for device in tablets:
                message = await device.receive(timeout=5)
                assert message["type"] == "agenda.updated"
                assert message["data"]["items"][-1]["title"] == title
        assert tablets[0].state.comparable() == tablets[1].state.comparable()
        for device in tablets:
            await device.close()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_meetings_live_at_once_stay_apart_across_workers(workers, world) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(base_url=workers[0].base) as http_one, \
            httpx.AsyncClient(base_url=workers[1].base) as http_two:
        await meetings_stay_apart([(http_one, f"ws://127.0.0.1:{workers[0].port}"),
                                   (http_two, f"ws://127.0.0.1:{workers[1].port}")], world)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_sigkill_a_worker_and_its_tablets_resume_on_the_other(workers, world) -> None:  # type: ignore[no-untyped-def]
    one, two = workers
    async with httpx.AsyncClient(base_url=two.base) as http:
        meeting_id = await _published_meeting(http, world)
        device = await _tablet(one.ws(meeting_id), world.tokens["deputy"])

        async def keep_changing() -> None:
            for number in range(30):
                response = await http.post(f"/api/v1/meetings/{meeting_id}/agenda",
                                           json={"title": f"Mục {number}"},
                                           headers=world.headers("secretary"))
                assert response.status_code == 201
                await asyncio.sleep(0.02)

        writer = asyncio.create_task(keep_changing())
        await device.receive_until(5, timeout=10)
        one.stop(signal.SIGKILL)
        with pytest.raises(Exception):  # the socket dies with its worker
            while True:
                await device.receive(timeout=10)
        device.url = two.ws(meeting_id)
        await device.connect(since=device.state.seq)
        await writer
        final = (await http.get(f"/api/v1/meetings/{meeting_id}", headers=world.headers("secretary"))).json()["seq"]
        await device.receive_until(final, timeout=10)
        fresh = await _tablet(two.ws(meeting_id), world.tokens["deputy"])
        assert device.state.comparable() == fresh.state.comparable()
        events = [m["seq"] for m in device.messages if m["type"] != "snapshot"]
        assert events == list(range(2, final + 1)), "nothing missed, nothing twice"
        await device.close()
        await fresh.close()


def _cut_broker_connections(broker_url: str) -> int:
    """Drop every worker's subscription, as a broker restart or a network cut would."""
    if broker_url != "postgres":
        return redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    from tests.conftest import pg_admin_fetch

    return len(pg_admin_fetch(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE application_name = '{LISTENER_NAME}'"))


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_worker_that_loses_its_broker_catches_up(workers, world, broker_url) -> None:  # type: ignore[no-untyped-def]
    one, two = workers
    async with httpx.AsyncClient(base_url=one.base) as http:
        meeting_id = await _published_meeting(http, world)
        device = await _tablet(two.ws(meeting_id), world.tokens["deputy"])
        assert _cut_broker_connections(broker_url) >= 1
        for number in range(3):
            await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": f"Sau sự cố {number}"},
                            headers=world.headers("secretary"))
        await device.receive_until(4, timeout=10)
        assert [i["title"] for i in device.state.data["agenda"]] == [f"Sau sự cố {n}" for n in range(3)]
        await device.close()
