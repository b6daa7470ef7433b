from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Id, NoNul
from app.models.vocabulary import BasisName, PollPreset, PollState, ThresholdName

Preset = PollPreset
PollTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul]
OptionLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
                        NoNul]
MAX_DURATION_S = 24 * 3600


class PollCreate(BaseModel):
    model_config = STRICT_INPUT

    title: PollTitle
    preset: Preset = "resolution"
    options: list[OptionLabel] | None = Field(default=None, max_length=100)
    secret: bool | None = None  # None: the preset's default (secret for confidence and election)
    basis: BasisName = "seated"
    threshold: ThresholdName = "majority"
    max_choices: int | None = Field(default=None, ge=1, le=100)
    require_presence: bool = True
    allow_change: bool = False
    duration_s: int | None = Field(default=None, ge=1, le=MAX_DURATION_S)
    revote_of: Id | None = None


class PollOpen(BaseModel):
    model_config = STRICT_INPUT

    # Opening when the meeting is not quorate needs the chair to say so explicitly (audited).
    override_quorum: bool = False


class BallotIn(BaseModel):
    model_config = STRICT_INPUT

    option_ids: list[Id] = Field(max_length=100)


class BallotAccepted(BaseModel):
    accepted: Literal[True] = True


class OptionOut(BaseModel):
    id: int
    label: str


class Progress(BaseModel):
    eligible: int
    voted: int


class MyBallot(BaseModel):
    voted: bool
    option_ids: list[int] | None = None  # only in open polls


class PollOut(BaseModel):
    id: int
    meeting_id: int
    agenda_item_id: int
    title: str
    preset: Preset
    state: PollState
    secret: bool
    basis: BasisName
    threshold: ThresholdName
    max_choices: int
    require_presence: bool
    allow_change: bool
    duration_s: int | None
    revote_of: int | None
    quorum_override: bool
    opened_at: datetime | None
    closes_at: datetime | None
    closed_at: datetime | None
    options: list[OptionOut]
    progress: Progress
    result: dict[str, Any] | None = None
    me: MyBallot | None = None  # the caller's own ballot, in answers to a deputy


class PollList(BaseModel):
    items: list[PollOut]


class VoterOut(BaseModel):
    user_id: int
    full_name: str
    voted: bool


class VoterList(BaseModel):
    items: list[VoterOut]
