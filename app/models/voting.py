"""Polls (biểu quyết) and what a ballot leaves behind.

A ballot is never stored as one row holding both a person and a choice unless the poll is open
(named). For every poll, `poll_voters` says who has voted (no time, no id of its own) and the
counters on `poll_options` hold the totals; both are written in the ballot's transaction. Only
open polls also keep `poll_choices` (who chose what), because their result lists each choice.
The primary key of `poll_voters` is the database's guarantee of one ballot per deputy.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt
from app.models.vocabulary import BasisName, PollPreset, PollState, ThresholdName


class Poll(CreatedAt, Base):
    __tablename__ = "polls"
    __table_args__ = (
        CheckConstraint("preset IN ('resolution', 'confidence', 'election', 'custom')", name="preset"),
        CheckConstraint("state IN ('draft', 'open', 'closed')", name="state"),
        CheckConstraint("basis IN ('seated', 'present', 'cast')", name="basis"),
        CheckConstraint("threshold IN ('majority', 'two_thirds')", name="threshold"),
        CheckConstraint("max_choices >= 1", name="max_choices"),
        CheckConstraint("NOT (secret AND allow_change)", name="secret_is_final"),
        # One open poll per meeting, enforced by the database.
        Index("uq_polls_one_open", "meeting_id", unique=True,
              sqlite_where=text("state = 'open'"), postgresql_where=text("state = 'open'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    revote_of_id: Mapped[int | None] = mapped_column(ForeignKey("polls.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(500))
    preset: Mapped[PollPreset] = mapped_column(String(16))
    secret: Mapped[bool] = mapped_column(Boolean)
    basis: Mapped[BasisName] = mapped_column(String(16))
    threshold: Mapped[ThresholdName] = mapped_column(String(16))
    max_choices: Mapped[int] = mapped_column(Integer, default=1)
    require_presence: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_change: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[PollState] = mapped_column(String(16), default="draft")
    quorum_override: Mapped[bool] = mapped_column(Boolean, default=False)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Progress: ballots counted so far, and who may vote (kept current while open).
    voted: Mapped[int] = mapped_column(Integer, default=0)
    eligible: Mapped[int] = mapped_column(Integer, default=0)
    announced_voted: Mapped[int] = mapped_column(Integer, default=0)  # last poll.progress sent
    result: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON, written once at close


class PollOption(Base):
    __tablename__ = "poll_options"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))
    votes: Mapped[int] = mapped_column(Integer, default=0)


class PollVoter(Base):
    """That someone has voted in a poll — and nothing else: no choice, no time, no row id."""

    __tablename__ = "poll_voters"
    # SQLite keeps such a table in key order, not in the order people voted.
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy reads it once

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class PollChoice(Base):
    """A named choice in an open poll (never written for a secret one)."""

    __tablename__ = "poll_choices"
    __table_args__ = (
        ForeignKeyConstraint(["poll_id", "user_id"], ["poll_voters.poll_id", "poll_voters.user_id"],
                             ondelete="CASCADE"),
    )

    poll_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("poll_options.id", ondelete="CASCADE"),
                                           primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
