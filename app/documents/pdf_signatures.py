"""Counting the signatures in a PDF without validating them (pypdf): the signature fields that
hold a signature (a /V of type /Sig, not a document time-stamp)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfReader


def signature_count(reader: PdfReader) -> int:
    count = 0
    for value in (reader.get_fields() or {}).values():
        if value.get("/FT") != "/Sig":
            continue
        signature = value.get("/V")
        if signature is None:
            continue
        signature = signature.get_object()
        if hasattr(signature, "get") and signature.get("/Type", "/Sig") == "/Sig":
            count += 1
    return count
