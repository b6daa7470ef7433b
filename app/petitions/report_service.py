"""Loading the petitions report: who may read it, the rows it is computed from, and the files.

Who reads what: the council's deputies, chair and secretariat read the whole report; a
respondent reads their agency's part; the province's Thường trực (oversight of a commune) reads
the figures without the overdue list, since that list quotes the voters' words. Guests: 403."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.councils.access import OVERSIGHT_ROLES, council_access
from app.documents.runtime import DocumentRuntime
from app.errors import Forbidden, Invalid
from app.kit.fonts import serif_family
from app.kit.time import VIETNAM, vietnam_today
from app.models import Agency, Council, Membership, Petition, PetitionResponse, PetitionSource, User, VoterMeeting
from app.petitions.access import petition_reader
from app.petitions.digest import Digest, digest
from app.petitions.report import CouncilFiguresList, Report, ReportRow, figures, summarize
from app.petitions.report_files import report_pdf, report_xlsx

MAX_PERIOD_YEARS = 10  # two terms of a council: more is a mistyped year, and a very long trend
ReportFormat = Literal["json", "xlsx", "pdf"]
MEDIA_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "pdf": "application/pdf"}


@dataclass(frozen=True)
class ReportScope:
    council: Council
    agency_id: int | None = None  # a respondent's agency: only its petitions
    with_items: bool = True  # False for the province's oversight: figures only


async def report_scope(session: AsyncSession, principal: Principal, council_id: int) -> ReportScope:
    access = await council_access(session, principal, council_id)
    if access.oversight:
        return ReportScope(council=access.council, with_items=False)
    reader = await petition_reader(session, principal, council_id)
    return ReportScope(council=reader.council, agency_id=reader.agency_id)


def period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The report's period, both days included: by default from 1 January to today."""
    start = start or date((end or today).year, 1, 1)
    end = end or max(today, start)
    if start > end:
        raise Invalid("period_reversed", details=[{"field": "from"}, {"field": "to"}])
    if end.year - start.year > MAX_PERIOD_YEARS:
        raise Invalid("period_too_long", years=MAX_PERIOD_YEARS, details=[{"field": "from"}, {"field": "to"}])
    return start, end


async def report_rows(session: AsyncSession, council_ids: list[int],
                      agency_id: int | None = None) -> list[ReportRow]:
    """Every voters' petition of the councils still standing on its own (merged ones count in
    their target), with its latest answer's status and the day it was received: the first voter
    meeting that raised it, else the day it was recorded (Vietnam's calendar)."""
    latest = (select(PetitionResponse.petition_id, func.max(PetitionResponse.id).label("response_id"))
              .group_by(PetitionResponse.petition_id).subquery())
    heard = (select(PetitionSource.petition_id, func.min(VoterMeeting.held_on).label("held_on"))
             .join(VoterMeeting, VoterMeeting.id == PetitionSource.voter_meeting_id)
             .group_by(PetitionSource.petition_id).subquery())
    query = (select(Petition.id, Petition.council_id, Petition.text, Petition.state, PetitionResponse.status,
                    Petition.agency_id, Agency.name, Petition.field, Petition.level, Petition.due_on,
                    Petition.created_at, Petition.closed_at, heard.c.held_on)
             .outerjoin(Agency, Agency.id == Petition.agency_id)
             .outerjoin(latest, latest.c.petition_id == Petition.id)
             .outerjoin(PetitionResponse, PetitionResponse.id == latest.c.response_id)
             .outerjoin(heard, heard.c.petition_id == Petition.id)
             .where(Petition.council_id.in_(council_ids), Petition.kind == "petition",
                    Petition.merged_into_id.is_(None))
             .order_by(Petition.id))
    if agency_id is not None:
        query = query.where(Petition.agency_id == agency_id)
    return [_report_row(values) for values in await session.execute(query)]


def _report_row(values: Sequence[Any]) -> ReportRow:
    """By position: a Row's attributes by name cost more than the rest of the loop (20,000 rows)."""
    (id_, council, text, state, status, agency_id, agency, field, level, due_on, created_at, closed_at,
     held_on) = values
    return ReportRow(id=id_, council_id=council, text=text, state=state, status=status, agency_id=agency_id,
                     agency=agency, field=field, level=level, due_on=due_on,
                     received_on=held_on or created_at.astimezone(VIETNAM).date(),
                     closed_on=closed_at.astimezone(VIETNAM).date() if closed_at else None)


async def petition_report(session: AsyncSession, *, principal: Principal, council_id: int,
                          start: date | None, end: date | None) -> Report:
    scope = await report_scope(session, principal, council_id)
    today = vietnam_today()
    first, last = period(start, end, today)
    rows = await report_rows(session, [council_id], scope.agency_id)
    return summarize(rows, council_id=council_id, council=scope.council.name, start=first, end=last,
                     today=today, with_items=scope.with_items)


async def commune_figures(session: AsyncSession, *, principal: Principal, council_id: int,
                          start: date | None, end: date | None) -> CouncilFiguresList:
    """A province's communes side by side (API.md: the province reads its communes' petition
    figures without another login): the figures of each, never a petition's text."""
    access = await council_access(session, principal, council_id)
    if not access.has_role(OVERSIGHT_ROLES):
        raise Forbidden()
    today = vietnam_today()
    first, last = period(start, end, today)
    communes = list(await session.scalars(select(Council).where(Council.parent_id == council_id)
                                          .order_by(Council.name, Council.id)))
    rows: dict[int, list[ReportRow]] = defaultdict(list)
    for row in await report_rows(session, [c.id for c in communes]):
        rows[row.council_id].append(row)
    return CouncilFiguresList(period_from=first, period_to=last, as_of=today, items=[
        figures(summarize(rows[c.id], council_id=c.id, council=c.name, start=first, end=last, today=today,
                          with_items=False)) for c in communes])


async def chair_name(session: AsyncSession, council_id: int) -> str:
    """Who signs for the Thường trực: the council's chair (the first, if several are recorded)."""
    name = await session.scalar(select(User.full_name).join(Membership, Membership.user_id == User.id)
                                .where(Membership.council_id == council_id, Membership.role == "chair")
                                .order_by(Membership.user_id).limit(1))
    return name or ""


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    media_type: str


async def report_file(session: AsyncSession, report: Report, fmt: Literal["xlsx", "pdf"],
                      runtime: DocumentRuntime) -> ReportFile:
    filename = f"bao-cao-kien-nghi-cu-tri-{report.period_from}-{report.period_to}.{fmt}"
    if fmt == "xlsx":
        content = await asyncio.to_thread(report_xlsx, report)
    else:
        signer = await chair_name(session, report.council_id)
        fonts = serif_family(runtime.settings.serif_font_dir)
        content = await asyncio.to_thread(report_pdf, report, fonts, signer)
    return ReportFile(content, filename, MEDIA_TYPES[fmt])


async def petition_digest(session: AsyncSession, *, principal: Principal, council_id: int) -> Digest:
    """Today's digest for whoever asks: a respondent gets their agency's, the council's
    deputies, chair and secretariat the secretariat's."""
    reader = await petition_reader(session, principal, council_id)
    rows = await report_rows(session, [council_id], reader.agency_id)
    return digest(rows, council_id=council_id, today=vietnam_today(), agency_id=reader.agency_id)
