"""The daily digest by e-mail (when KYHOP_SMTP_URL is set): each morning after
KYHOP_DIGEST_HOUR (Vietnam's time), each agency's respondents get their agency's digest and the
council's secretariat and chair get the secretariat's — only when there is something to do.

Each (day, council, audience) is claimed in `digest_sends` before it is sent, so several
workers send it once; a failed send gives the claim back and the next hour tries again."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import Database
from app.kit import mail
from app.kit.tasks import BackgroundTask
from app.kit.time import VIETNAM, utcnow
from app.models import Agency, Council, DigestSend, Membership, User
from app.petitions.digest import Digest, DigestItem, digest
from app.petitions.report import ReportRow
from app.petitions.report_service import report_rows

log = logging.getLogger("kyhop.petitions")
TICK_S = 600.0
SECRETARIAT = "secretariat"
SECRETARIAT_ROLES = ("secretary", "chair")
EXCERPT = 160


@dataclass(frozen=True)
class Letter:
    council_id: int
    audience: str
    mail: mail.Mail


def _line(item: DigestItem) -> str:
    text = " ".join(item.text.split())
    text = text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …"
    due = f"hạn {item.due_on:%d/%m/%Y}" if item.due_on else "chưa có hạn"
    late = f", quá hạn {-item.days_left} ngày" if item.days_left is not None and item.days_left < 0 else ""
    agency = f" — {item.agency}" if item.agency else ""
    return f"- Số {item.id} ({due}{late}{agency}): {text}"


def compose(found: Digest, *, council: str, addressee: str) -> str | None:
    """The mail's text, Vietnamese first; None when there is nothing to do."""
    review = found.awaiting_review or []
    if not (found.overdue or found.due_soon or review):
        return None
    parts = [f"Kính gửi {addressee},", "",
             f"Tình hình kiến nghị cử tri của {council} đến ngày {found.as_of:%d/%m/%Y}:", ""]
    for title, items in ((f"Quá hạn chưa có kết quả ({len(found.overdue)})", found.overdue),
                         (f"Sắp đến hạn trong {found.remind_days} ngày ({len(found.due_soon)})", found.due_soon),
                         (f"Đã trả lời, chờ Thường trực xem xét ({len(review)})", review)):
        if items:
            parts += [title + ":", *(_line(item) for item in items), ""]
    if found.unassigned:
        parts += [f"Chưa giao cơ quan giải quyết: {found.unassigned} kiến nghị.", ""]
    parts += ["—", f"Petitions of {council} as of {found.as_of:%Y-%m-%d}: {len(found.overdue)} overdue, "
              f"{len(found.due_soon)} due within {found.remind_days} days, {len(review)} awaiting review.",
              "", "Kỳ Họp"]
    return "\n".join(parts)


async def _addresses(session: AsyncSession, council_id: int) -> tuple[list[str], dict[int, list[str]]]:
    """The secretariat's addresses, and each agency's respondents'."""
    rows = await session.execute(
        select(Membership.role, Membership.agency_id, User.email).join(User, User.id == Membership.user_id)
        .where(Membership.council_id == council_id, User.is_active.is_(True), User.email != "")
        .order_by(User.id))
    secretariat: list[str] = []
    agencies: dict[int, list[str]] = defaultdict(list)
    for role, agency_id, email in rows:
        if role in SECRETARIAT_ROLES and email not in secretariat:
            secretariat.append(email)
        elif role == "respondent" and agency_id is not None:
            agencies[agency_id].append(email)
    return secretariat, agencies


def _letter(council: Council, audience: str, to: list[str], found: Digest, addressee: str) -> Letter | None:
    text = compose(found, council=council.name, addressee=addressee)
    if text is None or not to:
        return None
    subject = f"[Kỳ Họp] Kiến nghị cử tri cần xử lý — {addressee} — {found.as_of:%d/%m/%Y}"
    return Letter(council.id, audience, mail.Mail(to=tuple(to), subject=subject, text=text))


async def letters(session: AsyncSession, today: date) -> list[Letter]:
    """Today's digests of every sitting council, with their recipients."""
    found: list[Letter] = []
    for council in await session.scalars(select(Council).where(Council.dissolved_on.is_(None)).order_by(Council.id)):
        secretariat, agency_addresses = await _addresses(session, council.id)
        if not secretariat and not agency_addresses:
            continue
        rows = await report_rows(session, [council.id])
        by_agency: dict[int, list[ReportRow]] = defaultdict(list)
        for row in rows:
            if row.agency_id is not None:
                by_agency[row.agency_id].append(row)
        letter = _letter(council, SECRETARIAT, secretariat, digest(rows, council_id=council.id, today=today),
                         f"Thường trực {council.name}")
        found += [letter] if letter else []
        names = dict((await session.execute(select(Agency.id, Agency.name).where(
            Agency.id.in_(list(agency_addresses))))).all())
        for agency_id, to in agency_addresses.items():
            letter = _letter(council, f"agency:{agency_id}", to,
                             digest(by_agency[agency_id], council_id=council.id, today=today, agency_id=agency_id),
                             names.get(agency_id, ""))
            found += [letter] if letter else []
    return found


async def _claim(db: Database, day: date, letter: Letter) -> bool:
    try:
        async with db.unit_of_work() as uow:
            uow.session.add(DigestSend(day=day, council_id=letter.council_id, audience=letter.audience,
                                       recipients=len(letter.mail.to), sent_at=utcnow()))
    except IntegrityError:
        return False  # another worker has it
    return True


async def _give_back(db: Database, day: date, letter: Letter) -> None:
    async with db.unit_of_work() as uow:
        await uow.session.execute(delete(DigestSend).where(
            DigestSend.day == day, DigestSend.council_id == letter.council_id,
            DigestSend.audience == letter.audience))


async def send_digests(db: Database, settings: Settings, today: date) -> int:
    """Sends today's digests that nobody sent yet; the number of mails sent."""
    async with db.unit_of_work(write=False) as uow:
        pending = await letters(uow.session, today)
    sent = 0
    for letter in pending:
        if not await _claim(db, today, letter):
            continue
        try:
            await mail.send(settings.smtp_url, settings.smtp_from, [letter.mail])
        except mail.MailError as exc:
            log.warning("the petitions digest of council %s (%s) was not sent: %s",
                        letter.council_id, letter.audience, exc)
            await _give_back(db, today, letter)
            continue
        sent += 1
    return sent


class DigestMailer:
    """Wakes every ten minutes; after the digest hour, sends what today still owes."""

    def __init__(self, db: Database, settings: Settings, tick_s: float = TICK_S) -> None:
        self.db, self.settings, self.tick_s = db, settings, tick_s
        self._task = BackgroundTask()

    def start(self) -> None:
        if self.settings.smtp_url:
            self._task.start(self._loop)

    async def stop(self) -> None:
        await self._task.stop()

    async def _loop(self) -> None:
        while True:
            now: datetime = utcnow().astimezone(VIETNAM)
            if now.hour >= self.settings.digest_hour:
                try:
                    await send_digests(self.db, self.settings, now.date())
                except Exception:
                    log.exception("the petitions digest could not be prepared")
            await asyncio.sleep(self.tick_s)
