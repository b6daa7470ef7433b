"""The province over its communes: its secretary and chair read their communes' published public
meetings, non-confidential documents and results without another login, and write nothing there;
its deputies, and the communes among themselves, see nothing."""

from __future__ import annotations

from typing import Any

import pytest

from app.kit.pdfgen import text_pdf
from tests.contract import assert_error

COUNCILS = "/api/v1/councils"


@pytest.fixture
async def commune(client, world) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Council B (a commune of province A) with meetings in every state, as its secretary made them."""
    secretary = world.headers("other_secretary")

    async def meeting(title: str, public: bool = True) -> int:
        response = await client.post(f"{COUNCILS}/{world.council_b}/meetings", headers=secretary,
                                     json={"title": title, "public": public,
                                           "starts_at": "2026-12-10T07:30:00+07:00"})
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    async def document(meeting_id: int, title: str, confidential: bool) -> int:
        response = await client.post(
            f"/api/v1/meetings/{meeting_id}/documents", headers=secretary,
            data={"title": title, "confidential": str(confidential).lower()},
            files={"file": ("tep.pdf", text_pdf(title, ["Nội dung"]), "application/pdf")})
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    public = await meeting("Kỳ họp thứ Ba")
    public_doc = await document(public, "Tờ trình dự toán", confidential=False)
    secret_doc = await document(public, "Hồ sơ nhân sự", confidential=True)
    item = (await client.post(f"/api/v1/meetings/{public}/agenda", headers=secretary,
                              json={"title": "Dự toán ngân sách"})).json()
    for action in ("publish", "start"):
        assert (await client.post(f"/api/v1/meetings/{public}/{action}",
                                  headers=secretary)).status_code == 200
    poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", headers=secretary,
                              json={"title": "Thông qua dự toán"})).json()
    assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=secretary,
                              json={"override_quorum": True})).status_code == 200
    assert (await client.post(f"/api/v1/polls/{poll['id']}/close",
                              headers=secretary)).status_code == 200
    closed_door = await meeting("Phiên họp kín", public=False)
    assert (await client.post(f"/api/v1/meetings/{closed_door}/publish",
                              headers=secretary)).status_code == 200
    draft = await meeting("Dự kiến kỳ họp thứ Tư")
    return {"public": public, "closed_door": closed_door, "draft": draft,
            "public_doc": public_doc, "secret_doc": secret_doc, "poll": poll["id"]}


@pytest.mark.parametrize("who", ["secretary", "chair"])
async def test_the_province_reads_its_communes_published_public_work(client, world, commune, who):
    headers = world.headers(who)
    council = await client.get(f"{COUNCILS}/{world.council_b}", headers=headers)
    assert council.status_code == 200 and council.json()["parent_id"] == world.council_a
    listed = (await client.get(COUNCILS, headers=headers)).json()["items"]
    assert {world.council_a, world.council_b} <= {c["id"] for c in listed}
    meetings = (await client.get(f"{COUNCILS}/{world.council_b}/meetings", headers=headers)).json()
    assert [m["id"] for m in meetings["items"]] == [commune["public"]]
    assert (await client.get(f"/api/v1/meetings/{commune['public']}", headers=headers)).status_code == 200
    documents = (await client.get(f"/api/v1/meetings/{commune['public']}/documents",
                                  headers=headers)).json()["items"]
    assert [d["id"] for d in documents] == [commune["public_doc"]]
    file = await client.get(f"/api/v1/documents/{commune['public_doc']}/file", headers=headers)
    assert file.status_code == 200 and file.content.startswith(b"%PDF")
    poll = (await client.get(f"/api/v1/polls/{commune['poll']}", headers=headers)).json()
    assert poll["state"] == "closed" and poll["result"]["outcome"] in ("adopted", "rejected")
    for hidden in (f"/api/v1/documents/{commune['secret_doc']}",
                   f"/api/v1/documents/{commune['secret_doc']}/file",
                   f"/api/v1/meetings/{commune['draft']}",
                   f"/api/v1/meetings/{commune['closed_door']}"):
        assert_error(await client.get(hidden, headers=headers), 404)
    # The members of the commune are its own business only so far as the province reads them.
    assert (await client.get(f"{COUNCILS}/{world.council_b}/members", headers=headers)).status_code == 200


@pytest.mark.parametrize("who", ["secretary", "chair"])
async def test_the_province_writes_nothing_in_a_commune(client, world, db, commune, who):
    headers = world.headers(who)
    before = await db.snapshot()
    attempts = [
        ("PATCH", f"{COUNCILS}/{world.council_b}", {"name": "Đổi tên"}),
        ("POST", f"{COUNCILS}/{world.council_b}/meetings",
         {"title": "Kỳ họp do tỉnh tạo", "starts_at": "2026-12-20T07:30:00+07:00"}),
        ("POST", f"{COUNCILS}/{world.council_b}/members",
         {"user_id": world.users["outsider"], "role": "deputy"}),
        ("PATCH", f"/api/v1/meetings/{commune['public']}", {"title": "Đổi tên"}),
        ("POST", f"/api/v1/meetings/{commune['public']}/agenda", {"title": "Mục thêm"}),
        ("POST", f"/api/v1/polls/{commune['poll']}/revote", None),
        ("PATCH", f"/api/v1/documents/{commune['public_doc']}", {"confidential": True}),
        ("POST", f"/api/v1/meetings/{commune['public']}/close", None),
    ]
    for method, url, body in attempts:
        response = await client.request(method, url, headers=headers, json=body)
        assert_error(response, 403, "forbidden")
    assert await db.snapshot() == before


@pytest.mark.parametrize("who", ["deputy", "guest", "deputy_no_vote"])
async def test_the_provinces_deputies_and_guests_do_not_see_its_communes(client, world, commune, who):
    headers = world.headers(who)
    assert_error(await client.get(f"{COUNCILS}/{world.council_b}", headers=headers), 404)
    assert_error(await client.get(f"/api/v1/meetings/{commune['public']}", headers=headers), 404)
    listed = (await client.get(COUNCILS, headers=headers)).json()["items"]
    assert world.council_b not in {c["id"] for c in listed}


async def test_communes_see_nothing_of_each_other_nor_of_the_province(client, world, commune):
    admin = world.headers("admin")
    sibling = (await client.post(COUNCILS, headers=admin, json={
        "name": "HĐND phường Bên Kia", "level": "commune", "unit_kind": "ward", "code": "P-BK",
        "parent_id": world.council_a})).json()
    password = "mat-khau-phuong-ben-kia"
    user = (await client.post("/api/v1/users", headers=admin, json={
        "username": "thuky.benkia", "full_name": "Thư ký phường Bên Kia", "password": password})).json()
    assert (await client.post(f"{COUNCILS}/{sibling['id']}/members", headers=admin, json={
        "user_id": user["id"], "role": "secretary"})).status_code == 201
    token = (await client.post("/api/v1/auth/login", json={
        "username": "thuky.benkia", "password": password})).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    for url in (f"{COUNCILS}/{world.council_b}", f"{COUNCILS}/{world.council_b}/meetings",
                f"/api/v1/meetings/{commune['public']}",
                f"/api/v1/documents/{commune['public_doc']}", f"/api/v1/polls/{commune['poll']}",
                f"{COUNCILS}/{world.council_a}"):
        assert_error(await client.get(url, headers=headers), 404)
    assert {c["id"] for c in (await client.get(COUNCILS, headers=headers)).json()["items"]} == {
        sibling["id"]}
    # Nor does the commune's own secretary see the province.
    assert_error(await client.get(f"{COUNCILS}/{world.council_a}",
                                  headers=world.headers("other_secretary")), 404)
