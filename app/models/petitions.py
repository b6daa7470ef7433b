from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt


class VoterMeeting(CreatedAt, Base):
    """Tiếp xúc cử tri: deputies meeting the voters of a unit before or after a meeting."""

    __tablename__ = "voter_meetings"
    __table_args__ = (CheckConstraint("timing IN ('before', 'after')", name="timing"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(200), default="")
    voters: Mapped[int | None] = mapped_column(Integer, nullable=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True)
    timing: Mapped[str] = mapped_column(String(8))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class VoterMeetingDeputy(Base):
    __tablename__ = "voter_meeting_deputies"

    voter_meeting_id: Mapped[int] = mapped_column(
        ForeignKey("voter_meetings.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class Petition(CreatedAt, Base):
    """Kiến nghị cử tri: from receipt through the agency's answer to the Thường trực's review.
    A petition merged into another keeps its row (`merged_into_id`) and hands over its sources.

    The table also holds supervisions' recommendations (app.models.supervisions.Recommendation,
    `kind = 'recommendation'`), answered and reviewed the same way: a query for voters' petitions
    filters `kind == 'petition'`."""

    __tablename__ = "petitions"
    __table_args__ = (
        CheckConstraint("state IN ('received', 'assigned', 'answered', 'closed')", name="state"),
        CheckConstraint("kind IN ('petition', 'recommendation')", name="kind"),
        CheckConstraint("level IS NULL OR level IN ('central', 'province', 'commune')", name="level"),
        Index("ix_petitions_council_state", "council_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="petition", server_default="petition")
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)  # app.kit.text.fold(text): search and similarity
    field: Mapped[str] = mapped_column(String(100))
    locality: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    needs_resources: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), nullable=True, index=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="received")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="SET NULL"), nullable=True, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "petition"}  # noqa: RUF012 (SQLAlchemy reads it)


class PetitionSource(CreatedAt, Base):
    """Where a petition was heard: a voter meeting (or none: sent in writing), in its own words."""

    __tablename__ = "petition_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    voter_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("voter_meetings.id", ondelete="SET NULL"), nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text)
    locality: Mapped[str] = mapped_column(String(200), default="")


class PetitionResponse(CreatedAt, Base):
    """An agency's answer: resolved, explained, in progress (with a plan and a date), unresolved."""

    __tablename__ = "petition_responses"
    __table_args__ = (
        CheckConstraint("status IN ('resolved', 'explained', 'in_progress', 'unresolved')",
                        name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    plan_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"), nullable=True)
    responded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # the agency's letter (công văn) as a PDF in the blob store, when one was attached
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    attachment_filename: Mapped[str] = mapped_column(String(255), default="", server_default="")
    attachment_size: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PetitionReview(CreatedAt, Base):
    """The Thường trực's review of an answer: accepted (the petition closes) or sent back."""

    __tablename__ = "petition_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("petition_responses.id", ondelete="SET NULL"), nullable=True)
    accepted: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class DigestSend(Base):
    """One day's digest to one audience of a council (the secretariat, or an agency), claimed
    by the worker that sends it: the unique key makes it once a day however many workers run."""

    __tablename__ = "digest_sends"
    __table_args__ = (UniqueConstraint("day", "council_id", "audience"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    audience: Mapped[str] = mapped_column(String(32))  # "secretariat" or "agency:<id>"
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
