"""Sending e-mail through the SMTP server KYHOP_SMTP_URL names, with the standard library.

smtp://host:25, smtp://user:password@host:587?starttls=1 (STARTTLS), smtps://host:465 (TLS
from the start). The password never reaches a log: errors name the host only."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

TIMEOUT_S = 30.0


class MailError(Exception):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # TLS from the start (smtps)
    starttls: bool
    username: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError("KYHOP_SMTP_URL must look like smtp://host:25 or smtps://host:465")
        tls = parts.scheme == "smtps"
        starttls = parse_qs(parts.query).get("starttls", ["0"])[0] in ("1", "true", "yes")
        return cls(host=parts.hostname, port=parts.port or (465 if tls else 25), tls=tls, starttls=starttls,
                   username=unquote(parts.username or ""), password=unquote(parts.password or ""))


@dataclass(frozen=True)
class Mail:
    to: tuple[str, ...]
    subject: str
    text: str


def _message(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ", ".join(mail.to), mail.subject
    message.set_content(mail.text)  # UTF-8, encoded as the text needs
    return message


def _send_all(server: SmtpServer, sender: str, mails: list[Mail]) -> None:
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP = (smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_S, context=context)
                                if server.tls else smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_S))
        with client:
            if server.starttls:
                client.starttls(context=context)
            if server.username:
                client.login(server.username, server.password)
            for mail in mails:
                client.send_message(_message(mail, sender))
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"sending mail through {server.host}:{server.port} failed: {type(exc).__name__}") from None


async def send(url: str, sender: str, mails: list[Mail]) -> None:
    """Sends every mail over one connection (in a thread: smtplib blocks)."""
    if mails:
        await asyncio.to_thread(_send_all, SmtpServer.from_url(url), sender, mails)
