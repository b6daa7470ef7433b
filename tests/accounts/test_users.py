"""User administration: create, list, read, update, deactivate (which logs the person out)."""

from __future__ import annotations

import json

import pytest

from app.kit.collation import name_key
from tests.contract import assert_error
from tests.fixtures.world import PASSWORD

USERS = "/api/v1/users"
USER_FIELDS = {"id", "username", "full_name", "is_admin", "is_active", "email"}


def fields_of(error: dict) -> set[str]:
    assert isinstance(error["details"], list) and error["details"]
    for detail in error["details"]:
        assert set(detail) >= {"field", "message"} and detail["message"]
    return {detail["field"] for detail in error["details"]}


async def login(client, username: str, password: str):
    return await client.post("/api/v1/auth/login",
                             json={"username": username, "password": password})


# --- create --------------------------------------------------------------------------------------

async def test_admin_creates_a_user_who_can_then_log_in(client, world, db):
    users_before = await db.count("users")
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": " Tran.Thi.Hue ", "full_name": "  Trần Thị Huệ ",
        "password": "Huế-mộng-mơ-1975"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == USER_FIELDS
    assert body["username"] == "tran.thi.hue"  # trimmed and lower-cased
    assert body["full_name"] == "Trần Thị Huệ"
    assert body["is_admin"] is False and body["is_active"] is True

    assert await db.count("users") == users_before + 1
    row = (await db.rows("users", id=body["id"]))[0]
    assert row["password_hash"].startswith("$argon2id$")
    assert "Huế-mộng-mơ-1975" not in row["password_hash"]
    audit = await db.rows("audit_log", action="user.create")
    assert len(audit) == 1
    assert audit[0]["actor_id"] == world.users["admin"]
    assert audit[0]["target_id"] == str(body["id"])
    assert json.loads(audit[0]["details"]) == {"username": "tran.thi.hue", "is_admin": False}
    assert "Huế-mộng-mơ-1975" not in audit[0]["details"]

    logged_in = await login(client, "tran.thi.hue", "Huế-mộng-mơ-1975")
    assert logged_in.status_code == 200
    assert logged_in.json()["user"]["memberships"] == []


async def test_admin_creates_another_admin(client, world, db):
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": "quantri2", "full_name": "Phạm Quản Trị", "password": "quan-tri-vien",
        "is_admin": True})
    assert response.status_code == 201
    assert response.json()["is_admin"] is True
    token = (await login(client, "quantri2", "quan-tri-vien")).json()["token"]
    listed = await client.get(USERS, headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200


@pytest.mark.parametrize("username", ["deputy", "DEPUTY", " Deputy "])
async def test_duplicate_username_is_409_and_nothing_is_written(client, world, db, username):
    before = await db.snapshot()
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": username, "full_name": "Người trùng tên", "password": "mot-mat-khau-dai"})
    error = assert_error(response, 409, "username_taken")
    assert "deputy" in error["message"]
    assert await db.snapshot() == before


@pytest.mark.parametrize(("body", "bad_fields"), [
    ({}, {"body.username", "body.full_name", "body.password"}),
    ({"username": "le.van.an", "full_name": "Lê Văn An"}, {"body.password"}),
    ({"username": 123, "full_name": "Lê Văn An", "password": "mat-khau-dai"}, {"body.username"}),
    ({"username": "le.van.an", "full_name": ["Lê", "Văn", "An"], "password": "mat-khau-dai"},
     {"body.full_name"}),
    ({"username": "le.van.an", "full_name": "Lê Văn An", "password": 12345678}, {"body.password"}),
    ({"username": "le.van.an", "full_name": "Lê Văn An", "password": "mat-khau-dai",
      "is_admin": "có lẽ"}, {"body.is_admin"}),
    ({"username": "lê.văn.an", "full_name": "Lê Văn An", "password": "mat-khau-dai"},
     {"body.username"}),
    ({"username": "a", "full_name": "Lê Văn An", "password": "mat-khau-dai"}, {"body.username"}),
    ({"username": "le van an", "full_name": "Lê Văn An", "password": "mat-khau-dai"},
     {"body.username"}),
    ({"username": "le.van.an", "full_name": "   ", "password": "mat-khau-dai"}, {"body.full_name"}),
    ({"username": "le.van.an", "full_name": "A" * 201, "password": "mat-khau-dai"},
     {"body.full_name"}),
])
async def test_bad_types_and_missing_fields_are_422_with_details(
    client, world, db, body, bad_fields
):
    before = await db.snapshot()
    response = await client.post(USERS, headers=world.headers("admin"), json=body)
    error = assert_error(response, 422, "validation_error")
    assert fields_of(error) == bad_fields
    assert await db.snapshot() == before


@pytest.mark.parametrize("password", ["", "1234567", "ngắn", "11-ky-tu-ne"])
async def test_password_too_short_is_422(client, world, db, password):
    before = await db.snapshot()
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": "le.van.an", "full_name": "Lê Văn An", "password": password})
    error = assert_error(response, 422, "validation_error")
    assert fields_of(error) == {"body.password"}
    assert await db.snapshot() == before


async def test_a_twelve_character_vietnamese_password_is_enough(client, world):
    # Twelve characters (NFC), not twelve bytes: "mậtkhẩuhđnd1" is 17 bytes in UTF-8.
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": "le.van.an", "full_name": "Lê Văn An", "password": "mậtkhẩuhđnd1"})
    assert response.status_code == 201, response.text
    assert (await login(client, "le.van.an", "mậtkhẩuhđnd1")).status_code == 200


async def test_unknown_fields_are_refused(client, world, db):
    before = await db.snapshot()
    response = await client.post(USERS, headers=world.headers("admin"), json={
        "username": "le.van.an", "full_name": "Lê Văn An", "password": "mat-khau-dai",
        "password_hash": "$argon2id$gia-mao"})
    error = assert_error(response, 422, "validation_error")
    assert fields_of(error) == {"body.password_hash"}
    assert await db.snapshot() == before


# --- list and read -------------------------------------------------------------------------------

def in_name_order(world) -> list[int]:
    """The world's users as the list shows them: Vietnamese order of given name (here the role)."""
    return sorted(world.users.values(), key=lambda user_id: (
        name_key("Người " + next(w for w, i in world.users.items() if i == user_id)), user_id))


async def test_list_users_in_name_order_without_secrets(client, world):
    response = await client.get(USERS, headers=world.headers("admin"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items"}
    items = body["items"]
    assert [u["id"] for u in items] == in_name_order(world)
    assert all(set(u) == USER_FIELDS for u in items)
    by_id = {u["id"]: u for u in items}
    assert by_id[world.users["admin"]]["is_admin"] is True
    assert by_id[world.users["deputy_no_vote"]]["username"] == "deputy.no.vote"
    assert "argon2" not in response.text


async def test_list_users_pages(client, world):
    ids = in_name_order(world)
    page = await client.get(USERS, params={"limit": 2, "offset": 1}, headers=world.headers("admin"))
    assert page.status_code == 200
    assert [u["id"] for u in page.json()["items"]] == ids[1:3]
    past_the_end = await client.get(USERS, params={"offset": 100}, headers=world.headers("admin"))
    assert past_the_end.json() == {"items": []}


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "nhiều"},
    {"offset": 10**20}, {"offset": 2**63},
])
async def test_list_users_with_bad_paging_is_422(client, world, params):
    response = await client.get(USERS, params=params, headers=world.headers("admin"))
    error = assert_error(response, 422, "validation_error")
    assert fields_of(error) == {f"query.{next(iter(params))}"}


async def test_get_one_user(client, world):
    response = await client.get(f"{USERS}/{world.users['chair']}", headers=world.headers("admin"))
    assert response.status_code == 200
    assert response.json() == {"id": world.users["chair"], "username": "chair",
                               "full_name": "Người chair", "is_admin": False, "is_active": True, "email": ""}
    missing = await client.get(f"{USERS}/999999", headers=world.headers("admin"))
    assert_error(missing, 404, "not_found")


@pytest.mark.parametrize("who", ["secretary", "deputy", "outsider"])
async def test_reading_users_is_for_admins(client, world, who):
    assert_error(await client.get(f"{USERS}/{world.users['chair']}", headers=world.headers(who)),
                 403, "forbidden")


# --- update --------------------------------------------------------------------------------------

async def test_patch_full_name(client, world, db):
    uid = world.users["chair"]
    response = await client.patch(f"{USERS}/{uid}", headers=world.headers("admin"),
                                  json={"full_name": "Võ Thị Sáu Chủ Tọa"})
    assert response.status_code == 200
    assert response.json()["full_name"] == "Võ Thị Sáu Chủ Tọa"
    assert (await db.rows("users", id=uid))[0]["full_name"] == "Võ Thị Sáu Chủ Tọa"
    audit = await db.rows("audit_log", action="user.update")
    assert [json.loads(a["details"]) for a in audit] == [{"full_name": "Võ Thị Sáu Chủ Tọa"}]
    # The chair is still logged in: renaming does not revoke anything.
    assert (await client.get("/api/v1/me", headers=world.headers("chair"))).status_code == 200


async def test_patch_with_nothing_to_change_writes_nothing(client, world, db):
    before = await db.snapshot()
    response = await client.patch(f"{USERS}/{world.users['chair']}", headers=world.headers("admin"),
                                  json={"full_name": "Người chair"})
    assert response.status_code == 200
    assert await db.snapshot() == before


@pytest.mark.parametrize(("body", "bad_fields"), [
    ({"is_active": "tắt"}, {"body.is_active"}),
    ({"password": "ngan"}, {"body.password"}),
    ({"password": "11-ky-tu-ne"}, {"body.password"}),
    ({"username": "doi.ten"}, {"body.username"}),
])
async def test_patch_with_bad_fields_is_422(client, world, db, body, bad_fields):
    before = await db.snapshot()
    response = await client.patch(f"{USERS}/{world.users['chair']}", headers=world.headers("admin"),
                                  json=body)
    assert fields_of(assert_error(response, 422, "validation_error")) == bad_fields
    assert await db.snapshot() == before


async def test_patch_unknown_user_is_404(client, world, db):
    before = await db.snapshot()
    response = await client.patch(f"{USERS}/999999", headers=world.headers("admin"),
                                  json={"full_name": "Không Ai"})
    assert_error(response, 404, "not_found")
    assert await db.snapshot() == before


async def test_deactivating_a_user_revokes_its_tokens(client, world, db):
    uid = world.users["deputy"]
    second = (await login(client, "deputy", PASSWORD)).json()["token"]
    response = await client.patch(f"{USERS}/{uid}", headers=world.headers("admin"),
                                  json={"is_active": False})
    assert response.status_code == 200
    assert response.json()["is_active"] is False

    for token in (world.tokens["deputy"], second):
        refused = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert_error(refused, 401, "not_authenticated")
    devices = await db.rows("auth_tokens", user_id=uid)
    assert len(devices) == 2 and all(d["revoked_at"] is not None for d in devices)
    assert_error(await login(client, "deputy", PASSWORD), 401, "invalid_credentials")
    audit = await db.rows("audit_log", action="user.update")
    assert [json.loads(a["details"]) for a in audit] == [{"is_active": False}]
    # Other people are not affected.
    assert (await client.get("/api/v1/me", headers=world.headers("chair"))).status_code == 200

    # Reactivated, the person logs in again, but the old tokens stay revoked.
    await client.patch(f"{USERS}/{uid}", headers=world.headers("admin"), json={"is_active": True})
    assert (await login(client, "deputy", PASSWORD)).status_code == 200
    assert_error(await client.get("/api/v1/me", headers=world.headers("deputy")), 401)


async def test_resetting_a_password_revokes_tokens_and_is_not_logged(client, world, db):
    uid = world.users["guest"]
    response = await client.patch(f"{USERS}/{uid}", headers=world.headers("admin"),
                                  json={"password": "mat-khau-cap-lai"})
    assert response.status_code == 200
    assert_error(await client.get("/api/v1/me", headers=world.headers("guest")), 401)
    assert_error(await login(client, "guest", PASSWORD), 401)
    assert (await login(client, "guest", "mat-khau-cap-lai")).status_code == 200
    audit = await db.rows("audit_log", action="user.update")
    assert [json.loads(a["details"]) for a in audit] == [{"password": "reset"}]


async def test_promoting_to_admin_opens_the_admin_endpoints(client, world):
    assert_error(await client.get(USERS, headers=world.headers("secretary")), 403)
    response = await client.patch(f"{USERS}/{world.users['secretary']}",
                                  headers=world.headers("admin"), json={"is_admin": True})
    assert response.status_code == 200 and response.json()["is_admin"] is True
    assert (await client.get(USERS, headers=world.headers("secretary"))).status_code == 200
