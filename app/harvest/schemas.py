from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.harvest.policy import MAX_URL_LENGTH
from app.kit.schemas import STRICT_INPUT, NoNul
from app.models.vocabulary import HarvestState

OparlType = Literal["System", "Body", "LegislativeTerm", "Organization", "Person", "Membership",
                    "Meeting", "AgendaItem", "Paper", "Consultation", "File", "Location"]


class SourceCreate(BaseModel):
    model_config = STRICT_INPUT

    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                          max_length=MAX_URL_LENGTH), NoNul] = Field(
        description="The OParl System URL (entry point) of the server to follow",
        examples=["https://hdnd.example.gov.vn/oparl/v1/system"], json_schema_extra={"format": "uri"})


class SourceOut(BaseModel):
    id: int
    council_id: int | None
    url: str
    state: HarvestState = Field(description="ok; running (a run under way or asked for); failed")
    last_run_at: datetime | None
    counts: dict[str, int] = Field(description="objects kept, by OParl type")
    error: str = Field(description="why the last run failed, readable; empty when it did not")
    error_code: str
    requests: int = Field(description="HTTP requests of the last run")
    bytes: int = Field(description="bytes received in the last run")
    received: int = Field(description="objects received in the last run")
    created_at: datetime


class SourceList(BaseModel):
    items: list[SourceOut]


class HarvestedOut(BaseModel):
    id: int
    oparl_id: str = Field(description="the object's URL on the source")
    type: str
    body: str = Field(description="the id of the Body it is listed under on the source")
    name: str
    modified: datetime | None
    data: dict[str, Any] = Field(description="the OParl object as harvested")


class HarvestedList(BaseModel):
    items: list[HarvestedOut]
    next: str | None = None
