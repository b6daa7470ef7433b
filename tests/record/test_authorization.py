"""Who may do what with the record: every minutes, resolutions and signatures endpoint × every kind
of caller, in one table.

Rules: no token → 401 (except the council's public register); people outside the council → 404;
every participant reads the minutes, the meeting's resolutions and a document's signatures; only
the secretariat (and administrators) write notes, finalize and enter resolutions; signing needs a
council member of a signing role with a registered key (409 `no_signing_key` without one). A
refused call writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app.kit.pdfgen import text_pdf
from app.models import AuditEntry, DocumentVersion, MeetingEvent, Minutes, MinutesNote, Resolution
from tests.contract import fill_placeholders

CALLERS = ("anonymous", "outsider", "other_secretary", "guest", "deputy", "chair", "secretary", "admin",
           "respondent")

MATRIX: dict[tuple[str, str], tuple[Any, tuple[int, ...]]] = {
    #                                                                    anon out  oth  guest dep chair sec admin resp
    ("GET", "/api/v1/meetings/{meeting}/minutes"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("PUT", "/api/v1/meetings/{meeting}/minutes/notes/{item}"): ({"text": "Tóm tắt"}, (401, 404, 404, 403, 403, 403, 200, 200, 403)),
    ("GET", "/api/v1/meetings/{meeting}/minutes.pdf"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/meetings/{meeting}/minutes.docx"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/meetings/{meeting}/minutes/finalize"): (None, (401, 404, 404, 403, 403, 403, 200, 200, 403)),
    ("POST", "/api/v1/meetings/{meeting}/resolutions"): ({"title": "Nghị quyết", "agenda_item_id": "{item}"}, (401, 404, 404, 403, 403, 403, 201, 201, 403)),
    ("GET", "/api/v1/meetings/{meeting}/resolutions"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/councils/{council}/resolutions"): (None, (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/documents/{document}/sign"): ({"visible": True}, (401, 404, 404, 403, 409, 409, 409, 403, 403)),
    ("GET", "/api/v1/documents/{document}/signatures"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
}
PLACEHOLDERS = {"{meeting}": "{meeting_id}", "{item}": "{item_id}", "{council}": "{council_id}",
                "{document}": "{document_id}"}
ALLOWED = [pytest.param(method, path, caller, id=f"{method} {path}-{caller}")
           for (method, path), (_, expected) in MATRIX.items()
           for caller, status in zip(CALLERS, expected, strict=True) if status < 400]
REFUSED = [pytest.param(method, path, id=f"{method} {path}")
           for (method, path), (_, expected) in MATRIX.items() if max(expected) >= 400]


def test_the_matrix_covers_every_record_endpoint(app) -> None:  # type: ignore[no-untyped-def]
    routes = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method, operation in operations.items() if "record" in operation.get("tags", ())}
    covered = set()
    for method, path in MATRIX:
        for ours, theirs in PLACEHOLDERS.items():
            path = path.replace(ours, theirs)
        covered.add((method, path))
    assert routes == covered


async def _counts(app) -> list[int]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return [await uow.session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Minutes, MinutesNote, Resolution, DocumentVersion, AuditEntry, MeetingEvent)]


@pytest.fixture
async def ids(client, world, respondents, new_meeting, add_item) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A closed meeting of council A with one item and one public document."""
    secretary = world.headers("secretary")
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Kế hoạch đầu tư công")
    document = await client.post(
        f"/api/v1/meetings/{meeting['id']}/documents", headers=secretary,
        data={"title": "Nghị quyết", "kind": "resolution", "agenda_item_id": str(item["id"])},
        files={"file": ("nq.pdf", text_pdf("Nghị quyết", ["Điều 1\nNội dung."]), "application/pdf")})
    assert document.status_code == 201, document.text
    for action in ("publish", "start", "close"):
        answer = await client.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
        assert answer.status_code == 200, answer.text
    return {"meeting": meeting["id"], "item": item["id"], "council": world.council_a,
            "document": document.json()["id"]}


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
