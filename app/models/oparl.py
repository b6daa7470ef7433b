from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.types import UTCDateTime
from app.models.base import Base


class OparlBody(Base):
    """How far one council's OParl ledger is brought up to date: the change stamp it was built at."""

    __tablename__ = "oparl_bodies"

    council_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(200), default="")
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OparlEntry(Base):
    """One published OParl object as it was last served: its JSON (without `created` and
    `modified`), a fingerprint of it, and when it first appeared and last changed. An object that
    leaves public view stays as a tombstone (`deleted`). The id is the stable paging order."""

    __tablename__ = "oparl_entries"
    __table_args__ = (
        UniqueConstraint("kind", "key"),
        Index("ix_oparl_entries_council_kind_id", "council_id", "kind", "id"),
        Index("ix_oparl_entries_council_kind_modified", "council_id", "kind", "modified"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    modified: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # A File's text is read from this version's pages when served, not kept twice.
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", ondelete="SET NULL"), nullable=True)


class BlobDigest(Base):
    """The SHA-512 of a stored file (OParl's `sha512Checksum`), computed once per content."""

    __tablename__ = "blob_digests"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha512: Mapped[str] = mapped_column(String(128))
