"""Meetings: creation, visibility by role and state, life cycle, sittings, invited guests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Meeting, MeetingEvent


async def _events(app, meeting_id: int) -> list[MeetingEvent]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return list(await uow.session.scalars(
            select(MeetingEvent).where(MeetingEvent.meeting_id == meeting_id)
            .order_by(MeetingEvent.seq)))


async def test_create_meeting_as_in_the_contract(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting(number=14, ends_at="2026-12-10T17:00:00+07:00")
    assert meeting["state"] == "draft"
    assert meeting["current_item_id"] is None
    assert meeting["number"] == 14 and meeting["kind"] == "regular" and meeting["public"] is True
    assert meeting["starts_at"].startswith("2026-12-08T01:00:00")  # stored in UTC
    fetched = await client.get(f"/api/v1/meetings/{meeting['id']}", headers=world.headers("chair"))
    assert fetched.status_code == 200 and fetched.json()["title"] == "Kỳ họp thứ mười bốn"


@pytest.mark.parametrize("body", [
    {"title": "", "starts_at": "2026-12-08T08:00:00+07:00"},
    {"title": "X", "starts_at": "2026-12-08T08:00:00"},  # no offset
    {"title": "X", "starts_at": "2026-12-08T08:00:00+07:00", "kind": "secret"},
    {"title": "X", "starts_at": "2026-12-08T08:00:00+07:00", "ends_at": "2026-12-07T08:00:00+07:00"},
    {"starts_at": "2026-12-08T08:00:00+07:00"},
])
async def test_invalid_meetings_are_refused(client, world, app, body) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/councils/{world.council_a}/meetings", json=body,
                                 headers=world.headers("secretary"))
    assert response.status_code == 422
    assert response.json()["error"]["code"] in ("validation_error", "ends_before_start")
    async with app.state.db.unit_of_work(write=False) as uow:
        assert list(await uow.session.scalars(select(Meeting))) == []


@pytest.mark.parametrize("who,status", [
    ("anonymous", 401), ("guest", 403), ("deputy", 403), ("chair", 403),
    ("other_secretary", 404), ("secretary", 201), ("admin", 201)])
async def test_who_may_create_meetings(client, world, who, status) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(
        f"/api/v1/councils/{world.council_a}/meetings",
        json={"title": "Kỳ họp chuyên đề", "starts_at": "2026-12-08T08:00:00+07:00"},
        headers=world.headers(who))
    assert response.status_code == status, response.text


async def test_visibility_by_role_and_state(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    public = await new_meeting(title="Công khai")
    closed = await new_meeting(title="Họp kín", public=False)

    async def visible(who: str) -> set[str]:
        response = await client.get(f"/api/v1/councils/{world.council_a}/meetings",
                                    headers=world.headers(who))
        assert response.status_code == 200
        return {m["title"] for m in response.json()["items"]}

    assert await visible("secretary") == {"Công khai", "Họp kín"}
    assert await visible("chair") == {"Công khai", "Họp kín"}
    assert await visible("deputy") == set()
    assert await visible("guest") == set()
    assert (await client.get(f"/api/v1/meetings/{public['id']}",
                             headers=world.headers("deputy"))).status_code == 404

    for meeting in (public, closed):
        response = await client.post(f"/api/v1/meetings/{meeting['id']}/publish",
                                     headers=world.headers("secretary"))
        assert response.status_code == 200 and response.json()["state"] == "published"
    assert await visible("deputy") == {"Công khai", "Họp kín"}
    assert await visible("guest") == {"Công khai"}
    assert (await client.get(f"/api/v1/meetings/{closed['id']}",
                             headers=world.headers("guest"))).status_code == 404
    assert (await client.get(f"/api/v1/meetings/{public['id']}",
                             headers=world.headers("other_secretary"))).status_code == 404
    assert (await client.get(f"/api/v1/councils/{world.council_a}/meetings",
                             headers=world.headers("other_secretary"))).status_code == 404
    mine = await client.get("/api/v1/meetings", headers=world.headers("deputy"))
    assert {m["title"] for m in mine.json()["items"]} == {"Công khai", "Họp kín"}


async def test_life_cycle_and_wrong_transitions(client, world, new_meeting, app) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    url = f"/api/v1/meetings/{meeting['id']}"
    secretary, chair = world.headers("secretary"), world.headers("chair")

    wrong = await client.post(f"{url}/start", headers=secretary)
    assert wrong.status_code == 409 and wrong.json()["error"]["code"] == "meeting_wrong_state"
    assert (await client.post(f"{url}/publish", headers=chair)).status_code == 403
    assert (await client.post(f"{url}/publish", headers=secretary)).json()["state"] == "published"
    assert (await client.post(f"{url}/publish", headers=secretary)).status_code == 409
    assert (await client.post(f"{url}/start", headers=world.headers("deputy"))).status_code == 403
    assert (await client.post(f"{url}/start", headers=chair)).json()["state"] == "in_progress"
    assert (await client.post(f"{url}/close", headers=chair)).json()["state"] == "closed"
    assert (await client.post(f"{url}/close", headers=chair)).status_code == 409
    edit = await client.patch(url, json={"title": "Đổi tên"}, headers=secretary)
    assert edit.status_code == 409 and edit.json()["error"]["code"] == "meeting_closed"

    events = await _events(app, meeting["id"])
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.type for e in events] == ["meeting.updated"] * 3
    assert '"state":"closed"' in events[-1].data


async def test_refused_change_records_no_event(client, world, new_meeting, app) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    url = f"/api/v1/meetings/{meeting['id']}"
    await client.patch(url, json={"location": "Phòng họp số 2"}, headers=world.headers("secretary"))
    bad = await client.patch(url, json={"ends_at": "2020-01-01T00:00:00+07:00"},
                             headers=world.headers("secretary"))
    assert bad.status_code == 422
    assert [e.seq for e in await _events(app, meeting["id"])] == [1]
    assert (await client.get(url, headers=world.headers("secretary"))).json()["seq"] == 1


async def test_delete_only_drafts(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    draft = await new_meeting()
    published = await new_meeting()
    await client.post(f"/api/v1/meetings/{published['id']}/publish", headers=world.headers("secretary"))
    assert (await client.delete(f"/api/v1/meetings/{published['id']}",
                                headers=world.headers("secretary"))).status_code == 409
    assert (await client.delete(f"/api/v1/meetings/{draft['id']}",
                                headers=world.headers("deputy"))).status_code == 404
    assert (await client.delete(f"/api/v1/meetings/{draft['id']}",
                                headers=world.headers("secretary"))).status_code == 204
    assert (await client.get(f"/api/v1/meetings/{draft['id']}",
                             headers=world.headers("secretary"))).status_code == 404


async def test_sittings(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    url = f"/api/v1/meetings/{meeting['id']}/sittings"
    created = await client.post(url, json={"title": "Phiên khai mạc",
                                           "starts_at": "2026-12-08T08:00:00+07:00",
                                           "ends_at": "2026-12-08T11:30:00+07:00"},
                                headers=world.headers("secretary"))
    assert created.status_code == 201
    assert (await client.post(url, json={"title": "x", "starts_at": "2026-12-08T08:00:00+07:00"},
                              headers=world.headers("chair"))).status_code == 403
    listed = await client.get(url, headers=world.headers("chair"))
    assert [s["title"] for s in listed.json()["items"]] == ["Phiên khai mạc"]
    assert (await client.delete(f"{url}/{created.json()['id']}",
                                headers=world.headers("secretary"))).status_code == 204
    assert (await client.get(url, headers=world.headers("chair"))).json()["items"] == []


async def test_invited_guest_sees_only_that_public_meeting(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    other = await new_meeting(title="Không mời")
    url = f"/api/v1/meetings/{meeting['id']}"
    for m in (meeting, other):
        await client.post(f"/api/v1/meetings/{m['id']}/publish", headers=world.headers("secretary"))
    assert (await client.get(url, headers=world.headers("outsider"))).status_code == 404
    invited = await client.post(f"{url}/guests", json={"user_id": world.users["outsider"],
                                                       "note": "Giám đốc Sở"},
                                headers=world.headers("secretary"))
    assert invited.status_code == 201
    assert (await client.post(f"{url}/guests", json={"user_id": world.users["outsider"]},
                              headers=world.headers("secretary"))).status_code == 409
    assert (await client.get(url, headers=world.headers("outsider"))).status_code == 200
    mine = await client.get("/api/v1/meetings", headers=world.headers("outsider"))
    assert [m["id"] for m in mine.json()["items"]] == [meeting["id"]]
    assert (await client.get(f"{url}/guests", headers=world.headers("deputy"))).status_code == 403
    assert (await client.delete(f"{url}/guests/{world.users['outsider']}",
                                headers=world.headers("secretary"))).status_code == 204
    assert (await client.get(url, headers=world.headers("outsider"))).status_code == 404


async def test_unpublish_until_started(client, world, new_meeting, app) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    url, secretary = f"/api/v1/meetings/{meeting['id']}", world.headers("secretary")
    assert (await client.post(f"{url}/unpublish", headers=secretary)).status_code == 409, "a draft already"
    await client.post(f"{url}/publish", headers=secretary)
    assert (await client.get(url, headers=world.headers("deputy"))).status_code == 200
    assert (await client.post(f"{url}/unpublish", headers=world.headers("deputy"))).status_code == 403
    back = await client.post(f"{url}/unpublish", headers=secretary)
    assert back.status_code == 200 and back.json()["state"] == "draft"
    assert (await client.get(url, headers=world.headers("deputy"))).status_code == 404, \
        "a draft is the secretariat's again"
    async with app.state.db.unit_of_work(write=False) as uow:
        events = list(await uow.session.scalars(select(MeetingEvent.type).where(
            MeetingEvent.meeting_id == meeting["id"]).order_by(MeetingEvent.seq)))
        audit = list(await uow.session.scalars(select(AuditEntry.action).where(
            AuditEntry.target_id == str(meeting["id"]), AuditEntry.target_type == "meeting")))
    assert events[-2:] == ["meeting.updated", "meeting.updated"]
    assert "meeting.unpublish" in audit
    await client.post(f"{url}/publish", headers=secretary)
    await client.post(f"{url}/start", headers=secretary)
    refused = await client.post(f"{url}/unpublish", headers=secretary)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "meeting_wrong_state"


async def test_a_loaded_meeting_is_seen_exactly_as_the_sql_condition_sees_it(app, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    from itertools import product

    from sqlalchemy import update

    from app.meetings.access import INVITED, OVERSIGHT, PUBLIC, sees, visible_to

    made = []
    for state, public in product(("draft", "published", "in_progress", "closed"), (True, False)):
        meeting = await new_meeting(title=f"{state} {public}", public=public)
        made.append(meeting["id"])
        async with app.state.db.unit_of_work() as uow:
            await uow.session.execute(update(Meeting).where(Meeting.id == meeting["id"]).values(state=state))
    roles = ("secretary", "chair", "deputy", "guest", "respondent", INVITED, OVERSIGHT, PUBLIC, None)
    async with app.state.db.unit_of_work(write=False) as uow:
        meetings = list(await uow.session.scalars(select(Meeting).where(Meeting.id.in_(made))))
        for role, is_admin in product(roles, (False, True)):
            by_sql = set(await uow.session.scalars(select(Meeting.id).where(
                Meeting.id.in_(made), visible_to(role, is_admin=is_admin))))
            assert {m.id for m in meetings if sees(m, role, is_admin=is_admin)} == by_sql, (role, is_admin)
