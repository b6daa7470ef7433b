"""A NUL character in any text a meeting's endpoints store or search is 422 on both databases —
PostgreSQL cannot store it, and SQLite must not store what PostgreSQL refuses."""

from __future__ import annotations

from typing import Any

import pytest

from app.kit.pdfgen import text_pdf
from tests.contract import assert_error

NUL = "Kỳ họp\x00thứ nhất"


@pytest.fixture
async def scene(client, world, new_meeting, add_item) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Khai mạc")
    await client.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=world.headers("secretary"))
    uploaded = await client.post(f"/api/v1/meetings/{meeting['id']}/documents", headers=world.headers("secretary"),
                                 data={"title": "Tờ trình"},
                                 files={"file": ("t.pdf", text_pdf("Tờ trình", ["Một"]), "application/pdf")})
    assert uploaded.status_code == 201, uploaded.text
    return {"meeting": meeting["id"], "item": item["id"], "document": uploaded.json()["id"],
            "council": world.council_a, "chair": world.users["chair"]}


CASES = [
    ("POST", "/api/v1/councils/{council}/meetings", {"title": NUL, "starts_at": "2026-12-08T08:00:00+07:00"}, "body.title"),
    ("PATCH", "/api/v1/meetings/{meeting}", {"location": NUL}, "body.location"),
    ("POST", "/api/v1/meetings/{meeting}/agenda", {"title": NUL}, "body.title"),
    ("PATCH", "/api/v1/agenda-items/{item}", {"description": NUL}, "body.description"),
    ("PATCH", "/api/v1/documents/{document}", {"title": NUL}, "body.title"),
    ("PUT", "/api/v1/documents/{document}/annotations", {"items": [{"page": 1, "text": NUL}]}, "body.items.0.text"),
    ("PUT", "/api/v1/meetings/{meeting}/attendance/{chair}", {"status": "excused", "reason": NUL}, "body.reason"),
    ("POST", "/api/v1/agenda-items/{item}/polls", {"title": NUL}, "body.title"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), CASES, ids=[f"{m} {p}" for m, p, _, _ in CASES])
async def test_nul_in_stored_text_is_422(client, world, scene, method, path, body, field) -> None:  # type: ignore[no-untyped-def]
    response = await client.request(method, path.format(**scene), json=body, headers=world.headers("secretary"))
    error = assert_error(response, 422, "validation_error")
    assert field in {detail["field"] for detail in error["details"]}


async def test_nul_in_a_search_or_an_upload_title_is_422(client, world, scene) -> None:  # type: ignore[no-untyped-def]
    assert_error(await client.get("/api/v1/search", params={"q": NUL}, headers=world.headers("deputy")), 422)
    upload = await client.post(f"/api/v1/meetings/{scene['meeting']}/documents", headers=world.headers("secretary"),
                               data={"title": NUL},
                               files={"file": ("t.pdf", text_pdf("Khác", ["Hai"]), "application/pdf")})
    assert_error(upload, 422)
