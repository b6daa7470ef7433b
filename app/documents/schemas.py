from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Id, NoNul
from app.models.vocabulary import DocumentKind, ProcessingState

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), NoNul]


class UploadFields(BaseModel):
    """The text fields of an upload form (strings by nature: parsed, not strict)."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    kind: DocumentKind = "other"
    agenda_item_id: Id | None = None
    confidential: bool = False


class DocumentUpdate(BaseModel):
    model_config = STRICT_INPUT

    title: Title | None = None
    kind: DocumentKind | None = None
    agenda_item_id: Id | None = None
    confidential: bool | None = None


class VersionOut(BaseModel):
    version: int
    size: int
    sha256: str
    pages: int | None
    filename: str
    status: ProcessingState
    pages_done: int
    signatures: int = Field(description="digital signatures in the file (not validated: see "
                                        "GET /documents/{id}/signatures)")
    created_at: datetime
    url: str


class DocumentOut(BaseModel):
    id: int
    meeting_id: int
    title: str
    kind: DocumentKind
    version: int
    pages: int | None
    size: int
    sha256: str
    confidential: bool
    agenda_item_id: int | None
    filename: str
    status: ProcessingState = Field(description="text extraction: processing, ready or failed")
    pages_done: int
    signatures: int = Field(description="digital signatures in the file (not validated: see "
                                        "GET /documents/{id}/signatures)")
    url: str
    created_at: datetime
    updated_at: datetime


class OutlineItem(BaseModel):
    title: str
    page: int | None
    level: int


class DocumentDetail(DocumentOut):
    pdf_title: str
    outline: list[OutlineItem]
    versions: list[VersionOut]


class DocumentList(BaseModel):
    items: list[DocumentOut]


class PackageEntry(BaseModel):
    document_id: int
    title: str
    kind: DocumentKind
    agenda_item_id: int | None
    version: int
    sha256: str
    size: int
    pages: int | None
    confidential: bool
    url: str


class Package(BaseModel):
    meeting_id: int
    seq: int = Field(description="live channel position the package reflects")
    total_size: int
    items: list[PackageEntry]


class SearchHit(BaseModel):
    kind: Literal["document", "agenda_item", "harvested"] = Field(
        description="harvested: a meeting, paper or file harvested from another OParl server "
                    "(scope=network), with its source and OParl URL")
    meeting_id: int | None = None
    document_id: int | None = None
    agenda_item_id: int | None = None
    page: int | None = None
    title: str
    snippet: str = Field(description="HTML-escaped text with matches in <mark>…</mark>")
    source_id: int | None = None
    source_url: str | None = None
    oparl_id: str | None = None
    oparl_type: str | None = None


class SearchResults(BaseModel):
    items: list[SearchHit]


class Note(BaseModel):
    model_config = STRICT_INPUT

    page: int = Field(ge=1, le=100_000)
    text: Annotated[str, StringConstraints(max_length=20_000), NoNul]
    rect: list[float] | None = Field(default=None, min_length=4, max_length=4,
                                     description="x, y, width, height in page units")


class NotesIn(BaseModel):
    model_config = STRICT_INPUT

    items: list[Note] = Field(max_length=2000)


class NotesOut(BaseModel):
    items: list[Note]


class FileLink(BaseModel):
    url: str = Field(description="/files/…?e=…&s=… — a path on this server, or on nginx in front of it")
    expires_at: datetime
