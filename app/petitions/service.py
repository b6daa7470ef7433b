"""Voter meetings and petitions: recording, classifying, merging, answering, reviewing.

Every write is audited in the caller's transaction; nothing here commits. Petitions belong to a
council, not to a meeting, so they are not on a meeting's live channel: the web app reads them
by REST (docs/petitions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, func, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.documents.attached_pdf import AttachedPdf
from app.documents.storage import BlobStore
from app.errors import Conflict, Invalid, NotFound
from app.kit.time import utcnow, vietnam_today
from app.models import (
    Agency,
    Council,
    Meeting,
    Membership,
    Petition,
    PetitionResponse,
    PetitionReview,
    PetitionSource,
    VoterMeeting,
    VoterMeetingDeputy,
)
from app.petitions import rules
from app.petitions.access import Kind, PetitionReader, petition_access, petition_reader
from app.petitions.escalation_links import escalations_of
from app.petitions.schemas import (
    AgencyRef,
    AttachmentOut,
    PetitionDetail,
    PetitionOut,
    PublicPetition,
    ResponseOut,
    ReviewOut,
    SimilarOut,
    SourceOut,
    VoterMeetingOut,
)
from app.petitions.similarity import comparable, most_similar

if TYPE_CHECKING:
    from app.petitions.candidates import CandidateTexts

CLASSIFICATION = ("level", "needs_resources", "agency_id", "due_on", "field")
DEPUTY_ROLES = ("deputy", "chair")
# Voters' petitions only: the same table holds supervisions' recommendations (kind 'recommendation').
VOTERS = Petition.kind == "petition"


# --- voter meetings --------------------------------------------------------------------------

async def create_voter_meeting(session: AsyncSession, *, principal: Principal, council_id: int,
                               fields: dict[str, Any]) -> VoterMeetingOut:
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    deputy_ids = sorted(set(fields["deputy_ids"]))
    if deputy_ids:
        found = set(await session.scalars(select(Membership.user_id).where(
            Membership.council_id == council_id, Membership.user_id.in_(deputy_ids),
            Membership.role.in_(DEPUTY_ROLES))))
        if missing := [i for i in deputy_ids if i not in found]:
            raise Invalid("not_a_deputy", details=[{"field": "deputy_ids", "ids": missing}])
    if fields["meeting_id"] is not None:
        meeting = await session.get(Meeting, fields["meeting_id"])
        if meeting is None or meeting.council_id != council_id:
            raise Invalid("meeting_not_in_council", details=[{"field": "meeting_id"}])
    voter_meeting = VoterMeeting(
        council_id=council_id, held_on=fields["held_on"], place=fields["place"], unit=fields["unit"],
        voters=fields["voters"], meeting_id=fields["meeting_id"], timing=fields["when"],
        created_by=principal.user.id)
    session.add(voter_meeting)
    await session.flush()
    session.add_all(VoterMeetingDeputy(voter_meeting_id=voter_meeting.id, user_id=i) for i in deputy_ids)
    await record(session, actor=principal.actor, action="voter_meeting.create", target_type="voter_meeting",
                 target_id=voter_meeting.id, council_id=council_id,
                 details={**fields, "held_on": fields["held_on"].isoformat(), "deputy_ids": deputy_ids})
    [out] = await voter_meetings_out(session, [voter_meeting])
    return out


async def list_voter_meetings(session: AsyncSession, *, principal: Principal,
                              council_id: int) -> list[VoterMeetingOut]:
    reader = await petition_reader(session, principal, council_id)
    if reader.is_respondent:
        raise NotFound()
    rows = list(await session.scalars(select(VoterMeeting).where(VoterMeeting.council_id == council_id)
                                      .order_by(VoterMeeting.held_on.desc(), VoterMeeting.id.desc())))
    return await voter_meetings_out(session, rows)


async def voter_meetings_out(session: AsyncSession, rows: list[VoterMeeting]) -> list[VoterMeetingOut]:
    ids = [row.id for row in rows]
    deputies: dict[int, list[int]] = {i: [] for i in ids}
    for voter_meeting_id, user_id in (await session.execute(
            select(VoterMeetingDeputy.voter_meeting_id, VoterMeetingDeputy.user_id)
            .where(VoterMeetingDeputy.voter_meeting_id.in_(ids))
            .order_by(VoterMeetingDeputy.user_id))).all():
        deputies[voter_meeting_id].append(user_id)
    counts = dict((await session.execute(
        select(PetitionSource.voter_meeting_id, func.count(func.distinct(PetitionSource.petition_id)))
        .where(PetitionSource.voter_meeting_id.in_(ids)).group_by(PetitionSource.voter_meeting_id))).all())
    return [VoterMeetingOut(id=row.id, council_id=row.council_id, held_on=row.held_on, place=row.place,
                            unit=row.unit, deputy_ids=deputies[row.id], voters=row.voters,
                            meeting_id=row.meeting_id, when=row.timing,
                            petitions=counts.get(row.id, 0))
            for row in rows]


async def voter_meeting_of(session: AsyncSession, council_id: int, voter_meeting_id: int | None) -> None:
    if voter_meeting_id is None:
        return
    found = await session.get(VoterMeeting, voter_meeting_id)
    if found is None or found.council_id != council_id:
        raise Invalid("voter_meeting_not_in_council", details=[{"field": "voter_meeting_id"}])


# --- petitions -------------------------------------------------------------------------------

def new_petition(*, council_id: int, text: str, field: str, locality: str, created_by: int | None,
                 **classification: Any) -> Petition:
    petition = Petition(council_id=council_id, text=text, folded=comparable(text), field=field,
                        locality=locality, created_by=created_by, state="received", **classification)
    petition.state = rules.after_classification("received", agency_id=petition.agency_id,
                                                due_on=petition.due_on)
    return petition


async def create_petition(session: AsyncSession, *, principal: Principal, council_id: int,
                          text: str, field: str, locality: str, voter_meeting_id: int | None) -> PetitionDetail:
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    await voter_meeting_of(session, council_id, voter_meeting_id)
    petition = new_petition(council_id=council_id, text=text, field=field, locality=locality,
                            created_by=principal.user.id)
    session.add(petition)
    await session.flush()
    session.add(PetitionSource(petition_id=petition.id, voter_meeting_id=voter_meeting_id, text=text,
                               locality=locality))
    await record(session, actor=principal.actor, action="petition.create", target_type="petition",
                 target_id=petition.id, council_id=council_id,
                 details={"field": field, "locality": locality, "voter_meeting_id": voter_meeting_id})
    return await petition_detail(session, petition)


@dataclass(frozen=True)
class Filters:
    state: str | None = None
    agency_id: int | None = None
    field: str | None = None
    level: str | None = None
    overdue: bool | None = None
    q: str | None = None


def overdue_condition(today: date) -> Any:
    return and_(Petition.due_on.is_not(None), Petition.due_on < today, Petition.state != "closed")


def filtered(query: Select[Any], filters: Filters, today: date) -> Select[Any]:
    if filters.state is not None:
        query = query.where(Petition.state == filters.state)
    if filters.agency_id is not None:
        query = query.where(Petition.agency_id == filters.agency_id)
    if filters.field is not None:
        query = query.where(Petition.field == filters.field)
    if filters.level is not None:
        query = query.where(Petition.level == filters.level)
    if filters.overdue is not None:
        condition = overdue_condition(today)
        query = query.where(condition if filters.overdue else not_(condition))
    for term in comparable(filters.q or "").split():
        query = query.where(Petition.folded.contains(term, autoescape=True))
    return query


async def list_petitions(session: AsyncSession, *, principal: Principal, council_id: int, filters: Filters,
                         after: int | None, limit: int) -> list[PetitionOut]:
    reader = await petition_reader(session, principal, council_id)
    query = select(Petition).where(Petition.council_id == council_id, VOTERS,
                                   Petition.merged_into_id.is_(None))
    if reader.is_respondent:
        query = query.where(Petition.agency_id == reader.agency_id)
    if after is not None:
        query = query.where(Petition.id > after)
    query = filtered(query, filters, vietnam_today()).order_by(Petition.id).limit(limit)
    return await petitions_out(session, list(await session.scalars(query)))


async def petitions_out(session: AsyncSession, petitions: list[Petition]) -> list[PetitionOut]:
    ids = [p.id for p in petitions]
    agency_ids = {p.agency_id for p in petitions if p.agency_id is not None}
    agencies = {a.id: a for a in await session.scalars(select(Agency).where(Agency.id.in_(agency_ids)))}
    sources = dict((await session.execute(
        select(PetitionSource.petition_id, func.count()).where(PetitionSource.petition_id.in_(ids))
        .group_by(PetitionSource.petition_id))).all())
    latest = await latest_responses(session, ids)
    today = vietnam_today()
    return [PetitionOut(
        id=p.id, council_id=p.council_id, text=p.text, field=p.field, locality=p.locality,
        level=p.level, needs_resources=p.needs_resources,
        agency=AgencyRef(id=p.agency_id, name=agencies[p.agency_id].name) if p.agency_id in agencies else None,
        due_on=p.due_on, state=p.state,
        overdue=rules.is_overdue(p.state, p.due_on, today),
        status=latest[p.id].status if p.id in latest else None,
        merged_into_id=p.merged_into_id, source_count=sources.get(p.id, 0), created_at=p.created_at,
        answered_at=p.answered_at, closed_at=p.closed_at) for p in petitions]


async def latest_responses(session: AsyncSession, petition_ids: list[int]) -> dict[int, PetitionResponse]:
    newest = (select(PetitionResponse.petition_id, func.max(PetitionResponse.id).label("id"))
              .where(PetitionResponse.petition_id.in_(petition_ids))
              .group_by(PetitionResponse.petition_id).subquery())
    rows = await session.scalars(select(PetitionResponse).join(newest, newest.c.id == PetitionResponse.id))
    return {r.petition_id: r for r in rows}


async def petition_detail(session: AsyncSession, petition: Petition) -> PetitionDetail:
    await session.flush()
    [out] = await petitions_out(session, [petition])
    sources = (await session.execute(
        select(PetitionSource, VoterMeeting).outerjoin(VoterMeeting, VoterMeeting.id == PetitionSource.voter_meeting_id)
        .where(PetitionSource.petition_id == petition.id).order_by(PetitionSource.id))).all()
    responses, reviews = await answers_and_reviews(session, petition.id, "petition")
    return PetitionDetail(
        **out.model_dump(),
        sources=[SourceOut(id=s.id, voter_meeting_id=s.voter_meeting_id, held_on=v.held_on if v else None,
                           place=v.place if v else "", text=s.text, locality=s.locality) for s, v in sources],
        responses=responses, reviews=reviews, escalations=await escalations_of(session, petition.id))


async def answers_and_reviews(session: AsyncSession, petition_id: int,
                              kind: Kind) -> tuple[list[ResponseOut], list[ReviewOut]]:
    """A petition's (or a recommendation's) responses and reviews, oldest first."""
    responses = await session.scalars(select(PetitionResponse).where(PetitionResponse.petition_id == petition_id)
                                      .order_by(PetitionResponse.id))
    reviews = await session.scalars(select(PetitionReview).where(PetitionReview.petition_id == petition_id)
                                    .order_by(PetitionReview.id))
    return ([response_out(r, kind) for r in responses],
            [ReviewOut.model_validate(r, from_attributes=True) for r in reviews])


def response_out(response: PetitionResponse, kind: Kind) -> ResponseOut:
    attachment = None
    if response.attachment_sha256 is not None:
        attachment = AttachmentOut(
            filename=response.attachment_filename, size=response.attachment_size or 0,
            url=f"/api/v1/{kind}s/{response.petition_id}/responses/{response.id}/file")
    return ResponseOut.model_validate(response, from_attributes=True).model_copy(update={"attachment": attachment})


async def get_petition(session: AsyncSession, *, principal: Principal, petition_id: int) -> PetitionDetail:
    petition, _ = await petition_access(session, principal, petition_id)
    return await petition_detail(session, petition)


async def _managed(session: AsyncSession, principal: Principal, petition_id: int) -> tuple[Petition, PetitionReader]:
    petition, reader = await petition_access(session, principal, petition_id)
    reader.require_manage()
    require_not_merged(petition)
    return petition, reader


def require_not_merged(petition: Petition) -> None:
    if petition.merged_into_id is not None:
        raise Conflict("petition_merged", id=petition.merged_into_id)


# --- duplicates ------------------------------------------------------------------------------

async def similar(session: AsyncSession, *, principal: Principal, council_id: int, text: str,
                  limit: int, candidates: CandidateTexts) -> list[SimilarOut]:
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    hits = most_similar(text, await candidates.of(session, council_id), limit=limit)
    found = {p.id: p for p in await session.scalars(select(Petition).where(Petition.id.in_([i for i, _ in hits])))}
    return [SimilarOut(id=i, text=found[i].text, state=found[i].state, score=score)
            for i, score in hits]


async def merge(session: AsyncSession, *, principal: Principal, petition_id: int,
                petition_ids: list[int]) -> PetitionDetail:
    """The others join `petition_id`: their sources move to it and they point to it."""
    target, reader = await _managed(session, principal, petition_id)
    other_ids = sorted(set(petition_ids) - {target.id})
    if not other_ids:
        raise Invalid("merge_nothing", details=[{"field": "petition_ids"}])
    others = list(await session.scalars(select(Petition).where(Petition.id.in_(other_ids), VOTERS)))
    visible = [p for p in others if reader.sees(p)]
    if len(visible) != len(other_ids):
        missing = sorted(set(other_ids) - {p.id for p in visible})
        raise NotFound("petition_not_found", details={"ids": missing})
    for petition in visible:
        require_not_merged(petition)
    rules.require_mergeable(target.state, [p.state for p in visible])
    sources = list(await session.scalars(select(PetitionSource).where(PetitionSource.petition_id.in_(other_ids))))
    for source in sources:
        source.petition_id = target.id
    now = utcnow()
    for petition in visible:
        petition.merged_into_id, petition.updated_at = target.id, now
    target.updated_at = now
    await record(session, actor=principal.actor, action="petition.merge", target_type="petition",
                 target_id=target.id, council_id=target.council_id,
                 details={"merged_ids": other_ids, "sources_moved": len(sources)})
    return await petition_detail(session, target)


# --- classification and assignment ----------------------------------------------------------

async def _check_agency(session: AsyncSession, council_id: int, changes: dict[str, Any]) -> None:
    agency_id = changes.get("agency_id")
    if agency_id is not None:
        agency = await session.get(Agency, agency_id)
        if agency is None or agency.council_id != council_id:
            raise Invalid("agency_not_in_council", details=[{"field": "agency_id"}])


def _apply(petition: Petition, changes: dict[str, Any]) -> dict[str, Any]:
    """Sets what changes; returns {field: [old, new]} of what did."""
    moves = {k for k in ("agency_id", "due_on") if k in changes and changes[k] != getattr(petition, k)}
    if moves:
        rules.require_reassignable(petition.state)
    if changes.get("field", "") is None:
        raise Invalid("field_required", details=[{"field": "field"}])
    changed: dict[str, Any] = {}
    for key, value in changes.items():
        old = getattr(petition, key)
        if old != value:
            changed[key] = [_plain(old), _plain(value)]
            setattr(petition, key, value)
    petition.state = rules.after_classification(petition.state, agency_id=petition.agency_id,
                                                due_on=petition.due_on)
    if changed:
        petition.updated_at = utcnow()
    return changed


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


async def classify(session: AsyncSession, *, principal: Principal, petition_id: int,
                   changes: dict[str, Any]) -> PetitionDetail:
    petition, _ = await _managed(session, principal, petition_id)
    await _check_agency(session, petition.council_id, changes)
    state = petition.state
    changed = _apply(petition, changes)
    await record(session, actor=principal.actor, action="petition.classify", target_type="petition",
                 target_id=petition.id, council_id=petition.council_id,
                 details={"changed": changed, "state": [state, petition.state]})
    return await petition_detail(session, petition)


async def bulk_classify(session: AsyncSession, *, principal: Principal, council_id: int,
                        petition_ids: list[int], changes: dict[str, Any]) -> list[PetitionOut]:
    """The same classification or assignment for many petitions at once: all or none."""
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    await _check_agency(session, council_id, changes)
    ids = sorted(set(petition_ids))
    petitions = list(await session.scalars(select(Petition).where(
        Petition.id.in_(ids), Petition.council_id == council_id, VOTERS).order_by(Petition.id)))
    if len(petitions) != len(ids):
        missing = sorted(set(ids) - {p.id for p in petitions})
        raise NotFound("petition_not_found", details={"ids": missing})
    changed = {}
    for petition in petitions:
        require_not_merged(petition)
        changed[str(petition.id)] = _apply(petition, changes)
    await record(session, actor=principal.actor, action="petition.classify_many", target_type="council",
                 target_id=council_id, council_id=council_id,
                 details={"petition_ids": ids, "changes": {k: _plain(v) for k, v in changes.items()},
                          "changed": changed})
    await session.flush()
    return await petitions_out(session, petitions)


# --- answers and reviews ---------------------------------------------------------------------

async def respond(session: AsyncSession, *, principal: Principal, petition_id: int, status: str, text: str,
                  plan_due_on: date | None, kind: Kind, store: BlobStore,
                  pdf: AttachedPdf | None) -> ResponseOut:
    """The agency's answer to a voters' petition or (`kind`) a supervision's recommendation,
    with its letter as an optional PDF."""
    petition, reader = await petition_access(session, principal, petition_id, kind)
    reader.require_answer(petition)
    require_not_merged(petition)
    rules.require_answerable(petition.state)
    rules.check_response(status, plan_due_on)
    response = PetitionResponse(petition_id=petition.id, status=status, text=text,
                                plan_due_on=plan_due_on if status == "in_progress" else None,
                                agency_id=petition.agency_id, responded_by=principal.user.id)
    if pdf is not None:
        await store.commit(pdf.blob)
        response.attachment_sha256, response.attachment_size = pdf.blob.sha256, pdf.blob.size
        response.attachment_filename = pdf.stored_name(f"tra-loi-kien-nghi-{petition.id}.pdf")
    session.add(response)
    petition.state, petition.answered_at = "answered", utcnow()
    petition.updated_at = petition.answered_at
    await session.flush()
    await record(session, actor=principal.actor, action=f"{kind}.respond", target_type=kind,
                 target_id=petition.id, council_id=petition.council_id,
                 details={"response_id": response.id, "status": status, "agency_id": petition.agency_id,
                          "plan_due_on": _plain(response.plan_due_on), "pdf": response.attachment_sha256})
    return response_out(response, kind)


async def response_attachment(session: AsyncSession, *, principal: Principal, petition_id: int,
                              response_id: int, kind: Kind) -> tuple[str, str]:
    """An answer's PDF: (sha256, filename), for whoever may read the petition; else 404."""
    petition, _ = await petition_access(session, principal, petition_id, kind)
    response = await session.get(PetitionResponse, response_id)
    if response is None or response.petition_id != petition.id or response.attachment_sha256 is None:
        raise NotFound()
    return response.attachment_sha256, response.attachment_filename


async def review(session: AsyncSession, *, principal: Principal, petition_id: int, accepted: bool,
                 comment: str) -> PetitionDetail:
    petition = await review_row(session, principal=principal, petition_id=petition_id, accepted=accepted,
                                comment=comment, kind="petition")
    return await petition_detail(session, petition)


async def review_row(session: AsyncSession, *, principal: Principal, petition_id: int, accepted: bool,
                     comment: str, kind: Kind) -> Petition:
    """The Thường trực's review of the latest answer to a petition or a recommendation."""
    petition, reader = await petition_access(session, principal, petition_id, kind)
    reader.require_review()
    require_not_merged(petition)
    petition.state = rules.after_review(petition.state, accepted=accepted)
    latest = (await latest_responses(session, [petition.id])).get(petition.id)
    session.add(PetitionReview(petition_id=petition.id, response_id=latest.id if latest else None,
                               accepted=accepted, comment=comment, reviewed_by=principal.user.id))
    now = utcnow()
    petition.closed_at = now if accepted else None
    petition.updated_at = now
    await record(session, actor=principal.actor, action=f"{kind}.review", target_type=kind,
                 target_id=petition.id, council_id=petition.council_id,
                 details={"accepted": accepted, "comment": comment, "response_id": latest.id if latest else None})
    return petition


# --- the public ------------------------------------------------------------------------------

async def public_petitions(session: AsyncSession, *, council_id: int, after: int | None,
                           limit: int) -> list[PublicPetition]:
    """Closed petitions with the accepted answer: the compiled text, its field and place, the
    agency; never the voter meetings, the people or the reviewers."""
    if await session.get(Council, council_id) is None:
        raise NotFound()
    query = select(Petition).where(Petition.council_id == council_id, VOTERS, Petition.state == "closed",
                                   Petition.merged_into_id.is_(None))
    if after is not None:
        query = query.where(Petition.id > after)
    petitions = list(await session.scalars(query.order_by(Petition.id).limit(limit)))
    outs = {o.id: o for o in await petitions_out(session, petitions)}
    answers = await latest_responses(session, list(outs))
    return [PublicPetition(
        id=p.id, text=p.text, field=p.field, locality=p.locality, level=p.level,
        agency=outs[p.id].agency.name if outs[p.id].agency else None,  # type: ignore[union-attr]
        status=outs[p.id].status, answer=answers[p.id].text if p.id in answers else "",
        closed_at=p.closed_at) for p in petitions]

