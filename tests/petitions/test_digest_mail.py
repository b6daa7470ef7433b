"""The daily digest by e-mail, through a real SMTP server (aiosmtpd) on this machine: who gets
what, once a day however often it runs, nothing when there is nothing to do, a server that
refuses is retried, and the accounts API keeps the address."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from app.kit import mail
from app.kit.time import vietnam_today
from app.models import DigestSend, User
from app.petitions.digest_mail import send_digests


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(list(envelope.rcpt_tos))
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's start-up check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


async def _emails(app, world, **by_who: str) -> None:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work() as uow:
        for who, address in by_who.items():
            await uow.session.execute(update(User).where(User.id == world.users[who]).values(email=address))


def _settings(app, port: int):  # type: ignore[no-untyped-def]
    return app.state.settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{port}",
                                                 "smtp_from": "Kỳ Họp <kyhop@hdnd.test>"})


async def test_each_agency_and_the_secretariat_get_their_digest_once_a_day(app, world, petitions, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    today = vietnam_today()
    late = await petitions.create("Cử tri đề nghị sửa chữa cầu treo bản Mường")
    await petitions.assign(late["id"], agency="respondent", due_on=(today - timedelta(days=3)).isoformat())
    soon = await petitions.create("Đề nghị cấp nước sạch cho thôn Đông", field="Môi trường")
    await petitions.assign(soon["id"], agency="respondent", due_on=(today + timedelta(days=2)).isoformat())
    far = await petitions.create("Đề nghị xây nhà văn hóa xóm Tây", field="Văn hóa")
    await petitions.assign(far["id"], agency="other_respondent", due_on=(today + timedelta(days=60)).isoformat())
    await _emails(app, world, secretary="thuky@hdnd.test", chair="chutich@hdnd.test",
                  respondent="sotaichinh@hdnd.test", other_respondent="soyte@hdnd.test", deputy="daibieu@hdnd.test")

    settings = _settings(app, port)
    assert await send_digests(app.state.db, settings, today) == 2
    by_rcpt = {tuple(sorted(rcpts)): message for rcpts, message in zip(inbox.envelopes, inbox.messages, strict=True)}
    assert set(by_rcpt) == {("sotaichinh@hdnd.test",), ("chutich@hdnd.test", "thuky@hdnd.test")}, \
        "Sở Y tế has nothing due soon; deputies get no digest"
    agency = by_rcpt[("sotaichinh@hdnd.test",)]
    body = agency.get_content()
    assert "Kiến nghị cử tri cần xử lý" in agency["Subject"] and "Sở Tài chính" in agency["Subject"]
    assert "Quá hạn chưa có kết quả (1)" in body and "quá hạn 3 ngày" in body and "cầu treo bản Mường" in body
    assert "Sắp đến hạn trong 7 ngày (1)" in body and "nước sạch" in body
    assert "nhà văn hóa" not in body, "another agency's petition"
    secretariat = by_rcpt[("chutich@hdnd.test", "thuky@hdnd.test")].get_content()
    assert "cầu treo bản Mường" in secretariat and "Petitions of" in secretariat

    assert await send_digests(app.state.db, settings, today) == 0, "once a day"
    assert len(inbox.messages) == 2
    assert await send_digests(app.state.db, settings, today + timedelta(days=1)) == 2, "and again the next day"


async def test_nothing_to_do_sends_nothing_and_a_refusing_server_is_tried_again(app, world, petitions, smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    today = vietnam_today()
    await _emails(app, world, secretary="thuky@hdnd.test", respondent="sotaichinh@hdnd.test")
    assert await send_digests(app.state.db, _settings(app, port), today) == 0
    late = await petitions.create("Cử tri đề nghị nạo vét kênh tiêu úng")
    await petitions.assign(late["id"], agency="respondent", due_on=(today - timedelta(days=1)).isoformat())
    closed_port = _settings(app, 9)  # the discard port: nothing listens there
    assert await send_digests(app.state.db, closed_port, today) == 0
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(DigestSend)) == 0, "claims given back"
    assert await send_digests(app.state.db, _settings(app, port), today) == 2
    assert not any("kyhop" in str(message) and "password" in str(message) for message in inbox.messages)


def test_the_smtp_address_is_read_with_its_parts() -> None:
    server = mail.SmtpServer.from_url("smtp://th%C6%B0ky:m%E1%BA%ADt@mail.hdnd.test:587?starttls=1")
    assert (server.host, server.port, server.starttls, server.tls) == ("mail.hdnd.test", 587, True, False)
    assert (server.username, server.password) == ("thưky", "mật")
    assert mail.SmtpServer.from_url("smtps://mail.hdnd.test").port == 465
    with pytest.raises(mail.MailError):
        mail.SmtpServer.from_url("http://mail.hdnd.test")


async def test_the_accounts_api_keeps_the_address(client, world) -> None:  # type: ignore[no-untyped-def]
    admin = world.headers("admin")
    made = await client.post("/api/v1/users", headers=admin, json={
        "username": "thuky2", "full_name": "Trần Thị Thư", "password": "mat-khau-dai-du-2026",
        "email": "thuky2@hdnd.test"})
    assert made.status_code == 201, made.text
    assert made.json()["email"] == "thuky2@hdnd.test"
    changed = await client.patch(f"/api/v1/users/{made.json()['id']}", headers=admin, json={"email": ""})
    assert changed.status_code == 200 and changed.json()["email"] == ""
    bad = await client.patch(f"/api/v1/users/{made.json()['id']}", headers=admin, json={"email": "not an address"})
    assert bad.status_code == 422
