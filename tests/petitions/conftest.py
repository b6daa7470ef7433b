from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def petitions(client, world, respondents):  # type: ignore[no-untyped-def]
    """Helpers for council A's petitions; `respondents` gives Sở Tài chính and Sở Y tế."""

    class Petitions:
        agencies = respondents
        base = f"/api/v1/councils/{world.council_a}/petitions"

        async def create(self, text: str = "Cử tri đề nghị sửa chữa tuyến đường liên xã bị xuống cấp",
                         field: str = "Giao thông", who: str = "secretary", **extra: Any) -> dict[str, Any]:
            answer = await client.post(self.base, headers=world.headers(who),
                                       json={"text": text, "field": field, **extra})
            assert answer.status_code == 201, answer.text
            return answer.json()  # type: ignore[no-any-return]

        async def assign(self, petition_id: int, agency: str = "respondent", due_on: str = "2027-01-31",
                         **extra: Any) -> dict[str, Any]:
            answer = await client.patch(f"/api/v1/petitions/{petition_id}", headers=world.headers("secretary"),
                                        json={"agency_id": respondents[agency], "due_on": due_on, **extra})
            assert answer.status_code == 200, answer.text
            return answer.json()  # type: ignore[no-any-return]

        async def respond(self, petition_id: int, who: str = "respondent", status: str = "resolved",
                          text: str = "Đã sửa chữa xong", **extra: Any):  # type: ignore[no-untyped-def]
            return await client.post(f"/api/v1/petitions/{petition_id}/responses", headers=world.headers(who),
                                     json={"status": status, "text": text, **extra})

        async def review(self, petition_id: int, accepted: bool, who: str = "chair", comment: str = ""):  # type: ignore[no-untyped-def]
            return await client.post(f"/api/v1/petitions/{petition_id}/review", headers=world.headers(who),
                                     json={"accepted": accepted, "comment": comment})

        async def get(self, petition_id: int, who: str = "secretary"):  # type: ignore[no-untyped-def]
            return await client.get(f"/api/v1/petitions/{petition_id}", headers=world.headers(who))

        async def listed(self, who: str = "secretary", **params: Any) -> list[dict[str, Any]]:
            answer = await client.get(self.base, headers=world.headers(who), params=params)
            assert answer.status_code == 200, answer.text
            return answer.json()["items"]  # type: ignore[no-any-return]

    return Petitions()
