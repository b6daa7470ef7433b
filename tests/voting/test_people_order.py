"""Lists of people come in Vietnamese order (given name, then middle, then family name, ICU `vi`):
members, attendance, the not-yet-voted list and the named votes alike."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.passwords import hash_password_sync
from app.models import Membership, User

# written in code point order on purpose: that order is wrong
NAMES = ["Nguyễn Văn Hoàng", "Trần Thị Hà", "Lê Phan", "Đỗ Văn Phạm", "Vũ Thị Đặng", "Hồ Dương",
         "Bùi Thị Ánh", "Phạm Anh"]
EXPECTED = ["Phạm Anh", "Bùi Thị Ánh", "Hồ Dương", "Vũ Thị Đặng", "Trần Thị Hà", "Nguyễn Văn Hoàng",
            "Đỗ Văn Phạm", "Lê Phan"]


@pytest.fixture
async def deputies(app, world) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {}
    async with app.state.db.unit_of_work() as uow:
        for number, name in enumerate(NAMES):
            user = User(username=f"dbieu{number}", full_name=name, is_active=True, is_admin=False,
                        password_hash=hash_password_sync("mat-khau-dai-bieu"))
            uow.session.add(user)
            await uow.session.flush()
            uow.session.add(Membership(council_id=world.council_a, user_id=user.id, role="deputy",
                                       voting_right=True))
            ids[name] = user.id
        # the world's own seated people get names in the same alphabet, to sort among them
        for who, name in (("chair", "Trương Văn Yên"), ("deputy", "Mai Thị Ý")):
            user = await uow.session.scalar(select(User).where(User.id == world.users[who]))
            user.full_name = name
    return ids


def names(items: list[dict], *, among: list[str] = NAMES) -> list[str]:
    return [item["full_name"] for item in items if item["full_name"] in among]


async def test_attendance_and_members_in_vietnamese_order(client, world, deputies, new_meeting) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    await client.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=world.headers("secretary"))
    attendance = (await client.get(f"/api/v1/meetings/{meeting['id']}/attendance",
                                   headers=world.headers("secretary"))).json()
    assert names(attendance["items"]) == EXPECTED
    assert [i["full_name"] for i in attendance["items"]][-2:] == ["Mai Thị Ý", "Trương Văn Yên"]
    members = (await client.get(f"/api/v1/councils/{world.council_a}/members",
                                headers=world.headers("secretary"))).json()["items"]
    assert members[0]["role"] == "chair" and members[1]["role"] == "secretary"
    assert names(members) == EXPECTED


async def test_voters_and_named_votes_in_vietnamese_order(client, world, deputies, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    done = await client.post(f"/api/v1/meetings/{hall.meeting_id}/attendance/present",
                             json={"except_user_ids": []}, headers=secretary)
    assert done.status_code == 200, done.text
    poll = await new_poll()
    assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=world.headers("chair"))).status_code == 200
    voters = (await client.get(f"/api/v1/polls/{poll['id']}/voters", headers=world.headers("chair"))).json()
    assert names(voters["items"]) == EXPECTED
    for name in reversed(NAMES):  # cast in another order than the expected one
        login = await client.post("/api/v1/auth/login", json={
            "username": f"dbieu{NAMES.index(name)}", "password": "mat-khau-dai-bieu", "device_name": "t"})
        token = login.json()["token"]
        cast = await client.post(f"/api/v1/polls/{poll['id']}/ballots",
                                 json={"option_ids": [poll["options"][0]["id"]]},
                                 headers={"Authorization": f"Bearer {token}",
                                          "Idempotency-Key": f"k-{NAMES.index(name)}"})
        assert cast.status_code == 201, cast.text
    await client.post(f"/api/v1/polls/{poll['id']}/close", headers=world.headers("chair"))
    result = (await client.get(f"/api/v1/polls/{poll['id']}", headers=secretary)).json()["result"]
    assert names(result["votes"]) == EXPECTED
