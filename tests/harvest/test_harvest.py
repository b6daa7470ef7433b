"""Harvesting a valid OParl tree: everything the first time, then only what changed (counted
request by request and object by object on the stub), tombstones applied, embedded objects kept,
and the copy searchable and listed under the source's council."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import AuditEntry
from tests.harvest.conftest import kept, source_row
from tests.harvest.stub import LISTS, Stub

ALL_TYPES = {"AgendaItem": 2, "Body": 1, "Consultation": 1, "File": 2, "LegislativeTerm": 1,
             "Location": 1, "Meeting": 2, "Membership": 1, "Organization": 1, "Paper": 1,
             "Person": 1, "System": 1}


def _ids(stub: Stub) -> set[str]:
    return {entry.data["id"] for entry in stub.entries.values() if not entry.deleted} | {
        stub.url("/system"), stub.url("/body/1")}


def _list_requests(stub: Stub) -> list[str]:
    return [request for request in stub.requests if request.startswith("/oparl/body/1/")]


async def test_full_then_incremental_fetches_only_what_changed(app, oparl, harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.page_size = 1  # every list paged, one object a page
    source_id, first = await harvest(oparl.url("/system"))

    assert first.state == "ok" and first.full and first.error_code == ""
    assert set(await kept(app, source_id)) == _ids(oparl)
    assert first.counts == ALL_TYPES
    # system + bodies + one page per object of each list (an empty list is one page too)
    per_list = {name: sum(e.list_name == name for e in oparl.entries.values()) for name in LISTS}
    assert first.requests == 2 + sum(max(n, 1) for n in per_list.values()) == len(oparl.requests)
    assert not any("modified_since" in request for request in oparl.requests)
    source = await source_row(app, source_id)
    assert (source.state, source.error_code, source.requests) == ("ok", "", first.requests)
    assert source.bytes > 0 and source.received == first.received
    assert source.next_modified_since is not None  # the stub's clock (its Date) minus the margin

    # An hour later on the source: a meeting renamed, a file deleted, a new person.
    oparl.reset_counts()
    oparl.tick(hours=1)
    oparl.put("meeting", "2", name="Kỳ họp chuyên đề về ngân sách", start="2026-12-21T08:00:00+07:00")
    oparl.delete("file", "2")
    oparl.put("person", "2", name="Trần Văn Minh")
    oparl.tick(minutes=10)
    _, second = await harvest(oparl.url("/system"))

    assert second.state == "ok" and not second.full
    served = {name: count for name, count in oparl.served.items() if count}
    assert served == {"body": 1, "meeting": 1, "file": 1, "person": 1}
    assert second.received == 1 + 2 + 3  # the system, the body (and its term), the three changes
    lists = _list_requests(oparl)
    assert len(lists) == len(LISTS) and all("modified_since=" in request for request in lists)
    assert second.requests == 2 + len(LISTS)
    copy = await kept(app, source_id)
    assert copy[oparl.oid("meeting", "2")]["name"] == "Kỳ họp chuyên đề về ngân sách"
    assert oparl.oid("person", "2") in copy
    assert oparl.oid("file", "2") not in copy
    gone = await kept(app, source_id, deleted=True)
    assert set(gone) == {oparl.oid("file", "2")}
    assert gone[oparl.oid("file", "2")]["deleted"] is True  # only the tombstone is kept
    assert "text" not in gone[oparl.oid("file", "2")]
    assert (await source_row(app, source_id)).counts == (
        '{"AgendaItem": 2, "Body": 1, "Consultation": 1, "File": 1, "LegislativeTerm": 1, '
        '"Location": 1, "Meeting": 2, "Membership": 1, "Organization": 1, "Paper": 1, '
        '"Person": 2, "System": 1}')

    # Nothing changed: nothing but the system and the body comes back.
    oparl.reset_counts()
    oparl.tick(hours=1)
    _, third = await harvest(oparl.url("/system"))
    assert third.state == "ok" and third.received == 3 and third.stored == 0
    assert not any(oparl.served.get(name) for name in LISTS)


async def test_embedded_objects_are_kept_and_their_files_text(app, stub, harvest) -> None:  # type: ignore[no-untyped-def]
    """A server that lists only meetings and papers: their agenda items, files and
    consultations are kept all the same, from inside them."""
    stub.populate()
    for name in ("agendaItem", "file", "consultation", "membership"):
        for key in [k for (n, k) in stub.entries if n == name]:
            del stub.entries[(name, key)]
    stub.tick(hours=1)
    embedded_only = {"agendaItem", "file", "consultation", "membership"}
    for name in embedded_only:
        stub.traps[f"/body/1/{name}"] = "500"
    body = stub.body
    stub.body = lambda: {k: v for k, v in body().items() if k not in embedded_only}  # type: ignore[method-assign]

    source_id, result = await harvest(stub.url("/system"))

    assert result.state == "ok", result
    copy = await kept(app, source_id)
    assert {"AgendaItem", "File", "Consultation", "Membership", "LegislativeTerm"} <= {
        obj["type"].rsplit("/", 1)[1] for obj in copy.values()}
    assert copy[stub.oid("agendaItem", "2")]["name"] == "Quy hoạch sử dụng đất"
    assert "đất đai năm 2027" in copy[stub.oid("file", "1")]["text"]
    assert not any(request.split("?")[0].endswith(tuple(embedded_only)) for request in stub.requests)


async def test_a_failed_first_run_keeps_its_whole_pages_and_the_next_run_completes_it(
        app, oparl, harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/paper"] = "500"
    source_id, failed = await harvest(oparl.url("/system"))
    assert failed.state == "failed" and failed.error_code == "harvest_http_status"
    partial = await kept(app, source_id)
    assert oparl.oid("meeting", "1") in partial and oparl.oid("paper", "1") not in partial
    assert (await source_row(app, source_id)).next_modified_since is None  # still a full run next

    del oparl.traps["/body/1/paper"]
    oparl.delete("meeting", "2")  # gone without a tombstone reaching a full run
    oparl.tick(minutes=5)
    _, done = await harvest(oparl.url("/system"))
    assert done.state == "ok" and done.full
    copy = await kept(app, source_id)
    assert oparl.oid("paper", "1") in copy and oparl.oid("meeting", "2") not in copy
    assert set(await kept(app, source_id, deleted=True)) == {oparl.oid("meeting", "2")}


async def test_a_body_that_leaves_the_system_takes_its_objects_along(app, oparl, harvest) -> None:  # type: ignore[no-untyped-def]
    source_id, _ = await harvest(oparl.url("/system"))
    oparl.traps["/bodies"] = "empty"
    oparl.tick(hours=1)
    _, result = await harvest(oparl.url("/system"))
    assert result.state == "ok", result
    assert set(await kept(app, source_id)) == {oparl.url("/system")}


async def test_every_changing_page_is_audited(app, oparl, harvest) -> None:  # type: ignore[no-untyped-def]
    await harvest(oparl.url("/system"))
    async with app.state.db.unit_of_work(write=False) as uow:
        actions = dict((await uow.session.execute(
            select(AuditEntry.action, func.count()).where(AuditEntry.action.like("harvest%"))
            .group_by(AuditEntry.action))).all())
    # One entry per page that changed something — of the twelve pages, not those holding only
    # what came embedded before (agenda items, the membership, the term, the consultation) —
    # one per run, and the source's creation.
    assert actions == {"harvest.apply": 8, "harvest.run": 1, "harvest_source.create": 1}


async def test_an_abridged_embedded_copy_does_not_erase_what_was_kept(app, stub, harvest) -> None:  # type: ignore[no-untyped-def]
    """As Kỳ Họp does, the stub embeds a Paper's file without its text: a Paper that changes
    later brings that abridged copy again, and the file's text must stay."""
    file = stub.put("file", "1", name="Tờ trình", accessUrl=stub.url("/file/1/access"),
                    text="Nội dung tờ trình về đất đai")
    abridged = {key: value for key, value in file.items() if key != "text"}
    stub.put("paper", "1", name="Tờ trình số 1", mainFile=abridged)
    stub.tick(hours=1)
    source_id, _ = await harvest(stub.url("/system"))
    assert (await kept(app, source_id))[stub.oid("file", "1")]["text"] == "Nội dung tờ trình về đất đai"

    stub.tick(hours=1)
    stub.put("paper", "1", name="Tờ trình số 1 (sửa đổi)", mainFile=abridged)
    stub.tick(minutes=5)
    _, again = await harvest(stub.url("/system"))
    assert again.state == "ok" and stub.served.get("paper") == 2  # once each run
    copy = await kept(app, source_id)
    assert copy[stub.oid("paper", "1")]["name"] == "Tờ trình số 1 (sửa đổi)"
    assert copy[stub.oid("file", "1")]["text"] == "Nội dung tờ trình về đất đai"


async def test_a_body_listed_twice_is_read_once(app, oparl, harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.page_size = 1
    original = oparl.page

    def twice(request, objects, list_name):  # type: ignore[no-untyped-def]
        return original(request, objects * 2 if list_name == "body" else objects, list_name)

    oparl.page = twice  # type: ignore[method-assign]
    _, result = await harvest(oparl.url("/system"))
    assert result.state == "ok"
    # the body on two pages, its meetings on two pages, once
    assert sum(request.startswith("/oparl/body/1/meeting") for request in oparl.requests) == 2
    assert sum(request.startswith("/oparl/bodies") for request in oparl.requests) == 2
