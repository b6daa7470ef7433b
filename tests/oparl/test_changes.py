"""Incremental harvesting works only if `modified` moves exactly when a published object changes,
objects that leave public view stay as tombstones, and paging is stable while data is added."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

from app.kit.time import utcnow
from app.oparl.urls import BY_BODY_LIST
from tests.oparl import validate

BASE = "http://kyhop.test"


async def body_lists(client, council_id: int, query: str = "") -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    """Every list of the body walked to its end: type → objects."""
    found: dict[str, list[dict]] = {}
    for list_name, kind in BY_BODY_LIST.items():
        url = f"/oparl/v1/bodies/{council_id}/{list_name}" + (f"?{query}" if query else "")
        while url:
            page = (await client.get(url)).json()
            for obj in page["data"]:
                validate.check(obj)
                found.setdefault(kind.name, []).append(obj)
            url = page["links"].get("next", "")
    return found


def ids(found: dict[str, list[dict]]) -> set[str]:
    return {obj["id"].removeprefix(BASE) for objects in found.values() for obj in objects}


def since(moment) -> str:  # type: ignore[no-untyped-def]
    return "modified_since=" + quote(moment.isoformat())


async def test_modified_since_returns_exactly_what_changed(client, world, public_record) -> None:  # type: ignore[no-untyped-def]
    council = world.council_a
    assert ids(await body_lists(client, council)), "the record is published"
    mark = utcnow()
    assert ids(await body_lists(client, council, since(mark))) == set(), "nothing changed yet"

    renamed = await client.patch(f"/api/v1/documents/{public_record.report_id}",
                                 json={"title": "Báo cáo kinh tế - xã hội (bổ sung)"},
                                 headers=world.headers("secretary"))
    assert renamed.status_code == 200, renamed.text
    changed = ids(await body_lists(client, council, since(mark)))
    # The report is no agenda item's: its File, its Paper, and the Meeting that embeds the File.
    assert changed == {f"/oparl/v1/files/{public_record.report_id}",
                       f"/oparl/v1/papers/{public_record.report_id}",
                       f"/oparl/v1/meetings/{public_record.meeting_id}"}

    mark = utcnow()
    renamed = await client.patch(f"/api/v1/agenda-items/{public_record.item_id}",
                                 json={"title": "Nghị quyết về dự toán ngân sách năm 2027 (sửa)"},
                                 headers=world.headers("secretary"))
    assert renamed.status_code == 200, renamed.text
    assert ids(await body_lists(client, council, since(mark))) == {
        f"/oparl/v1/agenda-items/{public_record.item_id}",
        f"/oparl/v1/meetings/{public_record.meeting_id}"}
    until = (await client.get(f"/oparl/v1/bodies/{council}/meetings?modified_until="
                              + quote((mark - timedelta(seconds=1)).isoformat()))).json()
    assert until["data"] == []


async def test_a_document_made_confidential_leaves_a_tombstone(client, world, public_record) -> None:  # type: ignore[no-untyped-def]
    council = world.council_a
    paper_url = f"/oparl/v1/papers/{public_record.proposal_id}"
    before = (await client.get(paper_url)).json()
    mark = utcnow()
    hidden = await client.patch(f"/api/v1/documents/{public_record.proposal_id}",
                                json={"confidential": True}, headers=world.headers("secretary"))
    assert hidden.status_code == 200, hidden.text

    own = await client.get(paper_url)
    assert own.status_code == 200
    tombstone = own.json()
    validate.check(tombstone)
    assert tombstone == {"id": BASE + paper_url, "type": "https://schema.oparl.org/1.1/Paper",
                         "created": before["created"], "modified": tombstone["modified"],
                         "deleted": True}
    assert (await client.get(f"/oparl/v1/files/{public_record.proposal_id}/access")).status_code == 404
    plain = await body_lists(client, council)
    assert BASE + paper_url not in {p["id"] for p in plain["Paper"]}
    changed = await body_lists(client, council, since(mark))
    deleted = {obj["id"].removeprefix(BASE) for objects in changed.values() for obj in objects
               if obj.get("deleted")}
    assert deleted == {paper_url, f"/oparl/v1/files/{public_record.proposal_id}",
                       f"/oparl/v1/consultations/{public_record.proposal_id}"}

    shown = await client.patch(f"/api/v1/documents/{public_record.proposal_id}",
                               json={"confidential": False}, headers=world.headers("secretary"))
    assert shown.status_code == 200
    back = (await client.get(paper_url)).json()
    assert "deleted" not in back and back["created"] == before["created"]


async def test_a_meeting_closed_to_the_public_or_deleted_leaves_tombstones(  # type: ignore[no-untyped-def]
        client, world, public_record, new_meeting, add_item) -> None:
    secretary = world.headers("secretary")
    other = await new_meeting(title="Kỳ họp bất thường")
    item = await add_item(other["id"], "Miễn nhiệm Ủy viên")
    assert (await client.post(f"/api/v1/meetings/{other['id']}/publish", headers=secretary)).status_code == 200
    meeting_url = f"/oparl/v1/meetings/{other['id']}"
    assert "deleted" not in (await client.get(meeting_url)).json()
    mark = utcnow()
    assert (await client.post(f"/api/v1/meetings/{other['id']}/unpublish", headers=secretary)).status_code == 200
    assert (await client.get(meeting_url)).json()["deleted"] is True
    assert (await client.get(f"/oparl/v1/agenda-items/{item['id']}")).json()["deleted"] is True
    assert (await client.delete(f"/api/v1/meetings/{other['id']}", headers=secretary)).status_code == 204
    assert (await client.get(meeting_url)).json()["deleted"] is True
    changed = await body_lists(client, world.council_a, since(mark))
    assert {o["id"] for o in changed["Meeting"]} == {BASE + meeting_url}

    # The public meeting that becomes closed-door: it and everything in it become tombstones.
    closed = await client.patch(f"/api/v1/meetings/{public_record.meeting_id}", json={"public": False},
                                headers=secretary)
    assert closed.status_code == 200, closed.text
    assert (await client.get(f"/oparl/v1/meetings/{public_record.meeting_id}")).json()["deleted"]
    remaining = await body_lists(client, world.council_a)
    assert not any(remaining.get(kind) for kind in ("Meeting", "AgendaItem", "Paper", "File",
                                                     "Consultation", "Location"))
    assert remaining["Person"] and remaining["Organization"], "people stay published"


async def test_an_ended_public_meeting_stays(client, world, public_record) -> None:  # type: ignore[no-untyped-def]
    closed = await client.post(f"/api/v1/meetings/{public_record.meeting_id}/close",
                               headers=world.headers("chair"))
    assert closed.status_code == 200, closed.text
    meeting = (await client.get(f"/oparl/v1/meetings/{public_record.meeting_id}")).json()
    assert meeting["meetingState"] == "Đã bế mạc" and "deleted" not in meeting


async def test_next_links_walk_every_page_once_while_objects_are_added(  # type: ignore[no-untyped-def]
        client, world, public_record, add_item) -> None:
    for n in range(4):
        await add_item(public_record.meeting_id, f"Mục có sẵn {n + 1}")
    query = "limit=2&created_since=" + quote("2020-01-01T00:00:00+07:00")
    url = f"/oparl/v1/bodies/{world.council_a}/agenda-items?{query}"
    first = (await client.get(url)).json()
    kept = urlsplit(first["links"]["first"])
    assert kept.path == urlsplit(url).path
    assert parse_qs(kept.query) == parse_qs(urlsplit(url).query), "the filters are kept in links"
    existing = first["pagination"]["totalElements"]
    seen: list[str] = []
    added = 0
    while url:
        page = (await client.get(url)).json()
        assert page["pagination"]["elementsPerPage"] == 2
        seen += [obj["id"] for obj in page["data"]]
        if "next" in page["links"]:
            assert "limit=2" in page["links"]["next"] and "created_since=" in page["links"]["next"]
        if added < 3 and "next" in page["links"]:
            await add_item(public_record.meeting_id, f"Mục bổ sung {added + 1}")
            added += 1
        url = page["links"].get("next", "")
    assert len(seen) == len(set(seen)), "no object twice"
    assert added == 3
    assert len(seen) == existing + added, "every object once, the added ones at the end"
    numbers = [int(item.rsplit("/", 1)[1]) for item in seen]
    assert numbers == sorted(numbers)


async def test_a_renamed_deputy_is_a_modified_person(client, world, public_record) -> None:  # type: ignore[no-untyped-def]
    await body_lists(client, world.council_a)
    mark = utcnow()
    renamed = await client.patch(f"/api/v1/users/{world.users['deputy']}",
                                 json={"full_name": "Nguyễn Thị Đổi Tên"}, headers=world.headers("admin"))
    assert renamed.status_code == 200, renamed.text
    changed = await body_lists(client, world.council_a, since(mark))
    assert [p["name"] for p in changed["Person"]] == ["Nguyễn Thị Đổi Tên"]
    # A closed poll's vote events keep the names as they were when it closed: the record.
    assert set(changed) == {"Person"}
