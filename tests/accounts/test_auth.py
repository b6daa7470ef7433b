"""Login, lockout, logout, /me, devices, tokens, password change, languages, and log hygiene."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert, update

from app.accounts.tokens import new_token, token_digest
from app.kit.time import utcnow
from app.logs import JsonFormatter
from app.models import AuthToken, LoginFailure, User
from tests.contract import assert_error
from tests.fixtures.world import PASSWORD

LOGIN = "/api/v1/auth/login"
ME = "/api/v1/me"
MY_DEVICES = "/api/v1/me/devices"

VI_WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"
EN_WRONG = "Wrong username or password"
VI_NOT_LOGGED_IN = "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn"
EN_NOT_LOGGED_IN = "You are not logged in or your login has expired"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client, username: str, password: str = PASSWORD, **extra):
    return await client.post(LOGIN, json={"username": username, "password": password, **extra})


async def login_token(client, username: str, device_name: str = "") -> str:
    response = await login(client, username, device_name=device_name)
    assert response.status_code == 200, response.text
    return response.json()["token"]


# --- login ---------------------------------------------------------------------------------------

async def test_login_returns_token_and_user(client, world, db, app):
    before = await db.count("auth_tokens", user_id=world.users["deputy"])
    response = await login(client, "deputy", device_name="Máy tính bảng phòng họp")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"token", "user"}
    assert isinstance(body["token"], str) and len(body["token"]) >= 32
    user = body["user"]
    assert set(user) == {"id", "username", "full_name", "is_admin", "memberships"}
    assert user["id"] == world.users["deputy"]
    assert user["username"] == "deputy"
    assert user["is_admin"] is False
    assert [(m["council_id"], m["role"], m["voting_right"]) for m in user["memberships"]] == [
        (world.council_a, "deputy", True)
    ]
    # The token expires after the configured lifetime.
    expires = datetime.fromisoformat(body["expires_at"])
    expected = utcnow() + timedelta(hours=app.state.settings.token_ttl_hours)
    assert abs((expires - expected).total_seconds()) < 60

    # One new device row that stores only the token's digest.
    devices = await db.rows("auth_tokens", user_id=world.users["deputy"])
    assert len(devices) == before + 1
    device = devices[-1]
    assert device["token_hash"] == token_digest(body["token"])
    assert body["token"] not in json.dumps([str(v) for v in device.values()])
    assert device["device_name"] == "Máy tính bảng phòng họp"
    assert device["address"] == "203.0.113.7"
    audit = await db.rows("audit_log", action="auth.login")
    assert [(a["actor_id"], a["target_id"]) for a in audit] == [
        (world.users["deputy"], str(device["id"]))]

    # The token works.
    me = await client.get(ME, headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json() == user


async def test_login_username_is_case_and_space_insensitive(client, world):
    response = await login(client, "  DePuty ")
    assert response.status_code == 200, response.text
    assert response.json()["user"]["id"] == world.users["deputy"]


async def test_wrong_password_is_401_in_error_shape_and_counts_a_failure(client, world, db):
    snapshot_tokens = await db.count("auth_tokens")
    response = await login(client, "deputy", "not-the-password")
    error = assert_error(response, 401, "invalid_credentials")
    assert error["message"] == VI_WRONG
    assert error["details"] is None
    assert "token" not in response.json()
    assert await db.count("auth_tokens") == snapshot_tokens
    failures = await db.rows("login_failures")
    assert [(f["username"], f["address"]) for f in failures] == [("deputy", "203.0.113.7")]
    assert await db.count("audit_log", action="auth.login") == 0


async def test_unknown_user_is_401_exactly_like_a_wrong_password(client, world, db):
    unknown = await login(client, "khong.ton.tai", PASSWORD)
    wrong = await login(client, "deputy", "not-the-password")
    assert_error(unknown, 401, "invalid_credentials")
    # Same answer: the response does not reveal whether a username exists.
    assert unknown.json() == wrong.json()
    assert await db.count("login_failures", username="khong.ton.tai") == 1


async def test_inactive_user_cannot_log_in_even_with_the_right_password(client, world, db):
    await db.run(update(User).where(User.id == world.users["deputy"]).values(is_active=False))
    tokens_before = await db.count("auth_tokens")
    response = await login(client, "deputy")
    assert_error(response, 401, "invalid_credentials")
    assert await db.count("auth_tokens") == tokens_before
    # And the token it already had no longer works either.
    assert_error(await client.get(ME, headers=world.headers("deputy")), 401, "not_authenticated")


@pytest.mark.parametrize("body", [
    {"username": "deputy"},
    {"password": PASSWORD},
    {"username": "deputy", "password": ""},
    {"username": ["deputy"], "password": PASSWORD},
])
async def test_login_with_a_malformed_body_is_422_and_counts_no_failure(client, world, db, body):
    error = assert_error(await client.post(LOGIN, json=body), 422, "validation_error")
    assert isinstance(error["details"], list) and error["details"]
    assert await db.count("login_failures") == 0


# --- lockout -------------------------------------------------------------------------------------

async def test_lockout_after_repeated_failures_refuses_even_the_right_password(
    client, world, db, app
):
    limit = app.state.settings.login_max_failures
    assert limit == 5  # the documented default
    for _ in range(limit):
        assert_error(await login(client, "deputy", "doan-sai-mat-khau"), 401, "invalid_credentials")
    assert await db.count("login_failures", username="deputy") == limit

    locked = await login(client, "deputy", "doan-sai-mat-khau")
    error = assert_error(locked, 429, "too_many_attempts")
    minutes = app.state.settings.login_lockout_minutes
    assert locked.headers["retry-after"] == str(minutes * 60)
    assert str(minutes) in error["message"]

    tokens_before = await db.count("auth_tokens")
    with_right_password = await login(client, "deputy", PASSWORD)
    assert_error(with_right_password, 429, "too_many_attempts")
    assert await db.count("auth_tokens") == tokens_before
    # A refused attempt while locked is not counted again (the lock does not grow by itself).
    assert await db.count("login_failures", username="deputy") == limit

    # Another person from the same address is not locked out by the deputy's failures.
    assert (await login(client, "chair")).status_code == 200


async def test_lockout_ends_when_the_failures_are_older_than_the_window(client, world, db, app):
    limit = app.state.settings.login_max_failures
    for _ in range(limit):
        await login(client, "deputy", "doan-sai-mat-khau")
    assert_error(await login(client, "deputy"), 429)
    long_ago = utcnow() - timedelta(minutes=app.state.settings.login_lockout_minutes + 1)
    await db.run(update(LoginFailure).values(at=long_ago))
    response = await login(client, "deputy")
    assert response.status_code == 200, response.text
    # A successful login clears the username's failures.
    assert await db.count("login_failures", username="deputy") == 0


async def test_lockout_per_address_across_usernames(client, world, db, app):
    app.state.settings.login_max_failures_per_address = 3
    for name in ("deputy", "chair", "guest"):
        assert_error(await login(client, name, "doan-sai-mat-khau"), 401)
    assert_error(await login(client, "secretary"), 429, "too_many_attempts")


async def test_failures_below_the_limit_are_forgotten_after_a_success(client, world, db, app):
    limit = app.state.settings.login_max_failures
    for _ in range(limit - 1):
        await login(client, "deputy", "doan-sai-mat-khau")
    assert (await login(client, "deputy")).status_code == 200
    for _ in range(limit - 1):
        assert_error(await login(client, "deputy", "doan-sai-mat-khau"), 401)
    assert (await login(client, "deputy")).status_code == 200


# --- logout and tokens ---------------------------------------------------------------------------

async def test_logout_revokes_only_this_token(client, world, db):
    token = await login_token(client, "deputy")
    response = await client.post("/api/v1/auth/logout", headers=bearer(token))
    assert response.status_code == 204
    assert response.content == b""
    assert_error(await client.get(ME, headers=bearer(token)), 401, "not_authenticated")
    assert_error(await client.post("/api/v1/auth/logout", headers=bearer(token)), 401)
    device = (await db.rows("auth_tokens", token_hash=token_digest(token)))[0]
    assert device["revoked_at"] is not None
    assert await db.count("audit_log", action="auth.revoke") == 1
    # The deputy's other device is still logged in.
    assert (await client.get(ME, headers=world.headers("deputy"))).status_code == 200


async def test_logout_without_a_token_is_401(client, world, db):
    before = await db.snapshot()
    assert_error(await client.post("/api/v1/auth/logout"), 401, "not_authenticated")
    assert await db.snapshot() == before


async def _add_token(db, user_id: int, **fields) -> str:
    token = new_token()
    now = utcnow()
    values = {"user_id": user_id, "token_hash": token_digest(token), "device_name": "cũ",
              "user_agent": "", "address": "", "created_at": now, "last_used_at": now,
              "expires_at": now + timedelta(days=1), **fields}
    await db.run(insert(AuthToken).values(**values))
    return token


async def test_revoked_token_is_401(client, world, db):
    token = await _add_token(db, world.users["deputy"], revoked_at=utcnow() - timedelta(minutes=1))
    response = await client.get(ME, headers=bearer(token))
    error = assert_error(response, 401, "not_authenticated")
    assert error["message"] == VI_NOT_LOGGED_IN
    assert response.headers["www-authenticate"] == "Bearer"


async def test_expired_token_is_401_and_not_listed(client, world, db):
    past = utcnow() - timedelta(seconds=1)
    token = await _add_token(db, world.users["deputy"], expires_at=past)
    response = await client.get(ME, headers=bearer(token))
    assert_error(response, 401, "not_authenticated")
    assert response.headers["www-authenticate"] == "Bearer"
    devices = (await client.get(MY_DEVICES, headers=world.headers("deputy"))).json()["items"]
    assert "cũ" not in [d["device_name"] for d in devices]


@pytest.mark.parametrize("header", [
    "Bearer",
    "Bearer ",
    "Basic ZGVwdXR5Om1hdC1raGF1",
    "Bearer khong-phai-token",
    "Token abc",
])
async def test_malformed_or_unknown_credentials_are_401(client, world, header):
    response = await client.get(ME, headers={"Authorization": header})
    assert_error(response, 401, "not_authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_token_in_the_query_string_is_not_accepted_for_http(client, world):
    response = await client.get(ME, params={"token": world.tokens["deputy"]})
    assert_error(response, 401, "not_authenticated")


async def test_a_read_refreshes_a_stale_last_used_time(client, world, db):
    ten_minutes_ago = utcnow() - timedelta(minutes=10)
    token = await _add_token(db, world.users["deputy"], last_used_at=ten_minutes_ago)
    assert (await client.get(ME, headers=bearer(token))).status_code == 200
    device = (await db.rows("auth_tokens", token_hash=token_digest(token)))[0]
    assert device["last_used_at"] > ten_minutes_ago + timedelta(minutes=9)


# --- session lifetime (OWASP ASVS 4.0.3 3.3.2, level 2) -------------------------------------------

def test_by_default_a_login_lasts_12_hours_and_30_idle_minutes(monkeypatch):
    from app.config import Settings

    for name in ("KYHOP_TOKEN_TTL_HOURS", "KYHOP_TOKEN_IDLE_MINUTES"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert (settings.token_ttl_hours, settings.token_idle_minutes) == (12, 30)


@pytest.mark.parametrize("minutes", ["1", "4", "-1"])
def test_an_idle_limit_shorter_than_the_live_check_is_refused(monkeypatch, minutes):
    from pydantic import ValidationError

    from app.config import Settings

    monkeypatch.setenv("KYHOP_TOKEN_IDLE_MINUTES", minutes)
    with pytest.raises(ValidationError, match="token_idle_minutes"):
        Settings(_env_file=None)


async def test_a_token_unused_for_the_idle_limit_is_401(client, world, db, app):
    idle = timedelta(minutes=app.state.settings.token_idle_minutes)
    stale = await _add_token(db, world.users["deputy"],
                             last_used_at=utcnow() - idle - timedelta(seconds=5))
    recent = await _add_token(db, world.users["deputy"],
                              last_used_at=utcnow() - idle + timedelta(minutes=2))
    response = await client.get(ME, headers=bearer(stale))
    assert_error(response, 401, "not_authenticated")
    assert response.headers["www-authenticate"] == "Bearer"
    # A token used within the limit works, and its use restarts the idle time.
    assert (await client.get(ME, headers=bearer(recent))).status_code == 200
    device = (await db.rows("auth_tokens", token_hash=token_digest(recent)))[0]
    assert utcnow() - device["last_used_at"] < timedelta(minutes=1)


async def test_a_ballot_with_an_idle_token_is_401(client, world, db, app):
    idle = timedelta(minutes=app.state.settings.token_idle_minutes)
    stale = await _add_token(db, world.users["deputy"],
                             last_used_at=utcnow() - idle - timedelta(seconds=5))
    response = await client.post("/api/v1/polls/1/ballots", headers=bearer(stale),
                                 json={"option_ids": [1]})
    assert_error(response, 401, "not_authenticated")


async def test_without_an_idle_limit_only_the_lifetime_counts(client, world, db, app):
    app.state.settings.token_idle_minutes = 0
    token = await _add_token(db, world.users["deputy"],
                             last_used_at=utcnow() - timedelta(days=3))
    assert (await client.get(ME, headers=bearer(token))).status_code == 200


# --- /me -----------------------------------------------------------------------------------------

async def test_me_has_the_contract_shape(client, world):
    response = await client.get(ME, headers=world.headers("deputy_no_vote"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "username", "full_name", "is_admin", "memberships"}
    assert body["id"] == world.users["deputy_no_vote"]
    assert body["username"] == "deputy.no.vote"
    assert body["full_name"] == "Người deputy_no_vote"
    assert body["is_admin"] is False
    assert len(body["memberships"]) == 1
    membership = body["memberships"][0]
    assert set(membership) >= {"council_id", "role", "voting_right"}
    assert (membership["council_id"], membership["role"], membership["voting_right"]) == (
        world.council_a, "deputy", False)


async def test_me_memberships_of_other_people(client, world):
    admin = (await client.get(ME, headers=world.headers("admin"))).json()
    assert admin["is_admin"] is True and admin["memberships"] == []
    outsider = (await client.get(ME, headers=world.headers("outsider"))).json()
    assert outsider["is_admin"] is False and outsider["memberships"] == []
    other = (await client.get(ME, headers=world.headers("other_secretary"))).json()
    assert [(m["council_id"], m["role"], m["voting_right"]) for m in other["memberships"]] == [
        (world.council_b, "secretary", False)]


async def test_me_without_token_is_401(client, world):
    response = await client.get(ME)
    assert_error(response, 401, "not_authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


# --- devices -------------------------------------------------------------------------------------

DEVICE_FIELDS = {"id", "device_name", "user_agent", "address", "created_at", "last_used_at",
                 "expires_at", "current"}


async def test_my_devices_lists_the_login_device_as_current(client, world):
    response = await client.post(LOGIN, json={"username": "deputy", "password": PASSWORD},
                                 headers={"User-Agent": "Mozilla/5.0 (iPad; CPU OS 17_0)"})
    token = response.json()["token"]
    listed = await client.get(MY_DEVICES, headers=bearer(token))
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert len(items) == 2  # the world's device and the new one
    for item in items:
        assert set(item) == DEVICE_FIELDS
    current = [d for d in items if d["current"]]
    assert len(current) == 1
    assert current[0]["device_name"] == "iPad"
    assert current[0]["user_agent"] == "Mozilla/5.0 (iPad; CPU OS 17_0)"
    assert current[0]["address"] == "203.0.113.7"
    # Seen from the older device, the new one is not current.
    from_other = (await client.get(MY_DEVICES, headers=world.headers("deputy"))).json()["items"]
    assert {d["id"]: d["current"] for d in from_other} == {
        current[0]["id"]: False, next(d["id"] for d in items if not d["current"]): True}


async def test_revoking_one_of_my_devices_logs_it_out(client, world, db):
    tablet = await login_token(client, "deputy", "Máy tính bảng")
    laptop = await login_token(client, "deputy", "Máy tính xách tay")
    items = (await client.get(MY_DEVICES, headers=bearer(tablet))).json()["items"]
    laptop_id = next(d["id"] for d in items if d["device_name"] == "Máy tính xách tay")

    response = await client.delete(f"{MY_DEVICES}/{laptop_id}", headers=bearer(tablet))
    assert response.status_code == 204
    assert_error(await client.get(ME, headers=bearer(laptop)), 401, "not_authenticated")
    assert (await client.get(ME, headers=bearer(tablet))).status_code == 200
    remaining = (await client.get(MY_DEVICES, headers=bearer(tablet))).json()["items"]
    assert laptop_id not in [d["id"] for d in remaining]
    audit = await db.rows("audit_log", action="auth.revoke")
    assert [(a["actor_id"], a["target_id"]) for a in audit] == [
        (world.users["deputy"], str(laptop_id))]

    # Revoking it again: it is gone.
    assert_error(await client.delete(f"{MY_DEVICES}/{laptop_id}", headers=bearer(tablet)),
                 404, "token_not_found")


async def test_i_cannot_revoke_someone_elses_device(client, world, db):
    chair_token = await login_token(client, "chair", "Bục chủ tọa")
    chair_device = (await client.get(MY_DEVICES, headers=bearer(chair_token))).json()["items"]
    chair_device_id = next(d["id"] for d in chair_device if d["current"])
    before = await db.snapshot()
    response = await client.delete(f"{MY_DEVICES}/{chair_device_id}",
                                   headers=world.headers("deputy"))
    assert_error(response, 404, "token_not_found")
    assert await db.snapshot() == before
    assert (await client.get(ME, headers=bearer(chair_token))).status_code == 200


async def test_admin_lists_and_revokes_another_users_device(client, world, db):
    lost_tablet = await login_token(client, "deputy", "Máy tính bảng bị mất")
    listed = await client.get(f"/api/v1/users/{world.users['deputy']}/devices",
                              headers=world.headers("admin"))
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert {d["device_name"] for d in items} == {"test", "Máy tính bảng bị mất"}
    assert all(set(d) == DEVICE_FIELDS and d["current"] is False for d in items)
    lost_id = next(d["id"] for d in items if d["device_name"] == "Máy tính bảng bị mất")

    response = await client.delete(f"/api/v1/users/{world.users['deputy']}/devices/{lost_id}",
                                   headers=world.headers("admin"))
    assert response.status_code == 204
    assert_error(await client.get(ME, headers=bearer(lost_tablet)), 401)
    assert (await client.get(ME, headers=world.headers("deputy"))).status_code == 200
    audit = (await db.rows("audit_log", action="auth.revoke"))[-1]
    assert audit["actor_id"] == world.users["admin"]
    assert json.loads(audit["details"]) == {"user_id": world.users["deputy"]}


async def test_admin_device_endpoints_check_the_owner(client, world, db):
    token = await login_token(client, "deputy", "Máy tính bảng")
    device_id = (await db.rows("auth_tokens", token_hash=token_digest(token)))[0]["id"]
    before = await db.snapshot()
    # The device does not belong to the chair: 404, and it stays valid.
    wrong_owner = await client.delete(f"/api/v1/users/{world.users['chair']}/devices/{device_id}",
                                      headers=world.headers("admin"))
    assert_error(wrong_owner, 404, "token_not_found")
    assert_error(await client.get("/api/v1/users/999999/devices", headers=world.headers("admin")),
                 404, "not_found")
    assert await db.snapshot() == before
    assert (await client.get(ME, headers=bearer(token))).status_code == 200


@pytest.mark.parametrize("who", ["secretary", "deputy", "chair"])
async def test_only_admins_manage_other_peoples_devices(client, world, db, who):
    path = f"/api/v1/users/{world.users['guest']}/devices"
    assert_error(await client.get(path, headers=world.headers(who)), 403, "forbidden")
    guest_device = (await db.rows("auth_tokens", user_id=world.users["guest"]))[0]["id"]
    before = await db.snapshot()
    assert_error(await client.delete(f"{path}/{guest_device}", headers=world.headers(who)),
                 403, "forbidden")
    assert await db.snapshot() == before
    assert (await client.get(ME, headers=world.headers("guest"))).status_code == 200


# --- password change -----------------------------------------------------------------------------

async def test_change_password_revokes_the_other_devices(client, world, db):
    here = await login_token(client, "deputy", "Máy này")
    elsewhere = await login_token(client, "deputy", "Máy khác")
    new_password = "mật-khẩu-mới-2026"
    response = await client.post("/api/v1/me/password", headers=bearer(here),
                                 json={"current_password": PASSWORD, "new_password": new_password})
    assert response.status_code == 204
    assert (await client.get(ME, headers=bearer(here))).status_code == 200
    assert_error(await client.get(ME, headers=bearer(elsewhere)), 401)
    assert_error(await client.get(ME, headers=world.headers("deputy")), 401)
    assert_error(await login(client, "deputy", PASSWORD), 401, "invalid_credentials")
    assert (await login(client, "deputy", new_password)).status_code == 200
    user = (await db.rows("users", id=world.users["deputy"]))[0]
    assert user["password_hash"].startswith("$argon2")
    assert new_password not in user["password_hash"]
    audit = await db.rows("audit_log", action="user.password")
    assert len(audit) == 1 and new_password not in audit[0]["details"]


async def test_change_password_with_a_wrong_current_password_changes_nothing(client, world, db):
    other = await login_token(client, "deputy", "Máy khác")
    before = await db.snapshot()
    response = await client.post("/api/v1/me/password", headers=world.headers("deputy"),
                                 json={"current_password": "sai-roi-nhe",
                                       "new_password": "moi-moi-moi-moi"})
    assert_error(response, 403, "wrong_password")
    assert await db.snapshot() == before
    assert (await client.get(ME, headers=bearer(other))).status_code == 200


@pytest.mark.parametrize("new_password", ["ngan", "11-ky-tu-ne", "mật-khẩu-ôi"])
async def test_change_password_shorter_than_12_characters_is_422(client, world, db, new_password):
    before = await db.snapshot()
    response = await client.post("/api/v1/me/password", headers=world.headers("deputy"),
                                 json={"current_password": PASSWORD, "new_password": new_password})
    error = assert_error(response, 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["body.new_password"]
    assert await db.snapshot() == before


async def test_a_new_password_of_12_characters_is_accepted(client, world):
    response = await client.post("/api/v1/me/password", headers=world.headers("deputy"),
                                 json={"current_password": PASSWORD, "new_password": "mật-khẩu-ôii"})
    assert response.status_code == 204, response.text


# --- language ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("accept_language", "message"), [
    (None, VI_WRONG),
    ("vi", VI_WRONG),
    ("en", EN_WRONG),
    ("en-US,en;q=0.9", EN_WRONG),
    ("fr-FR, en;q=0.5", EN_WRONG),
    ("en;q=0.3, vi;q=0.8", VI_WRONG),
    ("de, fr", VI_WRONG),
])
async def test_messages_follow_accept_language_vietnamese_by_default(
    client, world, accept_language, message
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = await client.post(LOGIN, json={"username": "deputy", "password": "sai"},
                                 headers=headers)
    assert assert_error(response, 401, "invalid_credentials")["message"] == message


async def test_english_for_not_logged_in_and_validation_errors(client, world):
    en = {"Accept-Language": "en"}
    assert assert_error(await client.get(ME, headers=en), 401)["message"] == EN_NOT_LOGGED_IN
    invalid = await client.post(LOGIN, json={}, headers=en)
    assert assert_error(invalid, 422)["message"] == "The submitted data is invalid"
    vi_invalid = await client.post(LOGIN, json={})
    assert assert_error(vi_invalid, 422)["message"] == "Dữ liệu gửi lên không hợp lệ"


# --- logs ----------------------------------------------------------------------------------------

def _everything_logged(records: list[logging.LogRecord]) -> str:
    formatter = JsonFormatter()
    return "\n".join(formatter.format(record) + repr(record.__dict__) for record in records)


async def test_no_password_or_token_in_the_logs(client, world, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="kyhop.access")
    wrong_password = "mat-khau-sai-bi-mat"
    response = await client.post(f"{LOGIN}?token=secret-in-query",
                                 json={"username": "deputy", "password": PASSWORD})
    assert response.status_code == 200
    issued = response.json()["token"]
    assert_error(await client.post(LOGIN, json={"username": "deputy", "password": wrong_password}),
                 401)
    me = await client.get(f"{ME}?token=secret-in-query", headers=bearer(issued))
    assert me.status_code == 200

    access = [r for r in caplog.records if r.name == "kyhop.access"]
    assert len(access) == 3
    first = access[0]
    assert (first.method, first.path, first.status) == ("POST", LOGIN, 200)
    assert access[2].user_id == world.users["deputy"]

    # Everything the server side logged (the test's own HTTP client logs its URLs; not ours).
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = _everything_logged(server_side)
    for secret in ("secret-in-query", PASSWORD, wrong_password, issued):
        assert secret not in logged
