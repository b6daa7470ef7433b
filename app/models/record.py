"""The record of a meeting: its minutes (biên bản), the resolutions it adopted, and the keys
people sign with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base, CreatedAt


class Minutes(Base):
    """Biên bản kỳ họp: a draft while the secretary writes the summaries, then final (frozen and
    stored as the meeting's document of kind `minutes`). `version` counts the draft's changes."""

    __tablename__ = "minutes"
    __table_args__ = (CheckConstraint("state IN ('draft', 'final')", name="state"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(8), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=0)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), nullable=True)
    docx_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the final .docx's blob
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finalized_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MinutesNote(Base):
    """The secretary's summary of the discussion of one agenda item."""

    __tablename__ = "minutes_notes"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class Resolution(CreatedAt, Base):
    """Nghị quyết số `seq`/NQ-HĐND: numbered per council and calendar year of adoption."""

    __tablename__ = "resolutions"
    __table_args__ = (
        UniqueConstraint("council_id", "year", "seq"),
        CheckConstraint("seq > 0", name="seq_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="RESTRICT"), index=True)
    poll_id: Mapped[int | None] = mapped_column(ForeignKey("polls.id", ondelete="SET NULL"), nullable=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), nullable=True)
    adopted_on: Mapped[date] = mapped_column(Date)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SigningKey(CreatedAt, Base):
    """A user's signing key: a PKCS#12 file's key and certificates re-encrypted with the server's
    key-encryption key (`sealed`), or the address of a PKCS#11 token (library, slot, key label)
    with its PIN sealed the same way. The certificate is kept in clear for display."""

    __tablename__ = "signing_keys"
    __table_args__ = (
        CheckConstraint("kind IN ('pkcs12', 'pkcs11')", name="kind"),
        UniqueConstraint("user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    pkcs11_library: Mapped[str] = mapped_column(String(500), default="")
    pkcs11_slot: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pkcs11_key_label: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
