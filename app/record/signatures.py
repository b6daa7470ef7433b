"""Signing a document as a new version, and reading the signatures of a version.

Who signs: a reader of the document who is the council's chair, secretariat or a deputy and has
a registered key (409 `no_signing_key` without one); guests, respondents and people of other
councils do not (403, or 404 where they cannot see the document). The stamp names the signer with
their chức vụ (Membership.title, else their role's name) beside the council's seal. Signing adds
a version, so it is allowed after the meeting closed; the caller (signing_router) runs the
signature itself in a worker thread between a reading and a writing unit of work."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.audit.service import record
from app.councils.access import refuse_if_dissolved
from app.documents.access import document_access
from app.documents.service import CheckedPdf, add_version, get_version
from app.documents.storage import BlobStore
from app.errors import AppError, Conflict, Forbidden
from app.kit.time import VIETNAM, utcnow
from app.models import Council, Document, DocumentVersion, Membership, SigningKey
from app.record.keys import KeyRef, open_signer
from app.record.signing import Stamp, sign_pdf, timestamper_for
from app.record.verify import (
    SignatureReport,
    TrustRoots,
    load_trust_roots,
    trust_identity,
    verify_pdf,
)

logger = logging.getLogger(__name__)

SIGNING_ROLES = frozenset({"chair", "secretary", "deputy"})
ROLE_POSITIONS = {"chair": "Chủ tịch HĐND", "secretary": "Thư ký kỳ họp", "deputy": "Đại biểu HĐND"}


class TimeStampUnavailable(AppError):
    status = 503
    default_code = "tsa_unavailable"


@dataclass(frozen=True)
class SigningJob:
    """Everything the worker thread needs, read in the first unit of work."""

    document_id: int
    version: int
    sha256: str
    filename: str
    key: KeyRef
    stamp: Stamp | None
    reason: str | None


async def prepare_signing(
    session: AsyncSession, *, principal: Principal, document_id: int, reason: str | None,
    visible: bool, seal_dir: Path | None,
) -> SigningJob:
    document, access = await document_access(session, principal, document_id)
    await refuse_if_dissolved(session, access.meeting.council_id)
    if access.role not in SIGNING_ROLES:
        raise Forbidden("not_a_signatory")
    row = await session.scalar(select(SigningKey).where(SigningKey.user_id == principal.user.id))
    if row is None:
        raise Conflict("no_signing_key")
    if row.not_after is not None and row.not_after < utcnow():
        raise Conflict("signing_key_expired",
                       day=f"{row.not_after.astimezone(VIETNAM):%d/%m/%Y}")
    version = await get_version(session, document, None)
    council = await session.get_one(Council, access.meeting.council_id)
    title = await session.scalar(select(Membership.title).where(
        Membership.council_id == council.id, Membership.user_id == principal.user.id))
    stamp = None
    if visible:
        seal = seal_dir / f"{council.code}.png" if seal_dir and council.code else None
        stamp = Stamp(signer_name=principal.user.full_name,
                      position=(title or "").strip() or ROLE_POSITIONS[access.role],
                      reason=reason or None, seal=seal if seal and seal.is_file() else None)
    return SigningJob(document_id=document.id, version=version.version, sha256=version.sha256,
                      filename=version.filename, key=KeyRef.of(row), stamp=stamp,
                      reason=reason or None)


def sign_job(job: SigningJob, *, pdf: bytes, kek: bytes, tsa_url: str, font: Path) -> bytes:
    """The signature itself (sync and slow: run it in a worker thread)."""
    try:
        with open_signer(job.key, kek) as signer:
            return sign_pdf(pdf, signer=signer, stamp=job.stamp, when=datetime.now(UTC),
                            font=font, timestamper=timestamper_for(tsa_url))
    except InvalidTag:
        raise Conflict("signing_key_unreadable") from None
    except AppError:
        raise
    except Exception as exc:
        if tsa_url and _is_time_stamp_failure(exc):
            logger.warning("Time-stamp service %s failed: %s", tsa_url, exc)
            raise TimeStampUnavailable() from None
        raise


def _is_time_stamp_failure(exc: BaseException) -> bool:
    from aiohttp import ClientError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    return isinstance(exc, TimestampRequestError | ClientError | TimeoutError)


async def store_signed(
    session: AsyncSession, *, principal: Principal, job: SigningJob, checked: CheckedPdf,
    store: BlobStore,
) -> tuple[Document, DocumentVersion, bool]:
    """The signed file as the document's next version, audited as `document.sign`."""
    document, access = await document_access(session, principal, job.document_id)
    if document.current_version != job.version:
        raise Conflict("document_changed")
    version, background = await add_version(
        session, actor=principal.actor, access=access, document=document, store=store,
        checked=checked, filename=job.filename, of_the_record=True)
    certificate = asn1_x509.Certificate.load(job.key.certificate_der)
    await record(session, actor=principal.actor, action="document.sign", target_type="document",
                 target_id=document.id, council_id=access.meeting.council_id,
                 details={"version": version.version, "sha256": version.sha256,
                          "signed_version": job.version, "kind": job.key.kind,
                          "reason": job.reason, "visible": job.stamp is not None,
                          "certificate_serial": format(certificate.serial_number, "X"),
                          "certificate_subject": certificate.subject.human_friendly})
    return document, version, background


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Lru(Generic[_K, _V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[_K, _V] = OrderedDict()

    def get(self, key: _K) -> _V | None:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: _K, value: _V) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


_reports: _Lru[tuple[str, str], list[SignatureReport]] = _Lru(256)
_roots: _Lru[str, TrustRoots] = _Lru(4)


def trust_roots(path: Path | None) -> TrustRoots:
    """KYHOP_TRUST_ROOTS, read again only when one of its files changed."""
    identity = trust_identity(path)
    roots = _roots.get(identity)
    if roots is None:
        roots = load_trust_roots(path)
        _roots.put(identity, roots)
    return roots


async def stored_signatures(path: Path, sha256: str, roots: TrustRoots) -> list[SignatureReport]:
    """A stored version's signatures, validated in a worker thread and remembered by content
    and trust roots (validating is slow; the answer only changes with either)."""
    key = (sha256, roots.identity)
    reports = _reports.get(key)
    if reports is None:
        reports = await asyncio.to_thread(lambda: verify_pdf(path.read_bytes(), roots))
        _reports.put(key, reports)
    return reports
