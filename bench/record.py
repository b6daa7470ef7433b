"""The record's costs: writing the minutes of a long meeting, and signing a document.

1. Minutes of a meeting with 40 agenda items, 200 speeches, 30 polls (half open, with the named
   annex; half secret) and 60 seated deputies: the layout and the PDF (fpdf2, Liberation Serif,
   subset-embedded) and the .docx (python-docx) — time (median of the runs), pages, size. This is
   the rendering only: the database read (app.record.minutes_data.collect) is a few queries.
2. Signing that PDF: Kỳ Họp's sign_pdf (PAdES, the visible Vietnamese stamp, incremental update)
   beside a plain pyHanko sign of the same file with the same key (invisible signature, pyHanko's
   defaults) — p50 and p99 over the runs, and the ratio.

    .venv/bin/python bench/record.py [--runs 30]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.attendance.schemas import AttendanceEntry, AttendanceSummary
from app.kit.fonts import serif_family
from app.record.minutes_data import ItemRecord, MinutesData, PollRecord, ResolutionRecord, Speech
from app.record.minutes_layout import build
from app.record.render_docx import render_docx
from app.record.render_pdf import render_pdf
from app.record.signing import Stamp, sign_pdf
from app.record.stamp_font import stamp_font

GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Hòa", "Khoa", "Lan", "Minh", "Nga", "Ộ",
         "Phượng", "Quyết", "Sơn", "Thảo", "Tuệ", "Uyên", "Vượng", "Ỳ"]
FAMILY = ["Nguyễn", "Trần", "Lê"]


def long_meeting() -> MinutesData:
    deputies = [f"{FAMILY[n % 3]} Thị {GIVEN[n % 20]} {n}" for n in range(60)]
    attendance = AttendanceSummary(seated=60, present=57, online=3, quorum_required=40, quorate=True, items=[
        AttendanceEntry(user_id=n, full_name=name, status="excused" if n < 3 else "online" if n < 6 else "present",
                        reason="Đi công tác" if n < 3 else "", checked_in=n >= 3)
        for n, name in enumerate(deputies)])
    items = []
    for i in range(40):
        item = ItemRecord(number=str(i + 1), title=f"Tờ trình về việc phê duyệt chủ trương đầu tư dự án số {i + 1}",
                          depth=0, presenter="Giám đốc Sở Tài chính",
                          documents=[("Tờ trình của Ủy ban nhân dân tỉnh", "Tờ trình"),
                                     ("Báo cáo thẩm tra của Ban Kinh tế - Ngân sách", "Báo cáo thẩm tra")],
                          summary="Các đại biểu thống nhất với sự cần thiết; đề nghị làm rõ nguồn vốn, tiến độ "
                                  "và hiệu quả đầu tư, bảo đảm công khai, minh bạch. " * 3,
                          speeches=[Speech(name=deputies[(i * 5 + k) % 60], kind="Thảo luận", seconds=300 + k,
                                           started_at=None) for k in range(5)])
        if i < 30:
            secret = i % 2 == 1
            item.polls.append(PollRecord(
                title=f"Thông qua Nghị quyết số {i + 1}", secret=secret, rule="quá nửa tổng số đại biểu",
                seated=60, present=57, cast=55, base=60, required=31,
                counts=[("Tán thành", 52), ("Không tán thành", 2), ("Không biểu quyết", 1)],
                outcome="Thông qua", passed=True, elected=[], closed_at=None,
                named_votes=None if secret else [(name, "Tán thành") for name in deputies[3:58]]))
            item.resolutions.append(ResolutionRecord(number=f"{i + 1}/NQ-HĐND", title=f"Nghị quyết số {i + 1}"))
        items.append(item)
    return MinutesData(council_name="HĐND tỉnh Nghệ An", meeting_title="Kỳ họp thường lệ cuối năm 2026",
                       meeting_number=14, location="Hội trường Trung tâm Hội nghị tỉnh",
                       scheduled_at=datetime(2026, 12, 8, 1, tzinfo=UTC), opened_at=datetime(2026, 12, 8, 1, tzinfo=UTC),
                       closed_at=datetime(2026, 12, 10, 10, tzinfo=UTC), chair=deputies[10], secretary="Đỗ Thị Ánh",
                       attendance=attendance, items=items, written_questions=[], final=True)


def signer_identity() -> signers.SimpleSigner:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Trần Quốc Vượng")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365)).sign(key, hashes.SHA256()))
    with tempfile.TemporaryDirectory() as folder:
        key_path, cert_path = Path(folder) / "key.pem", Path(folder) / "cert.pem"
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        loaded = signers.SimpleSigner.load(str(key_path), str(cert_path))
    assert loaded is not None
    return loaded


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    fonts = serif_family()
    data = long_meeting()
    pdf = render_pdf(build(data), fonts)
    pdf_times = timed(lambda: render_pdf(build(data), fonts), max(3, args.runs // 6))
    docx_times = timed(lambda: render_docx(build(data)), max(3, args.runs // 6))
    docx = render_docx(build(data))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print("Minutes: 40 items, 200 speeches, 30 polls (15 open with the named annex), 60 deputies")
    print(f"  PDF : {statistics.median(pdf_times) * 1000:8.0f} ms (median of {len(pdf_times)}), "
          f"{pages} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"  DOCX: {statistics.median(docx_times) * 1000:8.0f} ms (median of {len(docx_times)}), "
          f"{len(docx) / 1024:.0f} KiB")

    signer = signer_identity()
    with tempfile.TemporaryDirectory() as folder:
        font = stamp_font(Path(folder))
        stamp = Stamp(signer_name="Trần Quốc Vượng", position="Chủ tịch HĐND tỉnh", reason="Ký chứng thực")

        def ours() -> bytes:
            return sign_pdf(pdf, signer=signer, stamp=stamp, when=datetime.now(UTC), font=font)

        def ours_invisible() -> bytes:
            return sign_pdf(pdf, signer=signer, stamp=None, when=datetime.now(UTC), font=font)

        def plain() -> bytes:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Sig1"), signer=signer)
            return bytes(out.getvalue())

        ours()  # warm: the stamp font's subsetter, pyHanko's imports
        # Interleaved (ABAB…) so the machine's drift hits all alike.
        results: dict[str, list[float]] = {"Kỳ Họp, visible stamp": [], "Kỳ Họp, invisible": [],
                                           "plain pyHanko": []}
        for _ in range(args.runs):
            for name, action in zip(results, (ours, ours_invisible, plain), strict=True):
                results[name] += timed(action, 1)
    base50, base99 = p(results["plain pyHanko"], 0.5), p(results["plain pyHanko"], 0.99)
    print(f"Signing that {pages}-page PDF ({len(pdf) / 1024:.0f} KiB), B-B, RSA-2048, {args.runs} runs each:")
    print(f"  {'':24} {'p50':>9} {'p99':>9} {'p50 ratio':>10} {'p99 ratio':>10}")
    for name, values in results.items():
        p50, p99 = p(values, 0.5), p(values, 0.99)
        print(f"  {name:24} {p50 * 1000:7.1f}ms {p99 * 1000:7.1f}ms {p50 / base50:9.2f}× {p99 / base99:9.2f}×")


if __name__ == "__main__":
    main()
