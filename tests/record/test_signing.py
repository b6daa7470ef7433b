"""app.record.signing: PAdES signatures pyHanko's validator and poppler's pdfsig accept, one after
another, each with its own stamp in Vietnamese; B-T with a time-stamp service, else B-B."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import Invalid
from app.record.keys import load_pkcs12
from app.record.signing import Stamp, sign_pdf, stamp_lines, timestamper_for
from app.record.stamp_font import stamp_font
from app.record.verify import count_signatures, load_trust_roots, verify_pdf
from tests.record.conftest import draw_seal, pdfsig, simple_signer
from tests.record.pki import PASSPHRASE, SIGNER_NAME
from tests.record.poppler import fonts, pdftotext

WHEN = datetime(2026, 12, 8, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội


@pytest.fixture
def font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stamp_font(tmp_path_factory.getbasetemp() / "fonts")


def _sign(pdf: bytes, pki, font: Path, who=None, stamp: Stamp | None = None, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return sign_pdf(pdf, signer=simple_signer(who or pki.signer, pki), font=font, when=WHEN,
                    stamp=stamp if stamp is not None or kwargs.pop("invisible", False)
                    else Stamp(SIGNER_NAME, "Chủ tịch HĐND tỉnh", "Ký chứng thực"), **kwargs)


def test_a_signed_pdf_is_valid_for_pyhanko_and_pdfsig(plain_pdf, pki, font, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = _sign(plain_pdf, pki, font)
    assert signed.startswith(plain_pdf)  # an incremental update: the original bytes stay
    [report] = verify_pdf(signed, load_trust_roots(pki.trust_folder(tmp_path / "trust")))
    assert (report.intact, report.valid, report.trusted, report.problems) == (True, True, True, [])
    assert report.signer == SIGNER_NAME and report.field_name == "Sig1"
    assert not report.timestamped and report.signed_at is not None
    assert pdfsig(signed, tmp_path) == ["Signature is Valid."]
    [untrusted] = verify_pdf(signed, load_trust_roots(None))
    assert (untrusted.intact, untrusted.valid, untrusted.trusted) == (True, True, False)
    assert untrusted.problems == ["untrusted"]
    reader = PdfReader(BytesIO(signed))
    assert reader.get_fields()["Sig1"]["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"


def test_changing_one_byte_after_signing_is_detected(plain_pdf, pki, font, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = bytearray(_sign(plain_pdf, pki, font))
    at = signed.index(b"/MediaBox") + 12  # a digit of the first page's size, inside the signed range
    signed[at:at + 1] = b"7" if signed[at:at + 1] != b"7" else b"6"
    [report] = verify_pdf(bytes(signed), load_trust_roots(pki.trust_folder(tmp_path / "trust")))
    assert (report.intact, report.valid) == (False, False)
    assert "modified" in report.problems
    assert pdfsig(bytes(signed), tmp_path) != ["Signature is Valid."]


def test_a_second_signature_keeps_the_first_valid_and_stamps_do_not_overlap(
        plain_pdf, pki, font, tmp_path) -> None:  # type: ignore[no-untyped-def]
    once = _sign(plain_pdf, pki, font)
    twice = _sign(once, pki, font, stamp=Stamp("Trần Văn Đức", "Thư ký kỳ họp", None))
    assert twice.startswith(once)
    reports = verify_pdf(twice, load_trust_roots(pki.trust_folder(tmp_path / "trust")))
    assert [(r.field_name, r.intact, r.valid, r.trusted) for r in reports] == [
        ("Sig1", True, True, True), ("Sig2", True, True, True)]
    assert pdfsig(twice, tmp_path) == ["Signature is Valid.", "Signature is Valid."]
    assert count_signatures(twice) == 2 and count_signatures(once) == 1
    last = PdfReader(BytesIO(twice)).pages[-1]
    rects = [[float(v) for v in a.get_object()["/Rect"]] for a in last["/Annots"]]
    assert len(rects) == 2
    (_, low_bottom, _, low_top), (_, high_bottom, _, _) = sorted(rects, key=lambda r: r[1])
    assert low_top <= high_bottom  # stacked upwards, not on top of each other
    assert low_bottom >= 30  # inside the page's bottom margin


def test_the_stamp_says_who_signed_in_vietnamese_with_an_embedded_font(
        plain_pdf, pki, font, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seal = draw_seal(tmp_path / "T01.png")
    stamp = Stamp("Nguyễn Thị Hồng Nhung", "Chủ tịch HĐND tỉnh", "Ký chứng thực nghị quyết", seal)
    signed = _sign(plain_pdf, pki, font, stamp=stamp)
    text = " ".join(pdftotext(signed, page=2).split())
    for line in ("Ký bởi: Nguyễn Thị Hồng Nhung", "Chức vụ: Chủ tịch HĐND tỉnh",
                 "Thời gian: 08/12/2026 08:30 (+07:00)", "Lý do: Ký chứng thực nghị quyết"):
        assert line in text
    stamp_fonts = [f for f in fonts(signed) if "LiberationSerif" in f["name"]]
    assert stamp_fonts and all(f["emb"] == "yes" for f in stamp_fonts)
    annotation = PdfReader(BytesIO(signed)).pages[-1]["/Annots"][0].get_object()
    appearance = annotation["/AP"]["/N"].get_object()
    assert _has_image(appearance), "the seal is drawn in the stamp"


def _has_image(xobject) -> bool:  # type: ignore[no-untyped-def]
    for child in (xobject.get("/Resources", {}).get("/XObject", {}) or {}).values():
        child = child.get_object()
        if child.get("/Subtype") == "/Image" or (child.get("/Subtype") == "/Form" and _has_image(child)):
            return True
    return False


def test_stamp_lines_use_vietnam_time() -> None:
    assert stamp_lines(Stamp("A", "B"), WHEN) == [
        "Ký bởi: A", "Chức vụ: B", "Thời gian: 08/12/2026 08:30 (+07:00)"]


def test_an_invisible_signature_has_no_stamp(plain_pdf, pki, font, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = _sign(plain_pdf, pki, font, invisible=True)
    assert "Ký bởi" not in pdftotext(signed)
    [report] = verify_pdf(signed, load_trust_roots(None))
    assert report.intact and report.valid


def test_b_t_with_a_time_stamp_service_and_b_b_without(plain_pdf, pki, font, tmp_path,
                                                       tsa_server) -> None:  # type: ignore[no-untyped-def]
    roots = load_trust_roots(pki.trust_folder(tmp_path / "trust"))
    stamped = _sign(plain_pdf, pki, font, timestamper=timestamper_for(tsa_server.url))
    assert tsa_server.requests, "the time-stamp service was asked"
    [report] = verify_pdf(stamped, roots)
    assert report.timestamped and report.valid and report.trusted and report.problems == []
    assert abs((report.signed_at - datetime.now(UTC)).total_seconds()) < 120  # the TSA's clock
    assert pdfsig(stamped, tmp_path) == ["Signature is Valid."]
    [plain] = verify_pdf(_sign(plain_pdf, pki, font), roots)
    assert not plain.timestamped and plain.valid
    assert timestamper_for("") is None


def test_a_wrong_passphrase_or_a_file_that_is_not_pkcs12_is_a_clear_error(pki) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as wrong:
        load_pkcs12(pki.pkcs12(pki.signer), "sai-mat-khau")
    assert wrong.value.code == "wrong_passphrase"
    with pytest.raises(Invalid) as garbage:
        load_pkcs12(b"%PDF-1.7 not a key", PASSPHRASE)
    assert garbage.value.code == "wrong_passphrase"
