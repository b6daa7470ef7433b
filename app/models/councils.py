from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.accounts import User
from app.models.base import Base, CreatedAt
from app.models.vocabulary import AgencyKind, CommitteeKind, CouncilLevel, Role, UnitKind

COMMITTEE_KINDS = ("standing", "board", "delegation", "other")


def _unit_kind_of_level(context: DefaultExecutionContext) -> str:
    """Without a unit kind, a council is a tỉnh, a xã, or (dissolved) a huyện, by its level."""
    parameters = cast(Callable[[], dict[str, object]], context.get_current_parameters)()
    return str(parameters["level"])


class Council(CreatedAt, Base):
    __tablename__ = "councils"
    __table_args__ = (
        CheckConstraint("level IN ('province', 'district', 'commune')", name="level"),
        CheckConstraint("unit_kind IN ('province', 'city', 'commune', 'ward', 'special_zone', "
                        "'district')", name="unit_kind"),
        # District councils ended on 2025-07-01: one can only exist as dissolved.
        CheckConstraint("level != 'district' OR dissolved_on IS NOT NULL", name="district_dissolved"),
        CheckConstraint(
            "quorum_numerator > 0 AND quorum_denominator >= quorum_numerator", name="quorum"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[CouncilLevel] = mapped_column(String(16))
    unit_kind: Mapped[UnitKind] = mapped_column(String(16), default=_unit_kind_of_level)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("councils.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    # A meeting is quorate when present >= seated * numerator / denominator (law: 2/3).
    quorum_numerator: Mapped[int] = mapped_column(Integer, default=2)
    quorum_denominator: Mapped[int] = mapped_column(Integer, default=3)
    # From this day the council and everything in it is read-only (still readable).
    dissolved_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class CouncilSuccession(CreatedAt, Base):
    """A merger or a reorganisation: the predecessor's work continues in the successor."""

    __tablename__ = "council_successions"
    __table_args__ = (CheckConstraint("predecessor_id != successor_id", name="distinct"),)

    predecessor_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True)
    successor_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True, index=True)


class Agency(CreatedAt, Base):
    """Cơ quan: Ủy ban nhân dân, a Sở, Tòa án, Viện kiểm sát … whose officials answer the council."""

    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint("kind IN ('people_committee', 'department', 'court', 'procuracy', 'other')",
                        name="kind"),
        UniqueConstraint("council_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AgencyKind] = mapped_column(String(24))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), nullable=True, index=True)


class Term(CreatedAt, Base):
    """Nhiệm kỳ / khóa, e.g. khóa XVIII, 2021–2026."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Committee(CreatedAt, Base):
    """Thường trực HĐND, a Ban, or a Tổ đại biểu."""

    __tablename__ = "committees"
    __table_args__ = (
        CheckConstraint("kind IN ('standing', 'board', 'delegation', 'other')", name="kind"),
        UniqueConstraint("council_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CommitteeKind] = mapped_column(String(16), default="board")


class Membership(CreatedAt, Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("council_id", "user_id"),
        CheckConstraint("role IN ('secretary', 'chair', 'deputy', 'guest', 'respondent')",
                        name="role"),
        CheckConstraint("voting_right = false OR role IN ('deputy', 'chair')", name="voting_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(String(16))
    voting_right: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(200), default="")  # chức vụ
    unit: Mapped[str] = mapped_column(String(200), default="")  # đơn vị / tổ đại biểu
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="SET NULL"), nullable=True, index=True
    )
    term_id: Mapped[int | None] = mapped_column(
        ForeignKey("terms.id", ondelete="SET NULL"), nullable=True, index=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Carried over from a dissolved council (Art. 54(4)): the earlier membership stays there.
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("memberships.id", ondelete="SET NULL"), nullable=True
    )

    user: Mapped[User] = relationship(back_populates="memberships", lazy="raise")
