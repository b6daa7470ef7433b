"""app.record.verify: what is wrong with a signature is reported — an expired or revoked
certificate, an unknown root, a damaged signature — never hidden and never raised."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.record.signing import sign_pdf
from app.record.stamp_font import stamp_font
from app.record.verify import count_signatures, load_trust_roots, trust_identity, verify_pdf
from tests.record.conftest import simple_signer


@pytest.fixture
def sign(plain_pdf, pki, tmp_path_factory):  # type: ignore[no-untyped-def]
    font = stamp_font(tmp_path_factory.getbasetemp() / "fonts")

    def signed_by(who, pdf: bytes | None = None) -> bytes:  # type: ignore[no-untyped-def]
        return sign_pdf(pdf or plain_pdf, signer=simple_signer(who, pki), stamp=None,
                        when=datetime.now(UTC), font=font)

    return signed_by


def test_an_expired_certificate_is_reported(sign, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    [report] = verify_pdf(sign(pki.expired), load_trust_roots(pki.trust_folder(tmp_path / "t")))
    assert report.intact and not report.valid
    assert "expired" in report.problems
    assert report.certificate is not None
    assert report.certificate.not_after < datetime.now(UTC)
    [untrusted] = verify_pdf(sign(pki.expired), load_trust_roots(None))
    assert "expired" in untrusted.problems and not untrusted.valid  # known without any root


def test_a_revoked_certificate_is_reported_from_the_crl_beside_the_roots(sign, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = sign(pki.revoked)
    [report] = verify_pdf(signed, load_trust_roots(pki.trust_folder(tmp_path / "with-crl")))
    assert report.intact and not report.valid and report.trusted
    assert "revoked" in report.problems
    without_crl = load_trust_roots(pki.trust_folder(tmp_path / "no-crl", with_crl=False))
    [unknown] = verify_pdf(signed, without_crl)  # nothing is fetched from the network
    assert unknown.valid and unknown.problems == []


def test_another_root_is_not_trusted(sign, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.pem"
    other.write_bytes(pki.other_root.certificate.public_bytes(serialization.Encoding.PEM))
    [report] = verify_pdf(sign(pki.signer), load_trust_roots(other))
    assert report.valid and not report.trusted and report.problems == ["untrusted"]


def test_a_damaged_signature_is_reported_not_raised(sign, pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = sign(pki.signer)
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    damaged = signed[:start] + b"0" * 400 + signed[start + 400:]
    [report] = verify_pdf(damaged, load_trust_roots(pki.trust_folder(tmp_path / "t")))
    assert not report.intact and not report.valid
    assert report.problems and set(report.problems) <= {"damaged", "bad_signature", "modified"}


def test_unsigned_and_unreadable_files_have_no_signatures(plain_pdf) -> None:  # type: ignore[no-untyped-def]
    assert verify_pdf(plain_pdf, load_trust_roots(None)) == []
    assert verify_pdf(b"not a pdf at all", load_trust_roots(None)) == []
    assert count_signatures(plain_pdf) == 0


def test_trust_roots_from_a_folder_of_der_and_pem_with_crls(pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "roots"
    folder.mkdir()
    (folder / "root.cer").write_bytes(pki.root.certificate.public_bytes(serialization.Encoding.DER))
    (folder / "other.pem").write_bytes(
        pki.other_root.certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "root.crl").write_bytes(pki.crl.public_bytes(serialization.Encoding.PEM))
    (folder / "README.txt").write_text("không phải chứng thư")
    (folder / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    roots = load_trust_roots(folder)
    assert len(roots.certificates) == 2 and len(roots.crls) == 1
    before = trust_identity(folder)
    assert roots.identity == before
    (folder / "root.crl").write_bytes(pki.crl.public_bytes(serialization.Encoding.DER) + b"")
    (folder / "extra.pem").write_bytes(pki.root.certificate.public_bytes(serialization.Encoding.PEM))
    assert trust_identity(folder) != before
    assert load_trust_roots(None).certificates == ()
