"""Who may do what on the floor: every speakers endpoint (and the two PATCHes that set the floor's
rules) × every kind of caller, in one table.

Rules the table encodes (API.md, "The floor"; docs/floor.md):
- no token → 401; another council's secretary and people in no council → 404 (ids leak nothing);
  a guest asking for the list of an item that is not public, or for a speaker on it → 404;
- everyone who sees the meeting reads the lists (200);
- deputies put themselves on a list; the chair, the secretariat and admins put on anyone of the
  council — a secretary or an admin is no speaker themself (403 registering "me"), nor is a guest;
- the chair's controls (start, pause, resume, stop, extend), the order and closing a list are for
  the chair, the secretariat and admins (API.md says "chair"; as with polls, those who may chair
  a meeting may act for the chair) → 403 for the others who see the meeting;
- a waiting speaker withdraws themself; the chair and the secretariat withdraw anyone;
- speaking times are set by the secretariat (and admins) only: 403 for the chair.
A refused call writes nothing; an allowed write leaves its audit row and its live event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from app.models import Base
from tests.contract import assert_error, fill_placeholders
from tests.floor.test_speakers_api import control, floor, register  # noqa: F401 (a fixture)

CALLERS = ("anonymous", "outsider", "other_secretary", "guest", "deputy_no_vote", "deputy",
           "chair", "secretary", "admin")


@dataclass(frozen=True, eq=False)  # hashed by identity: the body may be a dict
class Endpoint:
    method: str
    # {item}: a public item; {hidden_item}: an item that is not public; {meeting}: their meeting.
    # Speakers: {waiting} (the deputy, waiting), {speaking} / {paused} (the chair, in that state),
    # {hidden} (the deputy, waiting on the item that is not public).
    path: str
    body: Any = None
    writes: bool = True

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


SPEAKERS = "/api/v1/agenda-items/{item}/speakers"
REGISTER_SELF = Endpoint("POST", SPEAKERS, {"kind": "question"})
REGISTER_OTHER = Endpoint("POST", SPEAKERS, {"kind": "question", "user_id": "{no_vote}"})
REGISTER_HIDDEN = Endpoint("POST", "/api/v1/agenda-items/{hidden_item}/speakers", {"kind": "question"})
LIST = Endpoint("GET", SPEAKERS, writes=False)
LIST_HIDDEN = Endpoint("GET", "/api/v1/agenda-items/{hidden_item}/speakers", writes=False)
ORDER = Endpoint("PUT", "/api/v1/agenda-items/{item}/speakers/order", {"speaker_ids": "{waiting_ids}"})
START = Endpoint("POST", "/api/v1/speakers/{waiting}/start")
START_HIDDEN = Endpoint("POST", "/api/v1/speakers/{hidden}/start")
PAUSE = Endpoint("POST", "/api/v1/speakers/{speaking}/pause")
RESUME = Endpoint("POST", "/api/v1/speakers/{paused}/resume")
STOP = Endpoint("POST", "/api/v1/speakers/{speaking}/stop")
EXTEND = Endpoint("POST", "/api/v1/speakers/{speaking}/extend", {"seconds": 30})
WITHDRAW = Endpoint("DELETE", "/api/v1/speakers/{waiting}")
CLOSE_LIST = Endpoint("PATCH", "/api/v1/agenda-items/{item}", {"speakers_closed": True})
SPEAKING_TIMES = Endpoint("PATCH", "/api/v1/meetings/{meeting}",
                          {"speaking_time_s": {"discussion": 300, "point_of_order": 90}})

# The matrix. Columns follow CALLERS:
#                 anon  out  oth guest novote dep chair sec admin
MATRIX: dict[Endpoint, tuple[int, ...]] = {
    REGISTER_SELF:   (401, 404, 404, 403, 201, 201, 201, 403, 403),
    REGISTER_OTHER:  (401, 404, 404, 403, 201, 403, 201, 201, 201),
    REGISTER_HIDDEN: (401, 404, 404, 404, 201, 201, 201, 403, 403),
    LIST:            (401, 404, 404, 200, 200, 200, 200, 200, 200),
    LIST_HIDDEN:     (401, 404, 404, 404, 200, 200, 200, 200, 200),
    ORDER:           (401, 404, 404, 403, 403, 403, 200, 200, 200),
    START:           (401, 404, 404, 403, 403, 403, 200, 200, 200),
    START_HIDDEN:    (401, 404, 404, 404, 403, 403, 200, 200, 200),
    PAUSE:           (401, 404, 404, 403, 403, 403, 200, 200, 200),
    RESUME:          (401, 404, 404, 403, 403, 403, 200, 200, 200),
    STOP:            (401, 404, 404, 403, 403, 403, 200, 200, 200),
    EXTEND:          (401, 404, 404, 403, 403, 403, 200, 200, 200),
    WITHDRAW:        (401, 404, 404, 403, 403, 204, 204, 204, 204),
    CLOSE_LIST:      (401, 404, 404, 403, 403, 403, 200, 200, 200),
    SPEAKING_TIMES:  (401, 404, 404, 403, 403, 403, 403, 200, 200),
}
CASES = [pytest.param(endpoint, caller, expected[index], id=f"{endpoint}-{caller}-{expected[index]}")
         for endpoint, expected in MATRIX.items() for index, caller in enumerate(CALLERS)]
ERROR_CODES = {401: "not_authenticated", 403: "forbidden", 404: "not_found"}
PLACEHOLDERS = {"{item}": "{item_id}", "{hidden_item}": "{item_id}", "{waiting}": "{speaker_id}",
                "{speaking}": "{speaker_id}", "{paused}": "{speaker_id}", "{hidden}": "{speaker_id}",
                "{meeting}": "{meeting_id}"}
# What a refused call must leave as it was.
TABLES = ("speakers", "audit_log", "meeting_events", "agenda_items", "meetings")


def test_the_matrix_covers_every_floor_endpoint(app) -> None:  # type: ignore[no-untyped-def]
    """A new endpoint of the floor must get a row in the table (the two PATCHes belong to the
    meetings' router: they must exist there)."""
    paths = app.openapi()["paths"]
    routes = {(method.upper(), path) for path, operations in paths.items()
              for method, operation in operations.items() if "floor" in operation.get("tags", ())}
    covered = set()
    for endpoint in MATRIX:
        path = endpoint.path
        for ours, theirs in PLACEHOLDERS.items():
            path = path.replace(ours, theirs)
        covered.add((endpoint.method, path))
    patches = {("PATCH", "/api/v1/agenda-items/{item_id}"), ("PATCH", "/api/v1/meetings/{meeting_id}")}
    assert routes == covered - patches
    assert all(method.lower() in paths[path] for method, path in patches)


async def _state(app) -> dict[str, list[tuple[Any, ...]]]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        state = {}
        for name in TABLES:
            table = Base.metadata.tables[name]
            rows = await uow.session.execute(select(table).order_by(*table.primary_key))
            state[name] = [tuple(row) for row in rows.all()]
        return state


async def _speakers(client, world, floor, endpoint: Endpoint) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The deputy waiting on both items, the chair on the public one: waiting, speaking or paused
    as the endpoint needs."""
    waiting = (await register(client, world, floor["item"], "deputy")).json()
    hidden = (await register(client, world, floor["closed_item"], "deputy")).json()
    chair = (await register(client, world, floor["item"], "chair", "debate")).json()
    names = {"item": floor["item"], "hidden_item": floor["closed_item"], "meeting": floor["meeting"],
             "waiting": waiting["id"], "hidden": hidden["id"], "speaking": chair["id"],
             "paused": chair["id"], "no_vote": world.users["deputy_no_vote"],
             "waiting_ids": [chair["id"], waiting["id"]]}
    if "{speaking}" in endpoint.path or "{paused}" in endpoint.path:
        assert (await control(client, world, chair["id"], "start")).status_code == 200
    if "{paused}" in endpoint.path:
        assert (await control(client, world, chair["id"], "pause")).status_code == 200
    return names


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES)
async def test_authorization(client, world, floor, app, endpoint: Endpoint, caller: str,  # type: ignore[no-untyped-def]
                             expected: int) -> None:
    names = await _speakers(client, world, floor, endpoint)
    body = fill_placeholders(endpoint.body, names) if endpoint.body is not None else None
    before = await _state(app)

    response = await client.request(endpoint.method, fill_placeholders(endpoint.path, names),
                                    headers=world.headers(caller), json=body)

    if expected >= 400:
        assert_error(response, expected, ERROR_CODES[expected])
        assert await _state(app) == before, "a refused call wrote something"
        if expected == 401:
            assert response.headers["www-authenticate"] == "Bearer"
        return
    assert response.status_code == expected, response.text
    after = await _state(app)
    if not endpoint.writes:
        assert after == before
        assert [s["id"] for s in response.json()["items"]]
        return
    assert len(after["audit_log"]) > len(before["audit_log"]), "an allowed change is audited"
    assert len(after["meeting_events"]) > len(before["meeting_events"]), "and announced"
    if expected == 204:
        assert response.content == b""
    else:
        assert isinstance(response.json(), dict)
