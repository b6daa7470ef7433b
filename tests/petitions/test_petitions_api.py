"""Voter petitions over HTTP, on SQLite and PostgreSQL: from the voter meeting to the reviewed
answer, every refused step (409, nothing written), who sees what, filters, overdue at Vietnam's
midnight, merging, bulk assignment and the public page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import app.kit.time as clock
from tests.contract import assert_error

ROAD = "Cử tri xã Hưng Lộc đề nghị sớm sửa chữa tuyến đường liên xã bị xuống cấp nghiêm trọng"
SCHOOL = "Đề nghị đầu tư xây dựng trường mầm non tại xã Nghi Phong"


async def _voter_meeting(client, world, **extra):  # type: ignore[no-untyped-def]
    body = {"held_on": "2026-11-20", "place": "Nhà văn hóa xóm Đông", "unit": "Tổ đại biểu số 3",
            "deputy_ids": [world.users["deputy"], world.users["chair"]], "voters": 120, "when": "before",
            **extra}
    answer = await client.post(f"/api/v1/councils/{world.council_a}/voter-meetings",
                               headers=world.headers("secretary"), json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_a_petition_goes_from_the_voter_meeting_to_a_closed_answer(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    meeting = await _voter_meeting(client, world)
    assert meeting["deputy_ids"] == sorted([world.users["deputy"], world.users["chair"]])
    assert meeting["when"] == "before" and meeting["voters"] == 120
    created = await petitions.create(ROAD, locality="xã Hưng Lộc", voter_meeting_id=meeting["id"])
    assert created["state"] == "received" and created["overdue"] is False
    assert [s["place"] for s in created["sources"]] == ["Nhà văn hóa xóm Đông"]

    classified = await client.patch(f"/api/v1/petitions/{created['id']}", headers=world.headers("secretary"),
                                    json={"level": "province", "needs_resources": True})
    assert classified.json()["state"] == "received"  # no agency, no due date yet
    assigned = await petitions.assign(created["id"])
    assert assigned["state"] == "assigned"
    assert assigned["agency"] == {"id": petitions.agencies["respondent"], "name": "Sở Tài chính"}
    assert (assigned["level"], assigned["needs_resources"], assigned["due_on"]) == ("province", True, "2027-01-31")

    answer = await petitions.respond(created["id"], status="in_progress", text="Đã có kế hoạch sửa chữa",
                                     plan_due_on="2027-06-30")
    assert answer.status_code == 201, answer.text
    assert answer.json()["plan_due_on"] == "2027-06-30"
    sent_back = await petitions.review(created["id"], accepted=False, comment="Cần nêu rõ nguồn vốn")
    assert sent_back.json()["state"] == "assigned" and sent_back.json()["closed_at"] is None
    again = await petitions.respond(created["id"], status="resolved", text="Đã sửa chữa xong tháng 12")
    assert again.status_code == 201, again.text
    closed = (await petitions.review(created["id"], accepted=True, who="secretary")).json()
    assert closed["state"] == "closed" and closed["status"] == "resolved" and closed["closed_at"]
    assert [r["status"] for r in closed["responses"]] == ["in_progress", "resolved"]
    assert [(r["accepted"], r["comment"]) for r in closed["reviews"]] == [
        (False, "Cần nêu rõ nguồn vốn"), (True, "")]
    assert closed["reviews"][1]["response_id"] == closed["responses"][1]["id"]
    for action in ("voter_meeting.create", "petition.create", "petition.classify", "petition.respond",
                   "petition.review"):
        assert await db.count("audit_log", action=action) >= 1, action
    assert await db.count("audit_log", action="petition.respond") == 2

    voter_meetings = await client.get(f"/api/v1/councils/{world.council_a}/voter-meetings",
                                      headers=world.headers("deputy"))
    assert [m["petitions"] for m in voter_meetings.json()["items"]] == [1]


async def test_every_refused_step_is_409_and_writes_nothing(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    petition = await petitions.create()
    pid = petition["id"]
    secretary = world.headers("secretary")
    before = await db.snapshot()
    assert_error(await petitions.respond(pid, who="secretary"), 409, "petition_not_assigned")
    assert_error(await petitions.review(pid, accepted=True), 409, "petition_not_answered")
    assert await db.snapshot() == before

    await petitions.assign(pid)
    before = await db.snapshot()
    assert_error(await petitions.review(pid, accepted=True), 409, "petition_not_answered")
    assert_error(await petitions.respond(pid, status="in_progress"), 422, "plan_due_required")
    assert await db.snapshot() == before

    assert (await petitions.respond(pid)).status_code == 201
    before = await db.snapshot()
    assert_error(await petitions.respond(pid), 409, "petition_answered")
    assert_error(await client.patch(f"/api/v1/petitions/{pid}", headers=secretary,
                                    json={"agency_id": petitions.agencies["other_respondent"]}), 409,
                 "petition_answered")
    assert await db.snapshot() == before
    # Classifying further while the answer waits for review is fine.
    ok = await client.patch(f"/api/v1/petitions/{pid}", headers=secretary, json={"field": "Giao thông vận tải"})
    assert ok.json()["state"] == "answered" and ok.json()["field"] == "Giao thông vận tải"

    assert (await petitions.review(pid, accepted=True)).status_code == 200
    other = await petitions.create(SCHOOL)
    before = await db.snapshot()
    assert_error(await petitions.review(pid, accepted=False), 409, "petition_closed")
    assert_error(await petitions.respond(pid), 409, "petition_closed")
    assert_error(await client.patch(f"/api/v1/petitions/{pid}", headers=secretary, json={"level": "commune"}),
                 409, "petition_closed")
    assert_error(await client.post(f"/api/v1/petitions/{other['id']}/merge", headers=secretary,
                                   json={"petition_ids": [pid]}), 409, "petition_closed")
    assert await db.snapshot() == before


async def test_bad_input_is_422_and_writes_nothing(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    petition = await petitions.create()
    other_council_meeting = await client.post(
        f"/api/v1/councils/{world.council_b}/meetings", headers=world.headers("other_secretary"),
        json={"title": "Kỳ họp xã", "starts_at": "2026-12-20T08:00:00+07:00"})
    assert other_council_meeting.status_code == 201, other_council_meeting.text
    before = await db.snapshot()
    base = f"/api/v1/councils/{world.council_a}"
    vm = {"held_on": "2026-11-20", "place": "Xóm Đông", "when": "after"}
    cases = [
        (client.post(f"{base}/voter-meetings", headers=secretary,
                     json={**vm, "deputy_ids": [world.users["secretary"]]}), "not_a_deputy"),
        (client.post(f"{base}/voter-meetings", headers=secretary,
                     json={**vm, "meeting_id": other_council_meeting.json()["id"]}), "meeting_not_in_council"),
        (client.post(f"{base}/voter-meetings", headers=secretary, json={**vm, "when": "during"}), None),
        (client.post(f"{base}/petitions", headers=secretary, json={"text": " ", "field": "Y tế"}), None),
        (client.post(f"{base}/petitions", headers=secretary,
                     json={"text": "Đề nghị", "field": "Y tế", "voter_meeting_id": 99999}),
         "voter_meeting_not_in_council"),
        (client.patch(f"/api/v1/petitions/{petition['id']}", headers=secretary, json={"agency_id": 99999}),
         "agency_not_in_council"),
        (client.patch(f"/api/v1/petitions/{petition['id']}", headers=secretary, json={"level": "district"}), None),
        (client.patch(f"/api/v1/petitions/{petition['id']}", headers=secretary, json={"field": None}),
         "field_required"),
        (client.post(f"/api/v1/petitions/{petition['id']}/merge", headers=secretary,
                     json={"petition_ids": [petition["id"]]}), "merge_nothing"),
    ]
    for call, code in cases:
        error = assert_error(await call, 422)
        if code:
            assert error["code"] == code
    assert await db.snapshot() == before


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 401), ("outsider", 404), ("other_secretary", 404), ("guest", 403),
    ("deputy", 200), ("chair", 200), ("secretary", 200), ("admin", 200)])
async def test_who_reads_the_council_petitions(client, world, petitions, who, status) -> None:  # type: ignore[no-untyped-def]
    petition = await petitions.create()
    listed = await client.get(petitions.base, headers=world.headers(who))
    single = await client.get(f"/api/v1/petitions/{petition['id']}", headers=world.headers(who))
    assert (listed.status_code, single.status_code) == (status, status)
    writes = await client.post(petitions.base, headers=world.headers(who), json={"text": "Đề nghị", "field": "Y tế"})
    expected = {200: 403, 401: 401, 404: 404, 403: 403}[status]
    assert writes.status_code == (201 if who in ("secretary", "admin") else expected)


async def test_a_respondent_sees_and_answers_only_their_agency_petitions(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    finance = await petitions.create(ROAD)
    health = await petitions.create(SCHOOL, field="Giáo dục")
    unassigned = await petitions.create("Đề nghị hỗ trợ giống cây trồng sau bão", field="Nông nghiệp")
    await petitions.assign(finance["id"], agency="respondent")
    await petitions.assign(health["id"], agency="other_respondent")
    assert [p["id"] for p in await petitions.listed("respondent")] == [finance["id"]]
    assert [p["id"] for p in await petitions.listed("other_respondent")] == [health["id"]]
    before = await db.snapshot()
    for pid in (health["id"], unassigned["id"]):
        assert_error(await petitions.get(pid, who="respondent"), 404, "not_found")
        assert_error(await petitions.respond(pid, who="respondent"), 404, "not_found")
    assert_error(await client.patch(f"/api/v1/petitions/{finance['id']}", headers=world.headers("respondent"),
                                    json={"level": "commune"}), 403)
    assert_error(await petitions.review(finance["id"], accepted=True, who="respondent"), 403)
    assert_error(await client.get(f"/api/v1/councils/{world.council_a}/voter-meetings",
                                  headers=world.headers("respondent")), 404)
    assert_error(await client.get(f"{petitions.base}/similar", params={"text": "đường"},
                                  headers=world.headers("respondent")), 403)
    assert await db.snapshot() == before
    assert (await petitions.get(finance["id"], who="respondent")).status_code == 200
    answer = await petitions.respond(finance["id"], who="respondent")
    assert answer.status_code == 201 and answer.json()["agency_id"] == petitions.agencies["respondent"]
    # Deputies read but neither answer nor review.
    assert_error(await petitions.review(finance["id"], accepted=True, who="deputy"), 403)


async def test_filters_search_without_diacritics_and_pages(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    road = await petitions.create(ROAD)
    school = await petitions.create(SCHOOL, field="Giáo dục")
    await client.patch(f"/api/v1/petitions/{school['id']}", headers=world.headers("secretary"),
                       json={"level": "commune"})
    await petitions.assign(road["id"], agency="other_respondent")
    extra = [await petitions.create(f"Đề nghị nạo vét kênh mương nội đồng số {n}", field="Nông nghiệp")
             for n in range(5)]
    ids = lambda items: [p["id"] for p in items]  # noqa: E731
    assert ids(await petitions.listed(q="duong lien xa")) == [road["id"]]
    assert ids(await petitions.listed(q="ĐƯỜNG")) == [road["id"]]
    assert ids(await petitions.listed(q="mam non nghi phong")) == [school["id"]]
    assert ids(await petitions.listed(q="100%_")) == []
    assert ids(await petitions.listed(field="Giáo dục")) == [school["id"]]
    assert ids(await petitions.listed(level="commune")) == [school["id"]]
    assert ids(await petitions.listed(state="assigned")) == [road["id"]]
    assert ids(await petitions.listed(agency_id=petitions.agencies["other_respondent"])) == [road["id"]]
    assert ids(await petitions.listed(overdue="false")) == ids([road, school, *extra])
    pages, url = [], f"{petitions.base}?limit=3&field=N%C3%B4ng+nghi%E1%BB%87p"
    while url:
        answer = (await client.get(url, headers=world.headers("deputy"))).json()
        pages.append(ids(answer["items"]))
        url = answer["next"]
    assert pages == [ids(extra[:3]), ids(extra[3:])]
    exactly_one_page = (await client.get(f"{petitions.base}?limit=5&field=N%C3%B4ng+nghi%E1%BB%87p",
                                         headers=world.headers("deputy"))).json()
    assert ids(exactly_one_page["items"]) == ids(extra) and exactly_one_page["next"] is None


@pytest.mark.parametrize(("now", "overdue"), [
    (datetime(2027, 1, 31, 16, 59, 59, tzinfo=UTC), False),  # 23:59:59 on the due day in Hà Nội
    (datetime(2027, 1, 31, 17, 0, 0, tzinfo=UTC), True),  # 00:00 the next day there
])
async def test_overdue_starts_at_midnight_in_vietnam(client, world, petitions, monkeypatch, now, overdue) -> None:  # type: ignore[no-untyped-def]
    petition = await petitions.create()
    await petitions.assign(petition["id"], due_on="2027-01-31")
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    assert (await petitions.get(petition["id"])).json()["overdue"] is overdue
    assert [p["id"] for p in await petitions.listed(overdue=str(overdue).lower())] == [petition["id"]]
    assert await petitions.listed(overdue=str(not overdue).lower()) == []


async def test_merging_keeps_every_source_and_the_counts(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    before_meeting = await _voter_meeting(client, world)
    after_meeting = await _voter_meeting(client, world, held_on="2026-12-20", place="Hội trường xã", when="after")
    first = await petitions.create(ROAD, locality="xóm Đông", voter_meeting_id=before_meeting["id"])
    second = await petitions.create("Cu tri de nghi sua chua tuyen duong lien xa Hung Loc", locality="xóm Tây",
                                    voter_meeting_id=after_meeting["id"])
    third = await petitions.create("Tuyến đường liên xã xuống cấp, đề nghị sửa", voter_meeting_id=after_meeting["id"])
    secretary = world.headers("secretary")
    similar = await client.get(f"{petitions.base}/similar", params={"text": ROAD}, headers=secretary)
    assert [hit["id"] for hit in similar.json()["items"]][:2] == [first["id"], second["id"]]
    assert similar.json()["items"][0]["score"] == 100.0

    merged = await client.post(f"/api/v1/petitions/{first['id']}/merge", headers=secretary,
                               json={"petition_ids": [second["id"], third["id"]]})
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["source_count"] == 3
    assert sorted((s["voter_meeting_id"], s["text"]) for s in body["sources"]) == sorted([
        (before_meeting["id"], ROAD), (after_meeting["id"], second["text"]), (after_meeting["id"], third["text"])])
    assert [p["id"] for p in await petitions.listed()] == [first["id"]]
    gone = (await petitions.get(second["id"])).json()
    assert gone["merged_into_id"] == first["id"] and gone["source_count"] == 0
    counts = {m["id"]: m["petitions"] for m in (await client.get(
        f"/api/v1/councils/{world.council_a}/voter-meetings", headers=secretary)).json()["items"]}
    assert counts == {before_meeting["id"]: 1, after_meeting["id"]: 1}
    assert await db.count("audit_log", action="petition.merge") == 1
    before = await db.snapshot()
    assert_error(await client.patch(f"/api/v1/petitions/{second['id']}", headers=secretary,
                                    json={"level": "commune"}), 409, "petition_merged")
    assert_error(await client.post(f"/api/v1/petitions/{first['id']}/merge", headers=secretary,
                                   json={"petition_ids": [second["id"]]}), 409, "petition_merged")
    assert_error(await client.post(f"/api/v1/petitions/{first['id']}/merge", headers=secretary,
                                   json={"petition_ids": [987654]}), 404, "petition_not_found")
    assert await db.snapshot() == before


async def test_the_likely_duplicates_follow_every_new_and_merged_petition(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    """The texts compared are kept between keystrokes; a petition recorded, imported or merged
    since is seen at the next one."""
    secretary = world.headers("secretary")

    async def hits() -> list[int]:
        answer = await client.get(f"{petitions.base}/similar", params={"text": ROAD}, headers=secretary)
        assert answer.status_code == 200, answer.text
        return [hit["id"] for hit in answer.json()["items"]]

    assert await hits() == []
    first = await petitions.create(ROAD)
    assert await hits() == [first["id"]]
    second = await petitions.create("Cu tri de nghi sua chua tuyen duong lien xa Hung Loc")
    assert await hits() == [first["id"], second["id"]]
    imported = await client.post(f"{petitions.base}/import", headers=secretary, files={"file": (
        "kien-nghi.csv", "Nội dung kiến nghị\nĐề nghị sửa chữa tuyến đường liên xã Hưng Lộc bị xuống cấp\n".encode(),
        "text/csv")})
    assert imported.json() == {"created": 1, "merged": 0}, imported.text
    assert len(await hits()) == 3
    merged = await client.post(f"/api/v1/petitions/{first['id']}/merge", headers=secretary,
                               json={"petition_ids": [second["id"]]})
    assert merged.status_code == 200, merged.text
    assert second["id"] not in await hits() and first["id"] in await hits()
    assert len(await hits()) == 2


async def test_fifty_petitions_are_assigned_at_once_or_none_is(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    created = [await petitions.create(f"Đề nghị sửa chữa cống thoát nước khu dân cư số {n}") for n in range(50)]
    ids = [p["id"] for p in created]
    foreign = await client.post(f"/api/v1/councils/{world.council_b}/petitions", headers=world.headers("other_secretary"),
                                json={"text": "Đề nghị của xã bên", "field": "Y tế"})
    assert foreign.status_code == 201, foreign.text
    body = {"agency_id": petitions.agencies["respondent"], "due_on": "2027-03-31", "level": "province"}
    before = await db.snapshot()
    refused = await client.patch(petitions.base, headers=world.headers("secretary"),
                                 json={"petition_ids": [*ids, foreign.json()["id"]], **body})
    assert_error(refused, 404, "petition_not_found")
    assert_error(await client.patch(petitions.base, headers=world.headers("deputy"),
                                    json={"petition_ids": ids, **body}), 403)
    assert await db.snapshot() == before
    answer = await client.patch(petitions.base, headers=world.headers("secretary"), json={"petition_ids": ids, **body})
    assert answer.status_code == 200, answer.text
    assert {(p["state"], p["level"], p["due_on"]) for p in answer.json()["items"]} == {
        ("assigned", "province", "2027-03-31")}
    assert len(await petitions.listed(state="assigned", limit=200)) == 50
    assert await db.count("audit_log", action="petition.classify_many") == 1


async def test_the_public_page_shows_closed_petitions_without_personal_data(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    meeting = await _voter_meeting(client, world, place="Nhà ông Nguyễn Văn Bình, xóm Đông")
    closed = await petitions.create(ROAD, locality="xã Hưng Lộc", voter_meeting_id=meeting["id"])
    await petitions.assign(closed["id"])
    await petitions.respond(closed["id"], text="Đã sửa chữa 2 km đường")
    await petitions.review(closed["id"], accepted=True, comment="Ý kiến nội bộ của Thường trực")
    still_open = await petitions.create(SCHOOL)
    answer = await client.get(f"/api/v1/public/councils/{world.council_a}/petitions")
    assert answer.status_code == 200, answer.text
    [item] = answer.json()["items"]
    assert item["id"] == closed["id"] and item["id"] != still_open["id"]
    assert set(item) == {"id", "text", "field", "locality", "level", "agency", "status", "answer", "closed_at"}
    assert (item["agency"], item["status"], item["answer"]) == ("Sở Tài chính", "resolved", "Đã sửa chữa 2 km đường")
    for private in ("Nguyễn Văn Bình", "Ý kiến nội bộ", "Người deputy", "Người respondent", "voter"):
        assert private not in answer.text
    assert_error(await client.get("/api/v1/public/councils/987654/petitions"), 404)
