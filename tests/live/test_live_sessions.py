"""The login behind an open live channel: the channel is use, and a login that ends closes it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import websockets
from sqlalchemy import update

from app.kit.time import utcnow
from app.models import AuthToken, User
from tests.fixtures.world import PASSWORD
from tests.live.test_live_basics import _published_meeting


async def _token_row(db, token: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    from app.accounts.tokens import token_digest

    return (await db.rows("auth_tokens", token_hash=token_digest(token)))[0]


async def _login(http, username: str) -> str:  # type: ignore[no-untyped-def]
    response = await http.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


async def _add_item(http, world, meeting_id: int) -> None:  # type: ignore[no-untyped-def]
    response = await http.post(f"/api/v1/meetings/{meeting_id}/agenda",
                               headers=world.headers("secretary"), json={"title": "Mục mới"})
    assert response.status_code == 201, response.text


async def _closed_with(tablet, timeout: float = 5) -> int:  # type: ignore[no-untyped-def]
    with pytest.raises(websockets.ConnectionClosed) as closed:
        while True:
            await tablet.receive(timeout)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


async def test_an_open_channel_keeps_its_login_from_going_idle(live_server, http, world, db, app, tablet):  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    deputy = await tablet(meeting_id, "deputy")
    await deputy.receive()  # the snapshot
    idle = timedelta(minutes=app.state.settings.token_idle_minutes)
    # The deputy only watches: no request for longer than the idle limit.
    await db.run(update(AuthToken).where(AuthToken.user_id == world.users["deputy"])
                 .values(last_used_at=utcnow() - idle - timedelta(minutes=1)))
    assert await app.state.live.sessions.check() == 0
    row = await _token_row(db, world.tokens["deputy"])
    assert utcnow() - row["last_used_at"] < timedelta(minutes=1)
    assert (await http.get("/api/v1/me", headers=world.headers("deputy"))).status_code == 200
    # Still connected and following.
    await _add_item(http, world, meeting_id)
    assert (await deputy.receive())["type"] != "snapshot"


async def test_a_login_without_an_open_channel_still_goes_idle(live_server, http, world, db, app, tablet):  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    watcher = await tablet(meeting_id, "deputy")
    await watcher.receive()
    idle = timedelta(minutes=app.state.settings.token_idle_minutes)
    await db.run(update(AuthToken).where(AuthToken.user_id == world.users["chair"])
                 .values(last_used_at=utcnow() - idle - timedelta(minutes=1)))
    await app.state.live.sessions.check()
    response = await http.get("/api/v1/me", headers=world.headers("chair"))
    assert response.status_code == 401
    # ...and an idle login cannot open a channel either.
    await db.run(update(AuthToken).where(AuthToken.user_id == world.users["guest"])
                 .values(last_used_at=utcnow() - idle - timedelta(minutes=1)))
    late = await tablet(meeting_id, "guest")
    assert await _closed_with(late) == 4401


@pytest.mark.parametrize("how", ["logout", "expired", "deactivated", "password_changed"])
async def test_a_login_that_ends_closes_its_channels_with_4401(live_server, http, world, db, app, tablet, how):  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    token = await _login(http, "deputy")
    world.tokens["deputy_tablet"] = token
    ended = await tablet(meeting_id, "deputy_tablet")
    other = await tablet(meeting_id, "deputy_no_vote")
    await ended.receive()
    await other.receive()
    headers = {"Authorization": f"Bearer {token}"}
    if how == "logout":
        assert (await http.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    elif how == "expired":
        await db.run(update(AuthToken).where(AuthToken.user_id == world.users["deputy"])
                     .values(expires_at=utcnow() - timedelta(seconds=1)))
    elif how == "deactivated":
        await db.run(update(User).where(User.id == world.users["deputy"]).values(is_active=False))
    else:
        response = await http.post("/api/v1/me/password", headers=world.headers("deputy"), json={
            "current_password": PASSWORD, "new_password": "mật-khẩu-mới-2026"})
        assert response.status_code == 204, response.text
    assert await app.state.live.sessions.check() == 1
    assert await _closed_with(ended) == 4401
    # Someone else's channel is untouched.
    await _add_item(http, world, meeting_id)
    assert (await other.receive())["type"] != "snapshot"


@pytest.fixture
def checks_every_tenth_of_a_second(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.live.sessions.CHECK_EVERY_S", 0.1)


async def test_each_worker_checks_its_channels_on_its_own(checks_every_tenth_of_a_second, live_server, http, world, tablet):  # type: ignore[no-untyped-def]
    meeting_id = await _published_meeting(http, world)
    token = await _login(http, "deputy")
    world.tokens["deputy_tablet"] = token
    deputy = await tablet(meeting_id, "deputy_tablet")
    await deputy.receive()
    assert (await http.post("/api/v1/auth/logout",
                            headers={"Authorization": f"Bearer {token}"})).status_code == 204
    assert await asyncio.wait_for(_closed_with(deputy), 5) == 4401
