"""The whole OParl system, crawled from its entry point the way a client finds it: every link and
every page followed, every object (embedded ones too) validated against the OParl 1.1 schemas,
and nothing the public may not see anywhere in it."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from app.oparl.urls import LINK_FIELDS
from tests.oparl import validate
from tests.oparl.conftest import SECRET_WORDS

BASE = "http://kyhop.test"
ALL_TYPES = {"System", "Body", "Organization", "Person", "Membership", "LegislativeTerm", "Meeting",
             "AgendaItem", "Paper", "Consultation", "File", "Location"}


def links_in(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LINK_FIELDS:
                for link in item if isinstance(item, list) else [item]:
                    if isinstance(link, str) and link.startswith(BASE + "/oparl/"):
                        found.add(link)
            found |= links_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= links_in(item)
    return found


async def crawl(client) -> tuple[dict[str, dict[str, Any]], dict[str, int], Counter[str]]:  # type: ignore[no-untyped-def]
    """Every object reached (by id, as served on its own URL or in a list), the files' status,
    and how many times each list page was fetched."""
    objects: dict[str, dict[str, Any]] = {}
    files: dict[str, int] = {}
    pages: Counter[str] = Counter()
    queue, seen = [f"{BASE}/oparl/v1/system"], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = await client.get(url)
        if url.endswith(("/access", "/download")):
            files[url] = response.status_code
            assert response.headers["content-type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")
            continue
        assert response.status_code == 200, (url, response.text)
        assert response.headers["access-control-allow-origin"] == "*"
        body = response.json()
        if "data" in body and "pagination" in body:
            pages[url] += 1
            assert set(body) == {"data", "pagination", "links"}
            items = body["data"]
            if "next" in body["links"]:
                queue.append(body["links"]["next"])
        else:
            items = [body]
            assert url == body["id"], "an object's id is the URL it is served at"
        for obj in items:
            objects[obj["id"]] = obj  # as served itself: embedded copies may leave out `text`
            for found in validate.check(obj):
                objects.setdefault(found["id"], found)
            queue.extend(links_in(obj) - seen)
    return objects, files, pages


async def test_the_whole_system_validates_and_publishes_only_public_data(client, world, public_record) -> None:  # type: ignore[no-untyped-def]
    objects, files, pages = await crawl(client)
    kinds = Counter(validate.type_name(obj) for obj in objects.values())
    assert set(kinds) == ALL_TYPES, kinds
    assert all(count == 1 for count in pages.values()), "each page is fetched once"
    assert files and set(files.values()) == {200}

    commune = next(o for o in objects.values() if o.get("name") == "HĐND xã Bên Cạnh")
    assert commune["kyhop:parentBody"] == f"{BASE}/oparl/v1/bodies/{world.council_a}"
    text = json.dumps(list(objects.values()), ensure_ascii=False)
    for words in SECRET_WORDS:
        assert words not in text, words
    meetings = {o["id"]: o for o in objects.values() if validate.type_name(o) == "Meeting"}
    assert set(meetings) == {f"{BASE}/oparl/v1/meetings/{public_record.meeting_id}"}
    [meeting] = meetings.values()
    assert [item["name"] for item in meeting["agendaItem"]] == [
        "Nghị quyết về dự toán ngân sách năm 2027"]
    assert meeting["resultsProtocol"]["name"] == "Biên bản kỳ họp"
    assert meeting["location"]["description"] == "Hội trường tỉnh"
    papers = {o["name"]: o for o in objects.values() if validate.type_name(o) == "Paper"}
    assert set(papers) == {"Tờ trình dự toán ngân sách", "Báo cáo kinh tế - xã hội", "Biên bản kỳ họp"}
    assert papers["Tờ trình dự toán ngân sách"]["paperType"] == "Tờ trình"
    assert papers["Biên bản kỳ họp"]["paperType"] == "Biên bản"
    proposal_file = objects[papers["Tờ trình dự toán ngân sách"]["mainFile"]["id"]]
    assert "Đề nghị Hội đồng nhân dân tỉnh" in proposal_file["text"]
    assert len(proposal_file["sha512Checksum"]) == 128
    assert proposal_file["downloadUrl"].endswith("/download")


async def test_vote_events_are_popolo_with_names_only_for_open_polls(client, public_record) -> None:  # type: ignore[no-untyped-def]
    item = (await client.get(f"/oparl/v1/agenda-items/{public_record.item_id}")).json()
    events = item["kyhop:voteEvents"]
    assert [e["motion"]["text"] for e in events] == ["Thông qua Nghị quyết", "Biểu quyết kín"]
    named, secret = events
    assert {"start_date", "result", "counts"} <= set(named)
    assert {c["option"]: c["value"] for c in named["counts"]}["yes"] == 2
    assert sorted(v["voter"]["name"] for v in named["votes"]) == ["Người chair", "Người deputy"]
    assert all(v["voter_id"].startswith(f"{BASE}/oparl/v1/persons/") for v in named["votes"])
    assert "votes" not in secret and secret["secret"] is True
    assert all("votes" not in e["kyhop:result"] and e["kyhop:result"]["counts"] for e in events)
    assert item["result"]


async def test_cors_head_and_errors(client, public_record) -> None:  # type: ignore[no-untyped-def]
    for url in ("/oparl/v1/system", "/oparl/v1/bodies", f"/oparl/v1/meetings/{public_record.meeting_id}"):
        head = await client.head(url)
        assert head.status_code == 200 and head.headers["access-control-allow-origin"] == "*"
    missing = await client.get("/oparl/v1/meetings/999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"]
    assert missing.headers["access-control-allow-origin"] == "*"
    for url in (f"/oparl/v1/meetings/{public_record.draft_meeting_id}",
                f"/oparl/v1/meetings/{public_record.closed_meeting_id}",
                f"/oparl/v1/papers/{public_record.confidential_id}",
                f"/oparl/v1/files/{public_record.confidential_id}/download",
                "/oparl/v1/bodies/999999/meetings", "/oparl/v1/bodies/1/nothing",
                "/oparl/v1/nothing/1"):
        assert (await client.get(url)).status_code == 404, url
    for query in ("modified_since=yesterday", "created_until=2026-12-01T10:00:00",
                  "modified_since=1733000000", "created_since=2026-12-01",
                  "limit=0", "after=-1"):
        bad = await client.get(f"/oparl/v1/bodies?{query}")
        assert bad.status_code == 422, query
        assert set(bad.json()) == {"error"}


async def test_a_configured_public_address_makes_the_ids(app, client, public_record) -> None:  # type: ignore[no-untyped-def]
    app.state.settings = app.state.settings.model_copy(update={"public_url": "https://hdnd.example.vn/"})
    system = (await client.get("/oparl/v1/system")).json()
    assert system["id"] == "https://hdnd.example.vn/oparl/v1/system"
    meeting = (await client.get(f"/oparl/v1/meetings/{public_record.meeting_id}")).json()
    assert meeting["agendaItem"][0]["id"].startswith("https://hdnd.example.vn/oparl/v1/agenda-items/")
