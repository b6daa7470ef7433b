from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.kit.schemas import STRICT_INPUT, Day, Id, NoNul
from app.models.vocabulary import CommitteeKind, CouncilLevel, Role, UnitKind

Level = CouncilLevel
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul]


class CouncilCreate(BaseModel):
    model_config = STRICT_INPUT

    name: Name
    # `district` is accepted here only to be refused with its own message (level_abolished).
    level: Level
    unit_kind: UnitKind | None = Field(
        default=None, description="tỉnh `province` / thành phố `city` for a province; xã `commune`, "
        "phường `ward` or đặc khu `special_zone` for a commune. Defaults to `province` / `commune`.")
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32,
                                           pattern=r"^[A-Za-z0-9._-]+$")]
    parent_id: Id | None = None
    predecessor_ids: Annotated[list[Id], Field(max_length=200)] = Field(
        default_factory=list, description="Councils merged into this one (they keep their data).")
    quorum_numerator: int = Field(default=2, ge=1, le=100)
    quorum_denominator: int = Field(default=3, ge=1, le=100)

    @model_validator(mode="after")
    def _quorum_fraction(self) -> CouncilCreate:
        if self.quorum_numerator > self.quorum_denominator:
            raise ValueError("quorum_numerator must not exceed quorum_denominator")
        return self


class CouncilUpdate(BaseModel):
    model_config = STRICT_INPUT

    name: Name | None = None
    quorum_numerator: int | None = Field(default=None, ge=1, le=100)
    quorum_denominator: int | None = Field(default=None, ge=1, le=100)


class CouncilRef(BaseModel):
    """Another council, named: a predecessor, a successor or a child."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    code: str
    level: Level
    unit_kind: UnitKind
    dissolved_on: date | None


class CouncilOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    level: Level
    unit_kind: UnitKind
    code: str
    parent_id: int | None
    quorum_numerator: int
    quorum_denominator: int
    dissolved_on: date | None = Field(description="null while the council sits; from this day "
                                      "it is read-only")
    predecessors: list[CouncilRef]
    successors: list[CouncilRef]
    children: list[CouncilRef] = Field(description="for a province: its communes")
    created_at: datetime


class CouncilList(BaseModel):
    items: list[CouncilOut]


class DissolveIn(BaseModel):
    model_config = STRICT_INPUT

    dissolved_on: Day
    successor_id: Id | None = None


class CarryOverIn(BaseModel):
    model_config = STRICT_INPUT

    predecessor_ids: Annotated[list[Id], Field(max_length=200)] | None = Field(
        default=None, description="Which dissolved predecessors; all of them when left out.")
    term_id: Id | None = Field(default=None, description="The term the carried deputies join.")


class CarryOverResult(BaseModel):
    carried: int = Field(description="deputies who became members of this council")
    already_members: int


class MemberCreate(BaseModel):
    model_config = STRICT_INPUT

    user_id: Id
    role: Role
    voting_right: bool = False
    title: ShortText = Field(default="", description="chức vụ; `position` is the same field")
    position: ShortText | None = Field(default=None, description="chức vụ (same as `title`)")
    unit: ShortText = ""
    committee_id: Id | None = None
    term_id: Id | None = None
    agency_id: Id | None = Field(default=None, description="required for a respondent")


class MemberUpdate(BaseModel):
    model_config = STRICT_INPUT

    role: Role | None = None
    voting_right: bool | None = None
    title: ShortText | None = None
    position: ShortText | None = None
    unit: ShortText | None = None
    committee_id: Id | None = None
    term_id: Id | None = None
    agency_id: Id | None = None


class MemberOut(BaseModel):
    user_id: int
    username: str
    full_name: str
    role: Role
    voting_right: bool
    title: str
    position: str = Field(description="chức vụ (same as `title`)")
    unit: str
    committee_id: int | None
    term_id: int | None
    agency_id: int | None
    carried_from_council_id: int | None = Field(
        description="the dissolved council this membership was carried over from")


class MemberList(BaseModel):
    items: list[MemberOut]


class NewAccount(BaseModel):
    row: int
    username: str
    full_name: str
    password: str


class ImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    accounts: list[NewAccount] = Field(
        default_factory=list,
        description="Logins made for new people, with their one-time initial passwords.",
    )


class TermCreate(BaseModel):
    model_config = STRICT_INPUT

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                    NoNul]
    starts_on: Day
    ends_on: Day | None = None

    @model_validator(mode="after")
    def _order(self) -> TermCreate:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class TermOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    council_id: int
    name: str
    starts_on: date
    ends_on: date | None


class TermList(BaseModel):
    items: list[TermOut]


class CommitteeCreate(BaseModel):
    model_config = STRICT_INPUT

    name: Name
    kind: CommitteeKind = "board"


class CommitteeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    council_id: int
    name: str
    kind: CommitteeKind


class CommitteeList(BaseModel):
    items: list[CommitteeOut]
