from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt
from app.models.vocabulary import Audience, ItemState, MeetingKind, MeetingState

ITEM_STATES = ("pending", "current", "done")


class Meeting(CreatedAt, Base):
    """Kỳ họp. `last_seq` is the last event number of its live channel (gapless)."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("kind IN ('regular', 'thematic', 'extraordinary')", name="kind"),
        CheckConstraint("state IN ('draft', 'published', 'in_progress', 'closed')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[MeetingKind] = mapped_column(String(16), default="regular")
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    location: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    state: Mapped[MeetingState] = mapped_column(String(16), default="draft")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # bế mạc
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Speaking time per kind of speaker, JSON {"discussion": 420, …}; a kind not set: the default.
    speaking_time_s: Mapped[str] = mapped_column(Text, default="{}")


class Sitting(CreatedAt, Base):
    """Phiên họp: a day or half-day of a meeting."""

    __tablename__ = "sittings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class MeetingGuest(CreatedAt, Base):
    """Someone invited to one meeting without being a member of its council."""

    __tablename__ = "meeting_guests"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")


class AgendaItem(CreatedAt, Base):
    """A node of the agenda tree; `position` orders siblings. At most one is current."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'current', 'done')", name="state"),
        Index("uq_agenda_items_one_current", "meeting_id", unique=True,
              sqlite_where=text("state = 'current'"), postgresql_where=text("state = 'current'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    presenter: Mapped[str] = mapped_column(String(200), default="")
    sitting_id: Mapped[int | None] = mapped_column(
        ForeignKey("sittings.id", ondelete="SET NULL"), nullable=True, index=True
    )
    duration_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[ItemState] = mapped_column(String(16), default="pending")
    speakers_closed: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingEvent(Base):
    """The outbox: one row per change, numbered per meeting without gaps, written in the
    change's own transaction. `audience` says who may receive it."""

    __tablename__ = "meeting_events"
    __table_args__ = (UniqueConstraint("meeting_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64))
    audience: Mapped[Audience] = mapped_column(String(16), default="all")
    data: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
