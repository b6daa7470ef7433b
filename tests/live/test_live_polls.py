"""Votes on the live channel: poll.opened, poll.progress (counts only), poll.closed with the
result, the open poll in the snapshot; a guest learns nothing of a poll on a closed item."""

from __future__ import annotations

from typing import Any


async def _setup(http, world, *, public_item: bool = True) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    meeting = (await http.post(f"/api/v1/councils/{world.council_a}/meetings", headers=secretary,
                               json={"title": "Kỳ họp", "starts_at": "2026-12-08T08:00:00+07:00"})).json()
    item = (await http.post(f"/api/v1/meetings/{meeting['id']}/agenda", headers=secretary,
                            json={"title": "Nghị quyết", "public": public_item})).json()
    for action in ("publish", "start"):
        await http.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
    for who in ("chair", "deputy"):
        await http.post(f"/api/v1/meetings/{meeting['id']}/check-in", headers=world.headers(who))
    return meeting["id"], item["id"]


async def _until(device, kind: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    while True:
        message = await device.receive()
        if message["type"] == kind:
            return message


async def test_a_vote_as_the_tablets_see_it(http, world, tablet, app) -> None:  # type: ignore[no-untyped-def]
    meeting_id, item_id = await _setup(http, world)
    chair = world.headers("chair")
    poll = (await http.post(f"/api/v1/agenda-items/{item_id}/polls", headers=chair,
                            json={"title": "Thông qua Nghị quyết", "secret": True})).json()
    deputy, guest = await tablet(meeting_id, "deputy"), await tablet(meeting_id, "guest")
    assert (await deputy.receive())["data"]["poll"] is None
    await guest.receive()

    await http.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)
    opened = await _until(deputy, "poll.opened")
    assert opened["data"]["id"] == poll["id"] and opened["data"]["state"] == "open"
    assert opened["data"]["progress"] == {"eligible": 2, "voted": 0}
    assert "me" not in opened["data"]

    yes = poll["options"][0]["id"]
    await http.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers("deputy"),
                    json={"option_ids": [yes]})
    progress = await _until(deputy, "poll.progress")
    assert progress["data"] == {"poll_id": poll["id"], "eligible": 2, "voted": 1}

    # A tablet that connects now finds the open poll and its progress in the snapshot.
    late = await tablet(meeting_id, "deputy")
    snapshot = await late.receive()
    assert snapshot["data"]["poll"]["state"] == "open"
    assert snapshot["data"]["poll"]["progress"] == {"eligible": 2, "voted": 1}

    await http.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)
    for device in (deputy, guest, late):
        closed = await _until(device, "poll.closed")
        result = closed["data"]["result"]
        assert [c["votes"] for c in result["counts"]] == [1, 0, 0]
        assert (result["base"], result["required"], result["passed"]) == (2, 2, False)
        assert "votes" not in result


async def test_a_guest_learns_nothing_of_a_poll_on_a_closed_item(http, world, tablet) -> None:  # type: ignore[no-untyped-def]
    meeting_id, item_id = await _setup(http, world, public_item=False)
    chair = world.headers("chair")
    poll = (await http.post(f"/api/v1/agenda-items/{item_id}/polls", headers=chair,
                            json={"title": "Miễn nhiệm", "secret": True, "threshold": "two_thirds"})).json()
    guest, deputy = await tablet(meeting_id, "guest"), await tablet(meeting_id, "deputy")
    await guest.receive()
    await deputy.receive()
    await http.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)
    await http.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers("deputy"),
                    json={"option_ids": [poll["options"][1]["id"]]})
    await http.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)
    await _until(deputy, "poll.closed")
    seq = deputy.state.seq
    await guest.receive_until(seq)
    assert {m["type"] for m in guest.messages[1:]} == {"hidden"}
    assert guest.state.data["poll"] is None
    fresh = await tablet(meeting_id, "guest")
    assert (await fresh.receive())["data"]["poll"] is None
