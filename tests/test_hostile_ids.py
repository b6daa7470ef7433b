"""Ids and paths of any size or byte are a 404 or a 422 in the contract's shape, never a 500; and
an error nobody handled is answered 500 in that shape, logged with status 500 and counted."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.routing import APIRoute

from tests.contract import assert_error

HOSTILE_IDS = ["2147483648", str(2**63), str(2**64 + 1), "1" + "0" * 40, "-1", "0", "٣", "1_000"]
WHO = ["admin", "secretary", "deputy"]


def id_routes(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(method, path) of every API operation with an id in its path, read from the OpenAPI schema."""
    return [(method.upper(), path) for path, operations in app.openapi()["paths"].items()
            if re.search(r"\{\w+_id\}", path) for method in operations if method != "head"]


def fill(path: str, value: str) -> str:
    return re.sub(r"\{\w+_id\}", value, path)


async def test_every_id_in_a_path_refuses_what_no_row_can_have(client, world, app) -> None:  # type: ignore[no-untyped-def]
    routes = id_routes(app)
    assert len(routes) >= 40, "the app's operations with ids, read from the app itself"
    failures = []
    for method, path in routes:
        for value in HOSTILE_IDS:
            for who in WHO:
                response = await client.request(method, fill(path, value), headers=world.headers(who),
                                                json={} if method in ("POST", "PUT", "PATCH") else None)
                if response.status_code >= 500 or response.status_code not in (401, 403, 404, 405, 413, 415, 422):
                    failures.append((method, path, value, who, response.status_code))
                else:
                    assert_error(response, response.status_code)
    assert not failures, failures[:20]


@pytest.mark.parametrize("field,value", [
    ("agenda_item_id", 2**40), ("agenda_item_id", -5), ("parent_id", 10**30)])
async def test_ids_in_bodies_out_of_range_are_422(client, world, new_meeting, field, value) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    if field == "parent_id":
        response = await client.post(f"/api/v1/meetings/{meeting['id']}/agenda",
                                     json={"title": "Nội dung", field: value},
                                     headers=world.headers("secretary"))
    else:
        response = await client.post(f"/api/v1/meetings/{meeting['id']}/documents",
                                     files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")},
                                     data={field: str(value)}, headers=world.headers("secretary"))
    assert_error(response, 422)


@pytest.mark.parametrize("path", [
    "/files/blobs/ab?e=1&s=%C3%A9%C3%A9", "/files/%F0%9F%92%A9?e=99999999999&s=abc",
    "/files/" + "a/" * 2000 + "?e=1&s=x", "/files/blobs/%00?e=1&s=x", "/files/..%2F..%2Fetc%2Fpasswd?e=1&s=x",
    "/files/blobs/x?e=99999999999999999999999&s=x", "/files/blobs/x?e=1&s=" + "é" * 10,
    "/files/%ED%A0%80?e=1&s=x",
])
async def test_odd_file_links_are_refused_cleanly(client, path) -> None:  # type: ignore[no-untyped-def]
    response = await client.get(path)
    assert response.status_code in (403, 404, 422), (path, response.status_code)
    assert_error(response, response.status_code)


async def test_an_unhandled_error_is_a_500_logged_and_counted(app, client, caplog) -> None:  # type: ignore[no-untyped-def]
    async def broken() -> None:
        raise RuntimeError("a bug")

    # first, before the web app's catch-all
    app.router.routes.insert(0, APIRoute("/api/v1/broken-on-purpose", broken, methods=["GET"]))
    caplog.set_level(logging.INFO, logger="kyhop.access")
    response = await client.get("/api/v1/broken-on-purpose", headers={"Accept-Language": "vi"})
    error = assert_error(response, 500, "internal_error")
    assert "a bug" not in error["message"]
    access = [r for r in caplog.records if r.name == "kyhop.access"
              and getattr(r, "path", "") == "/api/v1/broken-on-purpose"]
    assert [r.status for r in access] == [500]  # type: ignore[attr-defined]
    assert any(r.name == "kyhop.errors" and r.exc_info for r in caplog.records), "with its traceback"
    metrics = (await client.get("/metrics")).text
    assert re.search(r"^kyhop_http_unhandled_errors_total 1\.0$", metrics, re.M), metrics[-600:]


@pytest.mark.parametrize("method,path,allow", [
    ("GET", "/api/v1/auth/login", "POST"),
    ("OPTIONS", "/api/v1/councils", "GET, POST"),
    ("PATCH", "/api/v1/councils/1/members/import", "POST"),
    ("PUT", "/api/v1/meetings/1/attendance/present", "POST"),
    ("DELETE", "/api/v1/meetings/1/agenda", "GET, POST"),
])
async def test_a_wrong_method_is_405_naming_every_method_of_the_path(client, world, method, path, allow) -> None:  # type: ignore[no-untyped-def]
    response = await client.request(method, path, headers=world.headers("secretary"))
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize("method", ["DELETE", "PATCH", "POST"])
async def test_a_path_no_operation_has_is_404_whatever_the_method(client, world, method) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/v1/agenda-items/null%2Cnull", "/api/v1/meetings/abc", "/api/v1/nothing-here"):
        response = await client.request(method, path, headers=world.headers("secretary"))
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize("starts_at", [0, 1_700_000_000, 1.5, True])
async def test_a_moment_must_be_text(client, world, starts_at) -> None:  # type: ignore[no-untyped-def]
    # found by the fuzzer: "starts_at": 0 was taken as 1970-01-01
    response = await client.post(f"/api/v1/councils/{world.council_a}/meetings", headers=world.headers("secretary"),
                                 json={"title": "Kỳ họp", "kind": "regular", "public": True, "starts_at": starts_at})
    assert_error(response, 422)
