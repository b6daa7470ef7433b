from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.floor.rules import MAX_EXTENSION_S, SpeakerKind, SpeakerState
from app.kit.schemas import STRICT_INPUT, Id


class SpeakerCreate(BaseModel):
    model_config = STRICT_INPUT

    kind: SpeakerKind
    user_id: Id | None = None
    question_id: Id | None = None


class SpeakerOrder(BaseModel):
    model_config = STRICT_INPUT

    speaker_ids: Annotated[list[Id], Field(max_length=1000)]


class SpeakerExtension(BaseModel):
    model_config = STRICT_INPUT

    seconds: int = Field(ge=1, le=MAX_EXTENSION_S)


class SpeakerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    agenda_item_id: int
    user_id: int
    full_name: str
    title: str = ""  # chức vụ in the meeting's council
    unit: str = ""  # đơn vị / tổ đại biểu, or a respondent's agency
    kind: SpeakerKind
    state: SpeakerState
    position: int
    allotted_s: int
    spoken_s: float
    started_at: datetime | None
    ends_at: datetime | None
    first_started_at: datetime | None
    ended_at: datetime | None
    question_id: int | None = None


class SpeakerList(BaseModel):
    items: list[SpeakerOut]


class SpeakingTimes(BaseModel):
    """Seconds per kind of speaker for a meeting; a kind left out keeps its default."""

    model_config = STRICT_INPUT

    discussion: int | None = Field(default=None, ge=10, le=7200)
    debate: int | None = Field(default=None, ge=10, le=7200)
    question: int | None = Field(default=None, ge=10, le=7200)
    answer: int | None = Field(default=None, ge=10, le=7200)
    point_of_order: int | None = Field(default=None, ge=10, le=7200)
