"""Bad input on the accounts and councils endpoints: always a clear 4xx in the one error shape,
never a 500, and nothing written (DESIGN.md "Security": nothing is half-written)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from app.models import Base
from tests.contract import assert_error
from tests.fixtures.world import PASSWORD

TABLES = ("users", "auth_tokens", "login_failures", "councils", "terms", "committees",
          "memberships", "audit_log")


async def snapshot(app) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the accounts, councils and audit tables."""
    result = {}
    async with app.state.db.unit_of_work(write=False) as uow:
        for name in TABLES:
            table = Base.metadata.tables[name]
            columns = [c for c in table.c if c.name != "last_used_at"]
            rows = await uow.session.execute(select(*columns).order_by(table.c.id))
            result[name] = [tuple(row) for row in rows.all()]
    return result


# (method, path, who, a valid body). {A} is council A, {member} one of its members, {outsider}
# a user in no council.
WRITES = {
    "login": ("POST", "/api/v1/auth/login", None, {"username": "deputy", "password": PASSWORD}),
    "create_user": ("POST", "/api/v1/users", "admin",
                    {"username": "moi", "full_name": "Mai Thị Mới", "password": "mat-khau-moi"}),
    "update_user": ("PATCH", "/api/v1/users/{member}", "admin", {"full_name": "Tên Mới"}),
    "change_password": ("POST", "/api/v1/me/password", "deputy",
                        {"current_password": PASSWORD, "new_password": "mat-khau-moi"}),
    "create_council": ("POST", "/api/v1/councils", "admin",
                       {"name": "HĐND xã Mới", "level": "commune", "code": "X-MOI"}),
    "update_council": ("PATCH", "/api/v1/councils/{A}", "secretary", {"name": "HĐND tỉnh Mới"}),
    "add_member": ("POST", "/api/v1/councils/{A}/members", "secretary",
                   {"user_id": "{outsider}", "role": "deputy", "voting_right": True}),
    "update_member": ("PATCH", "/api/v1/councils/{A}/members/{member}", "secretary",
                      {"title": "Ủy viên"}),
    "create_term": ("POST", "/api/v1/councils/{A}/terms", "secretary",
                    {"name": "Khóa X", "starts_on": "2021-07-01"}),
    "create_committee": ("POST", "/api/v1/councils/{A}/committees", "secretary",
                         {"name": "Ban Pháp chế"}),
}


def _target(world, name: str) -> tuple[str, str, dict[str, str], dict[str, Any]]:
    method, path, who, body = WRITES[name]
    values = {"A": world.council_a, "member": world.users["deputy"],
              "outsider": world.users["outsider"]}
    body = {k: values[v[1:-1]] if isinstance(v, str) and v[1:-1] in values else v
            for k, v in body.items()}
    return method, path.format(**values), world.headers(who), body


async def send(client, world, name: str, *, json=None, content=None, headers=None):
    method, url, auth, _ = _target(world, name)
    request_headers = {**auth, **(headers or {})}
    if content is not None:
        request_headers.setdefault("Content-Type", "application/json")
        return await client.request(method, url, content=content, headers=request_headers)
    return await client.request(method, url, json=json, headers=request_headers)


def valid_body(world, name: str) -> dict[str, Any]:
    return _target(world, name)[3]


# --- malformed JSON: 400 -------------------------------------------------------------------------

INVALID_JSON = {
    "truncated": b'{"username": ',
    "single quotes": b"{'username': 'deputy'}",
    "trailing comma": b'{"username": "deputy",}',
    "UTF-16 BOM": b"\xff\xfe{}",
    "latin-1 bytes": b'{"full_name": "L\xe0 V\xe2n"}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,  # deeper than any parser should follow
}


@pytest.mark.parametrize("name", list(WRITES))
async def test_invalid_json_is_400_and_writes_nothing(client, world, app, name):
    before = await snapshot(app)
    for label, content in INVALID_JSON.items():
        response = await send(client, world, name, content=content)
        assert response.status_code == 400, (label, response.text)
        error = assert_error(response, 400, "bad_request")
        assert error["message"] == "Yêu cầu không hợp lệ", label
    assert await snapshot(app) == before


# --- wrong types and missing fields: 422 ---------------------------------------------------------

BAD_TYPES = {
    "create_user": [("username", 42), ("full_name", None), ("password", ["a"] * 8),
                    ("is_admin", "có")],
    "update_user": [("full_name", 3.14), ("is_active", "không"), ("is_admin", [])],
    "create_council": [("name", {"vi": "HĐND"}), ("level", "thành phố"), ("code", 12),
                       ("parent_id", "một"), ("quorum_numerator", 2.5)],
    "update_council": [("name", []), ("quorum_numerator", "hai"), ("quorum_denominator", 0)],
    "add_member": [("user_id", "một"), ("user_id", 1.5), ("role", "chủ tịch"),
                   ("voting_right", "có"), ("title", 7)],
    "create_term": [("starts_on", "01/07/2021"), ("starts_on", 20210701), ("ends_on", "mai"),
                    ("name", False)],
    "create_committee": [("name", None), ("kind", "ban")],
}


@pytest.mark.parametrize("name", list(BAD_TYPES))
async def test_wrong_json_types_are_422_naming_the_field(client, world, app, name):
    before = await snapshot(app)
    for field, value in BAD_TYPES[name]:
        body = {**valid_body(world, name), field: value}
        error = assert_error(await send(client, world, name, json=body), 422, "validation_error")
        assert f"body.{field}" in {d["field"] for d in error["details"]}, (field, value)
        assert all(set(d) >= {"field", "message", "type"} for d in error["details"])
    assert await snapshot(app) == before


REQUIRED = {
    "login": ["username", "password"],
    "create_user": ["username", "full_name", "password"],
    "change_password": ["current_password", "new_password"],
    "create_council": ["name", "level", "code"],
    "add_member": ["user_id", "role"],
    "create_term": ["name", "starts_on"],
    "create_committee": ["name"],
}


@pytest.mark.parametrize("name", list(REQUIRED))
async def test_a_missing_required_field_is_422(client, world, app, name):
    before = await snapshot(app)
    for field in REQUIRED[name]:
        body = {k: v for k, v in valid_body(world, name).items() if k != field}
        error = assert_error(await send(client, world, name, json=body), 422, "validation_error")
        assert {(d["field"], d["type"]) for d in error["details"]} == {(f"body.{field}", "missing")}
    assert await snapshot(app) == before


@pytest.mark.parametrize("name", list(WRITES))
async def test_a_body_that_is_not_an_object_is_422(client, world, app, name):
    before = await snapshot(app)
    for content in (b"", b"null", b"[]", b'"deputy"', b"42", b"true"):
        response = await send(client, world, name, content=content)
        assert response.status_code == 422, (content, response.text)
        assert_error(response, 422, "validation_error")
    assert await snapshot(app) == before


async def test_a_number_too_large_for_a_float_is_422(client, world, app):
    before = await snapshot(app)
    text = '{"name": "HĐND xã", "level": "commune", "code": "X1", "quorum_numerator": 1e400}'
    content = text.encode()
    error = assert_error(await send(client, world, "create_council", content=content), 422)
    assert [d["field"] for d in error["details"]] == ["body.quorum_numerator"]
    assert await snapshot(app) == before


# --- unknown fields: 422 where the schema forbids extras -----------------------------------------

FORBIDS_EXTRAS = ["create_user", "update_user", "change_password", "create_council",
                  "update_council", "add_member", "update_member", "create_term",
                  "create_committee"]


@pytest.mark.parametrize("name", FORBIDS_EXTRAS)
async def test_unknown_fields_are_422(client, world, app, name):
    before = await snapshot(app)
    body = {**valid_body(world, name), "ghi_chu": "trường lạ"}
    error = assert_error(await send(client, world, name, json=body), 422, "validation_error")
    assert [(d["field"], d["type"]) for d in error["details"]] == [
        ("body.ghi_chu", "extra_forbidden")]
    assert await snapshot(app) == before


async def test_login_tolerates_unknown_fields_from_older_clients(client, world):
    body = {**valid_body(world, "login"), "remember_me": True}
    assert (await send(client, world, "login", json=body)).status_code == 200


# --- too large: 413 ------------------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


async def test_a_10_mb_json_body_is_413(client, world, app):
    before = await snapshot(app)
    body = b'{"full_name": "' + b"A" * TEN_MB + b'"}'
    for name in ("login", "create_user", "create_council", "add_member"):
        error = assert_error(await send(client, world, name, content=body), 413, "too_large")
        assert error["message"] == "Dữ liệu gửi lên quá lớn (tối đa 1 MB)", name
    english = await send(client, world, "login", content=body, headers={"Accept-Language": "en"})
    assert assert_error(english, 413)["message"] == "The request is too large (limit 1 MB)"
    assert await snapshot(app) == before


async def test_a_10_mb_body_without_content_length_is_413(client, world, app):
    """Chunked transfer: the size is only known while reading."""
    before = await snapshot(app)

    async def chunks():
        yield b'{"full_name": "'
        for _ in range(10):
            yield b"A" * (1024 * 1024)
        yield b'"}'

    for name in ("login", "create_user"):
        response = await send(client, world, name, content=chunks())
        assert "content-length" not in response.request.headers
        assert_error(response, 413, "too_large")
    assert await snapshot(app) == before


async def test_a_body_just_under_the_limit_is_read(client, world):
    body = b'{"username": "deputy", "password": "' + PASSWORD.encode() + b'", "pad": "' \
        + b" " * (1000 * 1024) + b'"}'
    assert (await send(client, world, "login", content=body)).status_code == 200


# --- text the database cannot store, and ids it cannot hold: 422, never 500 ---------------------

NUL_CASES = {
    "login": ["username", "device_name"],
    "create_user": ["full_name"],
    "update_user": ["full_name"],
    "create_council": ["name"],
    "update_council": ["name"],
    "add_member": ["title", "unit"],
    "update_member": ["title", "unit"],
    "create_term": ["name"],
    "create_committee": ["name"],
}


@pytest.mark.parametrize("name", list(NUL_CASES))
async def test_a_nul_character_is_422(client, world, app, name):
    """PostgreSQL cannot store U+0000 in text; it must be refused before it gets there."""
    before = await snapshot(app)
    for field in NUL_CASES[name]:
        body = {**valid_body(world, name), field: "Lê Văn\x00Tám"}
        error = assert_error(await send(client, world, name, json=body), 422, "validation_error")
        assert f"body.{field}" in {d["field"] for d in error["details"]}, field
    assert await snapshot(app) == before


async def test_a_lone_surrogate_is_422(client, world, app):
    before = await snapshot(app)
    for name, field in (("create_user", "full_name"), ("create_council", "name"),
                        ("add_member", "unit")):
        body = json.dumps({**valid_body(world, name), field: "PLACEHOLDER"})
        content = body.replace("PLACEHOLDER", "L\\ud800").encode()
        response = await send(client, world, name, content=content)
        error = assert_error(response, 422, "validation_error")
        assert f"body.{field}" in {d["field"] for d in error["details"]}, name
    assert await snapshot(app) == before


@pytest.mark.parametrize(("name", "field", "limit"), [
    ("create_user", "full_name", 200), ("create_council", "name", 200),
    ("create_council", "code", 32), ("add_member", "title", 200), ("create_term", "name", 100),
    ("create_committee", "name", 200), ("login", "device_name", 200),
])
async def test_text_longer_than_its_column_is_422(client, world, app, name, field, limit):
    before = await snapshot(app)
    body = {**valid_body(world, name), field: "Đ" * (limit + 1)}
    error = assert_error(await send(client, world, name, json=body), 422, "validation_error")
    assert f"body.{field}" in {d["field"] for d in error["details"]}
    assert await snapshot(app) == before
    # Exactly at the limit is fine (the code must also match its pattern).
    body[field] = ("D" if field == "code" else "Đ") * limit
    assert (await send(client, world, name, json=body)).status_code in (200, 201)


async def test_ids_that_are_not_ids_are_404_or_422(client, world):
    # not digits: no route has such a path (404); digits no row can have: invalid (422)
    for path in ("/api/v1/councils/abc", "/api/v1/users/1.5", "/api/v1/councils/1e3/members",
                 "/api/v1/councils/-1/terms"):
        assert_error(await client.get(path, headers=world.headers("admin")), 404, "not_found")
    for path in ("/api/v1/users/99999999999999", "/api/v1/councils/0/terms"):
        assert_error(await client.get(path, headers=world.headers("admin")), 422, "validation_error")


# --- and the unchanged bodies are accepted -------------------------------------------------------

@pytest.mark.parametrize("name", list(WRITES))
async def test_the_valid_body_of_each_case_succeeds(client, world, app, name):
    response = await send(client, world, name, json=valid_body(world, name))
    assert response.status_code in (200, 201, 204), response.text
