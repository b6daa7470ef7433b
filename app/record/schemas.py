"""The record over the wire (API.md, "The record: minutes, resolutions, signatures")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import Id, NoNul

NoteText = Annotated[str, StringConstraints(max_length=100_000), NoNul]
ResolutionTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul]
ResolutionNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64), NoNul]


class NoteIn(BaseModel):
    text: NoteText


class NoteOut(BaseModel):
    agenda_item_id: int
    text: str
    updated_at: datetime | None = None


class MinutesOut(BaseModel):
    meeting_id: int
    state: Literal["draft", "final"]
    version: int = Field(description="counts the draft's changes")
    notes: list[NoteOut]
    document_id: int | None = Field(default=None, description="the final minutes, a document of kind minutes")
    finalized_at: datetime | None = None


class ResolutionCreate(BaseModel):
    number: ResolutionNumber | None = Field(
        default=None, description="12/NQ-HĐND; without it the server assigns the next of the council's year")
    title: ResolutionTitle
    agenda_item_id: Id
    poll_id: Id | None = None
    document_id: Id | None = None


class ResolutionPoll(BaseModel):
    id: int
    title: str
    secret: bool
    passed: bool
    outcome: str
    counts: list[dict[str, Any]]
    base: int
    required: int


class ResolutionDocument(BaseModel):
    id: int
    title: str
    url: str


class ResolutionOut(BaseModel):
    id: int
    council_id: int
    number: str
    year: int
    title: str
    adopted_on: date
    meeting_id: int
    agenda_item_id: int
    public: bool
    poll: ResolutionPoll | None
    document: ResolutionDocument | None
    created_at: datetime


class ResolutionList(BaseModel):
    items: list[ResolutionOut]
