from __future__ import annotations

import pytest

from app.kit.pdfgen import text_pdf


@pytest.fixture
def meeting(new_meeting, client, world):  # type: ignore[no-untyped-def]
    """A published meeting of council A."""

    async def make(**overrides):  # type: ignore[no-untyped-def]
        created = await new_meeting(**overrides)
        response = await client.post(f"/api/v1/meetings/{created['id']}/publish",
                                     headers=world.headers("secretary"))
        assert response.status_code == 200
        return response.json()

    return make


@pytest.fixture
def upload(client, world):  # type: ignore[no-untyped-def]
    async def send(meeting_id: int, content: bytes, filename: str = "Tờ trình số 12.pdf",
                   who: str = "secretary", headers: dict | None = None, **fields):  # type: ignore[no-untyped-def]
        data = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in fields.items()}
        return await client.post(
            f"/api/v1/meetings/{meeting_id}/documents",
            files={"file": (filename, content, "application/pdf")}, data=data,
            headers={**world.headers(who), **(headers or {})})

    return send


@pytest.fixture(scope="session")
def vietnamese_pdf() -> bytes:
    return text_pdf("Tờ trình về thí điểm kỳ họp không giấy", [
        "Phần I. Sự cần thiết\nViệc quản lý đất đai ở các huyện miền núi còn nhiều vướng mắc.",
        "Phần II. Nội dung\nĐề nghị Hội đồng nhân dân tỉnh xem xét, quyết định.",
        "Phần III. Tổ chức thực hiện\nGiao Ủy ban nhân dân tỉnh hướng dẫn thi hành.",
    ])
