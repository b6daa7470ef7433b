"""The agenda over HTTP: tree numbering, moves, reorder, delete rules, the current item."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Document, MeetingEvent


async def _agenda(client, world, meeting_id, who="secretary"):  # type: ignore[no-untyped-def]
    response = await client.get(f"/api/v1/meetings/{meeting_id}/agenda", headers=world.headers(who))
    assert response.status_code == 200
    return [(i["number"], i["title"]) for i in response.json()["items"]]


async def test_tree_numbers_and_inserts(client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    mid = meeting["id"]
    opening = await add_item(mid, "Khai mạc kỳ họp")
    reports = await add_item(mid, "Báo cáo kinh tế - xã hội")
    await add_item(mid, "Báo cáo thẩm tra của Ban Kinh tế - Ngân sách", parent_id=reports["id"])
    first_child = await add_item(mid, "Tờ trình của UBND tỉnh", parent_id=reports["id"], position=0)
    await add_item(mid, "Bế mạc")
    await add_item(mid, "Chất vấn và trả lời chất vấn", position=2)
    assert first_child["number"] == "2.1"
    assert await _agenda(client, world, mid) == [
        ("1", "Khai mạc kỳ họp"), ("2", "Báo cáo kinh tế - xã hội"),
        ("2.1", "Tờ trình của UBND tỉnh"), ("2.2", "Báo cáo thẩm tra của Ban Kinh tế - Ngân sách"),
        ("3", "Chất vấn và trả lời chất vấn"), ("4", "Bế mạc")]
    assert opening["state"] == "pending"


async def test_move_reorder_and_cycles(client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    mid = (await new_meeting())["id"]
    a = await add_item(mid, "A")
    b = await add_item(mid, "B")
    c = await add_item(mid, "C", parent_id=b["id"])
    moved = await client.patch(f"/api/v1/agenda-items/{c['id']}", json={"parent_id": None, "position": 0},
                               headers=world.headers("secretary"))
    assert moved.status_code == 200 and moved.json()["number"] == "1"
    cycle = await client.patch(f"/api/v1/agenda-items/{b['id']}", json={"parent_id": b["id"]},
                               headers=world.headers("secretary"))
    assert cycle.status_code == 422 and cycle.json()["error"]["code"] == "agenda_cycle"
    await client.patch(f"/api/v1/agenda-items/{c['id']}", json={"parent_id": a["id"]},
                       headers=world.headers("secretary"))
    assert await _agenda(client, world, mid) == [("1", "A"), ("1.1", "C"), ("2", "B")]
    order = await client.put(f"/api/v1/meetings/{mid}/agenda/order",
                             json={"item_ids": [b["id"], c["id"], a["id"]]},
                             headers=world.headers("secretary"))
    assert order.status_code == 200
    assert [(i["number"], i["title"]) for i in order.json()["items"]] == [
        ("1", "B"), ("2", "A"), ("2.1", "C")]
    partial = await client.put(f"/api/v1/meetings/{mid}/agenda/order",
                               json={"item_ids": [b["id"]]}, headers=world.headers("secretary"))
    assert partial.status_code == 422 and partial.json()["error"]["code"] == "agenda_order_mismatch"
    assert (await client.put(f"/api/v1/meetings/{mid}/agenda/order",
                             json={"item_ids": [b["id"], c["id"], a["id"]]},
                             headers=world.headers("deputy"))).status_code == 404  # draft: unseen


async def test_delete_refuses_items_with_documents(client, world, new_meeting, add_item, app) -> None:  # type: ignore[no-untyped-def]
    mid = (await new_meeting())["id"]
    parent = await add_item(mid, "Dự thảo nghị quyết")
    child = await add_item(mid, "Phụ lục", parent_id=parent["id"])
    from app.kit.time import utcnow

    async with app.state.db.unit_of_work() as uow:
        uow.session.add(Document(meeting_id=mid, agenda_item_id=child["id"], title="Phụ lục 1",
                                 kind="other", updated_at=utcnow()))
    refused = await client.delete(f"/api/v1/agenda-items/{parent['id']}",
                                  headers=world.headers("secretary"))
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "agenda_item_has_documents"
    assert "Dự thảo nghị quyết" in refused.json()["error"]["message"]
    assert len(await _agenda(client, world, mid)) == 2
    async with app.state.db.unit_of_work() as uow:
        for document in await uow.session.scalars(select(Document)):
            await uow.session.delete(document)
    assert (await client.delete(f"/api/v1/agenda-items/{parent['id']}",
                                headers=world.headers("secretary"))).status_code == 204
    assert await _agenda(client, world, mid) == []


async def test_activate_marks_previous_done_and_emits(client, world, new_meeting, add_item, app) -> None:  # type: ignore[no-untyped-def]
    mid = (await new_meeting())["id"]
    first = await add_item(mid, "Khai mạc")
    second = await add_item(mid, "Thảo luận")
    early = await client.post(f"/api/v1/agenda-items/{first['id']}/activate",
                              headers=world.headers("chair"))
    assert early.status_code == 409 and early.json()["error"]["code"] == "meeting_not_in_progress"
    await client.post(f"/api/v1/meetings/{mid}/publish", headers=world.headers("secretary"))
    await client.post(f"/api/v1/meetings/{mid}/start", headers=world.headers("chair"))
    assert (await client.post(f"/api/v1/agenda-items/{first['id']}/activate",
                              headers=world.headers("deputy"))).status_code == 403
    one = await client.post(f"/api/v1/agenda-items/{first['id']}/activate",
                            headers=world.headers("chair"))
    assert one.status_code == 200 and one.json()["state"] == "current"
    two = await client.post(f"/api/v1/agenda-items/{second['id']}/activate",
                            headers=world.headers("secretary"))
    assert two.json()["state"] == "current"
    items = (await client.get(f"/api/v1/meetings/{mid}/agenda",
                              headers=world.headers("deputy"))).json()["items"]
    assert [i["state"] for i in items] == ["done", "current"]
    meeting = (await client.get(f"/api/v1/meetings/{mid}", headers=world.headers("deputy"))).json()
    assert meeting["current_item_id"] == second["id"]
    async with app.state.db.unit_of_work(write=False) as uow:
        events = list(await uow.session.scalars(
            select(MeetingEvent).where(MeetingEvent.meeting_id == mid).order_by(MeetingEvent.seq)))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert [e.type for e in events][-2:] == ["agenda.current", "agenda.current"]
    deleting_current = await client.delete(f"/api/v1/agenda-items/{second['id']}",
                                           headers=world.headers("secretary"))
    assert deleting_current.status_code == 409


async def test_guests_see_only_public_items(client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    mid = (await new_meeting())["id"]
    await add_item(mid, "Công khai")
    secret = await add_item(mid, "Nhân sự", public=False)
    await add_item(mid, "Con của mục kín", parent_id=secret["id"])
    await client.post(f"/api/v1/meetings/{mid}/publish", headers=world.headers("secretary"))
    assert await _agenda(client, world, mid, "guest") == [("1", "Công khai")]
    assert len(await _agenda(client, world, mid, "deputy")) == 3
    assert (await client.get(f"/api/v1/agenda-items/{secret['id']}",
                             headers=world.headers("guest"))).status_code == 404
