"""Questioning over HTTP: the whole story from the phiếu chất vấn to the commitment, respondents'
scope, what guests see, refused transitions, deadlines and the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.config import Settings
from app.kit.pdfgen import text_pdf
from app.kit.time import vietnam_today
from app.models import AuditEntry, Question
from tests.contract import assert_error

ANSWER_DAYS = 7  # not the default (20), to see the setting at work
ANSWER_PDF = text_pdf("Trả lời chất vấn", ["Sở Y tế trả lời về trạm y tế xã."])


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"written_answer_days": ANSWER_DAYS})


async def test_from_the_question_to_the_commitment(client, world, respondents, questioning) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    users = world.users
    first = await q.submitted(respondent_id=users["respondent"])
    assert {k: first[k] for k in ("number", "state", "text", "topic_id", "answer", "answer_due",
                                  "overdue")} == {
        "number": 1, "state": "submitted", "text": "Tiến độ giải ngân vốn đầu tư công?",
        "topic_id": None, "answer": None, "answer_due": None, "overdue": False}
    assert first["asker"] == {"user_id": users["deputy"], "full_name": "Người deputy", "position": ""}
    assert first["respondent"] == {"user_id": users["respondent"], "full_name": "Người respondent",
                                   "position": "Giám đốc Sở Tài chính"}
    assert first["agency"] == {"id": respondents["respondent"], "name": "Sở Tài chính"}  # theirs
    second = await q.submitted(agency_id=respondents["other_respondent"])
    assert second["number"] == 2 and second["respondent"] is None

    topic = await client.post(f"/api/v1/meetings/{q.meeting}/question-topics",
                              json={"title": "Đầu tư công", "respondent_ids": [users["respondent"]]},
                              headers=world.headers("secretary"))
    assert topic.status_code == 201, topic.text
    assert topic.json()["respondents"][0]["position"] == "Giám đốc Sở Tài chính"
    accepted = await q.decide(first["id"], state="accepted", topic_id=topic.json()["id"])
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["topic_id"] == topic.json()["id"]
    written = await q.decide(second["id"], state="written")
    assert written.json()["answer_due"] is None  # known once the meeting closes

    await q.activate()
    asking = await q.speaker(first["id"], "question")  # the chair calls the asker
    speakers = (await client.get(f"/api/v1/agenda-items/{q.item}/speakers",
                                 headers=world.headers("deputy"))).json()["items"]
    assert [(s["user_id"], s["question_id"]) for s in speakers] == [(users["deputy"], first["id"])]
    await q.turn(asking)
    [now_asked, _] = await q.listed()
    assert now_asked["state"] == "asked" and now_asked["asked_at"] is not None
    answering = await q.speaker(first["id"], "answer")  # … and its respondent
    await q.turn(answering)
    [answered, _] = await q.listed()
    assert answered["state"] == "answered"
    assert answered["answer"]["on_floor"] is True
    assert answered["answer"]["answered_by"]["user_id"] == users["respondent"]
    follow_up = await q.speaker(first["id"], "question", who="deputy")  # chất vấn lại
    await q.turn(follow_up)
    assert (await q.listed())[0]["state"] == "answered"

    await q.close()
    [_, due] = await q.listed()
    assert due["state"] == "written"
    assert date.fromisoformat(due["answer_due"]) == vietnam_today() + timedelta(days=ANSWER_DAYS)
    assert due["overdue"] is False

    answer = await client.post(f"/api/v1/questions/{second['id']}/answer",
                               data={"text": "Đã bố trí vốn xây trạm y tế trong năm 2027."},
                               files={"file": ("tra-loi.pdf", ANSWER_PDF, "application/pdf")},
                               headers=world.headers("other_respondent"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["state"] == "answered" and body["overdue"] is False
    assert body["answer"]["on_floor"] is False and body["answer"]["filename"] == "tra-loi.pdf"
    pdf = await client.get(body["answer"]["file_url"], headers=world.headers("secretary"))
    assert pdf.status_code == 200 and pdf.content == ANSWER_PDF
    assert pdf.headers["content-type"] == "application/pdf"

    commitment = await client.post(f"/api/v1/questions/{first['id']}/commitments",
                                   json={"text": "Giải ngân 95% kế hoạch vốn trong quý I/2027",
                                         "due_on": "2027-03-31"}, headers=world.headers("secretary"))
    assert commitment.status_code == 201, commitment.text
    assert {k: commitment.json()[k] for k in ("state", "overdue", "due_on", "meeting_id")} == {
        "state": "open", "overdue": False, "due_on": "2027-03-31", "meeting_id": q.meeting}
    earlier = await client.post(f"/api/v1/questions/{second['id']}/commitments",
                                json={"text": "Khởi công trạm y tế", "due_on": "2026-01-15"},
                                headers=world.headers("secretary"))
    assert earlier.json()["overdue"] is True  # a date already past
    listed = await client.get(f"/api/v1/councils/{world.council_a}/commitments",
                              headers=world.headers("deputy"))
    assert [c["id"] for c in listed.json()["items"]] == [earlier.json()["id"], commitment.json()["id"]]
    done = await client.patch(f"/api/v1/commitments/{earlier.json()['id']}", json={"state": "done"},
                              headers=world.headers("secretary"))
    assert done.json()["state"] == "done" and done.json()["overdue"] is False
    still_open = await client.get(f"/api/v1/councils/{world.council_a}/commitments",
                                  headers=world.headers("chair"))
    assert [c["id"] for c in still_open.json()["items"]] == [commitment.json()["id"]]
    everything = await client.get(f"/api/v1/councils/{world.council_a}/commitments?done=true",
                                  headers=world.headers("secretary"))
    assert len(everything.json()["items"]) == 2
    assert (await q.listed())[0]["commitments"][0]["id"] == commitment.json()["id"]

    async with client._transport.app.state.db.unit_of_work(write=False) as uow:  # type: ignore[attr-defined]
        actions = list(await uow.session.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("question%") | AuditEntry.action.like("commitment%"))
            .order_by(AuditEntry.id)))
    assert actions == ["question.submit", "question.submit", "question_topic.create",
                       "question.decide", "question.decide", "question.asked",
                       "question.answered_on_floor", "question.written_at_close", "question.answer",
                       "commitment.create", "commitment.create", "commitment.update"]


async def test_respondents_see_only_what_is_addressed_to_them_or_their_agency(client, world, respondents, questioning, new_meeting) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup(public=False)  # a closed session: respondents still see theirs
    users = world.users
    to_them = await q.submitted(respondent_id=users["respondent"])
    to_agency = await q.submitted(agency_id=respondents["respondent"])
    to_other = await q.submitted(respondent_id=users["other_respondent"])
    not_yet = await q.submitted(respondent_id=users["respondent"])
    for question in (to_them, to_agency, to_other):
        assert (await q.decide(question["id"], state="written")).status_code == 200
    seen = {who: [x["id"] for x in await q.listed(who)] for who in ("respondent", "other_respondent")}
    assert seen == {"respondent": [to_them["id"], to_agency["id"]], "other_respondent": [to_other["id"]]}
    assert len(await q.listed("deputy")) == 4  # the council sees every question, drafts too

    for hidden in (to_other, not_yet):  # another's question, or one not passed on yet: absent
        assert_error(await client.post(f"/api/v1/questions/{hidden['id']}/answer", json={"text": "…"},
                                       headers=world.headers("respondent")), 404)
    assert_error(await q.decide(to_them["id"], who="respondent", state="accepted"), 403)
    assert_error(await client.post(f"/api/v1/questions/{to_them['id']}/commitments",
                                   json={"text": "x", "due_on": "2027-01-01"},
                                   headers=world.headers("respondent")), 403)
    mine = await client.get("/api/v1/me/questions", headers=world.headers("respondent"))
    assert [x["id"] for x in mine.json()["items"]] == [to_them["id"], to_agency["id"]]
    asked = await client.get("/api/v1/me/questions", headers=world.headers("deputy"))
    assert len(asked.json()["items"]) == 4
    answered = await client.post(f"/api/v1/questions/{to_agency['id']}/answer",
                                 json={"text": "Sở Tài chính trả lời."}, headers=world.headers("respondent"))
    assert answered.status_code == 200, answered.text
    draft = await new_meeting(title="Kỳ họp chưa công bố")
    assert_error(await client.get(f"/api/v1/meetings/{draft['id']}/questions",
                                  headers=world.headers("respondent")), 404)
    for who in ("outsider", "other_secretary"):
        assert_error(await client.get(f"/api/v1/meetings/{q.meeting}/questions",
                                      headers=world.headers(who)), 404)


async def test_guests_see_asked_questions_and_answers_never_drafts_or_refusals(client, world, respondents, questioning) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    users = world.users
    floor = await q.submitted(respondent_id=users["respondent"])
    refused = await q.submitted(text="Câu hỏi bị từ chối vì trùng", respondent_id=users["respondent"])
    waiting = await q.submitted(respondent_id=users["other_respondent"])
    written = await q.submitted(respondent_id=users["other_respondent"])
    await q.decide(floor["id"], state="accepted")
    await q.decide(refused["id"], state="rejected", reason="Trùng với phiếu số 1")
    await q.decide(waiting["id"], state="accepted")
    await q.decide(written["id"], state="written")
    assert await q.listed("guest") == []
    await q.activate()
    await q.turn(await q.speaker(floor["id"], "question"))
    await client.post(f"/api/v1/questions/{written['id']}/answer", json={"text": "Trả lời bằng văn bản."},
                      headers=world.headers("other_respondent"))
    seen = await q.listed("guest")
    assert [x["id"] for x in seen] == [floor["id"], written["id"]]
    assert all(x["reason"] == "" for x in seen)
    assert "Trùng" not in str(seen) and "từ chối" not in str(seen)
    council_view = {x["id"]: x for x in await q.listed("secretary")}
    assert council_view[refused["id"]]["reason"] == "Trùng với phiếu số 1"


async def test_refused_transitions_are_409_and_bad_input_422_and_nothing_changes(client, world, respondents, questioning) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    users = world.users
    question = await q.submitted(respondent_id=users["respondent"])
    assert_error(await q.decide(question["id"], state="rejected"), 422, "question_reason_required")
    assert_error(await client.post(f"/api/v1/questions/{question['id']}/commitments",
                                   json={"text": "x", "due_on": "2027-01-01"},
                                   headers=world.headers("secretary")), 409, "question_wrong_state")
    await q.activate()
    assert_error(await client.post(f"/api/v1/agenda-items/{q.item}/speakers",
                                   json={"kind": "question", "question_id": question["id"]},
                                   headers=world.headers("chair")), 409, "question_wrong_state")
    await q.decide(question["id"], state="accepted")
    assert_error(await client.post(f"/api/v1/questions/{question['id']}/answer", json={"text": "…"},
                                   headers=world.headers("respondent")), 409, "question_wrong_state")
    assert_error(await client.post(f"/api/v1/agenda-items/{q.item}/speakers",
                                   json={"kind": "answer", "question_id": question["id"],
                                         "user_id": users["other_respondent"]},
                                   headers=world.headers("chair")), 422, "answer_not_addressee")
    assert_error(await client.post(f"/api/v1/agenda-items/{q.item}/speakers",
                                   json={"kind": "discussion", "question_id": question["id"]},
                                   headers=world.headers("chair")), 422, "question_kind")
    await q.turn(await q.speaker(question["id"], "question"))
    for decision in ({"state": "accepted"}, {"state": "rejected", "reason": "muộn"}):
        assert_error(await q.decide(question["id"], **decision), 409, "question_wrong_state")
    await q.turn(await q.speaker(question["id"], "answer"))
    assert_error(await q.decide(question["id"], state="written"), 409, "question_wrong_state")
    assert_error(await client.post(f"/api/v1/questions/{question['id']}/answer", json={"text": "…"},
                                   headers=world.headers("secretary")), 409, "question_wrong_state")

    bad_bodies = [
        ({"text": "?"}, "question_addressee_required"),
        ({"text": "?", "respondent_id": users["deputy"]}, "respondent_invalid"),
        ({"text": "?", "respondent_id": users["respondent"],
          "agency_id": respondents["other_respondent"]}, "respondent_agency_mismatch"),
        ({"text": "?", "agency_id": 999_999}, "agency_invalid"),
        ({"text": "?", "respondent_id": users["respondent"], "topic_id": 999_999}, "topic_invalid"),
        ({"text": "   ", "respondent_id": users["respondent"]}, "validation_error"),
    ]
    for body, code in bad_bodies:
        assert_error(await client.post(f"/api/v1/meetings/{q.meeting}/questions", json=body,
                                       headers=world.headers("deputy")), 422, code)
    assert_error(await client.post(f"/api/v1/meetings/{q.meeting}/questions",
                                   json={"text": "?", "respondent_id": users["respondent"]},
                                   headers=world.headers("secretary")), 403)  # deputies ask
    assert_error(await client.post(f"/api/v1/questions/{question['id']}/answer", content=b"{not json",
                                   headers={**world.headers("secretary"),
                                            "content-type": "application/json"}), 400)
    assert len(await q.listed()) == 1
    await q.close()
    assert_error(await q.ask(respondent_id=users["respondent"]), 409, "meeting_closed")


async def test_an_answer_that_is_not_a_pdf_is_refused_and_leaves_nothing(client, world, respondents, questioning, app) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    question = await q.submitted(respondent_id=world.users["respondent"])
    await q.decide(question["id"], state="written")
    refused = await client.post(f"/api/v1/questions/{question['id']}/answer", data={"text": "Trả lời"},
                                files={"file": ("a.pdf", b"not a pdf at all", "application/pdf")},
                                headers=world.headers("respondent"))
    assert refused.status_code in (415, 422), refused.text
    assert_error(refused, refused.status_code)
    assert_error(await client.post(f"/api/v1/questions/{question['id']}/answer", data={"text": ""},
                                   files={"file": ("a.pdf", ANSWER_PDF, "application/pdf")},
                                   headers=world.headers("respondent")), 422)
    async with app.state.db.unit_of_work(write=False) as uow:
        row = await uow.session.get_one(Question, question["id"])
        assert (row.state, row.answer_sha256) == ("written", None)
    blobs = app.state.settings.data_dir / "blobs"
    assert not blobs.exists() or not any(p.is_file() for p in blobs.rglob("*"))
    staging = app.state.settings.data_dir / "tmp"
    assert not staging.exists() or not any(staging.iterdir())


async def test_overdue_from_the_day_after_the_due_date_in_vietnam(client, world, respondents, questioning, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    question = await q.submitted(respondent_id=world.users["respondent"])
    await q.decide(question["id"], state="accepted")
    await q.close()  # not reached on the floor: written, due in ANSWER_DAYS days
    [row] = await q.listed()
    due = date.fromisoformat(row["answer_due"])
    monkeypatch.setattr("app.questions.views.vietnam_today", lambda: due)
    assert (await q.listed())[0]["overdue"] is False
    monkeypatch.setattr("app.questions.views.vietnam_today", lambda: due + timedelta(days=1))
    assert (await q.listed())[0]["overdue"] is True
    mine = await client.get("/api/v1/me/questions", headers=world.headers("respondent"))
    assert mine.json()["items"][0]["overdue"] is True
