"""The audit chain's head, anchored outside the database.

The hash chain shows an edited or removed row, but not the newest rows cut off: what is left is
still a valid chain. So the head (last id and hash) is written, signed with a key of the data
directory, to `<data dir>/audit/head.json` and to the log, periodically and before every backup.
`kyhop audit verify --head FILE` then proves the chain still reaches that head: whoever can
change the database but not the data directory (or the logs) can no longer truncate unseen."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.chain import GENESIS
from app.kit.secret_files import load_or_create_secret
from app.kit.time import utcnow
from app.models import AuditEntry

log = logging.getLogger("kyhop.audit")


@dataclass(frozen=True)
class Head:
    id: int
    hash: str
    at: str
    signature: str = ""

    def signed_text(self) -> str:
        return f"{self.id}:{self.hash}:{self.at}"


def anchor_path(data_dir: Path) -> Path:
    return data_dir / "audit" / "head.json"


def _key(data_dir: Path) -> bytes:
    return load_or_create_secret(data_dir / "secrets" / "audit-anchor.key").encode()


def sign(head: Head, data_dir: Path) -> Head:
    mac = hmac.new(_key(data_dir), head.signed_text().encode(), hashlib.sha256).hexdigest()
    return Head(id=head.id, hash=head.hash, at=head.at, signature=mac)


def signature_ok(head: Head, data_dir: Path) -> bool:
    return hmac.compare_digest(sign(head, data_dir).signature, head.signature)


async def current_head(session: AsyncSession) -> Head:
    row = (await session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))).first()
    last_id, last_hash = (row[0], row[1]) if row else (0, GENESIS)
    return Head(id=last_id, hash=last_hash, at=utcnow().isoformat())


async def write_anchor(session: AsyncSession, data_dir: Path) -> Head:
    head = sign(await current_head(session), data_dir)
    target = anchor_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(f".{os.getpid()}.tmp")
    staging.write_text(json.dumps(asdict(head)))
    os.replace(staging, target)
    log.info("audit head", extra={"audit_head_id": head.id, "audit_head_hash": head.hash,
                                  "audit_head_signature": head.signature})
    return head


def read_anchor(path: Path) -> Head:
    """Refuses (ValueError) a file that is not an anchor."""
    try:
        data = json.loads(path.read_text())
        return Head(id=int(data["id"]), hash=str(data["hash"]), at=str(data["at"]),
                    signature=str(data["signature"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not an audit head file: {path}") from exc


async def reaches(session: AsyncSession, head: Head) -> bool:
    """Whether the chain still holds the anchored row with the anchored hash."""
    if head.id == 0:
        return True
    stored = await session.scalar(select(AuditEntry.hash).where(AuditEntry.id == head.id))
    return stored == head.hash
