"""Reading the signatures already in a PDF, made here or elsewhere, with pyHanko's validator.

Each signature is judged at its signing time (the time-stamp's when there is one, else the time
the signer's software claimed): `intact` — the signed bytes are unchanged; `valid` — intact,
cryptographically sound, nothing but allowed changes (more signatures, form filling) after it, and
the certificate was within its validity and not revoked at that time; `trusted` — the certificate
chains to a root of KYHOP_TRUST_ROOTS. Whatever is wrong is listed in `problems`: an expired or
revoked certificate is reported, never hidden, and a damaged signature is reported, never raised.
Nothing is fetched from the network: CRLs are the .crl files beside the trust roots."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation.generic_cms import extract_self_reported_ts, extract_tst_data_iter
from pyhanko.sign.validation.pdf_embedded import (
    EmbeddedPdfSignature,
    async_validate_pdf_signature,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)


def _not_a_certificate_verdict(record: logging.LogRecord) -> bool:
    """pyHanko logs a traceback whenever a certificate does not chain to a trusted root, has
    expired or was revoked; here that is an answer (a problem reported), not a server error."""
    error = record.exc_info[1] if record.exc_info else None
    return error is None or not type(error).__module__.startswith("pyhanko_certvalidator")


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_not_a_certificate_verdict)

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
# A signature is accepted from a key meant for signing documents (most Vietnamese CAs set both).
KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"},
                                match_all_key_usages=False)
_REVOKED = {AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE,
            AdESIndeterminate.REVOKED_CA_NO_POE}
_TIME = {AdESFailure.NOT_YET_VALID, AdESIndeterminate.NOT_YET_VALID, AdESIndeterminate.EXPIRED,
         AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED}


@dataclass(frozen=True)
class TrustRoots:
    """The certificates `trusted` is judged against and the CRLs found beside them;
    `identity` changes whenever a file of the folder does (a cache key)."""

    certificates: tuple[asn1_x509.Certificate, ...] = ()
    crls: tuple[asn1_crl.CertificateList, ...] = ()
    identity: str = "none"


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    not_after: datetime


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str
    signed_at: datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    certificate: CertificateInfo | None
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        certificate = self.certificate
        return {"signer": self.signer, "signed_at": self.signed_at, "intact": self.intact,
                "valid": self.valid, "trusted": self.trusted, "problems": list(self.problems),
                "timestamped": self.timestamped, "field": self.field_name,
                "certificate": None if certificate is None else {
                    "subject": certificate.subject, "issuer": certificate.issuer,
                    "serial": certificate.serial, "not_after": certificate.not_after}}


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]


def trust_identity(path: Path | None) -> str:
    """Names the trust roots' current contents (paths, sizes, times): cheap, for caches."""
    if path is None:
        return "none"
    digest = hashlib.sha256(str(path.resolve()).encode())
    for file in _files(path):
        stat = file.stat()
        digest.update(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load_trust_roots(path: Path | None) -> TrustRoots:
    """A PEM file (one or more certificates), or a folder of PEM/DER certificates and .crl files
    (PEM or DER). Unreadable files are skipped with a warning."""
    if path is None:
        return TrustRoots()
    identity = trust_identity(path)
    certificates: list[asn1_x509.Certificate] = []
    crls: list[asn1_crl.CertificateList] = []
    for file in _files(path):
        suffix = file.suffix.lower()
        if suffix not in (*CERTIFICATE_SUFFIXES, ".crl") and file != path:
            continue
        try:
            for der in _der_blocks(file.read_bytes()):
                if suffix == ".crl":
                    crls.append(asn1_crl.CertificateList.load(der))
                else:
                    certificate = asn1_x509.Certificate.load(der)
                    certificate.native  # noqa: B018 - parses it all now, not when validating
                    certificates.append(certificate)
        except ValueError as exc:
            logger.warning("Skipping %s in the trust roots: %s", file, exc)
    return TrustRoots(tuple(certificates), tuple(crls), identity)


def _der_blocks(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


def count_signatures(pdf: Path | bytes) -> int:
    """Signature fields holding a signature (fast: pypdf, no validation)."""
    from pypdf import PdfReader

    from app.documents.pdf_signatures import signature_count

    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return signature_count(PdfReader(source))


def verify_pdf(data: bytes, roots: TrustRoots) -> list[SignatureReport]:
    """Every signature of the PDF, oldest first (sync and slow: run it in a worker thread)."""
    return asyncio.run(_verify_all(data, roots))


async def _verify_all(data: bytes, roots: TrustRoots) -> list[SignatureReport]:
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:  # a PDF pyHanko cannot read at all: nothing it could vouch for
        logger.info("Cannot read the signatures of a PDF: %s", exc)
        return []
    found: list[tuple[int, EmbeddedPdfSignature | str]] = []
    for name, value, sig_field in fields:
        try:
            if value.get_object().get("/Type", "/Sig") != "/Sig":
                continue  # a document time-stamp, not somebody's signature
            signature = EmbeddedPdfSignature(reader, sig_field, name)
            found.append((signature.signed_revision, signature))
        except Exception as exc:  # its /Contents is not a signature one can read
            logger.info("Damaged signature %s: %s", name, exc)
            found.append((found[-1][0] if found else 0, str(name)))  # keeps its place
    return [await _verify_one(s, roots) if isinstance(s, EmbeddedPdfSignature) else _damaged(s)
            for _, s in sorted(found, key=lambda pair: pair[0])]


def _damaged(name: str) -> SignatureReport:
    return SignatureReport(field_name=name, signer="", signed_at=None, timestamped=False,
                           intact=False, valid=False, trusted=False, certificate=None,
                           problems=["damaged"])


async def _verify_one(signature: EmbeddedPdfSignature, roots: TrustRoots) -> SignatureReport:
    name = str(signature.field_name)
    try:
        certificate = signature.signer_cert
        timestamp = _timestamp_time(signature)
        claimed = extract_self_reported_ts(signature.signer_info) \
            or signature.self_reported_timestamp
    except Exception as exc:
        logger.info("Damaged signature %s: %s", name, exc)
        return _damaged(name)
    signed_at = timestamp or claimed
    context = ValidationContext(
        trust_roots=list(roots.certificates), crls=list(roots.crls), allow_fetching=False,
        moment=signed_at or datetime.now(UTC), retroactive_revinfo=True,
        revocation_mode="soft-fail")
    info = _certificate_info(certificate)
    try:
        status = await async_validate_pdf_signature(
            signature, signer_validation_context=context, key_usage_settings=KEY_USAGE)
    except Exception as exc:
        logger.info("Signature %s could not be validated: %s", name, exc)
        return SignatureReport(field_name=name, signer=_common_name(certificate), signed_at=signed_at,
                               timestamped=timestamp is not None, intact=False, valid=False,
                               trusted=False, certificate=info, problems=["bad_signature"])
    problems = _problems(status, certificate, signed_at)
    intact = status.intact
    valid = intact and status.valid and not (set(problems) & _INVALIDATING)
    return SignatureReport(
        field_name=name, signer=_common_name(certificate), signed_at=signed_at,
        timestamped=timestamp is not None, intact=intact, valid=valid,
        trusted="untrusted" not in problems and status.validation_path is not None,
        certificate=info, problems=problems)


_INVALIDATING = {"modified", "bad_signature", "changed_after", "expired", "not_yet_valid",
                 "revoked", "timestamp_invalid", "key_usage"}


def _problems(status: PdfSignatureStatus, certificate: asn1_x509.Certificate,
              signed_at: datetime | None) -> list[str]:
    problems: list[str] = []
    if not status.intact:
        problems.append("modified")
    elif not status.valid:
        problems.append("bad_signature")
    if status.docmdp_ok is False:
        problems.append("changed_after")
    at = signed_at or datetime.now(UTC)
    validity = certificate["tbs_certificate"]["validity"]
    if at > validity["not_after"].native:
        problems.append("expired")
    if at < validity["not_before"].native:
        problems.append("not_yet_valid")
    indication = status.trust_problem_indic
    if status.revoked or indication in _REVOKED:
        problems.append("revoked")
    if indication is AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND \
            or status.validation_path is None:
        problems.append("untrusted")
    elif indication is AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        problems.append("key_usage")
    elif indication is not None and indication not in _REVOKED | _TIME:
        problems.append("chain_invalid")
    timestamp = status.timestamp_validity
    if timestamp is not None and not (timestamp.intact and timestamp.valid):
        problems.append("timestamp_invalid")
    return problems


def _timestamp_time(signature: EmbeddedPdfSignature) -> datetime | None:
    for token in extract_tst_data_iter(signature.signer_info, signed=False):
        moment: datetime = token["encap_content_info"]["content"].parsed["gen_time"].native
        return moment
    return None


def _common_name(certificate: asn1_x509.Certificate) -> str:
    names = certificate.subject.native
    return str(names.get("common_name") or certificate.subject.human_friendly)


def _certificate_info(certificate: asn1_x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=certificate.subject.human_friendly, issuer=certificate.issuer.human_friendly,
        serial=format(certificate.serial_number, "X"),
        not_after=certificate["tbs_certificate"]["validity"]["not_after"].native)
