"""When the hall's Wi-Fi comes back every tablet reconnects at once: the snapshot is built once
per view and shared, those resuming with `since` get their missed events from memory, and a
change made during the storm reaches every tablet in order, gapless."""

from __future__ import annotations

import asyncio
import re

from app.live.hub import LINGER_S
from tests.live.test_live_basics import _published_meeting

TABLETS = 40  # per kind of reconnect below


async def _counter(http, name: str) -> float:  # type: ignore[no-untyped-def]
    metrics = (await http.get("/metrics")).text
    match = re.search(rf"^{name} ([0-9.e+]+)$", metrics, re.MULTILINE)
    assert match, name
    return float(match.group(1))


async def test_a_reconnect_storm_shares_the_snapshot_and_keeps_order(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    secretary = world.headers("secretary")
    watcher = await tablet(meeting_id, "deputy")  # keeps the meeting's channel open throughout
    await watcher.receive()
    for number in range(6):
        added = await http.post(f"/api/v1/meetings/{meeting_id}/agenda",
                                json={"title": f"Nội dung {number}"}, headers=secretary)
        assert added.status_code == 201, added.text
    before = (await http.get(f"/api/v1/meetings/{meeting_id}", headers=secretary)).json()["seq"]
    await watcher.receive_until(before)
    builds = await _counter(http, "kyhop_live_snapshot_builds_total")
    sent = await _counter(http, "kyhop_live_snapshots_total")

    async def change_during_the_storm() -> None:
        await asyncio.sleep(0.05)
        moved = await http.patch(f"/api/v1/meetings/{meeting_id}", json={"location": "Hội trường B"},
                                 headers=secretary)
        assert moved.status_code == 200, moved.text

    fresh = [tablet(meeting_id, "deputy" if n % 2 else "guest") for n in range(TABLETS)]
    resuming = [tablet(meeting_id, "deputy", since=before - 3) for _ in range(TABLETS)]
    opened, _ = await asyncio.gather(asyncio.gather(*fresh, *resuming), change_during_the_storm())
    final = (await http.get(f"/api/v1/meetings/{meeting_id}", headers=secretary)).json()["seq"]
    assert final == before + 1

    for device in opened[TABLETS:]:  # a resuming tablet starts from what it had
        device.state.seq = before - 3
        device.state.data = {"meeting": {}}
    await asyncio.gather(*(device.receive_until(final, timeout=15) for device in [*opened, watcher]))
    for device in opened:
        seqs = [m["seq"] for m in device.messages]
        assert seqs == list(range(seqs[0], final + 1)), "in order, no gap, no duplicate"
        assert device.messages[-1]["type"] in ("meeting.updated", "snapshot")
    for device in opened[:TABLETS]:
        assert device.messages[0]["type"] == "snapshot"
        assert device.state.data["meeting"]["location"] == "Hội trường B"
    for device in opened[TABLETS:]:
        assert [m["type"] for m in device.messages[:3]] == ["agenda.updated"] * 3
        assert device.messages[0]["seq"] == before - 2
    late = await tablet(meeting_id, "deputy")
    await late.receive()
    for device in opened[1:TABLETS:2]:  # the deputies among the fresh ones
        assert device.state.comparable() == late.state.comparable()

    snapshots = await _counter(http, "kyhop_live_snapshots_total") - sent
    built = await _counter(http, "kyhop_live_snapshot_builds_total") - builds
    assert snapshots == TABLETS + 1
    # two views (deputy, guest), each built again at most once after the change came in
    assert built <= 5, f"{built} snapshots built for {snapshots} sent"


async def test_a_channel_outlives_its_last_tablet_so_resuming_tablets_read_from_memory(  # type: ignore[no-untyped-def]
        live_server, app, http, world, tablet) -> None:
    hub = app.state.live.hub
    meeting_id = await _published_meeting(http, world)
    secretary = world.headers("secretary")
    first = await tablet(meeting_id, "deputy")
    await first.receive()
    seen = first.state.seq
    await first.close()
    for _ in range(50):  # the server notices the socket has gone
        if not hub.channels[meeting_id].subscribers:
            break
        await asyncio.sleep(0.05)
    channel = hub.channels[meeting_id]
    assert not channel.subscribers and channel.empty_since is not None, "kept while nobody listens"

    added = await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": "Trong lúc mất mạng"},
                            headers=secretary)
    assert added.status_code == 201, added.text
    assert channel.last_seq == seen + 1 and channel.events_after(seen), "the change reached the empty channel"
    back = await tablet(meeting_id, "deputy", since=seen)
    back.state.seq, back.state.data = seen, {"meeting": {}}  # it resumes from what it had
    await back.receive_until(seen + 1)
    assert [m["seq"] for m in back.messages] == [seen + 1] and back.messages[0]["type"] == "agenda.updated"
    assert hub.channels[meeting_id] is channel and channel.empty_since is None, "the same channel again"

    await back.close()
    for _ in range(50):
        if channel.empty_since is not None:
            break
        await asyncio.sleep(0.05)
    assert channel.empty_since is not None
    hub.drop_idle(channel.empty_since + 1)
    assert meeting_id in hub.channels, "not before its time"
    hub.drop_idle(channel.empty_since + LINGER_S)
    assert meeting_id not in hub.channels
    late = await tablet(meeting_id, "deputy")
    await late.receive()
    assert late.messages[0]["type"] == "snapshot" and late.state.seq == seen + 1
