"""`kyhop backup DEST` and `kyhop restore SRC`.

A backup is a folder: `manifest.json` (format, schema revision, database kind, audit head,
checksum of every file), the database dump, and the kept part of the data directory. Order while
the server runs: audit head anchor → database snapshot → files, so that every blob and the anchor
the snapshot needs are in the folder. A restore goes into a new, empty database and data
directory, checks every checksum, loads the database, brings the schema up to this version, and
verifies the documents' blobs and the audit chain (which must reach the backed-up head)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import func, select, text

from app import __version__
from app.audit.anchor import Head, reaches, write_anchor
from app.audit.service import verify
from app.backup import database, files
from app.backup.database import BackupFailed
from app.config import Settings
from app.db import Database
from app.kit.time import utcnow
from app.migrate import alembic_config, upgrade
from app.models import AuditEntry, DocumentVersion

FORMAT = 1


@dataclass(frozen=True)
class Report:
    revision: str
    audit_rows: int
    documents: int
    files: int


async def _revision_and_head(db: Database) -> tuple[str, Head]:
    async with db.unit_of_work(write=False) as uow:
        revision = await uow.session.scalar(text("SELECT version_num FROM alembic_version"))
        head = await write_anchor(uow.session, db.settings.data_dir)
    return str(revision), head


async def backup(settings: Settings, destination: Path) -> Report:
    if not files.is_empty_dir(destination):
        raise BackupFailed(f"{destination} is not empty: back up into a new folder")
    destination.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - a CLI job, no server loop to block
    db = Database(settings)
    try:
        revision, head = await _revision_and_head(db)
    finally:
        await db.dispose()
    dump_file = database.dump(settings.effective_database_url, destination)
    checksums = files.copy_data(settings.data_dir, destination / "data")
    manifest = {
        "format": FORMAT, "app_version": __version__, "created_at": utcnow().isoformat(),
        "database": "sqlite" if settings.is_sqlite else "postgresql", "dump": dump_file,
        "dump_sha256": files.sha256_of(destination / dump_file), "schema_revision": revision,
        "audit_head": {"id": head.id, "hash": head.hash}, "files": checksums,
    }
    (destination / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return Report(revision=revision, audit_rows=head.id, documents=sum(
        name.startswith("blobs/") for name in checksums), files=len(checksums))


def _read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupFailed(f"{source} holds no readable manifest.json: not a Kỳ Họp backup") from exc
    if manifest.get("format") != FORMAT:
        raise BackupFailed(f"backup format {manifest.get('format')} is not one this version reads")
    return manifest


def _require_known_revision(url: str, revision: str) -> None:
    try:
        known = ScriptDirectory.from_config(alembic_config(url)).get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise BackupFailed(f"the backup's schema ({revision}) is newer than this version of Kỳ Họp "
                           f"({__version__}): restore it with the version that made it, or newer")


async def restore(settings: Settings, source: Path) -> Report:
    manifest = _read_manifest(source)
    url = settings.effective_database_url
    _require_known_revision(url, manifest["schema_revision"])
    database.require_empty(url)
    data_dir = settings.data_dir
    if not files.is_empty_dir(data_dir):
        raise BackupFailed(f"the data directory {data_dir} is not empty: restore into a new one")
    if files.sha256_of(source / manifest["dump"]) != manifest["dump_sha256"]:
        raise BackupFailed("the database dump does not match its checksum: the backup is damaged")
    try:
        files.restore_data(source / "data", data_dir, manifest["files"])
    except files.BlobMismatch as exc:
        raise BackupFailed(f"{exc.relative} is missing or damaged in the backup") from None
    database.load(url, source, manifest["dump"])
    upgrade(url)
    return await _verify_restored(settings, manifest)


async def _verify_restored(settings: Settings, manifest: dict[str, Any]) -> Report:
    db = Database(settings)
    try:
        async with db.unit_of_work(write=False) as uow:
            session = uow.session
            _, broken = await verify(session)
            if broken is not None:
                raise BackupFailed(f"the restored audit chain is broken at row {broken.row_id}")
            head = manifest["audit_head"]
            if not await reaches(session, Head(id=head["id"], hash=head["hash"], at="")):
                raise BackupFailed(f"the restored audit chain lacks row {head['id']} of the backup")
            hashes = set(await session.scalars(select(DocumentVersion.sha256).distinct()))
            missing = sorted(h for h in hashes
                             if f"blobs/{h[:2]}/{h[2:]}" not in manifest["files"])
            if missing:
                raise BackupFailed(f"{len(missing)} stored PDFs are missing, e.g. {missing[0]}")
            rows = await session.scalar(select(func.count()).select_from(AuditEntry))
        return Report(revision=manifest["schema_revision"], audit_rows=int(rows or 0),
                      documents=len(hashes), files=len(manifest["files"]))
    finally:
        await db.dispose()
