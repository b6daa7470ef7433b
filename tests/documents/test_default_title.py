"""An upload without a title is named by the PDF's own title, else by its file name."""

from __future__ import annotations

import pytest

from app.documents.titles import default_title
from app.kit.pdfgen import text_pdf


@pytest.mark.parametrize("pdf_title,filename,expected", [
    ("Tờ trình về dự toán ngân sách năm 2027", "to-trinh.pdf", "Tờ trình về dự toán ngân sách năm 2027"),
    ("  Báo cáo   thẩm tra ", "bc.pdf", "Báo cáo thẩm tra"),
    ("Microsoft Word - baocao.docx", "Báo cáo số 5.pdf", "Báo cáo số 5"),
    ("untitled", "Nghị_quyết_12.pdf", "Nghị quyết 12"),
    ("bao-cao.docx", "Báo cáo.pdf", "Báo cáo"),
    ("", "Tờ trình số 12.pdf", "Tờ trình số 12"),
    (None, "Tờ trình số 12.PDF", "Tờ trình số 12"),
    ("ab", "Kế hoạch.pdf", "Kế hoạch"),
])
def test_default_title(pdf_title: str | None, filename: str, expected: str) -> None:
    assert default_title(pdf_title, filename) == expected


async def test_upload_without_title_takes_the_pdfs_title(meeting, upload) -> None:  # type: ignore[no-untyped-def]
    created = await meeting()
    pdf = text_pdf("Tờ trình về chính sách hỗ trợ cử tri vùng cao", ["Nội dung."])
    named = await upload(created["id"], pdf, filename="scan0001.pdf")
    assert named.status_code == 201, named.text
    assert named.json()["title"] == "Tờ trình về chính sách hỗ trợ cử tri vùng cao"
    blank = await upload(created["id"], pdf, filename="scan0002.pdf", title="   ")
    assert blank.json()["title"] == "Tờ trình về chính sách hỗ trợ cử tri vùng cao"
    given = await upload(created["id"], pdf, filename="scan0003.pdf", title="Tờ trình số 7/TTr-UBND")
    assert given.json()["title"] == "Tờ trình số 7/TTr-UBND"
    untitled = text_pdf("Microsoft Word - tt.docx", ["Nội dung khác."])
    by_file = await upload(created["id"], untitled, filename="Báo cáo thẩm tra.pdf")
    assert by_file.json()["title"] == "Báo cáo thẩm tra"
