"""Attendance: check-in from the tablet (idempotent), marks by the secretariat, quorum."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Attendance, MeetingEvent


@pytest.fixture
async def open_meeting(new_meeting, client, world):  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    await client.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=world.headers("secretary"))
    return meeting["id"]


async def test_check_in_is_idempotent_and_counts_towards_quorum(client, world, open_meeting, app) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/meetings/{open_meeting}"
    before = (await client.get(f"{url}/attendance", headers=world.headers("guest"))).json()
    # seated: the chair and the deputy with a voting right (deputy_no_vote is not seated)
    assert (before["seated"], before["present"], before["quorum_required"], before["quorate"]) == (2, 0, 2, False)
    assert {i["status"] for i in before["items"]} == {"absent"}
    for _ in range(3):
        again = await client.post(f"{url}/check-in", headers=world.headers("deputy"))
        assert again.status_code == 200
        assert again.json() == {"user_id": world.users["deputy"], "full_name": "Người deputy",
                                "status": "present", "reason": "", "checked_in": True}
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(Attendance)) == 1
        events = await uow.session.scalar(select(func.count()).select_from(MeetingEvent).where(
            MeetingEvent.type == "attendance.updated"))
    assert events == 1, "a repeated check-in changes nothing"
    await client.post(f"{url}/check-in", headers=world.headers("chair"))
    after = (await client.get(f"{url}/attendance", headers=world.headers("deputy"))).json()
    assert (after["present"], after["quorate"]) == (2, True)


async def test_secretary_marks_with_reasons(client, world, open_meeting) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/meetings/{open_meeting}/attendance"
    chair = world.users["chair"]
    marked = await client.put(f"{url}/{chair}", json={"status": "excused", "reason": "Ốm"},
                              headers=world.headers("secretary"))
    assert marked.status_code == 200
    entry = next(i for i in marked.json()["items"] if i["user_id"] == chair)
    assert (entry["status"], entry["reason"], entry["checked_in"]) == ("excused", "Ốm", False)
    bad = await client.put(f"{url}/{chair}", json={"status": "present", "reason": "x"},
                           headers=world.headers("secretary"))
    assert bad.status_code == 422
    assert (await client.put(f"{url}/{chair}", json={"status": "maybe"},
                             headers=world.headers("secretary"))).status_code == 422
    assert (await client.put(f"{url}/{world.users['guest']}", json={"status": "present"},
                             headers=world.headers("secretary"))).status_code == 404
    assert (await client.put(f"{url}/{chair}", json={"status": "present"},
                             headers=world.headers("deputy"))).status_code == 403


@pytest.mark.parametrize("who,status", [("anonymous", 401), ("guest", 403), ("deputy_no_vote", 403),
                                        ("secretary", 403), ("other_secretary", 404),
                                        ("outsider", 404), ("deputy", 200), ("chair", 200)])
async def test_who_may_check_in(client, world, open_meeting, who, status) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/meetings/{open_meeting}/check-in", headers=world.headers(who))
    assert response.status_code == status, response.text


async def test_no_attendance_in_draft_or_closed_meetings(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    draft = await new_meeting()
    url = f"/api/v1/meetings/{draft['id']}"
    refused = await client.put(f"{url}/attendance/{world.users['deputy']}", json={"status": "present"},
                               headers=world.headers("secretary"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "attendance_closed"
    for action, who in (("publish", "secretary"), ("start", "chair"), ("close", "chair")):
        await client.post(f"{url}/{action}", headers=world.headers(who))
    assert (await client.post(f"{url}/check-in", headers=world.headers("deputy"))).status_code == 409


async def test_mark_all_present_but_the_exceptions(client, world, open_meeting, app) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/meetings/{open_meeting}/attendance"
    secretary, chair, deputy = world.headers("secretary"), world.users["chair"], world.users["deputy"]
    await client.put(f"{url}/{chair}", json={"status": "excused", "reason": "Đi công tác"}, headers=secretary)
    marked = await client.post(f"{url}/present", json={"except_user_ids": [chair]}, headers=secretary)
    assert marked.status_code == 200, marked.text
    statuses = {i["user_id"]: (i["status"], i["reason"]) for i in marked.json()["items"]}
    assert statuses == {chair: ("excused", "Đi công tác"), deputy: ("present", "")}
    assert marked.json()["present"] == 1
    async with app.state.db.unit_of_work(write=False) as uow:
        before = await uow.session.scalar(select(func.count()).select_from(MeetingEvent))
    again = await client.post(f"{url}/present", json={"except_user_ids": [chair]}, headers=secretary)
    assert again.json() == marked.json()
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(MeetingEvent)) == before, \
            "nothing changed, nothing announced"
    everyone = await client.post(f"{url}/present", json={}, headers=secretary)
    assert (everyone.json()["present"], everyone.json()["quorate"]) == (2, True)


@pytest.mark.parametrize("body,status", [
    ({"except_user_ids": [10**30]}, 422), ({"except_user_ids": "x"}, 422), ({"other": 1}, 422)])
async def test_mark_all_present_refuses_bad_input(client, world, open_meeting, body, status) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/meetings/{open_meeting}/attendance/present", json=body,
                                 headers=world.headers("secretary"))
    assert response.status_code == status, response.text


@pytest.mark.parametrize("who,status", [("deputy", 403), ("chair", 403), ("other_secretary", 404)])
async def test_mark_all_present_is_the_secretariats(client, world, open_meeting, who, status) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/meetings/{open_meeting}/attendance/present",
                                 json={"except_user_ids": []}, headers=world.headers(who))
    assert response.status_code == status


async def test_a_deputy_admitted_online_counts_as_present(client, world, open_meeting) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/meetings/{open_meeting}/attendance"
    await client.post(f"/api/v1/meetings/{open_meeting}/check-in", headers=world.headers("deputy"))
    # The chair admits themselves online: the chair may admit (Art. 35(1)), as may the secretariat.
    admitted = await client.put(f"{url}/{world.users['chair']}", json={"status": "online"},
                                headers=world.headers("chair"))
    assert admitted.status_code == 200, admitted.text
    summary = admitted.json()
    assert (summary["seated"], summary["present"], summary["online"], summary["quorate"]) == (
        2, 2, 1, True)
    entry = next(i for i in summary["items"] if i["user_id"] == world.users["chair"])
    assert (entry["status"], entry["checked_in"]) == ("online", False)
    # "Everyone present" leaves an online deputy online.
    everyone = await client.post(f"{url}/present", json={}, headers=world.headers("secretary"))
    assert everyone.json()["online"] == 1


@pytest.mark.parametrize(("who", "status"), [("secretary", 200), ("chair", 200), ("deputy", 403),
                                             ("guest", 403)])
async def test_who_may_admit_a_deputy_online(client, world, open_meeting, who, status) -> None:  # type: ignore[no-untyped-def]
    response = await client.put(f"/api/v1/meetings/{open_meeting}/attendance/{world.users['deputy']}",
                                json={"status": "online"}, headers=world.headers(who))
    assert response.status_code == status, response.text


async def test_only_the_secretariat_marks_other_statuses(client, world, open_meeting) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/meetings/{open_meeting}/attendance/{world.users['deputy']}"
    chair = world.headers("chair")
    assert (await client.put(url, json={"status": "absent"}, headers=chair)).status_code == 403
    # ...but the chair takes back an online admission made by mistake.
    assert (await client.put(url, json={"status": "online"}, headers=chair)).status_code == 200
    assert (await client.put(url, json={"status": "excused", "reason": "Ốm"},
                             headers=chair)).status_code == 403
    undone = await client.put(url, json={"status": "absent"}, headers=chair)
    assert undone.status_code == 200 and undone.json()["online"] == 0
    assert (await client.put(url, json={"status": "absent"}, headers=chair)).status_code == 403


async def test_a_deputy_attending_online_votes_and_counts_in_the_present_basis(
        client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    meeting = f"/api/v1/meetings/{hall.meeting_id}/attendance"
    secretary, chair = world.headers("secretary"), world.headers("chair")
    # The deputy was in the hall, then follows from home: marked absent, then admitted online.
    assert (await client.put(f"{meeting}/{world.users['deputy']}", json={"status": "absent"},
                             headers=secretary)).status_code == 200
    poll = await new_poll(basis="present")
    assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair,
                              json={"override_quorum": True})).status_code == 200
    refused = await client.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers("deputy"),
                                json={"option_ids": [poll["options"][0]["id"]]})
    assert refused.status_code == 403, refused.text
    assert (await client.put(f"{meeting}/{world.users['deputy']}", json={"status": "online"},
                             headers=chair)).status_code == 200
    accepted = await client.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers("deputy"),
                                 json={"option_ids": [poll["options"][0]["id"]]})
    assert accepted.status_code == 201, accepted.text
    result = (await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)).json()
    assert result["result"]["present"] == 2
