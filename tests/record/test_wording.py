"""How the record words things: pure functions, tested directly."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.record import wording


@pytest.mark.parametrize(("council", "place", "unit"), [
    ("HĐND tỉnh Nghệ An", "Nghệ An", "TỈNH NGHỆ AN"),
    ("Hội đồng nhân dân thành phố Hà Nội", "Hà Nội", "THÀNH PHỐ HÀ NỘI"),
    ("HĐND xã Ia Ly", "Ia Ly", "XÃ IA LY"),
    ("HĐND phường Ba Đình", "Ba Đình", "PHƯỜNG BA ĐÌNH"),
    ("HĐND đặc khu Phú Quốc", "Phú Quốc", "ĐẶC KHU PHÚ QUỐC"),
    ("Bắc Ninh", "Bắc Ninh", "BẮC NINH"),
])
def test_the_locality_of_a_council(council: str, place: str, unit: str) -> None:
    assert wording.place_name(council) == place
    assert wording.unit_line(council) == unit


@pytest.mark.parametrize(("day", "line"), [
    (date(2026, 12, 4), "Nghệ An, ngày 04 tháng 12 năm 2026"),
    (date(2027, 2, 15), "Nghệ An, ngày 15 tháng 02 năm 2027"),
    (date(2027, 1, 9), "Nghệ An, ngày 09 tháng 01 năm 2027"),
    (date(2027, 3, 10), "Nghệ An, ngày 10 tháng 3 năm 2027"),
])
def test_the_date_line_of_decree_30(day: date, line: str) -> None:
    assert wording.date_line("Nghệ An", day) == line


def test_times_are_vietnams() -> None:
    assert wording.clock(datetime(2026, 12, 4, 1, 5, tzinfo=UTC)) == "8 giờ 05 phút, ngày 04/12/2026"
    assert wording.clock(datetime(2026, 12, 4, 17, 30, tzinfo=UTC)) == "0 giờ 30 phút, ngày 05/12/2026"
    assert wording.clock(None) == "—"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 giây"), (45.4, "45 giây"), (245, "4 phút 05 giây"),
                                               (3600, "60 phút 00 giây"), (-3, "0 giây")])
def test_durations(seconds: float, text: str) -> None:
    assert wording.duration(seconds) == text


def test_poll_rule_outcome_and_share() -> None:
    result = {"basis": "seated", "threshold": "two_thirds", "outcome": "rejected", "passed": False}
    assert wording.poll_rule(result) == "ít nhất hai phần ba tổng số đại biểu"
    assert wording.outcome(result) == "Không thông qua"
    assert wording.outcome({"passed": True}) == "Thông qua"
    assert wording.share(12, 23) == "52,17 %"
    assert wording.share(1, 0) == "—"


@pytest.mark.parametrize(("text", "seq"), [
    ("12/NQ-HĐND", 12), (" 7 / NQ-HĐND ", 7), ("3/2026/NQ-HĐND", 3),
    ("12/NQ-HĐND".replace("Đ", "D\u0335"), None), ("0/NQ-HĐND", None), ("abc", None), ("12/QĐ-HĐND", None),
    ("1234567/NQ-HĐND", None),
])
def test_resolution_numbers(text: str, seq: int | None) -> None:
    assert wording.parse_resolution_number(text) == seq
    if seq is not None:
        assert wording.parse_resolution_number(wording.resolution_number(seq)) == seq
