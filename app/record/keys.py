"""Users' signing keys: a PKCS#12 file's key and certificates, or the address of a PKCS#11
token and its PIN, sealed with AES-GCM under the server's key-encryption key (KYHOP_SIGNING_KEY_SECRET,
else a secret made once in the data directory). A passphrase is used once to open the PKCS#12
file and is never stored or logged; the PIN is sealed like a private key. Each sealed value is
bound to its user and kind, so a row's secret cannot be moved to another user."""

from __future__ import annotations

import json
import os
from base64 import b64decode, b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import Actor, record
from app.config import Settings
from app.errors import Invalid
from app.kit.secret_files import load_or_create_secret
from app.kit.time import VIETNAM, utcnow
from app.models import SigningKey, User
from app.record.tokens import TokenAddress, TokenKey, token_signer

SEAL_VERSION = b"\x01"
NONCE_BYTES = 12


@dataclass(frozen=True)
class KeyMaterial:
    """What a PKCS#12 file holds: the private key (PKCS#8 DER), its certificate and the chain."""

    key_der: bytes
    certificate_der: bytes
    chain_der: tuple[bytes, ...]


def load_pkcs12(data: bytes, passphrase: str) -> KeyMaterial:
    """Invalid("wrong_passphrase") for a wrong passphrase or a file that is not PKCS#12."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None)
    except (ValueError, TypeError):
        raise Invalid("wrong_passphrase") from None
    if key is None or certificate is None:
        raise Invalid("pkcs12_incomplete")
    der = serialization.Encoding.DER
    return KeyMaterial(
        key_der=key.private_bytes(der, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
        certificate_der=certificate.public_bytes(der),
        chain_der=tuple(c.public_bytes(der) for c in chain))


def key_encryption_key(settings: Settings) -> bytes:
    secret = settings.signing_key_secret or load_or_create_secret(
        settings.data_dir / "secrets" / "signing-keys.key")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"kyhop signing keys v1").derive(secret.encode())


def _context(user_id: int, kind: str) -> bytes:
    return f"kyhop-signing-key:{user_id}:{kind}".encode()


def seal(kek: bytes, plaintext: bytes, *, context: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return SEAL_VERSION + nonce + AESGCM(kek).encrypt(nonce, plaintext, context)


def unseal(kek: bytes, sealed: bytes, *, context: bytes) -> bytes:
    """cryptography's InvalidTag when the key-encryption key or the context differ."""
    if sealed[:1] != SEAL_VERSION:
        raise ValueError("unknown sealing version")
    nonce = sealed[1:1 + NONCE_BYTES]
    return AESGCM(kek).decrypt(nonce, sealed[1 + NONCE_BYTES:], context)


async def register_pkcs12(
    session: AsyncSession, *, actor: Actor, kek: bytes, user: User, material: KeyMaterial,
) -> SigningKey:
    secret = {"key": b64encode(material.key_der).decode(),
              "chain": [b64encode(c).decode() for c in material.chain_der]}
    return await _store(session, actor=actor, user=user, kind="pkcs12",
                        sealed=seal(kek, json.dumps(secret).encode(),
                                    context=_context(user.id, "pkcs12")),
                        certificate_der=material.certificate_der, token=None)


async def register_pkcs11(
    session: AsyncSession, *, actor: Actor, kek: bytes, user: User, address: TokenAddress,
    pin: str, found: TokenKey,
) -> SigningKey:
    """`found`: what app.record.tokens.read_token_key read from the token with this PIN."""
    token = TokenAddress(address.library, address.slot, found.key_label)
    return await _store(session, actor=actor, user=user, kind="pkcs11",
                        sealed=seal(kek, json.dumps({"pin": pin}).encode(),
                                    context=_context(user.id, "pkcs11")),
                        certificate_der=found.certificate_der, token=token)


async def _store(
    session: AsyncSession, *, actor: Actor, user: User, kind: str, sealed: bytes,
    certificate_der: bytes, token: TokenAddress | None,
) -> SigningKey:
    """Adds the user's key, or replaces the one they had."""
    certificate = asn1_x509.Certificate.load(certificate_der)
    not_after = certificate["tbs_certificate"]["validity"]["not_after"].native
    if not_after < utcnow():
        raise Invalid("signing_key_expired", day=f"{not_after.astimezone(VIETNAM):%d/%m/%Y}")
    row = await session.scalar(select(SigningKey).where(SigningKey.user_id == user.id))
    replaced = row is not None
    if row is None:
        row = SigningKey(user_id=user.id)
        session.add(row)
    row.kind, row.sealed, row.certificate_der = kind, sealed, certificate_der
    row.pkcs11_library = token.library if token else ""
    row.pkcs11_slot = token.slot if token else None
    row.pkcs11_key_label = token.key_label if token else ""
    row.subject = certificate.subject.human_friendly[:500]
    row.not_after = not_after
    await session.flush()
    details: dict[str, Any] = {"user_id": user.id, "kind": kind, "subject": row.subject,
                               "serial": format(certificate.serial_number, "X"),
                               "not_after": row.not_after, "replaced": replaced}
    if token is not None:
        details.update(library=token.library, slot=token.slot, key_label=token.key_label)
    await record(session, actor=actor, action="signing_key.add", target_type="signing_key",
                 target_id=row.id, details=details)
    return row


@dataclass(frozen=True)
class KeyRef:
    """A signing key row's values, detached from the database session (for a worker thread)."""

    user_id: int
    kind: str
    sealed: bytes
    certificate_der: bytes
    token: TokenAddress | None

    @classmethod
    def of(cls, row: SigningKey) -> KeyRef:
        token = None
        if row.kind == "pkcs11":
            token = TokenAddress(row.pkcs11_library, row.pkcs11_slot or 0, row.pkcs11_key_label)
        return cls(row.user_id, row.kind, row.sealed, row.certificate_der, token)


@contextmanager
def open_signer(key: KeyRef, kek: bytes) -> Iterator[Any]:
    """A pyHanko Signer for the key (sync; a token's session stays open only inside)."""
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    secret = json.loads(unseal(kek, key.sealed, context=_context(key.user_id, key.kind)))
    if key.token is not None:
        with token_signer(key.token, secret["pin"], key.certificate_der) as signer:
            yield signer
        return
    chain = [asn1_x509.Certificate.load(b64decode(c)) for c in secret["chain"]]
    yield SimpleSigner(signing_cert=asn1_x509.Certificate.load(key.certificate_der),
                       signing_key=asn1_keys.PrivateKeyInfo.load(b64decode(secret["key"])),
                       cert_registry=SimpleCertificateStore.from_certs(chain))  # type: ignore[no-untyped-call]
