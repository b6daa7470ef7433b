from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
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
from app.models.vocabulary import HarvestState


class HarvestSource(CreatedAt, Base):
    """Another server's OParl system that is harvested into a local read-only copy, listed under
    a council of this server (or none, from the command line). One process at a time runs it:
    the one whose claim (`claimed_by` until `claimed_until`) is current."""

    __tablename__ = "harvest_sources"
    __table_args__ = (
        CheckConstraint("state IN ('ok', 'running', 'failed')", name="state"),
        UniqueConstraint("council_id", "url"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int | None] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), nullable=True, index=True)
    url: Mapped[str] = mapped_column(String(2000))
    state: Mapped[HarvestState] = mapped_column(String(16), default="running")
    # A run was asked for (the source was added, or someone pressed "run"): due at once.
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The source's own clock (its HTTP Date) when the last successful run began, minus a margin:
    # the next run's `modified_since`. None: the next run is a full one.
    next_modified_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON {type: objects kept}
    # Why the last run failed: a message code of app.i18n and its parameters ("" when it did not).
    error_code: Mapped[str] = mapped_column(String(64), default="")
    error_params: Mapped[str] = mapped_column(Text, default="{}")
    # What the last run cost and brought: HTTP requests, bytes received, objects received.
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    received: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    claimed_by: Mapped[str] = mapped_column(String(100), default="")


class HarvestedObject(Base):
    """One OParl object of a source as last harvested: its JSON, and what search needs of it.
    A tombstone marks it `deleted` (its content dropped, its id kept)."""

    __tablename__ = "harvested_objects"
    __table_args__ = (
        UniqueConstraint("source_id", "oparl_id"),
        Index("ix_harvested_objects_source_type_id", "source_id", "type", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("harvest_sources.id", ondelete="CASCADE"))
    oparl_id: Mapped[str] = mapped_column(String(2000))
    type: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(String(2000), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")  # a File's extracted text
    folded: Mapped[str] = mapped_column(Text, default="")  # name and text, folded (app.kit.text)
    modified: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The run that last saw it: a full run marks what it did not see as deleted.
    seen_run: Mapped[int] = mapped_column(Integer, default=0)
    harvested_at: Mapped[datetime] = mapped_column(UTCDateTime())
