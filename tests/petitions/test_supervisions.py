"""Escalation and supervisions over HTTP, on SQLite and PostgreSQL: a petition carried to the floor
as a question or into a supervision, a supervision's recommendations answered and reviewed like
petitions, who sees what, and every refusal writing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract import assert_error, fill_placeholders

ROAD = "Cử tri xã Hưng Lộc đề nghị sớm sửa chữa tuyến đường liên xã bị xuống cấp nghiêm trọng"


@pytest.fixture
def supervision(client, world, respondents):  # type: ignore[no-untyped-def]
    async def make(**extra: Any) -> dict[str, Any]:
        body = {"title": "Giám sát việc quản lý đất đai", "kind": "thematic", "starts_on": "2026-12-01",
                "ends_on": "2027-03-31", "member_ids": [world.users["deputy"], world.users["chair"]],
                "agency_ids": [respondents["respondent"]], **extra}
        answer = await client.post(f"/api/v1/councils/{world.council_a}/supervisions",
                                   headers=world.headers("secretary"), json=body)
        assert answer.status_code == 201, answer.text
        return answer.json()  # type: ignore[no-any-return]

    return make


async def test_a_supervision_leaves_a_recommendation_answered_and_reviewed_like_a_petition(
        client, world, respondents, supervision) -> None:  # type: ignore[no-untyped-def]
    made = await supervision()
    assert made["kind"] == "thematic" and made["ends_on"] == "2027-03-31"
    assert {m["user_id"] for m in made["team"]} == {world.users["deputy"], world.users["chair"]}
    assert [a["id"] for a in made["agencies"]] == [respondents["respondent"]]

    created = await client.post(f"/api/v1/supervisions/{made['id']}/recommendations",
                                headers=world.headers("secretary"),
                                json={"text": "Rà soát các dự án chậm tiến độ", "agency_id": respondents["respondent"],
                                      "due_on": "2027-02-28"})
    assert created.status_code == 201, created.text
    recommendation = created.json()
    assert recommendation["state"] == "assigned" and recommendation["supervision_id"] == made["id"]
    assert recommendation["overdue"] is False and recommendation["responses"] == []

    answered = await client.post(f"/api/v1/recommendations/{recommendation['id']}/responses",
                                 headers=world.headers("respondent"),
                                 json={"status": "resolved", "text": "Đã rà soát 12 dự án"})
    assert answered.status_code == 201, answered.text
    reviewed = await client.post(f"/api/v1/recommendations/{recommendation['id']}/review",
                                 headers=world.headers("chair"), json={"accepted": True})
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["state"] == "closed" and reviewed.json()["status"] == "resolved"

    detail = (await client.get(f"/api/v1/supervisions/{made['id']}", headers=world.headers("deputy"))).json()
    assert [r["id"] for r in detail["recommendations"]] == [recommendation["id"]]
    listed = (await client.get(f"/api/v1/councils/{world.council_a}/supervisions",
                               headers=world.headers("respondent"))).json()["items"]
    assert [s["id"] for s in listed] == [made["id"]]

    # a recommendation is not a voters' petition: not in their list, not at their address
    petitions = (await client.get(f"/api/v1/councils/{world.council_a}/petitions",
                                  headers=world.headers("secretary"))).json()["items"]
    assert recommendation["id"] not in [p["id"] for p in petitions]
    assert (await client.get(f"/api/v1/petitions/{recommendation['id']}",
                             headers=world.headers("secretary"))).status_code == 404


async def test_another_agencys_respondent_sees_no_supervision_of_it(client, world, supervision) -> None:  # type: ignore[no-untyped-def]
    made = await supervision()
    assert (await client.get(f"/api/v1/supervisions/{made['id']}",
                             headers=world.headers("other_respondent"))).status_code == 404
    assert (await client.get(f"/api/v1/councils/{world.council_a}/supervisions",
                             headers=world.headers("other_respondent"))).json()["items"] == []


@pytest.mark.parametrize(("change", "code"), [
    ({"member_ids": ["{secretary}"]}, "not_a_deputy"),
    ({"agency_ids": [999999]}, "agency_not_in_council"),
    ({"ends_on": "2026-11-01"}, "supervision_dates_invalid"),
])
async def test_a_bad_supervision_is_refused_and_writes_nothing(client, world, db, respondents, change, code) -> None:  # type: ignore[no-untyped-def]
    body = fill_placeholders({"title": "Giám sát", "kind": "explanation", "starts_on": "2026-12-01",
                              "member_ids": [world.users["deputy"]], "agency_ids": [respondents["respondent"]],
                              **change}, world.users)
    before = await db.snapshot()
    answer = await client.post(f"/api/v1/councils/{world.council_a}/supervisions",
                               headers=world.headers("secretary"), json=body)
    assert_error(answer, 422, code)
    assert await db.snapshot() == before


@pytest.mark.parametrize("who", ["deputy", "respondent", "chair"])
async def test_only_the_secretariat_creates_supervisions(client, world, respondents, who) -> None:  # type: ignore[no-untyped-def]
    answer = await client.post(f"/api/v1/councils/{world.council_a}/supervisions", headers=world.headers(who),
                               json={"title": "Giám sát", "kind": "thematic", "starts_on": "2026-12-01",
                                     "member_ids": [world.users["deputy"]],
                                     "agency_ids": [respondents["respondent"]]})
    assert answer.status_code == 403, answer.text


async def test_a_recommendation_goes_only_to_a_supervised_agency(client, world, db, respondents, supervision) -> None:  # type: ignore[no-untyped-def]
    made = await supervision()
    before = await db.snapshot()
    answer = await client.post(f"/api/v1/supervisions/{made['id']}/recommendations",
                               headers=world.headers("secretary"),
                               json={"text": "Kiến nghị", "agency_id": respondents["other_respondent"],
                                     "due_on": "2027-02-28"})
    assert_error(answer, 422, "agency_not_supervised")
    assert await db.snapshot() == before


async def test_a_petition_is_carried_into_a_supervision_once(client, world, db, petitions, supervision) -> None:  # type: ignore[no-untyped-def]
    made = await supervision()
    petition = await petitions.create(ROAD)
    escalated = await client.post(f"/api/v1/petitions/{petition['id']}/escalate", headers=world.headers("secretary"),
                                  json={"to": "supervision", "supervision_id": made["id"]})
    assert escalated.status_code == 201, escalated.text
    assert escalated.json()["escalations"] == [{"to": "supervision", "supervision_id": made["id"],
                                                "title": made["title"]}]
    detail = (await client.get(f"/api/v1/supervisions/{made['id']}", headers=world.headers("chair"))).json()
    assert [p["id"] for p in detail["petitions"]] == [petition["id"]]

    before = await db.snapshot()
    again = await client.post(f"/api/v1/petitions/{petition['id']}/escalate", headers=world.headers("secretary"),
                              json={"to": "supervision", "supervision_id": made["id"]})
    assert_error(again, 409, "petition_already_escalated")
    assert await db.snapshot() == before


async def test_a_petition_is_carried_to_the_floor_as_a_question(client, world, petitions, new_meeting) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    petition = await petitions.create(ROAD)
    escalated = await client.post(f"/api/v1/petitions/{petition['id']}/escalate", headers=world.headers("secretary"),
                                  json={"to": "question", "meeting_id": meeting["id"],
                                        "respondent_id": world.users["respondent"],
                                        "asker_id": world.users["deputy"]})
    assert escalated.status_code == 201, escalated.text
    question = escalated.json()
    assert question["text"] == ROAD
    detail = (await petitions.get(petition["id"])).json()
    assert detail["escalations"] == [{"to": "question", "question_id": question["id"],
                                      "meeting_id": meeting["id"]}]
    # the secretary is no deputy: someone must ask it
    refused = await client.post(f"/api/v1/petitions/{petition['id']}/escalate", headers=world.headers("secretary"),
                                json={"to": "question", "meeting_id": meeting["id"],
                                      "respondent_id": world.users["respondent"]})
    assert_error(refused, 422, "question_asker_required")


async def test_a_resolved_petition_is_not_carried_further(client, world, db, petitions, supervision) -> None:  # type: ignore[no-untyped-def]
    made = await supervision()
    petition = await petitions.create(ROAD)
    await petitions.assign(petition["id"])
    assert (await petitions.respond(petition["id"])).status_code == 201
    assert (await petitions.review(petition["id"], accepted=True)).status_code == 200
    before = await db.snapshot()
    answer = await client.post(f"/api/v1/petitions/{petition['id']}/escalate", headers=world.headers("secretary"),
                               json={"to": "supervision", "supervision_id": made["id"]})
    assert_error(answer, 409, "petition_resolved")
    assert await db.snapshot() == before
