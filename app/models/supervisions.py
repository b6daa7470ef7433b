from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, CreatedAt
from app.models.petitions import Petition


class Supervision(CreatedAt, Base):
    """Giám sát chuyên đề (and giải trình, giám sát việc thực hiện nghị quyết): a team of
    deputies looks into some agencies' work over some days and leaves recommendations."""

    __tablename__ = "supervisions"
    __table_args__ = (
        CheckConstraint("kind IN ('thematic', 'explanation', 'resolution_follow_up')", name="kind"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(32))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class SupervisionMember(Base):
    """A deputy of the supervision team (đoàn giám sát)."""

    __tablename__ = "supervision_members"

    supervision_id: Mapped[int] = mapped_column(
        ForeignKey("supervisions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class SupervisionAgency(Base):
    """An agency under supervision: its respondents see the supervision and its recommendations
    addressed to them."""

    __tablename__ = "supervision_agencies"

    supervision_id: Mapped[int] = mapped_column(
        ForeignKey("supervisions.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True, index=True)


class SupervisionPetition(CreatedAt, Base):
    """A voters' petition carried into a supervision (escalated), once per supervision."""

    __tablename__ = "supervision_petitions"

    supervision_id: Mapped[int] = mapped_column(
        ForeignKey("supervisions.id", ondelete="CASCADE"), primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class Recommendation(Petition):
    """Kiến nghị sau giám sát: a row of `petitions` (kind 'recommendation') addressed to an
    agency with a due date, answered and reviewed exactly like a voters' petition."""

    # Always set on a recommendation; NULL in the table's other rows (voters' petitions).
    supervision_id: Mapped[int] = mapped_column(
        ForeignKey("supervisions.id", ondelete="CASCADE"), nullable=True, index=True)

    __mapper_args__ = {"polymorphic_identity": "recommendation", "polymorphic_load": "inline"}  # noqa: RUF012 (SQLAlchemy reads it)
