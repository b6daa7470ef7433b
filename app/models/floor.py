from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt


class Speaker(CreatedAt, Base):
    """A place in an agenda item's list of speakers, and the record of the turn: who spoke, of
    which kind, from when, for how long. At most one person speaks in a meeting at a time."""

    __tablename__ = "speakers"
    __table_args__ = (
        CheckConstraint("kind IN ('discussion', 'debate', 'question', 'answer', 'point_of_order')",
                        name="kind"),
        CheckConstraint("state IN ('waiting', 'speaking', 'paused', 'done', 'withdrawn')",
                        name="state"),
        Index("uq_speakers_one_speaking", "meeting_id", unique=True,
              sqlite_where=text("state = 'speaking'"), postgresql_where=text("state = 'speaking'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    position: Mapped[int] = mapped_column(Integer)
    allotted_s: Mapped[int] = mapped_column(Integer)
    spoken_s: Mapped[float] = mapped_column(Float, default=0.0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    first_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    interrupted_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), nullable=True)
    resumes_interrupted: Mapped[bool] = mapped_column(Boolean, default=False)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), nullable=True, index=True)
    added_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
