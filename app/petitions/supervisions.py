"""Supervisions (giám sát chuyên đề, giải trình, giám sát việc thực hiện nghị quyết) and the
recommendations they leave (kiến nghị sau giám sát).

Who sees what is the petitions' rule (app/petitions/access.py): the council's deputies, chair and
secretariat see every supervision; a respondent sees those of their agency, and in them only the
recommendations addressed to it. A recommendation is a row of `petitions` (kind
'recommendation'), answered and reviewed by the petitions' own `respond` and `review_row`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.errors import Invalid, NotFound
from app.models import (
    Agency,
    Membership,
    Petition,
    Recommendation,
    Supervision,
    SupervisionAgency,
    SupervisionMember,
    SupervisionPetition,
    User,
)
from app.petitions import rules, service
from app.petitions.access import Kind, PetitionReader, petition_access, petition_reader
from app.petitions.schemas import AgencyRef
from app.petitions.similarity import comparable
from app.petitions.supervision_schemas import (
    RecommendationDetail,
    RecommendationOut,
    SupervisionDetail,
    SupervisionOut,
    TeamMember,
)

RECOMMENDATION: Kind = "recommendation"


# --- supervisions ----------------------------------------------------------------------------

async def _check_team(session: AsyncSession, council_id: int, member_ids: list[int]) -> None:
    found = set(await session.scalars(select(Membership.user_id).where(
        Membership.council_id == council_id, Membership.user_id.in_(member_ids),
        Membership.role.in_(service.DEPUTY_ROLES))))
    if missing := [i for i in member_ids if i not in found]:
        raise Invalid("not_a_deputy", details=[{"field": "member_ids", "ids": missing}])


async def _check_agencies(session: AsyncSession, council_id: int, agency_ids: list[int]) -> None:
    found = set(await session.scalars(select(Agency.id).where(
        Agency.council_id == council_id, Agency.id.in_(agency_ids))))
    if missing := [i for i in agency_ids if i not in found]:
        raise Invalid("agency_not_in_council", details=[{"field": "agency_ids", "ids": missing}])


async def create_supervision(session: AsyncSession, *, principal: Principal, council_id: int,
                             fields: dict[str, Any]) -> SupervisionDetail:
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    if fields["ends_on"] is not None and fields["ends_on"] < fields["starts_on"]:
        raise Invalid("supervision_dates_invalid", details=[{"field": "ends_on"}])
    member_ids, agency_ids = sorted(set(fields["member_ids"])), sorted(set(fields["agency_ids"]))
    await _check_team(session, council_id, member_ids)
    await _check_agencies(session, council_id, agency_ids)
    supervision = Supervision(council_id=council_id, title=fields["title"], kind=fields["kind"],
                              starts_on=fields["starts_on"], ends_on=fields["ends_on"],
                              created_by=principal.user.id)
    session.add(supervision)
    await session.flush()
    session.add_all(SupervisionMember(supervision_id=supervision.id, user_id=i) for i in member_ids)
    session.add_all(SupervisionAgency(supervision_id=supervision.id, agency_id=i) for i in agency_ids)
    await record(session, actor=principal.actor, action="supervision.create", target_type="supervision",
                 target_id=supervision.id, council_id=council_id,
                 details={"title": supervision.title, "kind": supervision.kind,
                          "starts_on": supervision.starts_on.isoformat(),
                          "ends_on": _iso(supervision.ends_on), "member_ids": member_ids,
                          "agency_ids": agency_ids})
    return await supervision_detail(session, supervision, reader)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


async def list_supervisions(session: AsyncSession, *, principal: Principal,
                            council_id: int) -> list[SupervisionOut]:
    """Newest first; a respondent: those of their agency."""
    reader = await petition_reader(session, principal, council_id)
    query = select(Supervision).where(Supervision.council_id == council_id)
    if reader.is_respondent:
        query = query.where(Supervision.id.in_(select(SupervisionAgency.supervision_id).where(
            SupervisionAgency.agency_id == reader.agency_id)))
    rows = list(await session.scalars(query.order_by(Supervision.starts_on.desc(), Supervision.id.desc())))
    return await supervisions_out(session, rows)


async def supervisions_out(session: AsyncSession, rows: list[Supervision]) -> list[SupervisionOut]:
    ids = [row.id for row in rows]
    team: dict[int, list[TeamMember]] = {i: [] for i in ids}
    for supervision_id, user_id, full_name in (await session.execute(
            select(SupervisionMember.supervision_id, User.id, User.full_name)
            .join(User, User.id == SupervisionMember.user_id)
            .where(SupervisionMember.supervision_id.in_(ids)).order_by(User.full_name, User.id))).all():
        team[supervision_id].append(TeamMember(user_id=user_id, full_name=full_name))
    agencies: dict[int, list[AgencyRef]] = {i: [] for i in ids}
    for supervision_id, agency_id, name in (await session.execute(
            select(SupervisionAgency.supervision_id, Agency.id, Agency.name)
            .join(Agency, Agency.id == SupervisionAgency.agency_id)
            .where(SupervisionAgency.supervision_id.in_(ids)).order_by(Agency.name, Agency.id))).all():
        agencies[supervision_id].append(AgencyRef(id=agency_id, name=name))
    return [SupervisionOut(id=row.id, council_id=row.council_id, title=row.title, kind=row.kind,
                           starts_on=row.starts_on, ends_on=row.ends_on, team=team[row.id],
                           agencies=agencies[row.id], created_at=row.created_at) for row in rows]


async def _supervision_access(session: AsyncSession, principal: Principal,
                              supervision_id: int) -> tuple[Supervision, PetitionReader]:
    """The supervision and the caller's standing; 404 for a respondent of an agency it does not
    supervise."""
    supervision = await session.get(Supervision, supervision_id)
    if supervision is None:
        raise NotFound()
    reader = await petition_reader(session, principal, supervision.council_id)
    if reader.is_respondent and await session.get(
            SupervisionAgency, (supervision.id, reader.agency_id)) is None:
        raise NotFound()
    return supervision, reader


async def get_supervision(session: AsyncSession, *, principal: Principal,
                          supervision_id: int) -> SupervisionDetail:
    supervision, reader = await _supervision_access(session, principal, supervision_id)
    return await supervision_detail(session, supervision, reader)


async def supervision_detail(session: AsyncSession, supervision: Supervision,
                             reader: PetitionReader) -> SupervisionDetail:
    await session.flush()
    [out] = await supervisions_out(session, [supervision])
    recommendations = [r for r in await session.scalars(
        select(Recommendation).where(Recommendation.supervision_id == supervision.id)
        .order_by(Recommendation.id)) if reader.sees(r)]
    petitions = [p for p in await session.scalars(
        select(Petition).join(SupervisionPetition, SupervisionPetition.petition_id == Petition.id)
        .where(SupervisionPetition.supervision_id == supervision.id).order_by(Petition.id)) if reader.sees(p)]
    return SupervisionDetail(**out.model_dump(), recommendations=await recommendations_out(session, recommendations),
                             petitions=await service.petitions_out(session, petitions))


# --- recommendations -------------------------------------------------------------------------

async def create_recommendation(session: AsyncSession, *, principal: Principal, supervision_id: int,
                                text: str, agency_id: int, due_on: date) -> RecommendationDetail:
    """Addressed to one of the supervised agencies, with a due date: `assigned` at once."""
    supervision, reader = await _supervision_access(session, principal, supervision_id)
    reader.require_manage()
    if await session.get(SupervisionAgency, (supervision.id, agency_id)) is None:
        raise Invalid("agency_not_supervised", details=[{"field": "agency_id"}])
    recommendation = Recommendation(
        council_id=supervision.council_id, supervision_id=supervision.id, text=text, folded=comparable(text),
        field="", locality="", agency_id=agency_id, due_on=due_on, created_by=principal.user.id,
        state=rules.after_classification("received", agency_id=agency_id, due_on=due_on))
    session.add(recommendation)
    await session.flush()
    await record(session, actor=principal.actor, action="recommendation.create", target_type=RECOMMENDATION,
                 target_id=recommendation.id, council_id=supervision.council_id,
                 details={"supervision_id": supervision.id, "agency_id": agency_id, "due_on": due_on.isoformat()})
    return await recommendation_detail(session, recommendation)


async def recommendations_out(session: AsyncSession, rows: list[Recommendation]) -> list[RecommendationOut]:
    """The petitions' own figures (agency, overdue, latest status) with the supervision."""
    outs = await service.petitions_out(session, list(rows))
    return [RecommendationOut(**out.model_dump(include=set(RecommendationOut.model_fields)),
                              supervision_id=row.supervision_id)
            for row, out in zip(rows, outs, strict=True)]


async def recommendation_detail(session: AsyncSession, recommendation: Petition) -> RecommendationDetail:
    await session.flush()
    [out] = await recommendations_out(session, [recommendation])  # type: ignore[list-item]
    responses, reviews = await service.answers_and_reviews(session, recommendation.id, RECOMMENDATION)
    return RecommendationDetail(**out.model_dump(), responses=responses, reviews=reviews)


async def get_recommendation(session: AsyncSession, *, principal: Principal,
                             recommendation_id: int) -> RecommendationDetail:
    recommendation, _ = await petition_access(session, principal, recommendation_id, RECOMMENDATION)
    return await recommendation_detail(session, recommendation)


async def review(session: AsyncSession, *, principal: Principal, recommendation_id: int, accepted: bool,
                 comment: str) -> RecommendationDetail:
    recommendation = await service.review_row(session, principal=principal, petition_id=recommendation_id,
                                              accepted=accepted, comment=comment, kind=RECOMMENDATION)
    return await recommendation_detail(session, recommendation)
