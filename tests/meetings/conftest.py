from __future__ import annotations

import pytest


@pytest.fixture
def new_meeting(client, world):  # type: ignore[no-untyped-def]
    """Creates a meeting in council A as its secretary; returns the JSON."""

    async def make(**overrides):  # type: ignore[no-untyped-def]
        body = {"title": "Kỳ họp thứ mười bốn", "kind": "regular", "public": True,
                "starts_at": "2026-12-08T08:00:00+07:00", "location": "Hội trường tỉnh"}
        body.update(overrides)
        response = await client.post(f"/api/v1/councils/{world.council_a}/meetings", json=body,
                                     headers=world.headers("secretary"))
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def add_item(client, world):  # type: ignore[no-untyped-def]
    async def make(meeting_id: int, title: str, **extra):  # type: ignore[no-untyped-def]
        response = await client.post(f"/api/v1/meetings/{meeting_id}/agenda",
                                     json={"title": title, **extra},
                                     headers=world.headers("secretary"))
        assert response.status_code == 201, response.text
        return response.json()

    return make
