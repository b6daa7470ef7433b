"""A council with a public record to publish, and with what must never be published beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select

from app.kit.pdfgen import text_pdf
from app.models import Agency, Committee, Membership, Term

SECRET_WORDS = ("Hồ sơ mật về nhân sự", "Phiên họp kín về kỷ luật", "Kỳ họp chuyên đề kín",
                "Tài liệu của phiên kín", "Kỳ họp còn là dự thảo")


@dataclass
class PublicRecord:
    meeting_id: int
    item_id: int
    closed_item_id: int
    proposal_id: int
    report_id: int
    minutes_id: int
    confidential_id: int
    hidden_document_id: int
    closed_meeting_id: int
    draft_meeting_id: int
    polls: dict[str, int] = field(default_factory=dict)


def pdf(title: str) -> bytes:
    return text_pdf(title, [f"{title}\nĐề nghị Hội đồng nhân dân tỉnh xem xét, quyết định."])


@pytest.fixture
def upload_pdf(client, world):  # type: ignore[no-untyped-def]
    async def send(meeting_id: int, title: str, kind: str = "proposal", **fields):  # type: ignore[no-untyped-def]
        data = {"title": title, "kind": kind,
                **{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in fields.items()}}
        response = await client.post(
            f"/api/v1/meetings/{meeting_id}/documents", data=data,
            files={"file": (f"{title}.pdf", pdf(title), "application/pdf")},
            headers=world.headers("secretary"))
        assert response.status_code == 201, response.text
        return response.json()

    return send


async def _poll(client, world, item_id: int, *, secret: bool) -> int:  # type: ignore[no-untyped-def]
    chair = world.headers("chair")
    created = await client.post(f"/api/v1/agenda-items/{item_id}/polls", headers=chair, json={
        "title": "Biểu quyết kín" if secret else "Thông qua Nghị quyết", "preset": "resolution",
        "secret": secret})
    assert created.status_code == 201, created.text
    poll = created.json()
    assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)).status_code == 200
    yes = poll["options"][0]["id"]
    for who in ("chair", "deputy"):
        cast = await client.post(f"/api/v1/polls/{poll['id']}/ballots", json={"option_ids": [yes]},
                                 headers=world.headers(who))
        assert cast.status_code == 201, cast.text
    closed = await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)
    assert closed.status_code == 200, closed.text
    return int(poll["id"])


@pytest.fixture
async def public_record(app, client, world, new_meeting, add_item, upload_pdf) -> PublicRecord:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work() as uow:
        session = uow.session
        term = Term(council_id=world.council_a, name="Khóa XIX (2026–2031)",
                    starts_on=date(2026, 3, 15))
        committee = Committee(council_id=world.council_a, name="Ban Kinh tế - Ngân sách",
                              kind="board")
        agency = Agency(council_id=world.council_a, name="Sở Tài chính", kind="department")
        session.add_all([term, committee, agency])
        await session.flush()
        session.add(Membership(council_id=world.council_a, user_id=world.users["admin"],
                               role="respondent", title="Giám đốc Sở Tài chính",
                               agency_id=agency.id))
        deputy = await session.scalar(select(Membership).where(
            Membership.council_id == world.council_a, Membership.user_id == world.users["deputy"]))
        deputy.committee_id, deputy.term_id, deputy.title = committee.id, term.id, "Ủy viên"
    secretary = world.headers("secretary")
    meeting = await new_meeting(title="Kỳ họp thứ mười bốn", location="Hội trường tỉnh")
    item = await add_item(meeting["id"], "Nghị quyết về dự toán ngân sách năm 2027")
    closed_item = await add_item(meeting["id"], SECRET_WORDS[1], public=False)
    await add_item(meeting["id"], "Mục con của phiên kín", parent_id=closed_item["id"])
    proposal = await upload_pdf(meeting["id"], "Tờ trình dự toán ngân sách",
                                agenda_item_id=item["id"])
    confidential = await upload_pdf(meeting["id"], SECRET_WORDS[0], agenda_item_id=item["id"],
                                    confidential=True)
    hidden = await upload_pdf(meeting["id"], SECRET_WORDS[3], agenda_item_id=closed_item["id"])
    report = await upload_pdf(meeting["id"], "Báo cáo kinh tế - xã hội", kind="report")
    minutes = await upload_pdf(meeting["id"], "Biên bản kỳ họp", kind="minutes")
    closed_meeting = await new_meeting(title=SECRET_WORDS[2], public=False)
    draft_meeting = await new_meeting(title=SECRET_WORDS[4])
    for meeting_id in (meeting["id"], closed_meeting["id"]):
        for action in ("publish", "start"):
            answer = await client.post(f"/api/v1/meetings/{meeting_id}/{action}", headers=secretary)
            assert answer.status_code == 200, answer.text
    await upload_pdf(closed_meeting["id"], "Tài liệu kỳ họp kín")
    for who in ("chair", "deputy"):
        answer = await client.post(f"/api/v1/meetings/{meeting['id']}/check-in",
                                   headers=world.headers(who))
        assert answer.status_code == 200, answer.text
    record = PublicRecord(
        meeting_id=meeting["id"], item_id=item["id"], closed_item_id=closed_item["id"],
        proposal_id=proposal["id"], report_id=report["id"], minutes_id=minutes["id"],
        confidential_id=confidential["id"], hidden_document_id=hidden["id"],
        closed_meeting_id=closed_meeting["id"], draft_meeting_id=draft_meeting["id"])
    record.polls["open"] = await _poll(client, world, item["id"], secret=False)
    record.polls["secret"] = await _poll(client, world, item["id"], secret=True)
    return record
