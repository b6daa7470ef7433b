"""Who may do what in questioning: every questions endpoint × every kind of caller, in one table.

Rules: no token → 401; people outside the council → 404; deputies (the chair among them) ask,
the secretariat (and administrators) decide, group, answer on someone's behalf and record
commitments; a respondent answers what is addressed to them and sees nothing else (404); guests
see only what the public sees (404 for the rest). A refused call writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app.kit.pdfgen import text_pdf
from app.models import AuditEntry, Commitment, MeetingEvent, Question, QuestionTopic
from tests.contract import fill_placeholders

CALLERS = ("anonymous", "outsider", "other_secretary", "guest", "deputy_no_vote", "deputy", "chair",
           "secretary", "admin", "respondent", "other_respondent")

# {accepted}: accepted for the floor; {written}: left to a written answer; {answered}: answered in
# writing with a PDF (the public sees it), its commitment {commitment}; all addressed to `respondent`.
MATRIX: dict[tuple[str, str], tuple[Any, tuple[int, ...]]] = {
    #                                                         anon out oth guest novote dep chair sec admin resp other
    ("POST", "/api/v1/meetings/{meeting}/question-topics"): ({"title": "Y tế"}, (401, 404, 404, 403, 403, 403, 403, 201, 201, 403, 403)),
    ("GET", "/api/v1/meetings/{meeting}/question-topics"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200, 200, 200)),
    ("PATCH", "/api/v1/question-topics/{topic}"): ({"title": "Y tế"}, (401, 404, 404, 403, 403, 403, 403, 200, 200, 403, 403)),
    ("POST", "/api/v1/meetings/{meeting}/questions"): ({"text": "Hỏi?", "respondent_id": "{respondent}"}, (401, 404, 404, 403, 201, 201, 201, 403, 403, 403, 403)),
    ("GET", "/api/v1/meetings/{meeting}/questions"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/me/questions"): (None, (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    ("PATCH", "/api/v1/questions/{accepted}"): ({"state": "written"}, (401, 404, 404, 404, 403, 403, 403, 200, 200, 403, 404)),
    ("POST", "/api/v1/questions/{written}/answer"): ({"text": "Trả lời"}, (401, 404, 404, 404, 403, 403, 403, 200, 200, 200, 404)),
    ("GET", "/api/v1/questions/{answered}/answer/file"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200, 200, 404)),
    ("POST", "/api/v1/questions/{accepted}/commitments"): ({"text": "Hứa", "due_on": "2027-03-31"}, (401, 404, 404, 404, 403, 403, 403, 201, 201, 403, 404)),
    ("PATCH", "/api/v1/commitments/{commitment}"): ({"state": "done"}, (401, 404, 404, 403, 403, 403, 403, 200, 200, 403, 404)),
    ("GET", "/api/v1/councils/{council}/commitments"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200, 200, 200)),
}
PLACEHOLDERS = {"{meeting}": "{meeting_id}", "{topic}": "{topic_id}", "{accepted}": "{question_id}",
                "{written}": "{question_id}", "{answered}": "{question_id}",
                "{commitment}": "{commitment_id}", "{council}": "{council_id}"}
# Each allowed call on a world of its own; the refused ones of an endpoint together (they write
# nothing, which each of them checks).
ALLOWED = [pytest.param(method, path, caller, id=f"{method} {path}-{caller}")
           for (method, path), (_, expected) in MATRIX.items()
           for caller, status in zip(CALLERS, expected, strict=True) if status < 400]
REFUSED = [pytest.param(method, path, id=f"{method} {path}") for method, path in MATRIX]


def test_the_matrix_covers_every_questions_endpoint(app) -> None:  # type: ignore[no-untyped-def]
    routes = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method, operation in operations.items() if "questions" in operation.get("tags", ())}
    covered = set()
    for method, path in MATRIX:
        for ours, theirs in PLACEHOLDERS.items():
            path = path.replace(ours, theirs)
        covered.add((method, path))
    assert routes == covered


async def _counts(app) -> list[int]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return [await uow.session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Question, QuestionTopic, Commitment, AuditEntry, MeetingEvent)]


@pytest.fixture
async def ids(client, world, questioning) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    q = await questioning.setup()
    respondent = world.users["respondent"]
    accepted, written, answered = [await q.submitted(respondent_id=respondent) for _ in range(3)]
    await q.decide(accepted["id"], state="accepted")
    for question in (written, answered):
        await q.decide(question["id"], state="written")
    reply = await client.post(f"/api/v1/questions/{answered['id']}/answer", data={"text": "Đã trả lời"},
                              files={"file": ("tl.pdf", text_pdf("Trả lời", ["Nội dung"]), "application/pdf")},
                              headers=world.headers("respondent"))
    assert reply.status_code == 200, reply.text
    topic = await client.post(f"/api/v1/meetings/{q.meeting}/question-topics", json={"title": "Ngân sách"},
                              headers=world.headers("secretary"))
    commitment = await client.post(f"/api/v1/questions/{answered['id']}/commitments",
                                   json={"text": "Hoàn thành", "due_on": "2027-06-30"},
                                   headers=world.headers("secretary"))
    assert commitment.status_code == 201, commitment.text
    return {"meeting": q.meeting, "topic": topic.json()["id"], "accepted": accepted["id"],
            "written": written["id"], "answered": answered["id"],
            "commitment": commitment.json()["id"], "council": world.council_a, "respondent": respondent}


async def _call(client, world, ids, method: str, path: str, caller: str):  # type: ignore[no-untyped-def]
    body = MATRIX[(method, path)][0]
    return await client.request(method, path.format(**ids), headers=world.headers(caller),
                                json=fill_placeholders(body, ids) if body is not None else None)


@pytest.mark.parametrize(("method", "path", "caller"), ALLOWED)
async def test_who_may(client, world, ids, method, path, caller) -> None:  # type: ignore[no-untyped-def]
    expected = dict(zip(CALLERS, MATRIX[(method, path)][1], strict=True))[caller]
    response = await _call(client, world, ids, method, path, caller)
    assert response.status_code == expected, response.text


@pytest.mark.parametrize(("method", "path"), REFUSED)
async def test_who_may_not_and_nothing_is_written(client, world, app, ids, method, path) -> None:  # type: ignore[no-untyped-def]
    before = await _counts(app)
    for caller, expected in zip(CALLERS, MATRIX[(method, path)][1], strict=True):
        if expected < 400:
            continue
        response = await _call(client, world, ids, method, path, caller)
        assert response.status_code == expected, f"{caller}: {response.text}"
        assert response.json()["error"]["code"]
        assert await _counts(app) == before, caller
