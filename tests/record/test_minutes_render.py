"""The minutes' typography, checked on a long meeting built in the test and read with poppler:
every Vietnamese glyph in the font, NFC text, page numbers from page 2, tables that split with
their header repeated, no word broken across lines."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

import pytest
from fontTools.ttLib import TTFont

from app.attendance.schemas import AttendanceEntry, AttendanceSummary
from app.kit.fonts import serif_family
from app.record.minutes_data import ItemRecord, MinutesData, PollRecord, Speech
from app.record.minutes_layout import build
from app.record.render_pdf import render_pdf
from tests.record import poppler

# Every letter of Vietnamese, lower and upper case (the precomposed forms NFC gives).
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LETTERS = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"})
LETTERS += [letter.upper() for letter in LETTERS]

SUMMARY = ("Đại biểu Nguyễn Thị Ộ đề nghị Ủy ban nhân dân tỉnh rà soát quy hoạch sử dụng đất, bảo đảm "
           "quyền lợi hợp pháp của người dân bị thu hồi đất; công khai phương án bồi thường, hỗ trợ, tái "
           "định cư và tiến độ giải ngân vốn đầu tư công trong năm 2027. ") * 3


def test_the_serif_has_every_vietnamese_glyph() -> None:
    for style, path in serif_family().items():
        cmap = TTFont(str(path)).getBestCmap()
        missing = [letter for letter in LETTERS if ord(letter) not in cmap]
        assert not missing, (style, path, missing)


def _long_meeting() -> MinutesData:
    attendance = AttendanceSummary(seated=2, present=2, online=0, quorum_required=2, quorate=True, items=[
        AttendanceEntry(user_id=1, full_name="Nguyễn Thị Ộ", status="present", reason="", checked_in=True),
        AttendanceEntry(user_id=2, full_name="Trần Văn Ỳ", status="present", reason="", checked_in=True)])
    # A decomposed name (NFD, as some keyboards type it) must come out as NFC text.
    speeches = [Speech(name=unicodedata.normalize("NFD", f"Đại biểu Lường Thị Ọ số {n}"), kind="Thảo luận",
                       seconds=240 + n, started_at=None) for n in range(1, 81)]
    item = ItemRecord(number="1", title="Tờ trình về quy hoạch sử dụng đất", depth=0, presenter="Sở Xây dựng",
                      summary=SUMMARY, speeches=speeches,
                      polls=[PollRecord(title="Thông qua nghị quyết", secret=False, rule="quá nửa tổng số đại biểu",
                                        seated=2, present=2, cast=2, base=2, required=2,
                                        counts=[("Tán thành", 2), ("Không tán thành", 0), ("Không biểu quyết", 0)],
                                        outcome="Thông qua", passed=True, elected=[], closed_at=None,
                                        named_votes=[("Nguyễn Thị Ộ", "Tán thành"), ("Trần Văn Ỳ", "Tán thành")])])
    return MinutesData(council_name="HĐND xã Ia Ly", meeting_title="Kỳ họp thường lệ", meeting_number=3,
                       location="", scheduled_at=datetime(2026, 12, 1, 1, tzinfo=UTC),
                       opened_at=datetime(2026, 12, 1, 1, 5, tzinfo=UTC),
                       closed_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC), chair="Nguyễn Thị Ộ",
                       secretary="Trần Văn Ỳ", attendance=attendance, items=[item], written_questions=[], final=True)


@pytest.fixture(scope="module")
def long_minutes() -> bytes:
    return render_pdf(build(_long_meeting()), serif_family())


def test_page_numbers_start_on_page_two_at_the_top(long_minutes: bytes) -> None:
    pages = [poppler.pdftotext(long_minutes, page=n, layout=True) for n in range(1, 4)]
    assert not re.match(r"\s*1\s*\n", pages[0])
    for number, text in ((2, pages[1]), (3, pages[2])):
        first_line = next(line for line in text.splitlines() if line.strip())
        assert first_line.strip() == str(number), first_line
    assert "Ia Ly, ngày 01 tháng 12 năm 2026" in pages[0], "the place and date line of Decree 30"
    assert "DỰ THẢO" not in poppler.pdftotext(long_minutes), "a final copy has no draft mark"


def test_a_long_table_repeats_its_header_on_every_page_it_spans(long_minutes: bytes) -> None:
    pages = poppler.pages(long_minutes)
    with_speakers = [text for text in pages if "số 5" in text or re.search(r"Lường Thị Ọ số \d+", text)]
    assert len(with_speakers) >= 2, "80 speakers span more than one page"
    for text in with_speakers:
        assert "Người phát biểu" in text and "Thời lượng" in text
    numbers = [int(n) for n in re.findall(r"Lường Thị Ọ số (\d+)", poppler.pdftotext(long_minutes))]
    assert numbers == list(range(1, 81)), "every row once, in order"


def test_text_is_nfc_and_no_word_is_broken_across_lines(long_minutes: bytes) -> None:
    text = poppler.pdftotext(long_minutes)
    assert unicodedata.normalize("NFC", text) == text
    assert "Lường Thị Ọ" in text
    words = set(SUMMARY.split())
    region = " ".join(text[text.index("Tóm tắt thảo luận"):text.index("Đại biểu phát biểu")].split()[4:])
    for line in poppler.pdftotext(long_minutes, layout=True).splitlines():
        if "Nguyễn Thị Ộ đề nghị" in line or "quyền lợi" in line:
            assert not line.rstrip().endswith("-"), line
    assert all(token in words for token in region.split()), \
        [token for token in region.split() if token not in words][:5]


def test_the_annex_lists_each_deputys_choice_in_open_polls(long_minutes: bytes) -> None:
    text = " ".join(poppler.pdftotext(long_minutes, layout=True).split())
    annex = text[text.index("PHỤ LỤC"):]
    assert "Nguyễn Thị Ộ Tán thành" in annex and "Trần Văn Ỳ Tán thành" in annex
