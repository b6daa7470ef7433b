"""Bodies and answers of the petition endpoints (API.md, "Voter petitions and supervision")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Day, Id, NoNul
from app.petitions.rules import Level, State, Status

PetitionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000), NoNul]
FieldName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), NoNul]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul]
Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), NoNul]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000), NoNul]
ManyIds = Annotated[list[Id], Field(max_length=500)]


class VoterMeetingCreate(BaseModel):
    model_config = STRICT_INPUT

    held_on: Day
    place: Place
    unit: Short = ""
    deputy_ids: ManyIds = Field(default_factory=list)
    voters: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    meeting_id: Id | None = None
    when: Literal["before", "after"]


class VoterMeetingOut(BaseModel):
    id: int
    council_id: int
    held_on: date
    place: str
    unit: str
    deputy_ids: list[int]
    voters: int | None
    meeting_id: int | None
    when: Literal["before", "after"]
    petitions: int = Field(description="petitions heard there (merged ones counted once)")


class VoterMeetingList(BaseModel):
    items: list[VoterMeetingOut]


class PetitionCreate(BaseModel):
    model_config = STRICT_INPUT

    text: PetitionText
    field: FieldName
    locality: Short = ""
    voter_meeting_id: Id | None = None


class PetitionUpdate(BaseModel):
    """Classification and assignment; a field left out keeps its value, null clears it."""

    model_config = STRICT_INPUT

    level: Level | None = None
    needs_resources: bool | None = None
    agency_id: Id | None = None
    due_on: Day | None = None
    field: FieldName | None = None


class BulkUpdate(PetitionUpdate):
    petition_ids: Annotated[list[Id], Field(min_length=1, max_length=500)]


class SourceOut(BaseModel):
    id: int
    voter_meeting_id: int | None
    held_on: date | None = None
    place: str = ""
    text: str
    locality: str


class ResponseIn(BaseModel):
    model_config = STRICT_INPUT

    status: Status
    text: PetitionText
    plan_due_on: Day | None = None


class AttachmentOut(BaseModel):
    """The PDF an agency sent with its answer (its official letter, công văn)."""

    filename: str
    size: int
    url: str


class ResponseOut(BaseModel):
    id: int
    status: Status
    text: str
    plan_due_on: date | None
    agency_id: int | None
    responded_by: int | None
    created_at: datetime
    attachment: AttachmentOut | None = None


class ReviewIn(BaseModel):
    model_config = STRICT_INPUT

    accepted: bool
    comment: Comment = ""


class ReviewOut(BaseModel):
    id: int
    accepted: bool
    comment: str
    response_id: int | None
    reviewed_by: int | None
    created_at: datetime


class AgencyRef(BaseModel):
    id: int
    name: str


class PetitionOut(BaseModel):
    id: int
    council_id: int
    text: str
    field: str
    locality: str
    level: Level | None
    needs_resources: bool | None
    agency: AgencyRef | None
    due_on: date | None
    state: State
    overdue: bool
    status: Status | None = Field(description="the latest response's status")
    merged_into_id: int | None
    source_count: int
    created_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None


class QuestionEscalation(BaseModel):
    to: Literal["question"] = "question"
    question_id: int
    meeting_id: int


class SupervisionEscalation(BaseModel):
    to: Literal["supervision"] = "supervision"
    supervision_id: int
    title: str


Escalation = Annotated[QuestionEscalation | SupervisionEscalation, Field(discriminator="to")]


class PetitionDetail(PetitionOut):
    sources: list[SourceOut]
    responses: list[ResponseOut]
    reviews: list[ReviewOut]
    escalations: list[Escalation] = Field(
        default_factory=list, description="questions and supervisions it was carried into, oldest first")


class PetitionList(BaseModel):
    items: list[PetitionOut]
    next: str | None = None


class BulkResult(BaseModel):
    items: list[PetitionOut]


class MergeIn(BaseModel):
    model_config = STRICT_INPUT

    petition_ids: Annotated[list[Id], Field(min_length=1, max_length=100)]


class SimilarOut(BaseModel):
    id: int
    text: str
    state: State
    score: float = Field(description="0–100, higher is more alike")


class SimilarList(BaseModel):
    items: list[SimilarOut]


class ImportResult(BaseModel):
    created: int
    merged: int = Field(description="rows that repeated a petition (of the file or already kept) and joined it")


class PublicPetition(BaseModel):
    """A closed petition as the public sees it: no voter meeting's people, no reviewer."""

    id: int
    text: str
    field: str
    locality: str
    level: Level | None
    agency: str | None
    status: Status | None
    answer: str
    closed_at: datetime | None


class PublicPetitionList(BaseModel):
    items: list[PublicPetition]
    next: str | None = None
