from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.accounts import User
from app.models.base import Base, CreatedAt
from app.models.vocabulary import CommitteeKind, CouncilLevel, Role

COMMITTEE_KINDS = ("standing", "board", "delegation", "other")


class Council(CreatedAt, Base):
    __tablename__ = "councils"
    __table_args__ = (
        CheckConstraint("level IN ('province', 'district', 'commune')", name="level"),
        CheckConstraint(
            "quorum_numerator > 0 AND quorum_denominator >= quorum_numerator", name="quorum"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[CouncilLevel] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("councils.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    # A meeting is quorate when present >= seated * numerator / denominator (law: 2/3).
    quorum_numerator: Mapped[int] = mapped_column(Integer, default=2)
    quorum_denominator: Mapped[int] = mapped_column(Integer, default=3)


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
        CheckConstraint("role IN ('secretary', 'chair', 'deputy', 'guest')", name="role"),
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

    user: Mapped[User] = relationship(back_populates="memberships", lazy="raise")
