from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt


class QuestionTopic(CreatedAt, Base):
    """Nhóm vấn đề chất vấn: questions of a meeting grouped by the secretariat, with the
    officials who answer on that topic."""

    __tablename__ = "question_topics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer)


class QuestionTopicRespondent(Base):
    __tablename__ = "question_topic_respondents"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("question_topics.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class Question(CreatedAt, Base):
    """Phiếu chất vấn: a deputy's question to a respondent or an agency, from submission to the
    answer (on the floor or in writing). `created_at` is when it was submitted."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint(
            "state IN ('submitted', 'accepted', 'written', 'rejected', 'asked', 'answered')",
            name="state"),
        CheckConstraint("respondent_id IS NOT NULL OR agency_id IS NOT NULL", name="addressee"),
        UniqueConstraint("meeting_id", "number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), nullable=True, index=True)
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_topics.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    # The voters' petition this question carries to the floor (escalated), if any.
    petition_id: Mapped[int | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="SET NULL"), nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(16), default="submitted")
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # A written answer's deadline, fixed once known (the meeting closed): later changes to the
    # setting do not move a deadline already announced.
    answer_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answered_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    answered_on_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_text: Mapped[str] = mapped_column(Text, default="")
    answer_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answer_filename: Mapped[str] = mapped_column(String(255), default="")
    answer_size: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Commitment(CreatedAt, Base):
    """Lời hứa, cam kết: what a respondent promised when questioned; reported until done."""

    __tablename__ = "commitments"
    __table_args__ = (CheckConstraint("state IN ('open', 'done')", name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(8), default="open")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
