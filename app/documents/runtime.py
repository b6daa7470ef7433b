"""What the document endpoints need besides the database, built once per app."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from app.config import Settings
from app.db import Database
from app.documents.grants import ReadGrants
from app.documents.links import FileLinks
from app.documents.processing import TextExtractor
from app.documents.service import PdfLimits
from app.documents.storage import BlobStore
from app.documents.watermark import Watermarker
from app.kit.fonts import vietnamese_font


@dataclass
class DocumentRuntime:
    store: BlobStore
    limits: PdfLimits
    extractor: TextExtractor
    settings: Settings
    grants: ReadGrants
    links: FileLinks

    def watermarker(self) -> Watermarker:
        return Watermarker(self.settings.data_dir / "watermarked",
                           vietnamese_font(self.settings.font_path))

    @staticmethod
    def of(request: Request) -> DocumentRuntime:
        """The app's runtime, from a request."""
        runtime: DocumentRuntime = request.app.state.documents
        return runtime

    @classmethod
    def build(cls, settings: Settings, db: Database) -> DocumentRuntime:
        store = BlobStore(settings.data_dir)
        limits = PdfLimits(inline_bytes=settings.inline_processing_mb * 1024 * 1024,
                           timeout_s=settings.pdf_timeout_s, memory_mb=settings.pdf_memory_mb)
        return cls(store=store, limits=limits, extractor=TextExtractor(db, store, limits),
                   settings=settings, grants=ReadGrants(settings.read_grant_ttl_s),
                   links=FileLinks.load(settings.data_dir, settings.file_link_secret,
                                        settings.file_link_ttl_s))
