"""The signing endpoints' bodies and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, NoNul

Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul]


class SignIn(BaseModel):
    model_config = STRICT_INPUT

    reason: Reason | None = Field(default=None, description="lý do ký, shown in the stamp")
    visible: bool = Field(default=True, description="false: no stamp on the page")


class CertificateOut(BaseModel):
    subject: str
    issuer: str
    serial: str = Field(description="hexadecimal")
    not_after: datetime


class SignatureOut(BaseModel):
    signer: str = Field(description="the certificate's common name")
    signed_at: datetime | None = Field(
        description="the time-stamp's time, else the time the signer's software claimed")
    intact: bool = Field(description="the signed bytes are unchanged")
    valid: bool = Field(description="intact, cryptographically valid, only allowed changes "
                                    "after it, certificate neither expired nor revoked then")
    trusted: bool = Field(description="the certificate chains to a root of KYHOP_TRUST_ROOTS")
    timestamped: bool = Field(description="carries an RFC 3161 time-stamp (PAdES B-T)")
    field: str = Field(description="the PDF's signature field")
    certificate: CertificateOut | None
    problems: list[str] = Field(description="modified, bad_signature, changed_after, expired, "
                                            "not_yet_valid, revoked, untrusted, key_usage, "
                                            "chain_invalid, timestamp_invalid, damaged")


class SignatureList(BaseModel):
    items: list[SignatureOut]
