"""Bodies and answers of escalation, supervisions and their recommendations (API.md, "Voter
petitions (kiến nghị cử tri) and supervision (giám sát)")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Day, Id, NoNul
from app.petitions.rules import State, Status
from app.petitions.schemas import AgencyRef, PetitionOut, PetitionText, ResponseOut, ReviewOut

SupervisionKind = Literal["thematic", "explanation", "resolution_follow_up"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul]


class ToQuestion(BaseModel):
    """Carry the petition to the floor as a phiếu chất vấn of `asker_id` (a deputy of the
    council; may be left out when the caller is one) to `respondent_id`."""

    model_config = STRICT_INPUT

    to: Literal["question"]
    meeting_id: Id
    respondent_id: Id
    asker_id: Id | None = None
    text: PetitionText | None = Field(default=None, description="the question's words; the petition's by default")


class ToSupervision(BaseModel):
    model_config = STRICT_INPUT

    to: Literal["supervision"]
    supervision_id: Id


EscalateIn = Annotated[ToQuestion | ToSupervision, Field(discriminator="to")]


class SupervisionCreate(BaseModel):
    model_config = STRICT_INPUT

    title: Title
    kind: SupervisionKind
    starts_on: Day
    ends_on: Day | None = None
    member_ids: Annotated[list[Id], Field(min_length=1, max_length=200)]
    agency_ids: Annotated[list[Id], Field(min_length=1, max_length=100)]


class TeamMember(BaseModel):
    user_id: int
    full_name: str


class SupervisionOut(BaseModel):
    id: int
    council_id: int
    title: str
    kind: SupervisionKind
    starts_on: date
    ends_on: date | None
    team: list[TeamMember]
    agencies: list[AgencyRef]
    created_at: datetime


class SupervisionList(BaseModel):
    items: list[SupervisionOut]


class RecommendationCreate(BaseModel):
    model_config = STRICT_INPUT

    text: PetitionText
    agency_id: Id
    due_on: Day


class RecommendationOut(BaseModel):
    id: int
    supervision_id: int
    council_id: int
    text: str
    agency: AgencyRef | None
    due_on: date | None
    state: State
    overdue: bool
    status: Status | None = Field(description="the latest response's status")
    created_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None


class RecommendationDetail(RecommendationOut):
    responses: list[ResponseOut]
    reviews: list[ReviewOut]


class SupervisionDetail(SupervisionOut):
    recommendations: list[RecommendationOut] = Field(description="a respondent: their agency's only")
    petitions: list[PetitionOut] = Field(description="voters' petitions escalated to it")
