"""Loading every PDF of a folder into a meeting (`kyhop import-documents`): the same checks as
an upload through the API, one transaction per file, files already there skipped."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.audit.service import Actor
from app.db import Database
from app.documents import service
from app.documents.runtime import DocumentRuntime
from app.documents.schemas import UploadFields
from app.errors import AppError, NotFound
from app.i18n import translate
from app.kit.text import fold
from app.meetings.access import MeetingAccess
from app.models import Document, DocumentVersion, Meeting
from app.models.vocabulary import DocumentKind

CHUNK = 1024 * 1024
# Folded file-name beginnings → document kind, most specific first.
KIND_PATTERNS: list[tuple[str, DocumentKind]] = [
    (r"^du thao nghi quyet|^dtnq", "draft_resolution"),
    (r"^bao cao tham tra|^bctt", "review_report"),
    (r"^to trinh|^ttr", "proposal"),
    (r"^nghi quyet|^nq", "resolution"),
    (r"^bien ban", "minutes"),
    (r"^bao cao|^bc", "report"),
]


def guess_kind(filename: str) -> DocumentKind:
    name = " ".join(re.findall(r"[a-z0-9]+", fold(Path(filename).stem)))
    for pattern, kind in KIND_PATTERNS:
        if re.search(pattern, name):
            return kind
    return "other"


@dataclass
class FileOutcome:
    path: Path
    status: str  # "added" | "skipped" | "refused"
    message: str = ""


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


async def import_folder(
    db: Database, runtime: DocumentRuntime, *, meeting_id: int, folder: Path,
    on_file: Callable[[FileOutcome], None],
) -> list[FileOutcome]:
    actor = Actor.system("import-documents")
    async with db.unit_of_work(write=False) as uow:
        if await uow.session.get(Meeting, meeting_id) is None:
            raise NotFound()
    outcomes: list[FileOutcome] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf"):  # noqa: ASYNC240 - a CLI job
        outcome = await _import_one(db, runtime, actor, meeting_id, path)
        outcomes.append(outcome)
        on_file(outcome)
    return outcomes


async def _import_one(db: Database, runtime: DocumentRuntime, actor: Actor, meeting_id: int,
                      path: Path) -> FileOutcome:
    staged = await runtime.store.receive(_chunks(path), max_bytes=runtime.settings.max_upload_bytes)
    try:
        async with db.unit_of_work(write=False) as uow:
            present = await uow.session.scalar(
                select(Document.id).join(DocumentVersion, DocumentVersion.document_id == Document.id)
                .where(Document.meeting_id == meeting_id, DocumentVersion.sha256 == staged.sha256))
            known = await service.known_content(uow.session, staged.sha256)
        if present is not None:
            runtime.store.discard(staged)
            return FileOutcome(path, "skipped", f"đã có (tài liệu {present})")
        checked = await service.check_pdf(limits=runtime.limits, staged=staged, known_version_id=known)
        async with db.unit_of_work() as uow:
            meeting = await uow.session.get_one(Meeting, meeting_id)
            access = MeetingAccess(meeting=meeting, role=None, is_admin=True)
            fields = UploadFields(title=path.stem[:500], kind=guess_kind(path.name))
            _, version, background = await service.upload(
                uow.session, actor=actor, access=access, store=runtime.store, checked=checked,
                filename=path.name, fields=fields)
    except AppError as exc:
        runtime.store.discard(staged)
        return FileOutcome(path, "refused", translate(exc.message_code, "vi", **exc.params))
    if background:
        runtime.extractor.schedule(version.id)
    return FileOutcome(path, "added", f"{version.pages} trang")
