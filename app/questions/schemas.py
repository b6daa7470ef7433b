from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Day, Id, NoNul
from app.questions.rules import CommitmentState, Decision, QuestionState

QuestionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                max_length=10_000), NoNul]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), NoNul]


class Person(BaseModel):
    user_id: int
    full_name: str
    position: str = ""  # chức vụ


class AgencyRef(BaseModel):
    id: int
    name: str


class TopicCreate(BaseModel):
    model_config = STRICT_INPUT

    title: Title
    respondent_ids: Annotated[list[Id], Field(max_length=100)] = Field(default_factory=list)


class TopicUpdate(BaseModel):
    model_config = STRICT_INPUT

    title: Title | None = None
    respondent_ids: Annotated[list[Id], Field(max_length=100)] | None = None


class TopicOut(BaseModel):
    id: int
    meeting_id: int
    title: str
    position: int
    respondents: list[Person]


class TopicList(BaseModel):
    items: list[TopicOut]


class QuestionCreate(BaseModel):
    model_config = STRICT_INPUT

    text: QuestionText
    respondent_id: Id | None = None
    agency_id: Id | None = None
    topic_id: Id | None = None


class QuestionDecision(BaseModel):
    model_config = STRICT_INPUT

    state: Decision
    topic_id: Id | None = None
    reason: Reason = ""


class AnswerIn(BaseModel):
    model_config = STRICT_INPUT

    text: QuestionText


class CommitmentCreate(BaseModel):
    model_config = STRICT_INPUT

    text: QuestionText
    due_on: Day


class CommitmentUpdate(BaseModel):
    model_config = STRICT_INPUT

    state: CommitmentState | None = None
    text: QuestionText | None = None
    due_on: Day | None = None


class CommitmentOut(BaseModel):
    id: int
    question_id: int
    council_id: int
    meeting_id: int
    text: str
    due_on: date
    state: CommitmentState
    overdue: bool
    respondent: Person | None
    agency: AgencyRef | None
    created_at: datetime
    done_at: datetime | None


class CommitmentList(BaseModel):
    items: list[CommitmentOut]


class AnswerOut(BaseModel):
    text: str
    on_floor: bool  # trả lời trực tiếp tại kỳ họp, else in writing
    answered_at: datetime
    answered_by: Person | None
    file_url: str | None  # the answer's PDF, when one was sent
    filename: str


class QuestionOut(BaseModel):
    id: int
    meeting_id: int
    number: int  # phiếu chất vấn số …, per meeting
    state: QuestionState
    asker: Person
    respondent: Person | None
    agency: AgencyRef | None
    topic_id: int | None
    text: str
    petition_id: int | None = Field(description="the voters' petition it was escalated from")
    submitted_at: datetime
    reason: str  # why it was refused
    asked_at: datetime | None
    answer: AnswerOut | None
    answer_due: date | None  # for a written answer: known once the meeting closed
    overdue: bool
    commitments: list[CommitmentOut]


class QuestionList(BaseModel):
    items: list[QuestionOut]


Scope = Literal["all", "respondent", "guest"]
