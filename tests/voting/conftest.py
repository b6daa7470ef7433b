from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.accounts.tokens import new_token, token_digest
from app.kit.time import utcnow
from app.models import Attendance, AuthToken, Membership, User


@dataclass
class Hall:
    """A meeting in progress with one agenda item, its chair and deputy checked in."""

    meeting_id: int
    item_id: int


@pytest.fixture
async def hall(client, world, new_meeting, add_item) -> Hall:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Nghị quyết về dự toán ngân sách năm 2027")
    secretary = world.headers("secretary")
    for action in ("publish", "start"):
        response = await client.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
        assert response.status_code == 200, response.text
    for who in ("chair", "deputy"):
        response = await client.post(f"/api/v1/meetings/{meeting['id']}/check-in",
                                     headers=world.headers(who))
        assert response.status_code == 200, response.text
    return Hall(meeting_id=meeting["id"], item_id=item["id"])


@pytest.fixture
def new_poll(client, world, hall):  # type: ignore[no-untyped-def]
    async def make(**overrides):  # type: ignore[no-untyped-def]
        body = {"title": "Thông qua Nghị quyết dự toán ngân sách năm 2027", "preset": "resolution",
                **overrides}
        response = await client.post(f"/api/v1/agenda-items/{hall.item_id}/polls", json=body,
                                     headers=world.headers("chair"))
        assert response.status_code == 201, response.text
        return response.json()

    return make


async def add_deputies(app, council_id: int, meeting_id: int, count: int, *,  # type: ignore[no-untyped-def]
                       present: bool = True) -> list[tuple[int, str]]:
    """`count` more deputies with a voting right, checked in; (user id, token) each."""
    people: list[tuple[int, str]] = []
    async with app.state.db.unit_of_work() as uow:
        session = uow.session
        users = [User(username=f"dai.bieu.{n:04d}", full_name=f"Đại biểu số {n:04d}",
                      password_hash="-", is_active=True, is_admin=False) for n in range(count)]
        session.add_all(users)
        await session.flush()
        now = utcnow()
        for user in users:
            token = new_token()
            session.add(Membership(council_id=council_id, user_id=user.id, role="deputy",
                                   voting_right=True))
            session.add(AuthToken(user_id=user.id, token_hash=token_digest(token), device_name="test",
                                  last_used_at=now, expires_at=now + timedelta(days=1)))
            if present:
                session.add(Attendance(meeting_id=meeting_id, user_id=user.id, status="present",
                                       reason="", checked_in_at=now, updated_at=now,
                                       marked_by=user.id))
            people.append((user.id, token))
    return people


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
