"""Councils after the 2025 reform (Law 72/2025/QH15): two levels, dissolution and succession,
read-only dissolved councils, carrying deputies over, agencies and respondents."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.kit.pdfgen import text_pdf
from app.kit.time import vietnam_today
from tests.contract import assert_error, fill_placeholders

COUNCILS = "/api/v1/councils"
TODAY = vietnam_today().isoformat()


async def _create(client, world, **body: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = await client.post(COUNCILS, headers=world.headers("admin"), json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def _get(client, world, council_id: int, who: str = "admin") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = await client.get(f"{COUNCILS}/{council_id}", headers=world.headers(who))
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def _dissolve(client, world, council_id: int, **body: Any):  # type: ignore[no-untyped-def]
    return await client.post(f"{COUNCILS}/{council_id}/dissolve", headers=world.headers("admin"),
                             json={"dissolved_on": TODAY, **body})


# --- levels ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["vi", "en"])
async def test_a_district_council_cannot_be_created_any_more(client, world, db, language):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers={**world.headers("admin"), "Accept-Language": language},
                                 json={"name": "HĐND huyện Mới", "level": "district", "code": "H-1",
                                       "parent_id": world.council_a})
    error = assert_error(response, 422, "level_abolished")
    assert ("01/07/2025" if language == "vi" else "1 July 2025") in error["message"]
    assert await db.snapshot() == before


@pytest.mark.parametrize(("level", "unit_kind", "expected"), [
    ("province", None, "province"), ("province", "city", "city"),
    ("commune", None, "commune"), ("commune", "ward", "ward"),
    ("commune", "special_zone", "special_zone"),
])
async def test_unit_kinds_of_each_level(client, world, level, unit_kind, expected):
    body = {"name": "HĐND mới", "level": level, "code": f"U-{level}-{unit_kind}",
            **({"unit_kind": unit_kind} if unit_kind else {}),
            **({"parent_id": world.council_a} if level == "commune" else {})}
    council = await _create(client, world, **body)
    assert (council["level"], council["unit_kind"]) == (level, expected)


@pytest.mark.parametrize(("level", "unit_kind"), [
    ("province", "ward"), ("province", "commune"), ("commune", "city"), ("commune", "district"),
    ("province", "district"),
])
async def test_a_unit_kind_of_another_level_is_422(client, world, db, level, unit_kind):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND sai loại", "level": level, "unit_kind": unit_kind, "code": "SAI-2"})
    error = assert_error(response, 422, "unit_kind_level")
    assert [d["field"] for d in error["details"]] == ["unit_kind"]
    assert await db.snapshot() == before


# --- succession ------------------------------------------------------------------------------------

async def test_a_merged_council_names_its_predecessors_and_they_name_it(client, world, db):
    other = await _create(client, world, name="HĐND xã Kế Bên", level="commune", code="X-KB",
                          parent_id=world.council_a)
    merged = await _create(client, world, name="HĐND xã Hợp Nhất", level="commune", code="X-HN",
                           parent_id=world.council_a,
                           predecessor_ids=[world.council_b, other["id"], world.council_b])
    assert [p["id"] for p in merged["predecessors"]] == sorted([world.council_b, other["id"]])
    assert merged["successors"] == []
    predecessor = await _get(client, world, world.council_b, "other_secretary")
    assert [s["name"] for s in predecessor["successors"]] == ["HĐND xã Hợp Nhất"]
    province = await _get(client, world, world.council_a, "secretary")
    assert {c["code"] for c in province["children"]} == {"T02", "X-KB", "X-HN"}
    audit = (await db.rows("audit_log", action="council.create"))[-1]
    assert '"predecessor_ids"' in audit["details"]


async def test_unknown_predecessors_are_422_and_nothing_is_written(client, world, db):
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND xã Ma", "level": "commune", "code": "X-MA", "parent_id": world.council_a,
        "predecessor_ids": [world.council_b, 987654]})
    error = assert_error(response, 422)
    assert [d["field"] for d in error["details"]] == ["predecessor_ids"]
    assert await db.snapshot() == before


async def test_dissolving_with_a_successor(client, world, db):
    successor = await _create(client, world, name="HĐND xã Kế Thừa", level="commune", code="X-KT",
                              parent_id=world.council_a)
    response = await _dissolve(client, world, world.council_b, successor_id=successor["id"])
    assert response.status_code == 200, response.text
    dissolved = response.json()
    assert dissolved["dissolved_on"] == TODAY
    assert [s["id"] for s in dissolved["successors"]] == [successor["id"]]
    assert [p["id"] for p in (await _get(client, world, successor["id"]))["predecessors"]] == [
        world.council_b]
    # Still readable by its members, and listed.
    assert (await _get(client, world, world.council_b, "other_secretary"))["dissolved_on"] == TODAY
    listed = (await client.get(COUNCILS, headers=world.headers("other_secretary"))).json()["items"]
    assert [c["dissolved_on"] for c in listed if c["id"] == world.council_b] == [TODAY]
    audit = await db.rows("audit_log", action="council.dissolve")
    assert [(a["target_id"], a["actor_id"]) for a in audit] == [
        (str(world.council_b), world.users["admin"])]
    # Once is enough.
    again = await _dissolve(client, world, world.council_b)
    assert "đã giải thể" in assert_error(again, 409, "council_dissolved")["message"]


async def test_a_province_merged_into_another_hands_over_its_communes(client, world, db):
    other_province = await _create(client, world, name="HĐND tỉnh Hợp Nhất", level="province",
                                   code="P-HN")
    refused = await _dissolve(client, world, world.council_a)
    assert_error(refused, 409, "council_has_children")
    response = await _dissolve(client, world, world.council_a, successor_id=other_province["id"])
    assert response.status_code == 200, response.text
    assert (await _get(client, world, world.council_b))["parent_id"] == other_province["id"]
    assert [c["id"] for c in (await _get(client, world, other_province["id"]))["children"]] == [
        world.council_b]


@pytest.mark.parametrize("case", ["future", "itself", "unknown", "dissolved_successor",
                                  "other_level", "meeting_in_progress"])
async def test_refused_dissolutions_change_nothing(client, world, db, new_meeting, case):
    body: dict[str, Any] = {}
    target, status, code = world.council_b, 422, None
    if case == "future":
        body["dissolved_on"] = (vietnam_today() + timedelta(days=1)).isoformat()
        code = "dissolved_on_future"
    elif case == "itself":
        body["successor_id"] = world.council_b
    elif case == "unknown":
        body["successor_id"] = 987654
    elif case == "dissolved_successor":
        gone = await _create(client, world, name="HĐND xã Đã Hết", level="commune", code="X-DH",
                             parent_id=world.council_a)
        assert (await _dissolve(client, world, gone["id"])).status_code == 200
        body["successor_id"], status, code = gone["id"], 409, "council_dissolved"
    elif case == "other_level":
        body["successor_id"], code = world.council_a, "successor_level"
    else:
        meeting = await new_meeting()
        for action in ("publish", "start"):
            assert (await client.post(f"/api/v1/meetings/{meeting['id']}/{action}",
                                      headers=world.headers("secretary"))).status_code == 200
        target, status, code = world.council_a, 409, "meeting_in_progress"
        body["successor_id"] = (await _create(client, world, name="HĐND tỉnh Khác",
                                              level="province", code="P-K"))["id"]
    before = await db.snapshot()
    response = await _dissolve(client, world, target, **body)
    error = assert_error(response, status, code)
    assert error["code"] == (code or "not_found" if status == 422 else code)
    assert await db.snapshot() == before


async def test_a_commune_cannot_be_created_under_a_dissolved_province(client, world, db):
    other_province = await _create(client, world, name="HĐND tỉnh Mới", level="province", code="P-M")
    assert (await _dissolve(client, world, world.council_a,
                            successor_id=other_province["id"])).status_code == 200
    before = await db.snapshot()
    response = await client.post(COUNCILS, headers=world.headers("admin"), json={
        "name": "HĐND xã Muộn", "level": "commune", "code": "X-MU", "parent_id": world.council_a})
    assert_error(response, 409, "council_dissolved")
    assert await db.snapshot() == before


# --- carrying deputies over (Art. 54(4)) -------------------------------------------------------------

async def test_the_deputies_of_a_dissolved_council_are_carried_over_once(client, world, db):
    successor = await _create(client, world, name="HĐND xã Sáp Nhập", level="commune",
                              code="X-SN", parent_id=world.council_a,
                              predecessor_ids=[world.council_a])
    url = f"{COUNCILS}/{successor['id']}/members/carry-over"
    admin = world.headers("admin")
    assert_error(await client.post(url, headers=admin, json={}), 409, "predecessor_sitting")
    other = await _create(client, world, name="HĐND tỉnh Tiếp", level="province", code="P-T")
    assert (await _dissolve(client, world, world.council_a, successor_id=other["id"])).status_code == 200
    term = await client.post(f"{COUNCILS}/{successor['id']}/terms", headers=admin,
                             json={"name": "Nhiệm kỳ 2026–2031", "starts_on": "2026-03-15"})
    response = await client.post(url, headers=admin, json={"term_id": term.json()["id"]})
    assert response.status_code == 200, response.text
    # The chair and the two deputies of council A (voting or not); not its secretary or guest.
    assert response.json() == {"carried": 3, "already_members": 0}
    members = (await client.get(f"{COUNCILS}/{successor['id']}/members", headers=admin)).json()["items"]
    by_user = {m["user_id"]: m for m in members}
    assert set(by_user) == {world.users[w] for w in ("chair", "deputy", "deputy_no_vote")}
    assert {m["role"] for m in members} == {"deputy"}
    assert by_user[world.users["deputy_no_vote"]]["voting_right"] is False
    assert by_user[world.users["chair"]]["voting_right"] is True
    assert {m["carried_from_council_id"] for m in members} == {world.council_a}
    assert {m["term_id"] for m in members} == {term.json()["id"]}
    # Their history stays in the dissolved council.
    old = (await client.get(f"{COUNCILS}/{world.council_a}/members", headers=admin)).json()["items"]
    assert world.users["chair"] in {m["user_id"] for m in old if m["role"] == "chair"}
    again = await client.post(url, headers=admin, json={})
    assert again.json() == {"carried": 0, "already_members": 3}
    assert await db.count("audit_log", action="member.carry_over") == 2


async def test_only_predecessors_can_be_carried_over(client, world, db):
    stranger = await _create(client, world, name="HĐND xã Lạ", level="commune", code="X-L",
                             parent_id=world.council_a)
    before = await db.snapshot()
    response = await client.post(f"{COUNCILS}/{stranger['id']}/members/carry-over",
                                 headers=world.headers("admin"),
                                 json={"predecessor_ids": [world.council_b]})
    assert_error(response, 422, "not_predecessor")
    assert await db.snapshot() == before


# --- a dissolved council is read-only ---------------------------------------------------------------

# Every write that reaches a council's data, with a body it would otherwise accept. A new write
# endpoint must be added here (the coverage test below fails until it is).
MULTIPART = "multipart"
WRITES: dict[tuple[str, str], Any] = {
    ("PATCH", "/api/v1/councils/{council_id}"): {"name": "HĐND đổi tên"},
    ("POST", "/api/v1/councils/{council_id}/dissolve"): {"dissolved_on": TODAY},
    ("POST", "/api/v1/councils/{council_id}/members/carry-over"): {},
    ("POST", "/api/v1/councils/{council_id}/members"): {"user_id": "{outsider}", "role": "deputy"},
    ("PATCH", "/api/v1/councils/{council_id}/members/{user_id}"): {"title": "Ủy viên"},
    ("DELETE", "/api/v1/councils/{council_id}/members/{user_id}"): None,
    ("POST", "/api/v1/councils/{council_id}/members/import"): MULTIPART,
    ("POST", "/api/v1/councils/{council_id}/terms"): {"name": "Khóa mới", "starts_on": "2026-03-15"},
    ("POST", "/api/v1/councils/{council_id}/committees"): {"name": "Ban mới"},
    ("POST", "/api/v1/councils/{council_id}/agencies"): {"name": "Sở Tài chính", "kind": "department"},
    ("POST", "/api/v1/councils/{council_id}/meetings"): {"title": "Kỳ họp mới",
                                                         "starts_at": "2026-12-20T08:00:00+07:00"},
    ("PATCH", "/api/v1/meetings/{meeting_id}"): {"title": "Đổi tên"},
    ("DELETE", "/api/v1/meetings/{meeting_id}"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/publish"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/unpublish"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/start"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/close"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/sittings"): {"title": "Phiên chiều",
                                                         "starts_at": "2026-12-08T14:00:00+07:00"},
    ("DELETE", "/api/v1/meetings/{meeting_id}/sittings/{sitting_id}"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/guests"): {"user_id": "{outsider}"},
    ("DELETE", "/api/v1/meetings/{meeting_id}/guests/{user_id}"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/agenda"): {"title": "Mục mới"},
    ("PUT", "/api/v1/meetings/{meeting_id}/agenda/order"): {"item_ids": ["{item_id}"]},
    ("PATCH", "/api/v1/agenda-items/{item_id}"): {"title": "Đổi tên"},
    ("DELETE", "/api/v1/agenda-items/{item_id}"): None,
    ("POST", "/api/v1/agenda-items/{item_id}/activate"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/documents"): MULTIPART,
    ("POST", "/api/v1/documents/{document_id}/versions"): MULTIPART,
    ("PATCH", "/api/v1/documents/{document_id}"): {"title": "Đổi tên"},
    ("DELETE", "/api/v1/documents/{document_id}"): None,
    ("PUT", "/api/v1/documents/{document_id}/annotations"): {"items": [{"page": 1, "text": "Ghi"}]},
    ("POST", "/api/v1/meetings/{meeting_id}/check-in"): None,
    ("PUT", "/api/v1/meetings/{meeting_id}/attendance/{user_id}"): {"status": "online"},
    ("POST", "/api/v1/meetings/{meeting_id}/attendance/present"): {},
    ("POST", "/api/v1/agenda-items/{item_id}/polls"): {"title": "Biểu quyết mới"},
    ("DELETE", "/api/v1/polls/{poll_id}"): None,
    ("POST", "/api/v1/polls/{poll_id}/open"): {},
    ("POST", "/api/v1/polls/{poll_id}/close"): None,
    ("POST", "/api/v1/polls/{poll_id}/revote"): None,
    ("POST", "/api/v1/polls/{poll_id}/ballots"): {"option_ids": ["{option_id}"]},
    ("POST", "/api/v1/agenda-items/{item_id}/speakers"): {"kind": "discussion"},
    ("PUT", "/api/v1/agenda-items/{item_id}/speakers/order"): {"speaker_ids": ["{speaker_id}"]},
    ("POST", "/api/v1/speakers/{speaker_id}/start"): None,
    ("POST", "/api/v1/speakers/{speaker_id}/pause"): None,
    ("POST", "/api/v1/speakers/{speaker_id}/resume"): None,
    ("POST", "/api/v1/speakers/{speaker_id}/stop"): None,
    ("POST", "/api/v1/speakers/{speaker_id}/extend"): {"seconds": 30},
    ("DELETE", "/api/v1/speakers/{speaker_id}"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/question-topics"): {"title": "Đầu tư công"},
    ("PATCH", "/api/v1/question-topics/{topic_id}"): {"title": "Đầu tư công (sửa)"},
    ("POST", "/api/v1/meetings/{meeting_id}/questions"): {"text": "Hỏi", "agency_id": "{agency_id}"},
    ("PATCH", "/api/v1/questions/{question_id}"): {"state": "rejected", "reason": "Trùng"},
    ("POST", "/api/v1/questions/{question_id}/answer"): {"text": "Trả lời"},
    ("POST", "/api/v1/questions/{question_id}/commitments"): {"text": "Hứa", "due_on": "2027-01-31"},
    ("PATCH", "/api/v1/commitments/{commitment_id}"): {"state": "done"},
    ("POST", "/api/v1/councils/{council_id}/sources"): {"url": "https://oparl.example.org/v1/system"},
    ("POST", "/api/v1/sources/{source_id}/run"): None,
    ("DELETE", "/api/v1/sources/{source_id}"): None,
    ("PUT", "/api/v1/meetings/{meeting_id}/minutes/notes/{item_id}"): {"text": "Tóm tắt thảo luận"},
    ("POST", "/api/v1/meetings/{meeting_id}/minutes/finalize"): None,
    ("POST", "/api/v1/meetings/{meeting_id}/resolutions"): {"title": "Nghị quyết về dự toán",
                                                            "agenda_item_id": "{item_id}"},
    ("POST", "/api/v1/documents/{document_id}/sign"): {},
    ("POST", "/api/v1/councils/{council_id}/voter-meetings"): {"held_on": "2026-11-20", "place": "Xóm Đông",
                                                               "when": "before"},
    ("POST", "/api/v1/councils/{council_id}/petitions"): {"text": "Đề nghị sửa đường", "field": "Giao thông"},
    ("POST", "/api/v1/councils/{council_id}/petitions/import"): MULTIPART,
    ("PATCH", "/api/v1/councils/{council_id}/petitions"): {"petition_ids": ["{petition_id}"], "level": "province"},
    ("PATCH", "/api/v1/petitions/{petition_id}"): {"level": "province"},
    ("POST", "/api/v1/petitions/{petition_id}/merge"): {"petition_ids": ["{received_petition_id}"]},
    ("POST", "/api/v1/petitions/{petition_id}/responses"): {"status": "resolved", "text": "Đã giải quyết"},
    ("POST", "/api/v1/petitions/{petition_id}/review"): {"accepted": True},
    ("POST", "/api/v1/petitions/{petition_id}/escalate"): {"to": "supervision", "supervision_id": "{supervision_id}"},
    ("POST", "/api/v1/councils/{council_id}/supervisions"): {
        "title": "Giám sát mới", "kind": "thematic", "starts_on": "2026-12-01", "member_ids": ["{user_id}"],
        "agency_ids": ["{agency_id}"]},
    ("POST", "/api/v1/supervisions/{supervision_id}/recommendations"): {
        "text": "Kiến nghị mới", "agency_id": "{agency_id}", "due_on": "2027-02-28"},
    ("POST", "/api/v1/recommendations/{recommendation_id}/responses"): {"status": "resolved", "text": "Đã làm"},
    ("POST", "/api/v1/recommendations/{recommendation_id}/review"): {"accepted": True},
}
# Writes that do not belong to a council.
NOT_A_COUNCILS = {"/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/me/password",
                  "/api/v1/me/devices/{device_id}", "/api/v1/users", "/api/v1/users/{user_id}",
                  "/api/v1/users/{user_id}/devices/{device_id}", "/api/v1/councils"}


def test_every_write_endpoint_is_checked_against_a_dissolved_council(app):
    writes = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method in operations if method in ("post", "put", "patch", "delete")
              and path not in NOT_A_COUNCILS}
    assert writes == set(WRITES)


@pytest.fixture
async def dissolved(client, world, new_meeting, add_item) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Council A with a closed meeting full of things, dissolved today (B goes to a new province)."""
    secretary, chair = world.headers("secretary"), world.headers("chair")
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Nghị quyết về dự toán ngân sách năm 2027")
    sitting = await client.post(f"/api/v1/meetings/{meeting['id']}/sittings", headers=secretary,
                                json={"title": "Phiên sáng", "starts_at": "2026-12-08T08:00:00+07:00"})
    document = await client.post(
        f"/api/v1/meetings/{meeting['id']}/documents", headers=secretary, data={"title": "Tờ trình"},
        files={"file": ("to-trinh.pdf", text_pdf("Tờ trình", ["Nội dung"]), "application/pdf")})
    assert document.status_code == 201, document.text
    for action in ("publish", "start"):
        assert (await client.post(f"/api/v1/meetings/{meeting['id']}/{action}",
                                  headers=secretary)).status_code == 200
    for who in ("chair", "deputy"):
        assert (await client.post(f"/api/v1/meetings/{meeting['id']}/check-in",
                                  headers=world.headers(who))).status_code == 200
    poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", headers=chair,
                              json={"title": "Thông qua"})).json()
    assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair,
                              json={"override_quorum": True})).status_code == 200
    closed = (await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)).json()
    draft = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", headers=chair,
                               json={"title": "Dự phòng"})).json()
    speaker = await client.post(f"/api/v1/agenda-items/{item['id']}/speakers",
                                headers=world.headers("deputy"), json={"kind": "discussion"})
    assert speaker.status_code == 201, speaker.text
    notes = await client.put(f"/api/v1/documents/{document.json()['id']}/annotations",
                             headers=world.headers("deputy"),
                             json={"items": [{"page": 1, "text": "Ghi chú riêng"}]})
    assert notes.status_code == 200, notes.text
    agency = await client.post(f"{COUNCILS}/{world.council_a}/agencies", headers=secretary,
                               json={"name": "Sở Tài chính", "kind": "department"})
    topic = await client.post(f"/api/v1/meetings/{meeting['id']}/question-topics", headers=secretary,
                              json={"title": "Ngân sách"})
    question = await client.post(f"/api/v1/meetings/{meeting['id']}/questions",
                                 headers=world.headers("deputy"),
                                 json={"text": "Dự toán?", "agency_id": agency.json()["id"]})
    assert question.status_code == 201, question.text
    written = await client.patch(f"/api/v1/questions/{question.json()['id']}", headers=secretary,
                                 json={"state": "written"})
    assert written.status_code == 200, written.text
    commitment = await client.post(f"/api/v1/questions/{question.json()['id']}/commitments",
                                   headers=secretary, json={"text": "Hứa", "due_on": "2027-01-31"})
    assert commitment.status_code == 201, commitment.text
    assert (await client.post(f"/api/v1/meetings/{meeting['id']}/close",
                              headers=secretary)).status_code == 200
    petitions = [await client.post(f"{COUNCILS}/{world.council_a}/petitions", headers=secretary,
                                   json={"text": f"Kiến nghị số {n}", "field": "Giao thông"}) for n in range(3)]
    assert all(p.status_code == 201 for p in petitions), petitions[0].text
    assigned, received, answered = (p.json()["id"] for p in petitions)
    for petition_id in (assigned, answered):
        assert (await client.patch(f"/api/v1/petitions/{petition_id}", headers=secretary, json={
            "agency_id": agency.json()["id"], "due_on": "2027-01-31"})).status_code == 200
    assert (await client.post(f"/api/v1/petitions/{answered}/responses", headers=secretary,
                              json={"status": "explained", "text": "Giải trình"})).status_code == 201
    supervision = await client.post(f"{COUNCILS}/{world.council_a}/supervisions", headers=secretary, json={
        "title": "Giám sát ngân sách", "kind": "thematic", "starts_on": "2026-12-01",
        "member_ids": [world.users["deputy"]], "agency_ids": [agency.json()["id"]]})
    assert supervision.status_code == 201, supervision.text
    recommendation = await client.post(f"/api/v1/supervisions/{supervision.json()['id']}/recommendations",
                                       headers=secretary, json={"text": "Kiến nghị", "due_on": "2027-02-28",
                                                                "agency_id": agency.json()["id"]})
    assert recommendation.status_code == 201, recommendation.text
    source = await client.post(f"{COUNCILS}/{world.council_a}/sources", headers=world.headers("admin"),
                               json={"url": "https://oparl.example.gov.vn/oparl/v1/system"})
    assert source.status_code == 201, source.text
    other = await _create(client, world, name="HĐND tỉnh Kế Thừa", level="province", code="P-KT")
    assert (await _dissolve(client, world, world.council_a,
                            successor_id=other["id"])).status_code == 200
    return {"council_id": world.council_a, "meeting_id": meeting["id"], "item_id": item["id"],
            "sitting_id": sitting.json()["id"], "document_id": document.json()["id"],
            "poll_id": draft["id"], "closed_poll_id": closed["id"],
            "option_id": closed["options"][0]["id"], "user_id": world.users["deputy"],
            "outsider": world.users["outsider"], "source_id": source.json()["id"],
            "speaker_id": speaker.json()["id"], "agency_id": agency.json()["id"],
            "topic_id": topic.json()["id"], "question_id": question.json()["id"],
            "commitment_id": commitment.json()["id"], "petition_id": assigned,
            "received_petition_id": received, "answered_petition_id": answered,
            "supervision_id": supervision.json()["id"], "recommendation_id": recommendation.json()["id"]}


@pytest.mark.parametrize("who", ["admin", "secretary"])
async def test_every_write_to_a_dissolved_council_is_409_and_writes_nothing(
        client, world, db, dissolved, who):
    before = await db.snapshot()
    answers = {}
    for (method, path), body in WRITES.items():
        ids = dict(dissolved)
        if path.startswith("/api/v1/polls/{poll_id}/") and path.endswith(("/close", "/revote",
                                                                            "/ballots")):
            ids["poll_id"] = dissolved["closed_poll_id"]
        if path == "/api/v1/petitions/{petition_id}/review":
            ids["petition_id"] = dissolved["answered_petition_id"]
        kwargs: dict[str, Any] = {"headers": world.headers(who)}
        if body == MULTIPART:
            name = "danh-sach.csv" if path.endswith("/import") else "ban-moi.pdf"
            content = ("Nội dung kiến nghị\nĐề nghị mới\n".encode() if path.endswith("/petitions/import")
                       else "Họ và tên\nLê Văn Mới\n".encode() if path.endswith("/import")
                       else text_pdf("Bản mới", ["Nội dung"]))
            kwargs["files"] = {"file": (name, content, "application/octet-stream")}
            kwargs["data"] = {} if path.endswith("/import") else {"title": "Bản mới"}
        elif body is not None:
            kwargs["json"] = fill_placeholders(body, ids)
        response = await client.request(method, path.format(**ids), **kwargs)
        answers[f"{method} {path}"] = (response.status_code, response.json()["error"]["code"]
                                       if response.status_code >= 400 else response.text)
    expected = dict.fromkeys(answers, (409, "council_dissolved"))
    if who == "secretary":
        # Administrators only, whatever the council's state: the role comes first.
        expected["POST /api/v1/councils/{council_id}/dissolve"] = (403, "forbidden")
    assert answers == expected
    assert await db.snapshot() == before


async def test_a_dissolved_council_stays_readable(client, world, dissolved):
    ids = dissolved
    reads = [f"{COUNCILS}/{{council_id}}", f"{COUNCILS}/{{council_id}}/members",
             f"{COUNCILS}/{{council_id}}/terms", f"{COUNCILS}/{{council_id}}/committees",
             f"{COUNCILS}/{{council_id}}/agencies", f"{COUNCILS}/{{council_id}}/meetings",
             "/api/v1/meetings/{meeting_id}", "/api/v1/meetings/{meeting_id}/agenda",
             "/api/v1/meetings/{meeting_id}/documents", "/api/v1/documents/{document_id}",
             "/api/v1/documents/{document_id}/annotations", "/api/v1/meetings/{meeting_id}/package",
             "/api/v1/meetings/{meeting_id}/attendance", "/api/v1/meetings/{meeting_id}/polls",
             "/api/v1/polls/{closed_poll_id}", "/api/v1/polls/{closed_poll_id}/popolo",
             "/api/v1/documents/{document_id}/file", "/api/v1/sources/{source_id}/objects",
             f"{COUNCILS}/{{council_id}}/petitions", "/api/v1/petitions/{petition_id}",
             f"{COUNCILS}/{{council_id}}/voter-meetings"]
    for who in ("secretary", "deputy"):
        for path in reads:
            response = await client.get(path.format(**ids), headers=world.headers(who))
            assert response.status_code == 200, (who, path, response.text)
    notes = await client.get(f"/api/v1/documents/{ids['document_id']}/annotations",
                             headers=world.headers("deputy"))
    assert [n["text"] for n in notes.json()["items"]] == ["Ghi chú riêng"]


# --- agencies and respondents ------------------------------------------------------------------------

async def _agency(client, world, name: str, kind: str, **extra: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = await client.post(f"{COUNCILS}/{world.council_a}/agencies",
                                 headers=world.headers("secretary"),
                                 json={"name": name, "kind": kind, **extra})
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_agencies_with_their_respondents(client, world, db):
    committee = await _agency(client, world, "Ủy ban nhân dân tỉnh", "people_committee")
    finance = await _agency(client, world, "Sở Tài chính", "department", parent_id=committee["id"])
    assert finance["parent_id"] == committee["id"]
    response = await client.post(f"{COUNCILS}/{world.council_a}/members",
                                 headers=world.headers("secretary"), json={
        "user_id": world.users["outsider"], "role": "respondent", "agency_id": finance["id"],
        "position": "Giám đốc Sở Tài chính"})
    assert response.status_code == 201, response.text
    member = response.json()
    assert (member["role"], member["voting_right"], member["agency_id"], member["position"],
            member["title"]) == ("respondent", False, finance["id"], "Giám đốc Sở Tài chính",
                                 "Giám đốc Sở Tài chính")
    listed = (await client.get(f"{COUNCILS}/{world.council_a}/agencies",
                               headers=world.headers("deputy"))).json()["items"]
    # Vietnamese name order: "Sở" before "Ủy".
    assert [(a["name"], a["kind"]) for a in listed] == [
        ("Sở Tài chính", "department"), ("Ủy ban nhân dân tỉnh", "people_committee")]
    assert listed[0]["respondents"] == [{"user_id": world.users["outsider"],
                                         "full_name": "Người outsider",
                                         "position": "Giám đốc Sở Tài chính"}]
    assert listed[1]["respondents"] == []
    assert await db.count("audit_log", action="agency.create") == 2


async def test_a_respondent_logs_in_and_sees_the_council(client, world):
    agency = await _agency(client, world, "Viện kiểm sát nhân dân tỉnh", "procuracy")
    await client.post(f"{COUNCILS}/{world.council_a}/members", headers=world.headers("secretary"),
                      json={"user_id": world.users["outsider"], "role": "respondent",
                            "agency_id": agency["id"], "position": "Viện trưởng"})
    me = (await client.get("/api/v1/me", headers=world.headers("outsider"))).json()
    assert [(m["council_id"], m["role"], m["voting_right"]) for m in me["memberships"]] == [
        (world.council_a, "respondent", False)]
    assert (await client.get(f"{COUNCILS}/{world.council_a}",
                             headers=world.headers("outsider"))).status_code == 200


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"role": "respondent"}, 422, "respondent_agency"),
    ({"role": "respondent", "agency_id": 987654}, 422, "validation_error"),
    ({"role": "respondent", "agency_id": "{agency}", "voting_right": True}, 422, "voting_right_role"),
])
async def test_a_respondent_needs_an_agency_of_the_council_and_never_votes(
        client, world, db, body, status, code):
    agency = await _agency(client, world, "Tòa án nhân dân tỉnh", "court")
    before = await db.snapshot()
    payload = {"user_id": world.users["outsider"],
               **{k: agency["id"] if v == "{agency}" else v for k, v in body.items()}}
    response = await client.post(f"{COUNCILS}/{world.council_a}/members",
                                 headers=world.headers("secretary"), json=payload)
    assert_error(response, status, code)
    assert await db.snapshot() == before


async def test_a_duplicate_agency_is_409(client, world, db):
    await _agency(client, world, "Sở Xây dựng", "department")
    before = await db.snapshot()
    response = await client.post(f"{COUNCILS}/{world.council_a}/agencies",
                                 headers=world.headers("secretary"),
                                 json={"name": "SỞ XÂY DỰNG", "kind": "department"})
    assert_error(response, 409, "agency_exists")
    assert await db.snapshot() == before


async def test_respondents_come_in_with_the_member_list_and_their_agencies(client, world, db):
    await _agency(client, world, "Sở Tài chính", "department")
    csv_text = ("STT,Họ và tên,Chức vụ,Vai trò,Cơ quan trả lời\n"
                "1,Trịnh Thanh Hải,Giám đốc Sở Tài chính,Người trả lời chất vấn,sở tài chính\n"
                "2,Nguyễn Văn Trung,Chánh án,Người trả lời chất vấn,Tòa án nhân dân tỉnh\n"
                "3,Lê Thị Lan,Đại biểu,Đại biểu,\n")
    response = await client.post(f"{COUNCILS}/{world.council_a}/members/import",
                                 headers=world.headers("secretary"),
                                 files={"file": ("ds.csv", csv_text.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 3
    agencies = (await client.get(f"{COUNCILS}/{world.council_a}/agencies",
                                 headers=world.headers("secretary"))).json()["items"]
    assert [(a["name"], a["kind"], [r["full_name"] for r in a["respondents"]]) for a in agencies] == [
        ("Sở Tài chính", "department", ["Trịnh Thanh Hải"]),
        ("Tòa án nhân dân tỉnh", "court", ["Nguyễn Văn Trung"]),
    ]
    members = (await client.get(f"{COUNCILS}/{world.council_a}/members",
                                headers=world.headers("secretary"))).json()["items"]
    by_name = {m["full_name"]: m for m in members}
    assert (by_name["Trịnh Thanh Hải"]["role"], by_name["Trịnh Thanh Hải"]["voting_right"]) == (
        "respondent", False)
    assert by_name["Lê Thị Lan"]["agency_id"] is None


async def test_a_respondent_row_without_an_agency_is_refused(client, world, db):
    before = await db.snapshot()
    csv_text = "Họ và tên,Vai trò\nTrịnh Thanh Hải,người trả lời chất vấn\n"
    response = await client.post(f"{COUNCILS}/{world.council_a}/members/import",
                                 headers=world.headers("secretary"),
                                 files={"file": ("ds.csv", csv_text.encode(), "text/csv")})
    error = assert_error(response, 422, "import_invalid")
    assert error["details"] == [{"row": 2, "code": "respondent_agency", "params": {},
                                 "message": "Người trả lời chất vấn phải thuộc một cơ quan"}]
    assert await db.snapshot() == before
