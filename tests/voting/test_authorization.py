"""Who may do what with polls: every voting endpoint × every kind of caller, in one table.

Rules: no token → 401; another council's secretary and people in no council → 404 (ids leak
nothing); drafts exist only for the chair and the secretariat (404 to others); only the chair,
the secretariat and admins create, open, close, re-vote and delete (403 for those who see the poll);
only deputies (and the chair) with a voting right vote (403 for everyone else who sees the poll).
A refused call writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.models import AuditEntry, MeetingEvent, Poll, PollChoice, PollOption, PollVoter
from tests.contract import fill_placeholders

CALLERS = ("anonymous", "outsider", "other_secretary", "guest", "deputy_no_vote", "deputy", "chair",
           "secretary", "admin")

# (method, path, body); {item}, {meeting}, {draft}, {open}, {closed} are filled per test.
MATRIX: dict[tuple[str, str], tuple[Any, tuple[int, ...]]] = {
    #                                                                anon out oth guest novote dep chair sec admin
    ("POST", "/api/v1/agenda-items/{item}/polls"): ({"title": "Biểu quyết"}, (401, 404, 404, 403, 403, 403, 201, 201, 201)),
    ("GET", "/api/v1/meetings/{meeting}/polls"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/polls/{open}"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/polls/{draft}"): (None, (401, 404, 404, 404, 404, 404, 200, 200, 200)),
    ("POST", "/api/v1/polls/{draft}/open"): (None, (401, 404, 404, 404, 404, 404, 200, 200, 200)),
    ("POST", "/api/v1/polls/{open}/close"): (None, (401, 404, 404, 403, 403, 403, 200, 200, 200)),
    ("POST", "/api/v1/polls/{open}/ballots"): ({"option_ids": ["{yes}"]}, (401, 404, 404, 403, 403, 201, 201, 403, 403)),
    ("GET", "/api/v1/polls/{open}/voters"): (None, (401, 404, 404, 403, 403, 403, 200, 200, 200)),
    ("POST", "/api/v1/polls/{closed}/revote"): (None, (401, 404, 404, 403, 403, 403, 201, 201, 201)),
    ("DELETE", "/api/v1/polls/{draft}"): (None, (401, 404, 404, 404, 404, 404, 204, 204, 204)),
    ("GET", "/api/v1/polls/{closed}/result.csv"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/polls/{closed}/popolo"): (None, (401, 404, 404, 200, 200, 200, 200, 200, 200)),
}
PLACEHOLDERS = {"{item}": "{item_id}", "{meeting}": "{meeting_id}", "{open}": "{poll_id}",
                "{draft}": "{poll_id}", "{closed}": "{poll_id}"}
CASES = [pytest.param(method, path, caller, expected[index], id=f"{method} {path}-{caller}")
         for (method, path), (_, expected) in MATRIX.items() for index, caller in enumerate(CALLERS)]


def test_the_matrix_covers_every_voting_endpoint(app) -> None:  # type: ignore[no-untyped-def]
    routes = {(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method, operation in operations.items() if "voting" in operation.get("tags", ())}
    covered = set()
    for method, path in MATRIX:
        for ours, theirs in PLACEHOLDERS.items():
            path = path.replace(ours, theirs)
        covered.add((method, path))
    assert routes == covered


async def _state(app) -> list[Any]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        rows = []
        for model in (Poll, PollOption, PollVoter, PollChoice, AuditEntry, MeetingEvent):
            rows.append([tuple(sorted(vars(row).items()))[1:] for row in await uow.session.scalars(select(model))])
        return [sorted(map(str, table)) for table in rows]


@pytest.mark.parametrize(("method", "path", "caller", "expected"), CASES)
async def test_authorization(client, world, hall, new_poll, app, method, path, caller, expected) -> None:  # type: ignore[no-untyped-def]
    chair = world.headers("chair")
    closed = await new_poll(title="Đã biểu quyết")
    await client.post(f"/api/v1/polls/{closed['id']}/open", headers=chair)
    await client.post(f"/api/v1/polls/{closed['id']}/close", headers=chair)
    opened = await new_poll(title="Đang biểu quyết")
    await client.post(f"/api/v1/polls/{opened['id']}/open", headers=chair)
    draft = await new_poll(title="Chưa mở")
    if path.endswith("{draft}/open"):
        await client.post(f"/api/v1/polls/{opened['id']}/close", headers=chair)
    names = {"item": hall.item_id, "meeting": hall.meeting_id, "open": opened["id"], "draft": draft["id"],
             "closed": closed["id"], "yes": opened["options"][0]["id"]}
    body = MATRIX[(method, path)][0]
    before = await _state(app)

    response = await client.request(method, fill_placeholders(path, names), headers=world.headers(caller),
                                     json=fill_placeholders(body, names) if body is not None else None)

    assert response.status_code == expected, response.text
    if expected >= 400:
        assert set(response.json()) == {"error"}
        assert await _state(app) == before, "a refused call wrote something"
