"""The floor over HTTP: registering, the chair's controls, points of order, who may do what, and
two consoles acting at once."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Membership, Speaker
from tests.contract import assert_error


@pytest.fixture
async def floor(client, world, new_meeting, add_item):  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Thảo luận về kinh tế - xã hội")
    closed_item = await add_item(meeting["id"], "Nhân sự", public=False)
    for action in ("publish", "start"):
        answer = await client.post(f"/api/v1/meetings/{meeting['id']}/{action}",
                                   headers=world.headers("secretary"))
        assert answer.status_code == 200, answer.text
    return {"meeting": meeting["id"], "item": item["id"], "closed_item": closed_item["id"]}


async def register(client, world, item_id: int, who: str, kind: str = "discussion", **body):  # type: ignore[no-untyped-def]
    return await client.post(f"/api/v1/agenda-items/{item_id}/speakers", json={"kind": kind, **body},
                             headers=world.headers(who))


async def control(client, world, speaker_id: int, action: str, who: str = "chair", **body):  # type: ignore[no-untyped-def]
    return await client.post(f"/api/v1/speakers/{speaker_id}/{action}", headers=world.headers(who),
                             json=body or None)


async def listed(client, world, item_id: int, who: str = "secretary") -> list[dict]:  # type: ignore[no-untyped-def]
    answer = await client.get(f"/api/v1/agenda-items/{item_id}/speakers", headers=world.headers(who))
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


async def test_a_list_from_registration_to_the_last_speaker(client, world, floor) -> None:  # type: ignore[no-untyped-def]
    item = floor["item"]
    first = await register(client, world, item, "deputy")
    assert first.status_code == 201, first.text
    body = first.json()
    assert {k: body[k] for k in ("user_id", "kind", "state", "position", "allotted_s", "question_id")} == {
        "user_id": world.users["deputy"], "kind": "discussion", "state": "waiting", "position": 1,
        "allotted_s": 420, "question_id": None}
    assert body["full_name"] == "Người deputy"
    assert_error(await register(client, world, item, "deputy"), 409, "already_waiting")
    second = (await register(client, world, item, "secretary", "debate",
                             user_id=world.users["chair"])).json()
    assert second["allotted_s"] == 180

    order = await client.put(f"/api/v1/agenda-items/{item}/speakers/order",
                             json={"speaker_ids": [second["id"], body["id"]]}, headers=world.headers("chair"))
    assert order.status_code == 200, order.text
    assert [s["id"] for s in order.json()["items"]] == [second["id"], body["id"]]
    assert_error(await client.put(f"/api/v1/agenda-items/{item}/speakers/order",
                                  json={"speaker_ids": [second["id"]]}, headers=world.headers("chair")),
                 422, "speaker_order_mismatch")

    started = await control(client, world, second["id"], "start")
    assert started.status_code == 200, started.text
    assert started.json()["state"] == "speaking" and started.json()["ends_at"]
    assert_error(await control(client, world, second["id"], "resume"), 409, "speaker_wrong_state")
    paused = (await control(client, world, second["id"], "pause")).json()
    assert paused["state"] == "paused" and paused["ends_at"] is None
    extended = (await control(client, world, second["id"], "extend", seconds=60)).json()
    assert extended["allotted_s"] == 240
    assert_error(await control(client, world, second["id"], "extend", seconds=0), 422)
    assert (await control(client, world, second["id"], "resume")).json()["state"] == "speaking"

    # A point of order pauses the speaker and gives the floor back when it ends.
    point = (await register(client, world, item, "deputy", "point_of_order")).json()
    assert next(s["id"] for s in await listed(client, world, item)) == point["id"], "seen at once"
    assert (await control(client, world, point["id"], "start")).status_code == 200
    states = {s["id"]: s["state"] for s in await listed(client, world, item)}
    assert states[second["id"]] == "paused" and states[point["id"]] == "speaking"
    assert (await control(client, world, point["id"], "stop")).status_code == 200
    assert {s["id"]: s["state"] for s in await listed(client, world, item)}[second["id"]] == "speaking"

    # Starting the next speaker ends the current one.
    assert (await control(client, world, body["id"], "start")).status_code == 200
    final = {s["id"]: s for s in await listed(client, world, item)}
    assert final[second["id"]]["state"] == "done" and final[second["id"]]["ended_at"]
    assert final[body["id"]]["state"] == "speaking"
    assert [s["state"] for s in await listed(client, world, item, "guest")] == [
        "speaking", "done", "done"], "guests follow a public item's list"


async def test_closing_the_list_and_speaking_times(client, world, floor) -> None:  # type: ignore[no-untyped-def]
    item = floor["item"]
    times = await client.patch(f"/api/v1/meetings/{floor['meeting']}", headers=world.headers("secretary"),
                               json={"speaking_time_s": {"discussion": 300}})
    assert times.status_code == 200, times.text
    assert times.json()["speaking_time_s"] == {"discussion": 300, "debate": 180, "question": 120,
                                               "answer": 300, "point_of_order": 60}
    assert (await register(client, world, item, "deputy")).json()["allotted_s"] == 300
    closed = await client.patch(f"/api/v1/agenda-items/{item}", json={"speakers_closed": True},
                                headers=world.headers("chair"))
    assert closed.status_code == 200 and closed.json()["speakers_closed"] is True
    assert_error(await register(client, world, item, "chair", "debate"), 409, "list_closed")
    assert (await register(client, world, item, "chair", "point_of_order")).status_code == 201
    assert_error(await client.patch(f"/api/v1/agenda-items/{item}", json={"title": "Đổi"},
                                    headers=world.headers("chair")), 403)


async def test_who_may_do_what(client, world, floor, app) -> None:  # type: ignore[no-untyped-def]
    item = floor["item"]
    for who, code in (("guest", 403), ("outsider", 404), ("anonymous", 401)):
        assert_error(await register(client, world, item, who), code)
    assert_error(await register(client, world, item, "deputy", user_id=world.users["chair"]), 403)
    assert_error(await register(client, world, item, "chair", user_id=world.users["guest"]), 422,
                 "speaker_not_member")
    assert_error(await register(client, world, item, "deputy", "answer"), 422, "speaker_kind_role")
    assert_error(await register(client, world, item, "deputy", "question", question_id=5), 404,
                 "question_not_found")
    assert_error(await register(client, world, item, "deputy", question_id=5), 422, "question_kind")
    assert_error(await register(client, world, floor["closed_item"], "guest"), 404)
    speaker = (await register(client, world, item, "deputy")).json()
    for who in ("deputy", "guest"):
        assert_error(await control(client, world, speaker["id"], "start", who), 403)
    assert_error(await client.delete(f"/api/v1/speakers/{speaker['id']}", headers=world.headers("deputy_no_vote")), 403)
    assert_error(await client.get(f"/api/v1/agenda-items/{floor['closed_item']}/speakers",
                                  headers=world.headers("guest")), 404)
    assert_error(await client.get(f"/api/v1/speakers/{speaker['id']}/start", headers=world.headers("chair")), 405)
    withdrawn = await client.delete(f"/api/v1/speakers/{speaker['id']}", headers=world.headers("deputy"))
    assert withdrawn.status_code == 204
    assert_error(await client.delete(f"/api/v1/speakers/{speaker['id']}", headers=world.headers("chair")),
                 409, "speaker_wrong_state")
    async with app.state.db.unit_of_work(write=False) as uow:
        actions = list(await uow.session.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("speaker.%")).order_by(AuditEntry.id)))
    assert actions == ["speaker.register", "speaker.withdraw"], "refused calls leave nothing"


async def test_the_floor_needs_the_meeting_in_progress(client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Báo cáo")
    assert (await client.post(f"/api/v1/meetings/{meeting['id']}/publish",
                              headers=world.headers("secretary"))).status_code == 200
    speaker = await register(client, world, item["id"], "deputy")
    assert speaker.status_code == 201, "deputies register before the meeting opens"
    assert_error(await control(client, world, speaker.json()["id"], "start"), 409, "meeting_not_in_progress")


async def test_two_consoles_at_once_give_one_speaker_and_one_entry(client, world, floor, app) -> None:  # type: ignore[no-untyped-def]
    item = floor["item"]
    twice = await asyncio.gather(register(client, world, item, "deputy"), register(client, world, item, "deputy"))
    assert sorted(answer.status_code for answer in twice) == [201, 409]
    other = (await register(client, world, item, "chair", "debate")).json()
    mine = next(answer.json() for answer in twice if answer.status_code == 201)
    answers = await asyncio.gather(
        control(client, world, mine["id"], "start"), control(client, world, mine["id"], "start", "secretary"),
        control(client, world, other["id"], "start"),
        client.put(f"/api/v1/agenda-items/{item}/speakers/order", json={"speaker_ids": [other["id"], mine["id"]]},
                   headers=world.headers("secretary")))
    assert all(answer.status_code in (200, 409, 422) for answer in answers), [a.text for a in answers]
    async with app.state.db.unit_of_work(write=False) as uow:
        speaking = await uow.session.scalar(select(func.count()).select_from(Speaker).where(
            Speaker.state == "speaking"))
    assert speaking == 1


async def test_closing_the_meeting_ends_the_turn_of_whoever_holds_the_floor(client, world, floor) -> None:  # type: ignore[no-untyped-def]
    item = floor["item"]
    await client.post(f"/api/v1/agenda-items/{item}/activate", headers=world.headers("chair"))
    speaking = (await register(client, world, item, "deputy")).json()
    waiting = (await register(client, world, item, "chair", "debate")).json()
    assert (await control(client, world, speaking["id"], "start")).status_code == 200
    closed = await client.post(f"/api/v1/meetings/{floor['meeting']}/close", headers=world.headers("chair"))
    assert closed.status_code == 200, closed.text
    after = {s["id"]: s for s in await listed(client, world, item)}
    assert after[speaking["id"]]["state"] == "done" and after[speaking["id"]]["ended_at"] is not None
    assert after[speaking["id"]]["spoken_s"] >= 0 and after[speaking["id"]]["started_at"] is None
    assert after[waiting["id"]]["state"] == "waiting"  # never given the floor: the record says so



async def test_a_speaker_is_shown_with_their_title_and_unit(client, world, floor, app) -> None:  # type: ignore[no-untyped-def]
    """Who speaks, as the hall display shows them: name, chức vụ and unit in the meeting's council."""
    async with app.state.db.unit_of_work() as uow:
        membership = await uow.session.scalar(select(Membership).where(
            Membership.council_id == world.council_a, Membership.user_id == world.users["deputy"]))
        assert membership is not None
        membership.title, membership.unit = "Phó Giám đốc Sở Tài chính", "Tổ đại biểu số 3"
    deputy = (await register(client, world, floor["item"], "deputy")).json()
    chair = (await register(client, world, floor["item"], "chair", "debate")).json()
    assert (deputy["title"], deputy["unit"]) == ("Phó Giám đốc Sở Tài chính", "Tổ đại biểu số 3")
    assert (chair["title"], chair["unit"]) == ("", "")
    shown = {s["id"]: (s["full_name"], s["title"], s["unit"]) for s in await listed(client, world, floor["item"])}
    assert shown[deputy["id"]] == ("Người deputy", "Phó Giám đốc Sở Tài chính", "Tổ đại biểu số 3")
