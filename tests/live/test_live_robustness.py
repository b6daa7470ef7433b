"""Resume while changes keep coming, rolled-back changes, guests, slow tablets."""

from __future__ import annotations

import asyncio
import socket

from websockets.client import ClientProtocol
from websockets.protocol import State
from websockets.uri import parse_uri

from tests.live.test_live_basics import _published_meeting


async def test_reconnect_with_since_while_changes_keep_coming(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    secretary = world.headers("secretary")
    device = await tablet(meeting_id, "deputy")
    await device.receive()

    async def keep_changing(count: int) -> None:
        for number in range(count):
            response = await http.post(f"/api/v1/meetings/{meeting_id}/agenda",
                                       json={"title": f"Nội dung {number}"}, headers=secretary)
            assert response.status_code == 201

    writer = asyncio.create_task(keep_changing(40))
    for _ in range(5):  # drop and resume several times while the writer runs
        await device.receive_until(device.state.seq + 2, timeout=10)
        last = device.state.seq
        await device.close()
        await asyncio.sleep(0.05)
        await device.connect(since=last)
    await writer
    final = (await http.get(f"/api/v1/meetings/{meeting_id}", headers=secretary)).json()["seq"]
    await device.receive_until(final, timeout=10)
    fresh = await tablet(meeting_id, "deputy")
    await fresh.receive()
    assert device.state.comparable() == fresh.state.comparable()
    assert len(device.state.data["agenda"]) == 40
    resumed = [m for m in device.messages if m["type"] != "snapshot"]
    assert [m["seq"] for m in resumed] == list(range(2, final + 1)), "no gap, no duplicate"


async def test_a_rolled_back_change_sends_nothing(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    device = await tablet(meeting_id, "deputy")
    await device.receive()
    refused = await http.patch(f"/api/v1/meetings/{meeting_id}",
                               json={"ends_at": "2000-01-01T00:00:00+07:00"},
                               headers=world.headers("secretary"))
    assert refused.status_code == 422
    cycle = await http.put(f"/api/v1/meetings/{meeting_id}/agenda/order", json={"item_ids": [1]},
                           headers=world.headers("secretary"))
    assert cycle.status_code == 422
    await http.patch(f"/api/v1/meetings/{meeting_id}", json={"location": "Phòng 3"},
                     headers=world.headers("secretary"))
    message = await device.receive()
    assert message["seq"] == 2 and message["type"] == "meeting.updated"
    assert message["data"]["meeting"]["location"] == "Phòng 3"


async def test_guest_never_receives_a_confidential_document(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    from app.kit.pdfgen import text_pdf

    meeting_id = await _published_meeting(http, world)
    guest = await tablet(meeting_id, "guest")
    deputy = await tablet(meeting_id, "deputy")
    await guest.receive()
    await deputy.receive()
    response = await http.post(f"/api/v1/meetings/{meeting_id}/documents",
                               data={"title": "Phương án nhân sự", "confidential": "true"},
                               files={"file": ("mat.pdf", text_pdf("Mật", ["Một\nNội dung mật."]),
                                               "application/pdf")},
                               headers=world.headers("secretary"))
    assert response.status_code == 201
    seen_by_deputy = await deputy.receive()
    seen_by_guest = await guest.receive()
    assert seen_by_deputy["type"] == "document.added"
    assert seen_by_deputy["data"]["document"]["title"] == "Phương án nhân sự"
    assert seen_by_guest == {"type": "hidden", "seq": seen_by_deputy["seq"],
                             "at": seen_by_guest["at"], "server_time": seen_by_guest["server_time"],
                             "data": {}}


class StuckTablet:
    """A websocket client that completes the handshake and then stops reading, with a tiny
    receive buffer, so the server's writes back up as they would to a frozen tablet."""

    def __init__(self, url: str) -> None:
        self.protocol = ClientProtocol(parse_uri(url), max_size=None)
        self.url = url
        self.sock: socket.socket | None = None

    async def connect(self, host: str, port: int) -> None:
        loop = asyncio.get_running_loop()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        self.sock.setblocking(False)
        await loop.sock_connect(self.sock, (host, port))
        self.protocol.send_request(self.protocol.connect())
        await loop.sock_sendall(self.sock, b"".join(self.protocol.data_to_send()))
        while self.protocol.handshake_exc is None and self.protocol.state is not State.OPEN:
            self.protocol.receive_data(await loop.sock_recv(self.sock, 1024))
        assert self.protocol.state is State.OPEN

    async def close_code(self, timeout: float = 20) -> int | None:
        """Read everything that was sent until the server's close frame."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.protocol.close_rcvd is None and loop.time() < deadline:
            data = await asyncio.wait_for(loop.sock_recv(self.sock, 1 << 20), timeout)
            if not data:
                break
            self.protocol.receive_data(data)
            self.protocol.events_received()
        self.sock.close()
        return self.protocol.close_rcvd.code if self.protocol.close_rcvd else None


async def test_a_tablet_that_stops_reading_is_closed_without_slowing_others(  # type: ignore[no-untyped-def]
        live_server, http, world, tablet, app) -> None:
    app.state.live.settings = app.state.live.settings.model_copy(update={"live_queue_size": 10})
    meeting_id = await _published_meeting(http, world)
    url = f"{live_server.ws_base}/api/v1/meetings/{meeting_id}/live?token={world.tokens['chair']}"
    stuck = StuckTablet(url)
    host, port = url.split("//")[1].split("/")[0].split(":")
    await stuck.connect(host, int(port))
    healthy = await tablet(meeting_id, "deputy")
    await healthy.receive()
    description = "Nội dung rất dài của tờ trình. " * 170  # ~5 KB: agenda messages grow fast
    started = asyncio.get_running_loop().time()
    for number in range(100):
        response = await http.post(f"/api/v1/meetings/{meeting_id}/agenda",
                                   json={"title": f"Mục {number:03d}", "description": description},
                                   headers=world.headers("secretary"))
        assert response.status_code == 201
    final = (await http.get(f"/api/v1/meetings/{meeting_id}", headers=world.headers("secretary"))).json()["seq"]
    await healthy.receive_until(final, timeout=20)
    assert asyncio.get_running_loop().time() - started < 60
    metrics = (await http.get("/metrics")).text
    assert "kyhop_live_queue_overflows_total 1.0" in metrics
    assert "kyhop_live_sockets 1.0" in metrics, "the stuck socket was let go"
    assert await stuck.close_code() == 4409
    assert healthy.state.data["agenda"][-1]["title"].startswith("Mục 099")


async def test_events_older_than_the_retention_are_pruned_and_resume_falls_back_to_snapshot(  # type: ignore[no-untyped-def]
        live_server, http, world, tablet, app) -> None:
    from datetime import timedelta

    from sqlalchemy import select, update

    from app.kit.time import utcnow
    from app.live.retention import prune_events
    from app.models import MeetingEvent

    meeting_id = await _published_meeting(http, world)
    for number in range(3):
        await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": f"Mục {number}"},
                        headers=world.headers("secretary"))
    async with app.state.db.unit_of_work() as uow:
        await uow.session.execute(update(MeetingEvent).where(MeetingEvent.seq <= 2)
                                  .values(at=utcnow() - timedelta(hours=30)))
    assert await prune_events(app.state.db, keep=timedelta(hours=24)) == 2
    async with app.state.db.unit_of_work(write=False) as uow:
        kept = list(await uow.session.scalars(select(MeetingEvent.seq).where(
            MeetingEvent.meeting_id == meeting_id).order_by(MeetingEvent.seq)))
    assert kept == [3, 4]
    old = await tablet(meeting_id, "deputy", since=1)  # seq 2 is gone: a fresh snapshot
    first = await old.receive()
    assert first["type"] == "snapshot" and first["seq"] == 4
    recent = await tablet(meeting_id, "deputy", since=2)  # 3 and 4 are kept: just those
    recent.state.seq, recent.state.data = 2, {"agenda": []}  # what that tablet already had
    assert [(await recent.receive())["seq"] for _ in range(2)] == [3, 4]


async def test_stopping_lets_a_resync_under_way_finish(  # type: ignore[no-untyped-def]
        monkeypatch) -> None:
    from app.live import hub as hub_module
    from app.live.metrics import LiveMetrics

    monkeypatch.setattr(hub_module, "RESYNC_EVERY_S", 0.01)
    hub = hub_module.Hub(None, LiveMetrics(), max_queue=10)  # type: ignore[arg-type]
    began, finished = asyncio.Event(), asyncio.Event()

    async def slow_resync() -> None:
        began.set()
        await asyncio.sleep(0.2)  # a query under way
        finished.set()

    monkeypatch.setattr(hub, "resync", slow_resync)
    hub.start()
    await asyncio.wait_for(began.wait(), 5)
    await hub.stop()
    assert finished.is_set(), "stop() waited for the resync instead of cancelling it midway"


def _hub_recording_deliveries(monkeypatch, log: list[str]):  # type: ignore[no-untyped-def]
    from app.live import hub as hub_module
    from app.live.metrics import LiveMetrics

    hub = hub_module.Hub(None, LiveMetrics(), max_queue=10)  # type: ignore[arg-type]
    monkeypatch.setattr(hub, "deliver", lambda events: log.append(f"delivered {events[0].seq}"))
    return hub


def _committed_row(seq: int):  # type: ignore[no-untyped-def]
    from app.kit.time import utcnow
    from app.models import MeetingEvent

    return MeetingEvent(meeting_id=1, seq=seq, type="agenda.current", audience="all", data={},
                        at=utcnow())


async def test_other_workers_are_told_first_but_a_slow_broker_never_holds_up_local_tablets(  # type: ignore[no-untyped-def]
        monkeypatch) -> None:
    log: list[str] = []
    hub = _hub_recording_deliveries(monkeypatch, log)
    answered = asyncio.Event()

    async def quick_broker(events) -> None:  # type: ignore[no-untyped-def]
        log.append(f"published {events[0].seq}")

    async def stuck_broker(events) -> None:  # type: ignore[no-untyped-def]
        log.append(f"publishing {events[0].seq}")
        await answered.wait()
        log.append(f"published {events[0].seq}")

    hub.forward = quick_broker
    await hub.on_commit([_committed_row(1)])
    assert log == ["published 1", "delivered 1"], "the other workers' fan-out starts first"

    log.clear()
    hub.forward = stuck_broker
    commit = asyncio.create_task(hub.on_commit([_committed_row(2)]))
    await asyncio.sleep(0.2)
    assert log == ["publishing 2", "delivered 2"], "local tablets did not wait for the broker"
    assert not commit.done()
    answered.set()
    await asyncio.wait_for(commit, 5)
    assert log[-1] == "published 2"


async def test_a_request_cancelled_while_the_broker_takes_its_events_still_delivers_them(  # type: ignore[no-untyped-def]
        monkeypatch) -> None:
    log: list[str] = []
    hub = _hub_recording_deliveries(monkeypatch, log)

    async def slow_broker(events) -> None:  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.05)
        log.append(f"published {events[0].seq}")

    hub.forward = slow_broker
    commit = asyncio.create_task(hub.on_commit([_committed_row(3)]))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    commit.cancel()
    await asyncio.gather(commit, return_exceptions=True)
    assert log == ["delivered 3"]
    await asyncio.sleep(0.1)
    assert log == ["delivered 3", "published 3"], "the publish itself was not cancelled"
