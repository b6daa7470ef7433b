"""Who may call what: one table, every accounts, councils and harvest endpoint × every kind of
caller.

Rules the table encodes (DESIGN.md "Security", API.md):
- no token → 401, everywhere except login;
- user administration and creating councils are for admins only → 403 for everyone else;
- a council's resources are visible to its members and to admins; to anyone else (another council's
  secretary, a person in no council) they do not exist → 404, never 403, so ids leak nothing;
- members read their council (200); writing it (settings, members, import, terms, committees)
  is for its secretary and admins → 403 for a guest, a deputy and the chair.
A refused call writes nothing; an allowed write leaves its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import insert

from app.models import HarvestSource
from tests.contract import fill_placeholders
from tests.fixtures.world import PASSWORD

CALLERS = ("anonymous", "outsider", "other_secretary", "guest", "deputy", "chair", "secretary",
           "admin")


@dataclass(frozen=True, eq=False)  # hashed by identity: the body may be a dict
class Endpoint:
    method: str
    path: str  # {A} = council A, {member} = a member of A (the deputy without a vote)
    body: Any = None  # JSON body, or "csv" for the member import file
    writes: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


LOGIN = Endpoint("POST", "/api/v1/auth/login", {"username": "chair", "password": PASSWORD},
               writes=True)
LOGOUT = Endpoint("POST", "/api/v1/auth/logout", writes=True)
GET_ME = Endpoint("GET", "/api/v1/me")
CHANGE_PASSWORD = Endpoint("POST", "/api/v1/me/password",
                           {"current_password": PASSWORD, "new_password": "mat-khau-moi-2026"},
                           writes=True)
MY_DEVICES = Endpoint("GET", "/api/v1/me/devices")
REVOKE_MY_DEVICE = Endpoint("DELETE", "/api/v1/me/devices/{my_device}", writes=True)
GET_USER = Endpoint("GET", "/api/v1/users/{member}")
PATCH_USER = Endpoint("PATCH", "/api/v1/users/{member}", {"full_name": "Đỗ Văn Đổi"}, writes=True)
USER_DEVICES = Endpoint("GET", "/api/v1/users/{member}/devices")
REVOKE_USER_DEVICE = Endpoint("DELETE", "/api/v1/users/{member}/devices/{member_device}",
                              writes=True)
CREATE_USER = Endpoint("POST", "/api/v1/users",
                       {"username": "nguoi.moi", "full_name": "Đinh Thị Mới",
                        "password": "mat-khau-moi"}, writes=True)
LIST_USERS = Endpoint("GET", "/api/v1/users")
CREATE_COUNCIL = Endpoint("POST", "/api/v1/councils",
                          {"name": "HĐND xã Hòa Bình", "level": "commune", "code": "X-HB",
                           "parent_id": None}, writes=True)
LIST_COUNCILS = Endpoint("GET", "/api/v1/councils")
GET_COUNCIL = Endpoint("GET", "/api/v1/councils/{A}")
PATCH_COUNCIL = Endpoint("PATCH", "/api/v1/councils/{A}", {"name": "HĐND tỉnh Đổi Tên"},
                         writes=True)
LIST_MEMBERS = Endpoint("GET", "/api/v1/councils/{A}/members")
ADD_MEMBER = Endpoint("POST", "/api/v1/councils/{A}/members",
                      {"user_id": "{new_member}", "role": "deputy", "voting_right": True},
                      writes=True)
PATCH_MEMBER = Endpoint("PATCH", "/api/v1/councils/{A}/members/{member}", {"title": "Ủy viên"},
                        writes=True)
DELETE_MEMBER = Endpoint("DELETE", "/api/v1/councils/{A}/members/{member}", writes=True)
IMPORT_MEMBERS = Endpoint("POST", "/api/v1/councils/{A}/members/import", "csv", writes=True)
LIST_TERMS = Endpoint("GET", "/api/v1/councils/{A}/terms")
CREATE_TERM = Endpoint("POST", "/api/v1/councils/{A}/terms",
                       {"name": "Khóa X", "starts_on": "2021-07-01"}, writes=True)
LIST_COMMITTEES = Endpoint("GET", "/api/v1/councils/{A}/committees")
CREATE_COMMITTEE = Endpoint("POST", "/api/v1/councils/{A}/committees",
                            {"name": "Ban Pháp chế", "kind": "board"}, writes=True)
# B, the commune under A: dissolving A itself would need a successor for B.
DISSOLVE_COUNCIL = Endpoint("POST", "/api/v1/councils/{B}/dissolve", {"dissolved_on": "2025-07-01"},
                            writes=True)
CARRY_OVER = Endpoint("POST", "/api/v1/councils/{A}/members/carry-over", {}, writes=True)
LIST_AGENCIES = Endpoint("GET", "/api/v1/councils/{A}/agencies")
CREATE_AGENCY = Endpoint("POST", "/api/v1/councils/{A}/agencies",
                         {"name": "Sở Tài chính", "kind": "department"}, writes=True)
# {source}: a source of council A. Adding and removing one is for administrators; the council's
# secretariat sees and runs its sources; the harvested copy is public data, read by its members.
LIST_SOURCES = Endpoint("GET", "/api/v1/councils/{A}/sources")
CREATE_SOURCE = Endpoint("POST", "/api/v1/councils/{A}/sources",
                         {"url": "https://oparl.example.gov.vn/oparl/v1/system"}, writes=True)
GET_SOURCE = Endpoint("GET", "/api/v1/sources/{source}")
RUN_SOURCE = Endpoint("POST", "/api/v1/sources/{source}/run", writes=True)
DELETE_SOURCE = Endpoint("DELETE", "/api/v1/sources/{source}", writes=True)
SOURCE_OBJECTS = Endpoint("GET", "/api/v1/sources/{source}/objects")

# The matrix. Columns follow CALLERS:
#              anonymous outsider other_sec guest deputy chair secretary admin
MATRIX: dict[Endpoint, tuple[int, ...]] = {
    LOGIN:            (200, 200, 200, 200, 200, 200, 200, 200),
    LOGOUT:           (401, 204, 204, 204, 204, 204, 204, 204),
    GET_ME:           (401, 200, 200, 200, 200, 200, 200, 200),
    CHANGE_PASSWORD:  (401, 204, 204, 204, 204, 204, 204, 204),
    MY_DEVICES:       (401, 200, 200, 200, 200, 200, 200, 200),
    REVOKE_MY_DEVICE: (401, 204, 204, 204, 204, 204, 204, 204),
    CREATE_USER:      (401, 403, 403, 403, 403, 403, 403, 201),
    LIST_USERS:       (401, 403, 403, 403, 403, 403, 403, 200),
    GET_USER:         (401, 403, 403, 403, 403, 403, 403, 200),
    PATCH_USER:       (401, 403, 403, 403, 403, 403, 403, 200),
    USER_DEVICES:     (401, 403, 403, 403, 403, 403, 403, 200),
    REVOKE_USER_DEVICE: (401, 403, 403, 403, 403, 403, 403, 204),
    CREATE_COUNCIL:   (401, 403, 403, 403, 403, 403, 403, 201),
    LIST_COUNCILS:    (401, 200, 200, 200, 200, 200, 200, 200),
    GET_COUNCIL:      (401, 404, 404, 200, 200, 200, 200, 200),
    PATCH_COUNCIL:    (401, 404, 404, 403, 403, 403, 200, 200),
    LIST_MEMBERS:     (401, 404, 404, 200, 200, 200, 200, 200),
    ADD_MEMBER:       (401, 404, 404, 403, 403, 403, 201, 201),
    PATCH_MEMBER:     (401, 404, 404, 403, 403, 403, 200, 200),
    DELETE_MEMBER:    (401, 404, 404, 403, 403, 403, 204, 204),
    IMPORT_MEMBERS:   (401, 404, 404, 403, 403, 403, 200, 200),
    LIST_TERMS:       (401, 404, 404, 200, 200, 200, 200, 200),
    CREATE_TERM:      (401, 404, 404, 403, 403, 403, 201, 201),
    LIST_COMMITTEES:  (401, 404, 404, 200, 200, 200, 200, 200),
    CREATE_COMMITTEE: (401, 404, 404, 403, 403, 403, 201, 201),
    DISSOLVE_COUNCIL: (401, 403, 403, 403, 403, 403, 403, 200),
    CARRY_OVER:       (401, 404, 404, 403, 403, 403, 200, 200),
    LIST_AGENCIES:    (401, 404, 404, 200, 200, 200, 200, 200),
    CREATE_AGENCY:    (401, 404, 404, 403, 403, 403, 201, 201),
    LIST_SOURCES:     (401, 404, 404, 403, 403, 403, 200, 200),
    CREATE_SOURCE:    (401, 404, 404, 403, 403, 403, 403, 201),
    GET_SOURCE:       (401, 404, 404, 403, 403, 403, 200, 200),
    RUN_SOURCE:       (401, 404, 404, 403, 403, 403, 202, 202),
    DELETE_SOURCE:    (401, 404, 404, 403, 403, 403, 403, 204),
    SOURCE_OBJECTS:   (401, 404, 404, 200, 200, 200, 200, 200),
}

CASES = [
    pytest.param(endpoint, caller, expected[index], id=f"{endpoint}-{caller}-{expected[index]}")
    for endpoint, expected in MATRIX.items()
    for index, caller in enumerate(CALLERS)
]

ERROR_CODES = {401: "not_authenticated", 403: "forbidden", 404: "not_found"}
IMPORT_CSV = "STT,Họ và tên,Chức vụ,Đơn vị\n1,Quách Thị Ngọc Diệp,Đại biểu,Tổ đại biểu số 2\n"


async def _names(world, db, caller: str) -> dict[str, int]:
    """What the placeholders of a path or body stand for, seen from this caller."""
    member = world.users["deputy_no_vote"]
    await db.run(insert(HarvestSource).values(council_id=world.council_a, state="ok",
                                              url="https://oparl.example.org/oparl/v1/system"))
    names = {"A": world.council_a, "B": world.council_b, "member": member, "new_member": world.users["outsider"],
             "member_device": (await db.rows("auth_tokens", user_id=member))[0]["id"],
             "source": (await db.rows("harvest_sources"))[0]["id"]}
    # Anonymous callers have no device; any id will do, they are refused before it matters.
    own = world.users.get(caller, member)
    names["my_device"] = (await db.rows("auth_tokens", user_id=own))[0]["id"]
    return names


def test_the_matrix_covers_every_accounts_and_councils_endpoint(app):
    """A new endpoint in these routers must get a row in the table."""
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if set(operation.get("tags", ())) & {"accounts", "councils", "agencies", "harvest"}
    }
    placeholders = {"{A}": "{council_id}", "{B}": "{council_id}", "{member}": "{user_id}", "{my_device}": "{device_id}",
                    "{member_device}": "{device_id}", "{source}": "{source_id}"}
    covered = set()
    for endpoint in MATRIX:
        path = endpoint.path
        for ours, theirs in placeholders.items():
            path = path.replace(ours, theirs)
        covered.add((endpoint.method, path))
    assert routes == covered


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES)
async def test_authorization(client, world, db, endpoint: Endpoint, caller: str, expected: int):
    names = await _names(world, db, caller)
    url = fill_placeholders(endpoint.path, names)
    kwargs: dict[str, Any] = {"headers": world.headers(caller)}
    if endpoint.body == "csv":
        kwargs["files"] = {"file": ("danh-sach.csv", IMPORT_CSV.encode(), "text/csv")}
    elif endpoint.body is not None:
        kwargs["json"] = fill_placeholders(endpoint.body, names)
    before = await db.snapshot()
    audit_before = await db.count("audit_log")

    response = await client.request(endpoint.method, url, **kwargs)

    assert response.status_code == expected, response.text
    if expected >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
        assert body["error"]["code"] == ERROR_CODES[expected]
        # Refused: nothing at all was written.
        assert await db.snapshot() == before
        if expected == 401:
            assert response.headers["www-authenticate"] == "Bearer"
    elif endpoint.writes:
        assert await db.count("audit_log") > audit_before
    else:
        assert await db.snapshot() == before
    if expected == 204:
        assert response.content == b""
    elif expected < 400:
        assert isinstance(response.json(), dict)
