"""The live channel against a real server: authentication, snapshot, events, resume."""

from __future__ import annotations

import asyncio

import pytest
import websockets


async def _published_meeting(http, world, *, public: bool = True, council_id: int | None = None,  # type: ignore[no-untyped-def]
                             editor: str = "secretary", title: str = "Kỳ họp thứ nhất") -> int:
    """A meeting of the province (or of `council_id`), created and published by `editor`."""
    secretary = world.headers(editor)
    meeting = (await http.post(f"/api/v1/councils/{council_id or world.council_a}/meetings", headers=secretary,
                               json={"title": title, "public": public,
                                     "starts_at": "2026-12-08T08:00:00+07:00"})).json()
    assert (await http.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=secretary)).status_code == 200
    return meeting["id"]


async def _close_code(url: str, headers: dict | None = None) -> int:
    async with websockets.connect(url, additional_headers=headers or {}) as socket:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 5)
    return closed.value.rcvd.code


async def test_refusals_use_the_contract_close_codes(live_server, http, world) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world, public=False)
    url = f"{live_server.ws_base}/api/v1/meetings/{meeting_id}/live"
    assert await _close_code(url) == 4401
    assert await _close_code(url + "?token=nonsense") == 4401
    assert await _close_code(url, {"Authorization": f"Bearer {world.tokens['other_secretary']}"}) == 4404
    assert await _close_code(f"{live_server.ws_base}/api/v1/meetings/999999/live?token="
                             f"{world.tokens['deputy']}") == 4404
    # The login is judged before the meeting: without one, nothing is said about which exist.
    assert await _close_code(f"{live_server.ws_base}/api/v1/meetings/999999/live?token=nonsense") == 4401


async def test_token_in_query_and_snapshot_first(live_server, http, world) -> None:  # type: ignore[no-untyped-def]
    import json
    from datetime import datetime

    meeting_id = await _published_meeting(http, world)
    url = f"{live_server.ws_base}/api/v1/meetings/{meeting_id}/live?token={world.tokens['deputy']}"
    async with websockets.connect(url) as socket:
        snapshot = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert snapshot["type"] == "snapshot" and snapshot["seq"] == 1
    assert set(snapshot["data"]) == {"meeting", "agenda", "documents", "attendance", "poll", "speakers",
                                     "questions", "minutes", "resolutions"}
    assert datetime.fromisoformat(snapshot["server_time"]).tzinfo is not None
    assert snapshot["data"]["meeting"]["state"] == "published"


async def test_events_follow_in_order_and_resume_with_since(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    secretary = world.headers("secretary")
    device = await tablet(meeting_id, "deputy")
    await device.receive()
    assert device.state.seq == 1
    first = (await http.post(f"/api/v1/meetings/{meeting_id}/agenda", json={"title": "Khai mạc"},
                             headers=secretary)).json()
    message = await device.receive()
    assert message["type"] == "agenda.updated" and message["seq"] == 2
    assert [i["title"] for i in message["data"]["items"]] == ["Khai mạc"]
    await device.close()

    await http.post(f"/api/v1/meetings/{meeting_id}/start", headers=world.headers("chair"))
    await http.post(f"/api/v1/agenda-items/{first['id']}/activate", headers=world.headers("chair"))
    await device.connect(since=2)
    resumed = [await device.receive(), await device.receive()]
    assert [m["type"] for m in resumed] == ["meeting.updated", "agenda.current"]
    assert [m["seq"] for m in resumed] == [3, 4]
    assert device.state.data["meeting"]["current_item_id"] == first["id"]


async def test_a_dissolved_councils_meeting_is_still_followed(live_server, http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    admin = world.headers("admin")
    successor = (await http.post("/api/v1/councils", headers=admin, json={
        "name": "HĐND tỉnh Kế Thừa", "level": "province", "code": "P-KT"})).json()
    response = await http.post(f"/api/v1/councils/{world.council_a}/dissolve", headers=admin,
                               json={"dissolved_on": "2025-07-01", "successor_id": successor["id"]})
    assert response.status_code == 200, response.text
    deputy = await tablet(meeting_id, "deputy")
    snapshot = await deputy.receive()
    assert snapshot["type"] == "snapshot" and snapshot["data"]["meeting"]["id"] == meeting_id


async def test_anyone_follows_a_published_public_meeting_without_a_login(live_server, http, world) -> None:  # type: ignore[no-untyped-def]
    import json

    from app.kit.pdfgen import text_pdf

    meeting_id = await _published_meeting(http, world)
    secretary = world.headers("secretary")
    for title, confidential in (("Tờ trình công khai", "false"), ("Hồ sơ mật", "true")):
        response = await http.post(
            f"/api/v1/meetings/{meeting_id}/documents", headers=secretary,
            data={"title": title, "confidential": confidential},
            files={"file": ("tep.pdf", text_pdf(title, ["Nội dung"]), "application/pdf")})
        assert response.status_code == 201, response.text
    url = f"{live_server.ws_base}/api/v1/meetings/{meeting_id}/live"
    async with websockets.connect(url) as socket:
        snapshot = json.loads(await asyncio.wait_for(socket.recv(), 5))
        assert snapshot["type"] == "snapshot"
        assert [d["title"] for d in snapshot["data"]["documents"]] == ["Tờ trình công khai"]
        # What happens next reaches the public too, in the guest view.
        await http.post(f"/api/v1/meetings/{meeting_id}/agenda", headers=secretary,
                        json={"title": "Mục công khai"})
        event = json.loads(await asyncio.wait_for(socket.recv(), 5))
        assert event["seq"] == snapshot["seq"] + 1
    # A draft or a closed-door meeting is not there for the public.
    draft = (await http.post(f"/api/v1/councils/{world.council_a}/meetings", headers=secretary,
                             json={"title": "Nháp", "starts_at": "2026-12-09T08:00:00+07:00"})).json()
    assert await _close_code(f"{live_server.ws_base}/api/v1/meetings/{draft['id']}/live") == 4401
    closed_door = await _published_meeting(http, world, public=False)
    assert await _close_code(f"{live_server.ws_base}/api/v1/meetings/{closed_door}/live") == 4401
