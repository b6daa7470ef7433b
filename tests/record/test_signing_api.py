"""POST /documents/{id}/sign and GET /documents/{id}/signatures, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select, update

from app.models import AuditEntry, Membership
from app.record.signing import sign_pdf
from app.record.stamp_font import stamp_font
from tests.record.conftest import pdfsig, register_p12, simple_signer
from tests.record.pki import SIGNER_NAME
from tests.record.poppler import pdftotext


async def _sign(client, world, document_id: int, who: str, **body):  # type: ignore[no-untyped-def]
    return await client.post(f"/api/v1/documents/{document_id}/sign", json=body,
                             headers=world.headers(who))


async def _file(client, world, document: dict, who: str = "chair") -> bytes:  # type: ignore[no-untyped-def,type-arg]
    response = await client.get(document["url"], headers=world.headers(who))
    assert response.status_code == 200
    return response.content


async def test_the_chair_and_a_deputy_sign_one_after_the_other(
        app, client, world, pki, signing, uploaded_document, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, document = await uploaded_document()
    assert document["signatures"] == 0
    async with app.state.db.unit_of_work() as uow:
        await uow.session.execute(update(Membership).where(
            Membership.user_id == world.users["chair"]).values(title="Chủ tịch HĐND tỉnh"))
    await register_p12(app, world, "chair", pki.signer, pki)
    await register_p12(app, world, "deputy", pki.signer, pki)

    first = await _sign(client, world, document["id"], "chair", reason="Ký chứng thực")
    assert first.status_code == 201, first.text
    signed = first.json()
    assert (signed["version"], signed["signatures"], signed["id"]) == (2, 1, document["id"])
    second = await _sign(client, world, document["id"], "deputy")
    assert second.status_code == 201, second.text
    assert (second.json()["version"], second.json()["signatures"]) == (3, 2)

    detail = (await client.get(f"/api/v1/documents/{document['id']}",
                               headers=world.headers("deputy"))).json()
    assert [(v["version"], v["signatures"]) for v in detail["versions"]] == [(1, 0), (2, 1), (3, 2)]
    listed = await client.get(f"/api/v1/documents/{document['id']}/signatures",
                              headers=world.headers("guest"))
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert [(i["signer"], i["intact"], i["valid"], i["trusted"], i["problems"]) for i in items] == [
        (SIGNER_NAME, True, True, True, []), (SIGNER_NAME, True, True, True, [])]
    assert items[0]["certificate"]["serial"] == format(pki.signer.certificate.serial_number, "X")
    assert "Kỳ Họp Test Root CA" in items[0]["certificate"]["issuer"]
    older = await client.get(f"/api/v1/documents/{document['id']}/signatures?version=2",
                             headers=world.headers("chair"))
    assert len(older.json()["items"]) == 1

    pdf = await _file(client, world, second.json())
    assert pdfsig(pdf, tmp_path) == ["Signature is Valid.", "Signature is Valid."]
    text = " ".join(pdftotext(pdf).split())
    assert "Ký bởi: Người chair" in text and "Chức vụ: Chủ tịch HĐND tỉnh" in text
    assert "Lý do: Ký chứng thực" in text and "Chức vụ: Đại biểu HĐND" in text
    async with app.state.db.unit_of_work(write=False) as uow:
        audited = list(await uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "document.sign").order_by(AuditEntry.id)))
    assert [a.actor_id for a in audited] == [world.users["chair"], world.users["deputy"]]
    assert format(pki.signer.certificate.serial_number, "X") in audited[0].details


async def test_who_may_sign(app, client, world, pki, signing, uploaded_document) -> None:  # type: ignore[no-untyped-def]
    _, document = await uploaded_document()
    no_key = await _sign(client, world, document["id"], "chair")
    assert no_key.status_code == 409 and no_key.json()["error"]["code"] == "no_signing_key"
    assert "khóa ký số" in no_key.json()["error"]["message"]
    deputy = await _sign(client, world, document["id"], "deputy_no_vote")
    assert deputy.status_code == 409 and deputy.json()["error"]["code"] == "no_signing_key"
    await register_p12(app, world, "guest", pki.signer, pki)
    guest = await _sign(client, world, document["id"], "guest")
    assert guest.status_code == 403 and guest.json()["error"]["code"] == "not_a_signatory"
    assert (await _sign(client, world, document["id"], "outsider")).status_code == 404
    assert (await _sign(client, world, document["id"], "other_secretary")).status_code == 404
    assert (await client.get(f"/api/v1/documents/{document['id']}/signatures",
                             headers=world.headers("outsider"))).status_code == 404
    await register_p12(app, world, "secretary", pki.signer, pki)
    own = await _sign(client, world, document["id"], "secretary", visible=False)
    assert own.status_code == 201 and own.json()["signatures"] == 1
    bad = await _sign(client, world, document["id"], "secretary", visible="yes")
    assert bad.status_code == 422


async def test_signing_is_allowed_after_the_meeting_closed_and_retries_change_nothing(
        app, client, world, pki, signing, uploaded_document) -> None:  # type: ignore[no-untyped-def]
    meeting, document = await uploaded_document()
    chair = world.headers("chair")
    for step in ("start", "close"):
        assert (await client.post(f"/api/v1/meetings/{meeting['id']}/{step}",
                                  headers=chair)).status_code == 200
    await register_p12(app, world, "chair", pki.signer, pki)
    headers = {**chair, "Idempotency-Key": "ky-lan-1"}
    first = await client.post(f"/api/v1/documents/{document['id']}/sign", json={},
                              headers=headers)
    assert first.status_code == 201, first.text
    again = await client.post(f"/api/v1/documents/{document['id']}/sign", json={},
                              headers=headers)
    assert again.status_code == 201 and again.json() == first.json()
    detail = (await client.get(f"/api/v1/documents/{document['id']}", headers=chair)).json()
    assert [v["version"] for v in detail["versions"]] == [1, 2]
    replaced = await client.post(f"/api/v1/documents/{document['id']}/versions",
                                 files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")},
                                 headers=world.headers("secretary"))
    assert replaced.status_code == 409  # other changes to a closed meeting stay refused


async def test_a_pdf_signed_elsewhere_shows_its_signer(
        client, world, pki, signing, uploaded_document, plain_pdf, tmp_path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = await asyncio.to_thread(
        sign_pdf, plain_pdf, signer=simple_signer(pki.revoked, pki), stamp=None,
        when=datetime.now(UTC), font=stamp_font(tmp_path / "fonts"))
    _, document = await uploaded_document(elsewhere)
    assert document["signatures"] == 1
    listed = await client.get(f"/api/v1/documents/{document['id']}/signatures",
                              headers=world.headers("deputy"))
    [item] = listed.json()["items"]
    assert item["signer"] == "Người Bị Thu Hồi"
    assert (item["intact"], item["valid"], item["trusted"]) == (True, False, True)
    assert "revoked" in item["problems"]
