"""A council's public record as OParl objects, built from its rows. Only what the public may
see: published public meetings (also once ended), their public agenda items and the documents
that are not confidential; closed polls' results as a guest sees them (never who chose what in a
secret poll). Objects are built bottom-up so each one can embed the objects below it, with their
`created` and `modified` as the ledger settled them (see ledger.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.time import VIETNAM
from app.meetings.agenda_rules import hidden_from_guests, layout
from app.models import (
    Agency,
    AgendaItem,
    BlobDigest,
    Committee,
    Council,
    CouncilSuccession,
    Document,
    DocumentVersion,
    Meeting,
    Membership,
    Poll,
    Resolution,
    Term,
    User,
)
from app.oparl import urls
from app.oparl.urls import Kind
from app.voting import export
from app.voting.views import options_of, to_out

# Deputies (the chair is one) and the officials who answer them hold public office; the
# secretariat's staff and guests are not published.
PUBLISHED_ROLES = ("chair", "deputy", "respondent")
LISTED_STATES = ("published", "in_progress", "closed")

PAPER_TYPES = {
    "proposal": "Tờ trình", "draft_resolution": "Dự thảo nghị quyết",
    "review_report": "Báo cáo thẩm tra", "report": "Báo cáo", "resolution": "Nghị quyết",
    "minutes": "Biên bản", "other": "Tài liệu khác",
}
MEETING_STATES = {"published": "Đã triệu tập", "in_progress": "Đang họp", "closed": "Đã bế mạc"}
ROLE_NAMES = {"chair": "Chủ tọa", "deputy": "Đại biểu", "respondent": "Người trả lời chất vấn"}
COMMITTEE_TYPES = {"standing": "Thường trực Hội đồng nhân dân", "board": "Ban của Hội đồng nhân dân",
                   "delegation": "Tổ đại biểu", "other": "Tổ chức khác"}
UNIT_NAMES = {"province": "Tỉnh", "city": "Thành phố trực thuộc trung ương", "commune": "Xã",
              "ward": "Phường", "special_zone": "Đặc khu", "district": "Huyện (đã giải thể)"}


@dataclass(frozen=True)
class Built:
    kind: Kind
    key: str
    obj: dict[str, Any]
    created_at: datetime
    version_id: int | None = None

    @property
    def path(self) -> str:
        return self.kind.path(self.key)


Embed = Callable[[str], dict[str, Any] | None]


def prune(value: Any) -> Any:
    """No `null`, `""` or `[]` for an optional field (OParl 1.1 §2.6)."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value


def pruned(obj: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = prune(obj)
    return result


def local_date(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).date().isoformat()


def local_time(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


@dataclass
class CouncilRecord:
    """Every public row of one council, loaded in a few queries."""

    council: Council
    predecessors: list[int] = field(default_factory=list)
    successors: list[int] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    memberships: list[tuple[Membership, User]] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    items: dict[int, list[AgendaItem]] = field(default_factory=dict)  # meeting id → layout order
    numbers: dict[int, str] = field(default_factory=dict)
    documents: list[tuple[Document, DocumentVersion]] = field(default_factory=list)
    sha512: dict[str, str] = field(default_factory=dict)
    polls: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # item id → VoteEvents
    outcomes: dict[int, str] = field(default_factory=dict)  # item id → last poll's outcome
    resolutions: dict[int, Resolution] = field(default_factory=dict)  # document id → public resolution
    _grouped: dict[int, list[Document]] | None = field(default=None, repr=False)

    def of_item(self, item_id: int) -> list[Document]:
        return self._by_item().get(item_id, [])

    def of_meeting_only(self, meeting_id: int) -> list[Document]:
        """The meeting's documents that belong to no agenda item."""
        return self._by_item().get(-meeting_id, [])

    def _by_item(self) -> dict[int, list[Document]]:
        # Keyed by item id, or by minus the meeting id for documents of no item.
        if self._grouped is None:
            self._grouped = {}
            for document, _ in self.documents:
                key = document.agenda_item_id or -document.meeting_id
                self._grouped.setdefault(key, []).append(document)
        return self._grouped


async def load(session: AsyncSession, council: Council) -> CouncilRecord:
    record = CouncilRecord(council)
    for predecessor_id, successor_id in (await session.execute(
            select(CouncilSuccession.predecessor_id, CouncilSuccession.successor_id).where(
                (CouncilSuccession.predecessor_id == council.id)
                | (CouncilSuccession.successor_id == council.id)))).all():
        if successor_id == council.id:
            record.predecessors.append(predecessor_id)
        else:
            record.successors.append(successor_id)
    record.terms = list(await session.scalars(
        select(Term).where(Term.council_id == council.id).order_by(Term.id)))
    record.committees = list(await session.scalars(
        select(Committee).where(Committee.council_id == council.id).order_by(Committee.id)))
    record.agencies = list(await session.scalars(
        select(Agency).where(Agency.council_id == council.id).order_by(Agency.id)))
    record.memberships = [(m, u) for m, u in (await session.execute(
        select(Membership, User).join(User, User.id == Membership.user_id).where(
            Membership.council_id == council.id, Membership.role.in_(PUBLISHED_ROLES),
            User.is_active.is_(True)).order_by(Membership.id))).all()]
    record.meetings = list(await session.scalars(select(Meeting).where(
        Meeting.council_id == council.id, Meeting.public.is_(True),
        Meeting.state.in_(LISTED_STATES)).order_by(Meeting.id)))
    meeting_ids = [meeting.id for meeting in record.meetings]
    if not meeting_ids:
        return record
    items = list(await session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id.in_(meeting_ids))))
    public_items: set[int] = set()
    by_meeting: dict[int, list[AgendaItem]] = {meeting_id: [] for meeting_id in meeting_ids}
    for item in items:
        by_meeting[item.meeting_id].append(item)
    for meeting_id, own in by_meeting.items():
        hidden = hidden_from_guests(own)
        by_id = {item.id: item for item in own}
        placed = [p for p in layout(own) if p.id not in hidden]
        record.items[meeting_id] = [by_id[p.id] for p in placed]
        record.numbers.update({p.id: p.number for p in placed})
        public_items.update(p.id for p in placed)
    record.documents = [(d, v) for d, v in (await session.execute(
        select(Document, DocumentVersion).join(DocumentVersion, (
            DocumentVersion.document_id == Document.id)
            & (DocumentVersion.version == Document.current_version)).where(
            Document.meeting_id.in_(meeting_ids), Document.confidential.is_(False),
            DocumentVersion.status != "failed").order_by(Document.id))).all()
        if d.agenda_item_id is None or d.agenda_item_id in public_items]
    hashes = {version.sha256 for _, version in record.documents}
    record.sha512 = dict((await session.execute(select(BlobDigest.sha256, BlobDigest.sha512).where(
        BlobDigest.sha256.in_(hashes)))).all()) if hashes else {}
    await _load_polls(session, record, public_items)
    document_ids = [document.id for document, _ in record.documents]
    record.resolutions = {r.document_id: r for r in await session.scalars(select(Resolution).where(
        Resolution.public.is_(True), Resolution.document_id.in_(document_ids)))
        if r.document_id is not None} if document_ids else {}
    return record


async def _load_polls(session: AsyncSession, record: CouncilRecord, public_items: set[int]) -> None:
    meetings = {meeting.id: meeting for meeting in record.meetings}
    polls = [poll for poll in await session.scalars(select(Poll).where(
        Poll.meeting_id.in_(list(meetings)), Poll.state == "closed", Poll.result.is_not(None))
        .order_by(Poll.closed_at, Poll.id)) if poll.agenda_item_id in public_items]
    options = await options_of(session, [poll.id for poll in polls])
    for poll in polls:
        out = to_out(poll, options[poll.id])
        event = export.to_popolo(out, meetings[poll.meeting_id])
        event["motion"]["text"] = poll.title
        result = json.loads(poll.result or "{}")
        # to_popolo lists the result's votes in their order: each voter is a Person here.
        for vote, cast in zip(event.get("votes", []), result.get("votes") or [], strict=True):
            vote["voter_id"] = urls.PERSON.path(_person_key(record, cast["user_id"]))
        # The result as guests receive it live (never the named votes, which are in `votes`),
        # so a client can draw it as the app does.
        event["kyhop:result"] = {key: value for key, value in result.items() if key != "votes"}
        record.polls.setdefault(poll.agenda_item_id, []).append(prune(event))
        record.outcomes[poll.agenda_item_id] = export.outcome_label(result)


def _plenary(council_id: int) -> str:
    return urls.ORGANIZATION.path(f"c{council_id}")


def _membership_org(record: CouncilRecord, membership: Membership) -> str:
    if membership.role == "respondent" and membership.agency_id is not None:
        return urls.ORGANIZATION.path(f"a{membership.agency_id}")
    if membership.committee_id is not None:
        return urls.ORGANIZATION.path(f"k{membership.committee_id}")
    return _plenary(record.council.id)


def _person_key(record: CouncilRecord, user_id: int) -> str:
    return f"{record.council.id}-{user_id}"


def legislative_terms(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for term in record.terms:
        yield Built(urls.LEGISLATIVE_TERM, str(term.id), {
            "body": urls.BODY.path(record.council.id), "name": term.name,
            "startDate": term.starts_on.isoformat(),
            "endDate": term.ends_on.isoformat() if term.ends_on else None,
        }, term.created_at)


def locations(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for meeting in record.meetings:
        if meeting.location.strip():
            yield Built(urls.LOCATION, str(meeting.id), {
                "description": meeting.location, "meetings": [urls.MEETING.path(meeting.id)],
            }, meeting.created_at)


def files(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for document, version in record.documents:
        yield Built(urls.FILE, str(document.id), {
            "name": document.title, "fileName": version.filename, "mimeType": "application/pdf",
            "date": local_date(version.created_at), "size": version.size,
            "sha512Checksum": record.sha512.get(version.sha256),
            "accessUrl": urls.access_path(document.id),
            "downloadUrl": urls.download_path(document.id),
            "meeting": [urls.MEETING.path(document.meeting_id)],
            "agendaItem": [urls.AGENDA_ITEM.path(document.agenda_item_id)]
            if document.agenda_item_id else None,
            "paper": [urls.PAPER.path(document.id)],
        }, document.created_at, version_id=version.id)


def consultations(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for document, _ in record.documents:
        if document.agenda_item_id is not None:
            yield Built(urls.CONSULTATION, str(document.id), {
                "paper": urls.PAPER.path(document.id),
                "agendaItem": urls.AGENDA_ITEM.path(document.agenda_item_id),
                "meeting": urls.MEETING.path(document.meeting_id),
                "organization": [_plenary(record.council.id)],
            }, document.created_at)


def memberships(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    terms = {term.id: term for term in record.terms}
    for membership, _ in record.memberships:
        term = terms.get(membership.term_id) if membership.term_id else None
        yield Built(urls.MEMBERSHIP, str(membership.id), {
            "person": urls.PERSON.path(_person_key(record, membership.user_id)),
            "organization": _membership_org(record, membership),
            "role": membership.title or ROLE_NAMES[membership.role],
            "votingRight": membership.voting_right,
            "startDate": term.starts_on.isoformat() if term else None,
            "endDate": term.ends_on.isoformat() if term and term.ends_on else None,
        }, membership.created_at)


def _files_with_one_apart(embed: Embed, documents: list[Document], kind: str) -> tuple[Any, list[Any]]:
    """The documents' Files: the first of `kind` (a resolution, the minutes), and the others."""
    apart, others = None, []
    for document in documents:
        file = embed(urls.FILE.path(document.id))
        if document.kind == kind and apart is None:
            apart = file
        else:
            others.append(file)
    return apart, others


def agenda_items(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    first_consultation: dict[int, str] = {}
    for document, _ in record.documents:
        if document.agenda_item_id is not None:
            first_consultation.setdefault(document.agenda_item_id,
                                          urls.CONSULTATION.path(document.id))
    for meeting in record.meetings:
        for order, item in enumerate(record.items.get(meeting.id, [])):
            resolution, auxiliary = _files_with_one_apart(embed, record.of_item(item.id),
                                                          "resolution")
            yield Built(urls.AGENDA_ITEM, str(item.id), {
                "meeting": urls.MEETING.path(meeting.id), "number": record.numbers[item.id],
                "order": order, "name": item.title, "public": True,
                "consultation": first_consultation.get(item.id),
                "result": record.outcomes.get(item.id),
                "resolutionFile": resolution, "auxiliaryFile": auxiliary,
                "kyhop:voteEvents": record.polls.get(item.id),
            }, item.created_at)


def meetings(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for meeting in record.meetings:
        protocol, auxiliary = _files_with_one_apart(embed, record.of_meeting_only(meeting.id),
                                                    "minutes")
        yield Built(urls.MEETING, str(meeting.id), {
            "name": meeting.title, "meetingState": MEETING_STATES[meeting.state],
            "start": local_time(meeting.starts_at),
            "end": local_time(meeting.ends_at) if meeting.ends_at else None,
            "location": embed(urls.LOCATION.path(meeting.id)),
            "organization": [_plenary(record.council.id)],
            "resultsProtocol": protocol, "auxiliaryFile": auxiliary,
            "agendaItem": [embed(urls.AGENDA_ITEM.path(item.id))
                           for item in record.items.get(meeting.id, [])],
        }, meeting.created_at)


def papers(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    for document, _ in record.documents:
        # The text of a resolution in the register: a Nghị quyết with its number and date.
        resolution = record.resolutions.get(document.id)
        yield Built(urls.PAPER, str(document.id), {
            "body": urls.BODY.path(record.council.id), "name": resolution.title if resolution else document.title,
            "reference": resolution.number if resolution else None,
            "date": resolution.adopted_on.isoformat() if resolution else local_date(document.created_at),
            "paperType": PAPER_TYPES["resolution" if resolution else document.kind],
            "mainFile": embed(urls.FILE.path(document.id)),
            "consultation": [embed(urls.CONSULTATION.path(document.id))]
            if document.agenda_item_id is not None else None,
        }, document.created_at)


def persons(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    by_user: dict[int, list[Membership]] = {}
    names: dict[int, User] = {}
    for membership, user in record.memberships:
        by_user.setdefault(user.id, []).append(membership)
        names[user.id] = user
    for user_id, held in by_user.items():
        user = names[user_id]
        yield Built(urls.PERSON, _person_key(record, user_id), {
            "body": urls.BODY.path(record.council.id), "name": user.full_name,
            "status": sorted({m.title for m in held if m.title}),
            "membership": [embed(urls.MEMBERSHIP.path(m.id)) for m in held],
        }, min(m.created_at for m in held))


def organizations(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    council = record.council
    members: dict[str, list[str]] = {}
    for membership, _ in record.memberships:
        members.setdefault(_membership_org(record, membership), []).append(
            urls.MEMBERSHIP.path(membership.id))
    plenary = _plenary(council.id)
    yield Built(urls.ORGANIZATION, f"c{council.id}", {
        "body": urls.BODY.path(council.id), "name": council.name,
        "organizationType": "Hội đồng nhân dân", "classification": "council",
        "membership": members.get(plenary), "endDate": council.dissolved_on.isoformat()
        if council.dissolved_on else None,
    }, council.created_at)
    for committee in record.committees:
        path = urls.ORGANIZATION.path(f"k{committee.id}")
        yield Built(urls.ORGANIZATION, f"k{committee.id}", {
            "body": urls.BODY.path(council.id), "name": committee.name,
            "organizationType": COMMITTEE_TYPES[committee.kind], "classification": committee.kind,
            "subOrganizationOf": plenary, "membership": members.get(path),
        }, committee.created_at)
    for agency in record.agencies:
        path = urls.ORGANIZATION.path(f"a{agency.id}")
        yield Built(urls.ORGANIZATION, f"a{agency.id}", {
            "body": urls.BODY.path(council.id), "name": agency.name,
            "organizationType": "Cơ quan", "classification": agency.kind,
            "subOrganizationOf": urls.ORGANIZATION.path(f"a{agency.parent_id}")
            if agency.parent_id else None,
            "membership": members.get(path),
        }, agency.created_at)


def body(record: CouncilRecord, embed: Embed) -> Iterator[Built]:
    council = record.council
    lists = {kind.name[0].lower() + kind.name[1:]: urls.body_list_path(council.id, kind)
             for kind in urls.KINDS if kind.body_list}
    yield Built(urls.BODY, str(council.id), {
        "system": urls.SYSTEM_PATH, "name": council.name, "shortName": council.code,
        "classification": UNIT_NAMES[council.unit_kind],
        "organization": lists["organization"], "person": lists["person"],
        "membership": lists["membership"], "meeting": lists["meeting"],
        "agendaItem": lists["agendaItem"], "paper": lists["paper"],
        "consultation": lists["consultation"], "file": lists["file"],
        "locationList": lists["location"], "legislativeTermList": lists["legislativeTerm"],
        "legislativeTerm": [embed(urls.LEGISLATIVE_TERM.path(term.id)) for term in record.terms],
        "kyhop:level": council.level,
        "kyhop:dissolvedOn": council.dissolved_on.isoformat() if council.dissolved_on else None,
        "kyhop:parentBody": urls.BODY.path(council.parent_id) if council.parent_id else None,
        "kyhop:predecessorBodies": [urls.BODY.path(i) for i in sorted(record.predecessors)],
        "kyhop:successorBodies": [urls.BODY.path(i) for i in sorted(record.successors)],
    }, council.created_at)


# Bottom-up: each stage embeds only objects of the stages before it.
STAGES: tuple[Callable[[CouncilRecord, Embed], Iterator[Built]], ...] = (
    legislative_terms, locations, files, consultations, memberships, agenda_items, meetings,
    papers, persons, organizations, body,
)
