"""PKCS#11 tokens (the USB tokens of VNPT-CA, Viettel-CA and others, or an HSM): reading the
signing certificate when a token is registered, and a pyHanko signer on it for one signing. A
session is open only while it is used; the token must be plugged into the server."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asn1crypto import x509 as asn1_x509

from app.errors import Conflict

if TYPE_CHECKING:
    from pkcs11 import Session, Token
    from pyhanko.sign.pkcs11 import PKCS11Signer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenAddress:
    library: str  # the vendor's PKCS#11 module, e.g. /usr/lib/vnpt-ca/libvnpt_p11.so
    slot: int  # an index in the module's list of slots, or a slot id
    key_label: str = ""  # "" when the token holds one key (registering finds its label)


class TokenError(Conflict):
    """The token cannot be used: not found, not plugged in, a wrong PIN, no key on it."""


def _token(address: TokenAddress) -> Token:
    from pkcs11 import lib
    from pkcs11.exceptions import PKCS11Error

    try:
        slots = lib(address.library).get_slots()
    except (OSError, RuntimeError, PKCS11Error) as exc:
        raise TokenError("token_library", library=address.library,
                         details={"reason": str(exc)}) from None
    if 0 <= address.slot < len(slots):
        slot = slots[address.slot]
    else:
        found = [s for s in slots if s.slot_id == address.slot]
        if not found:
            raise TokenError("token_missing", slot=address.slot)
        slot = found[0]
    try:
        return slot.get_token()
    except PKCS11Error:
        raise TokenError("token_missing", slot=address.slot) from None


@contextmanager
def _session(address: TokenAddress, pin: str) -> Iterator[Session]:
    from pkcs11.exceptions import PinIncorrect, PinLenRange, PKCS11Error

    token = _token(address)
    try:
        session = token.open(user_pin=pin)
    except (PinIncorrect, PinLenRange):
        raise TokenError("wrong_pin") from None
    except PKCS11Error as exc:
        raise TokenError("token_missing", slot=address.slot,
                         details={"reason": type(exc).__name__}) from None
    try:
        yield session
    finally:
        session.close()


@dataclass(frozen=True)
class TokenKey:
    certificate_der: bytes
    key_label: str


def read_token_key(address: TokenAddress, pin: str) -> TokenKey:
    """The signing key on the token (by label; the only one without) and its certificate
    (the one with the key's id, else its label)."""
    from pkcs11 import Attribute, ObjectClass

    with _session(address, pin) as session:
        query: dict[Any, Any] = {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True}
        if address.key_label:
            query[Attribute.LABEL] = address.key_label
        keys = list(session.get_objects(query))
        if not keys:
            raise TokenError("token_no_key", label=address.key_label or "—")
        if len(keys) > 1:
            raise TokenError("token_many_keys")
        label, key_id = str(keys[0][Attribute.LABEL]), bytes(keys[0][Attribute.ID])
        certificates = [bytes(c[Attribute.VALUE]) for c in session.get_objects(
            {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: key_id})] or [
            bytes(c[Attribute.VALUE]) for c in session.get_objects(
                {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label})]
    if not certificates:
        raise TokenError("token_no_certificate", label=label)
    return TokenKey(certificates[0], label)


@contextmanager
def token_signer(address: TokenAddress, pin: str, certificate_der: bytes) -> Iterator[PKCS11Signer]:
    from pyhanko.sign.pkcs11 import PKCS11Signer

    with _session(address, pin) as session:
        yield PKCS11Signer(session, key_label=address.key_label,
                           signing_cert=asn1_x509.Certificate.load(certificate_der),
                           other_certs_to_pull=None)
