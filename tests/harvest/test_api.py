"""The sources API (API.md, "Harvest"): adding a source starts its first run in the background;
the list shows url, state, last_run_at, counts and a readable error; the harvested copy is
listed under the council and searchable with scope=network."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from app.models import HarvestedObject
from tests.contract import assert_error
from tests.harvest.conftest import run_settings
from tests.harvest.stub import Stub

SOURCE_FIELDS = {"id", "council_id", "url", "state", "last_run_at", "counts", "error", "error_code",
                 "requests", "bytes", "received", "created_at"}


async def _until_done(client, world, source_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    for _ in range(300):
        response = await client.get(f"/api/v1/sources/{source_id}", headers=world.headers("secretary"))
        assert response.status_code == 200, response.text
        if response.json()["state"] != "running":
            return dict(response.json())
        await asyncio.sleep(0.05)
    raise AssertionError("the harvest did not finish")


async def _add(app, client, world, url: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/councils/{world.council_a}/sources", json={"url": url},
                                 headers=world.headers("admin"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_adding_a_source_harvests_it_in_the_background(app, client, world, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    app.state.harvest.run_settings = run_settings()
    app.state.harvest.start()
    try:
        created = await _add(app, client, world, oparl.url("/system"))
        assert set(created) == SOURCE_FIELDS
        assert (created["state"], created["last_run_at"], created["counts"], created["error"]) == (
            "running", None, {}, "")
        done = await _until_done(client, world, created["id"])
    finally:
        await app.state.harvest.stop()
    assert done["state"] == "ok" and done["error"] == "" and done["last_run_at"]
    assert done["counts"]["Meeting"] == 2 and done["counts"]["File"] == 2
    listed = await client.get(f"/api/v1/councils/{world.council_a}/sources",
                              headers=world.headers("secretary"))
    assert listed.status_code == 200
    assert [(s["url"], s["state"]) for s in listed.json()["items"]] == [(oparl.url("/system"), "ok")]
    again = await client.post(f"/api/v1/councils/{world.council_a}/sources",
                              json={"url": oparl.url("/system")}, headers=world.headers("admin"))
    assert_error(again, 409, "source_exists")


async def test_a_failed_source_says_why_in_the_callers_language(app, client, world, oparl: Stub,
                                                                harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/system"] = "html"
    source_id, _ = await harvest(oparl.url("/system"), council_id=world.council_a)
    path = f"/api/v1/councils/{world.council_a}/sources"
    [vi] = (await client.get(path, headers=world.headers("secretary"))).json()["items"]
    [en] = (await client.get(path, headers={**world.headers("secretary"),
                                            "Accept-Language": "en"})).json()["items"]
    assert vi["id"] == source_id and vi["state"] == "failed" and vi["error_code"] == "harvest_html"
    assert vi["error"].startswith("Máy chủ nguồn trả về một trang web (HTML)")
    assert en["error"].startswith("The source server answered a web page (HTML)")
    assert oparl.url("/system") in vi["error"]


async def test_run_again_and_the_copy_listed_under_the_council(app, client, world, oparl: Stub,
                                                               harvest) -> None:  # type: ignore[no-untyped-def]
    source_id, _ = await harvest(oparl.url("/system"), council_id=world.council_a)
    asked = await client.post(f"/api/v1/sources/{source_id}/run?full=true",
                              headers=world.headers("secretary"))
    assert asked.status_code == 202 and asked.json()["state"] == "running"

    meetings = await client.get(f"/api/v1/sources/{source_id}/objects",
                                params={"type": "Meeting", "limit": 1}, headers=world.headers("guest"))
    assert meetings.status_code == 200, meetings.text
    first = meetings.json()
    assert [m["name"] for m in first["items"]] == ["Kỳ họp thứ hai"]
    assert first["items"][0]["oparl_id"] == oparl.oid("meeting", "1")
    assert first["items"][0]["data"]["agendaItem"][1]["name"] == "Quy hoạch sử dụng đất"
    following = await client.get(first["next"], headers=world.headers("guest"))
    assert [m["name"] for m in following.json()["items"]] == ["Kỳ họp chuyên đề"]
    last = await client.get(following.json()["next"], headers=world.headers("guest"))
    assert last.json() == {"items": [], "next": None}
    everything = await client.get(f"/api/v1/sources/{source_id}/objects", params={"limit": 200},
                                  headers=world.headers("deputy"))
    assert len(everything.json()["items"]) == 15 and everything.json()["next"] is None
    assert_error(await client.get(f"/api/v1/sources/{source_id}/objects",
                                  headers=world.headers("other_secretary")), 404)
    assert_error(await client.get(f"/api/v1/sources/{source_id}/objects", params={"type": "Sitzung"},
                                  headers=world.headers("deputy")), 422)


async def test_removing_a_source_drops_its_copy(app, client, world, db, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    source_id, _ = await harvest(oparl.url("/system"), council_id=world.council_a)
    audit_before = max(row["id"] for row in await db.rows("audit_log"))
    response = await client.delete(f"/api/v1/sources/{source_id}", headers=world.headers("admin"))
    assert response.status_code == 204 and response.content == b""
    assert await db.count("harvest_sources") == 0
    async with app.state.db.unit_of_work(write=False) as uow:
        left = await uow.session.scalar(select(func.count()).select_from(HarvestedObject))
    assert left == 0
    [entry] = [row for row in await db.rows("audit_log") if row["id"] > audit_before]
    assert entry["action"] == "harvest_source.delete" and entry["council_id"] == world.council_a
    assert_error(await client.get(f"/api/v1/sources/{source_id}", headers=world.headers("admin")), 404)


async def test_network_search_finds_what_was_harvested(app, client, world, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    source_id, _ = await harvest(oparl.url("/system"), council_id=world.council_a)

    async def search(who: str, q: str, **params: str) -> list[dict[str, Any]]:
        response = await client.get("/api/v1/search", params={"q": q, **params},
                                    headers=world.headers(who))
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    hits = await search("deputy", "dat dai", scope="network")
    assert {(h["kind"], h["oparl_type"], h["oparl_id"]) for h in hits} == {
        ("harvested", "File", oparl.oid("file", "1")), ("harvested", "Paper", oparl.oid("paper", "1"))}
    for hit in hits:
        assert hit["source_id"] == source_id and hit["source_url"] == oparl.url("/system")
        assert "<mark>" in hit["snippet"] and hit["meeting_id"] is None
    assert await search("deputy", "dat dai") == []  # the default scope: this server's own only
    assert [h["oparl_type"] for h in await search("deputy", '"ban kinh tế"', scope="network")] == ["File"]
    assert await search("deputy", "đạt", scope="network") == []  # diacritics typed must match
    assert [h["oparl_type"] for h in await search("deputy", "ky hop chuyen de", scope="network")] == [
        "Meeting"]
    assert await search("other_secretary", "dat dai", scope="network") == []  # not their council's


async def test_a_source_of_no_council_is_the_administrators(app, client, world, oparl: Stub,
                                                           harvest) -> None:  # type: ignore[no-untyped-def]
    source_id, _ = await harvest(oparl.url("/system"))
    assert (await client.get(f"/api/v1/sources/{source_id}", headers=world.headers("admin"))).status_code == 200
    assert_error(await client.get(f"/api/v1/sources/{source_id}", headers=world.headers("secretary")), 403)
    assert_error(await client.post(f"/api/v1/sources/{source_id}/run",
                                   headers=world.headers("secretary")), 403)
    # its copy is public data: any user reads and finds it
    assert (await client.get(f"/api/v1/sources/{source_id}/objects",
                             headers=world.headers("outsider"))).status_code == 200
    response = await client.get("/api/v1/search", params={"q": "nghi quyet", "scope": "network"},
                                headers=world.headers("outsider"))
    assert [h["oparl_type"] for h in response.json()["items"]] == ["Paper"]
