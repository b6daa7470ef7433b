from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.floor.rules import SpeakerKind
from app.floor.schemas import SpeakingTimes
from app.kit.schemas import STRICT_INPUT, Id, Instant, NoNul
from app.models.vocabulary import ItemState, MeetingKind, MeetingState

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), NoNul]
Text = Annotated[str, StringConstraints(max_length=20_000), NoNul]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), NoNul]


class MeetingCreate(BaseModel):
    model_config = STRICT_INPUT

    title: Title
    kind: MeetingKind = "regular"
    public: bool = True
    starts_at: Instant
    ends_at: Instant | None = None
    location: Short = ""
    number: int | None = Field(default=None, ge=1, le=1000)


class MeetingUpdate(BaseModel):
    model_config = STRICT_INPUT

    title: Title | None = None
    kind: MeetingKind | None = None
    public: bool | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    location: Short | None = None
    number: int | None = Field(default=None, ge=1, le=1000)
    speaking_time_s: SpeakingTimes | None = None


class MeetingOut(BaseModel):
    id: int
    council_id: int
    number: int | None
    title: str
    kind: MeetingKind
    public: bool
    location: str
    starts_at: datetime
    ends_at: datetime | None
    state: MeetingState
    current_item_id: int | None
    seq: int
    created_at: datetime
    updated_at: datetime
    speaking_time_s: dict[SpeakerKind, int]


class MeetingList(BaseModel):
    items: list[MeetingOut]


class SittingCreate(BaseModel):
    model_config = STRICT_INPUT

    title: Title
    starts_at: Instant
    ends_at: Instant | None = None


class SittingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None


class SittingList(BaseModel):
    items: list[SittingOut]


class GuestInvite(BaseModel):
    model_config = STRICT_INPUT

    user_id: Id
    note: Short = ""


class GuestOut(BaseModel):
    user_id: int
    full_name: str
    note: str


class GuestList(BaseModel):
    items: list[GuestOut]


class AgendaItemCreate(BaseModel):
    model_config = STRICT_INPUT

    title: Title
    parent_id: Id | None = None
    position: int | None = Field(default=None, ge=0, description="0-based among siblings; end if absent")
    description: Text = ""
    presenter: Short = ""
    sitting_id: Id | None = None
    duration_min: int | None = Field(default=None, ge=1, le=24 * 60)
    public: bool = True


class AgendaItemUpdate(BaseModel):
    """Edit fields; giving `parent_id` and/or `position` moves the item."""

    model_config = STRICT_INPUT

    title: Title | None = None
    description: Text | None = None
    presenter: Short | None = None
    sitting_id: Id | None = None
    duration_min: int | None = Field(default=None, ge=1, le=24 * 60)
    public: bool | None = None
    parent_id: Id | None = None
    position: int | None = Field(default=None, ge=0)
    speakers_closed: bool | None = None


class AgendaItemOut(BaseModel):
    id: int
    meeting_id: int
    parent_id: int | None
    position: int
    number: str
    depth: int
    title: str
    description: str
    presenter: str
    sitting_id: int | None
    duration_min: int | None
    state: ItemState
    public: bool
    speakers_closed: bool


class AgendaOut(BaseModel):
    items: list[AgendaItemOut]


class AgendaOrder(BaseModel):
    model_config = STRICT_INPUT

    item_ids: list[Id] = Field(max_length=2000)
