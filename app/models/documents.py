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
from app.models.vocabulary import DocumentKind, ProcessingState


class Document(CreatedAt, Base):
    """A document of a meeting; its file content lives in versions."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('proposal', 'draft_resolution', 'review_report', 'report', 'resolution', "
            "'minutes', 'other')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[DocumentKind] = mapped_column(String(32), default="other")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DocumentVersion(CreatedAt, Base):
    """One uploaded file. Immutable once stored; `sha256` names its blob."""

    __tablename__ = "document_versions"
    __table_args__ = (
        UniqueConstraint("document_id", "version"),
        CheckConstraint("status IN ('processing', 'ready', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255))
    pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pdf_title: Mapped[str] = mapped_column(String(500), default="")
    outline: Mapped[str] = mapped_column(Text, default="[]")
    status: Mapped[ProcessingState] = mapped_column(String(16), default="processing")
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    # Signatures in the file (app.documents.pdf_signatures), counted when it is stored.
    signature_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str] = mapped_column(String(64), default="")
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # What extracted the pages' text (app.documents.page_text): versions stored with an older
    # extractor are extracted again at upgrade (app.documents.reextract).
    text_extractor: Mapped[str] = mapped_column(String(16), default="pdfium",
                                                server_default="pdfium")
    # Which worker is extracting the text, by when it started; a stale claim is taken over.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    uploaded_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class DocumentPage(Base):
    """Extracted text of one page, for search; `folded` is lower case without diacritics."""

    __tablename__ = "document_pages"
    __table_args__ = (UniqueConstraint("version_id", "page"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"), index=True
    )
    page: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)


class Annotation(Base):
    """A private note of one user on one page of a document (any version)."""

    __tablename__ = "annotations"
    __table_args__ = (Index("ix_annotations_user_id_document_id", "user_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    rect: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
