"""A closed poll's result as a spreadsheet (CSV) and as a Popolo VoteEvent (JSON), for the
minutes and for other councils' and portals' software."""

from __future__ import annotations

import csv
import io
from typing import Any

from app.models import Meeting
from app.voting.schemas import PollOut

# Popolo's vote options for the resolution preset; other presets keep their own labels.
POPOLO_OPTIONS = {"Tán thành": "yes", "Không tán thành": "no", "Không biểu quyết": "abstain"}
BASIS_VI = {"seated": "tổng số đại biểu", "present": "số đại biểu có mặt",
            "cast": "số phiếu biểu quyết"}
THRESHOLD_VI = {"majority": "quá nửa", "two_thirds": "ít nhất hai phần ba"}


def requirement(result: dict[str, Any]) -> str:
    return f"{THRESHOLD_VI[result['threshold']]} {BASIS_VI[result['basis']]}"


def outcome_label(result: dict[str, Any]) -> str:
    return "THÔNG QUA" if result["passed"] else "KHÔNG THÔNG QUA"


def to_csv(poll: PollOut, meeting: Meeting) -> str:
    """UTF-8 with a byte order mark, so that Excel shows the Vietnamese text as it is."""
    result = poll.result or {}
    labels = {option.id: option.label for option in poll.options}
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["Kỳ họp", meeting.title])
    writer.writerow(["Biểu quyết", poll.title])
    writer.writerow(["Hình thức", "Bỏ phiếu kín" if poll.secret else "Biểu quyết công khai"])
    writer.writerow(["Bắt đầu", poll.opened_at.isoformat() if poll.opened_at else ""])
    writer.writerow(["Kết thúc", poll.closed_at.isoformat() if poll.closed_at else ""])
    writer.writerow([])
    writer.writerow(["Phương án", "Số phiếu", "Tỷ lệ so với cơ sở tính (%)"])
    base = result["base"]
    for count in result["counts"]:
        share = f"{100 * count['votes'] / base:.2f}" if base else ""
        writer.writerow([count["label"], count["votes"], share])
    writer.writerow([])
    writer.writerow(["Tổng số đại biểu", result["seated"]])
    writer.writerow(["Có mặt", result["present"]])
    writer.writerow(["Số phiếu", result["cast"]])
    writer.writerow(["Cơ sở tính", f"{base} ({BASIS_VI[result['basis']]})"])
    writer.writerow(["Số phiếu cần đạt", f"{result['required']} ({requirement(result)})"])
    writer.writerow(["Kết quả", outcome_label(result)])
    if "elected" in result:
        writer.writerow(["Trúng cử", "; ".join(labels[i] for i in result["elected"])])
    if result.get("votes") is not None:
        writer.writerow([])
        writer.writerow(["Mã đại biểu", "Họ và tên", "Lựa chọn"])
        for vote in result["votes"]:
            writer.writerow([vote["user_id"], vote["full_name"],
                             "; ".join(labels[i] for i in vote["option_ids"])])
    return out.getvalue()


def _popolo_option(label: str) -> str:
    return POPOLO_OPTIONS.get(label, label)


def to_popolo(poll: PollOut, meeting: Meeting) -> dict[str, Any]:
    """A Popolo VoteEvent (https://www.popoloproject.com/specs/vote-event.html)."""
    result = poll.result or {}
    labels = {option.id: option.label for option in poll.options}
    event: dict[str, Any] = {
        "id": f"poll-{poll.id}",
        "identifier": str(poll.id),
        "motion": {"id": f"motion-{poll.id}", "text": poll.title,
                   "requirement": requirement(result),
                   "result": "pass" if result["passed"] else "fail"},
        "organization_id": f"council-{meeting.council_id}",
        "legislative_session_id": f"meeting-{meeting.id}",
        "start_date": poll.opened_at.isoformat() if poll.opened_at else None,
        "end_date": poll.closed_at.isoformat() if poll.closed_at else None,
        "result": "pass" if result["passed"] else "fail",
        "counts": [{"option": _popolo_option(count["label"]), "value": count["votes"]}
                   for count in result["counts"]],
        "secret": poll.secret,
        "base": result["base"],
        "required": result["required"],
    }
    if poll.revote_of is not None:
        event["revote_of"] = f"poll-{poll.revote_of}"
    if result.get("votes") is not None:
        event["votes"] = [
            {"voter_id": f"person-{vote['user_id']}", "voter": {"name": vote["full_name"]},
             "option": "; ".join(_popolo_option(labels[i]) for i in vote["option_ids"])}
            for vote in result["votes"]
        ]
    return event
