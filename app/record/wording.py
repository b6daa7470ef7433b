"""How the record says things (pure functions, no database): the place and date line of an
official document (Decree 30/2020/NĐ-CP), durations, poll rules and outcomes, resolution numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from app.kit.time import VIETNAM

UNIT_WORDS = ("thành phố", "đặc khu", "phường", "tỉnh", "xã")
COUNCIL_PREFIXES = ("hội đồng nhân dân", "hđnd")

SPEAKER_KINDS = {"discussion": "Thảo luận", "debate": "Tranh luận", "question": "Chất vấn",
                 "answer": "Trả lời", "point_of_order": "Kiến nghị về thủ tục"}
DOCUMENT_KINDS = {"proposal": "Tờ trình", "draft_resolution": "Dự thảo nghị quyết",
                  "review_report": "Báo cáo thẩm tra", "report": "Báo cáo", "resolution": "Nghị quyết",
                  "minutes": "Biên bản", "other": "Tài liệu khác"}
BASES = {"seated": "tổng số đại biểu", "present": "số đại biểu có mặt", "cast": "số phiếu biểu quyết"}
THRESHOLDS = {"majority": "quá nửa", "two_thirds": "ít nhất hai phần ba"}
OUTCOMES = {"adopted": "Thông qua", "rejected": "Không thông qua",
            "low_confidence": "Đạt ngưỡng tín nhiệm thấp",
            "low_confidence_not_reached": "Không đạt ngưỡng tín nhiệm thấp",
            "elected": "Có người trúng cử", "none_elected": "Không có người trúng cử"}
ATTENDANCE = {"present": "Có mặt", "online": "Trực tuyến", "absent": "Vắng mặt",
              "excused": "Vắng mặt có lý do"}

RESOLUTION_NUMBER = re.compile(r"^\s*(\d{1,6})\s*/\s*((?:\d{4}\s*/\s*)?NQ-HĐND)\s*$")
RESOLUTION_SUFFIX = "NQ-HĐND"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def place_name(council_name: str) -> str:
    """"HĐND tỉnh Nghệ An" → "Nghệ An": the locality, as the place line of a document names it."""
    name = " ".join(nfc(council_name).split())
    lowered = name.lower()
    for prefix in COUNCIL_PREFIXES:
        if lowered.startswith(prefix):
            name, lowered = name[len(prefix):].strip(), lowered[len(prefix):].strip()
            break
    for word in UNIT_WORDS:
        if lowered.startswith(word + " "):
            return name[len(word):].strip()
    return name


def unit_line(council_name: str) -> str:
    """The second line of the issuing body's name: "TỈNH NGHỆ AN" for "HĐND tỉnh Nghệ An"."""
    place = place_name(council_name)
    lowered = " ".join(nfc(council_name).split()).lower()
    for prefix in COUNCIL_PREFIXES:
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix):].strip()
    unit = next((word for word in UNIT_WORDS if lowered.startswith(word + " ")), "")
    return f"{unit} {place}".strip().upper()


def date_line(place: str, day: date) -> str:
    """"Nghệ An, ngày 04 tháng 12 năm 2026": as Decree 30 writes it, days below 10 and the months
    1 and 2 take a leading zero ("ngày 05 tháng 02", but "tháng 3")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def local(moment: datetime) -> datetime:
    return moment.astimezone(VIETNAM)


def clock(moment: datetime | None) -> str:
    """"8 giờ 05 phút, ngày 04/12/2026" in Vietnam's time."""
    if moment is None:
        return "—"
    at = local(moment)
    return f"{at.hour} giờ {at.minute:02d} phút, ngày {at:%d/%m/%Y}"


def duration(seconds: float) -> str:
    """"4 phút 05 giây" (a speech); under a minute: "45 giây"."""
    total = max(0, round(seconds))
    minutes, rest = divmod(total, 60)
    return f"{minutes} phút {rest:02d} giây" if minutes else f"{rest} giây"


def poll_rule(result: dict[str, Any]) -> str:
    return f"{THRESHOLDS[result['threshold']]} {BASES[result['basis']]}"


def outcome(result: dict[str, Any]) -> str:
    return OUTCOMES.get(str(result.get("outcome")), "Thông qua" if result.get("passed") else "Không thông qua")


def share(votes: int, base: int) -> str:
    """"52,17 %" with the Vietnamese decimal comma; "—" when there is no base."""
    return f"{100 * votes / base:.2f}".replace(".", ",") + " %" if base else "—"


def resolution_number(seq: int) -> str:
    return f"{seq}/{RESOLUTION_SUFFIX}"


def parse_resolution_number(text: str) -> int | None:
    """The sequence number of "12/NQ-HĐND" (also "12/2026/NQ-HĐND", the form of normative
    resolutions); None when the text is not such a number."""
    match = RESOLUTION_NUMBER.match(nfc(text))
    if match is None:
        return None
    seq = int(match.group(1))
    return seq if seq > 0 else None
