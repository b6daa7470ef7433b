from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Id, NoNul
from app.models.vocabulary import AgencyKind

AgencyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                       NoNul]


class AgencyCreate(BaseModel):
    model_config = STRICT_INPUT

    name: AgencyName
    kind: AgencyKind = Field(description="people_committee (Ủy ban nhân dân), department (Sở, "
                             "ban, ngành), court (Tòa án), procuracy (Viện kiểm sát), other")
    parent_id: Id | None = None


class Respondent(BaseModel):
    user_id: int
    full_name: str
    position: str


class AgencyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    council_id: int
    name: str
    kind: AgencyKind
    parent_id: int | None
    respondents: list[Respondent] = Field(default_factory=list)


class AgencyList(BaseModel):
    items: list[AgencyOut]
