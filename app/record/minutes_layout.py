"""The minutes as an official document's blocks (app/record/document_layout.py), from MinutesData."""

from __future__ import annotations

from datetime import date

from app.kit.time import vietnam_today
from app.record import wording
from app.record.document_layout import (
    Block,
    DocumentLayout,
    Heading,
    OfficialHeader,
    Paragraph,
    Signatures,
    Table,
)
from app.record.minutes_data import ItemRecord, MinutesData, PollRecord
from app.record.wording import nfc


def _meeting_name(data: MinutesData) -> str:
    if data.meeting_number:
        return f"Kỳ họp thứ {data.meeting_number} — {data.meeting_title}"
    return data.meeting_title


def _attendance(data: MinutesData) -> list[Block]:
    a = data.attendance
    absent = [entry for entry in a.items if entry.status in ("absent", "excused")]
    blocks: list[Block] = [
        Heading("I. THÀNH PHẦN THAM DỰ"),
        Paragraph(f"Tổng số đại biểu: {a.seated}; có mặt: {a.present} (trong đó tham dự trực tuyến: "
                  f"{a.online}); vắng mặt: {len(absent)}."),
        Paragraph(f"Số đại biểu cần có mặt để tiến hành kỳ họp: {a.quorum_required}. "
                  + ("Kỳ họp đủ điều kiện tiến hành." if a.quorate else "Kỳ họp không đủ số đại biểu có mặt.")),
    ]
    if absent:
        blocks.append(Paragraph("Đại biểu vắng mặt:", bold=True))
        blocks.append(Table(("STT", "Họ và tên", "Lý do"),
                            [(str(n), e.full_name, e.reason or wording.ATTENDANCE[e.status])
                             for n, e in enumerate(absent, start=1)],
                            (0.08, 0.42, 0.50)))
    online = [entry for entry in a.items if entry.status == "online"]
    if online:
        blocks.append(Paragraph("Đại biểu tham dự trực tuyến: "
                                + ", ".join(e.full_name for e in online) + "."))
    return blocks


def _poll(poll: PollRecord) -> list[Block]:
    form = "bỏ phiếu kín" if poll.secret else "biểu quyết công khai"
    blocks: list[Block] = [
        Heading(f"Biểu quyết: {poll.title}", level=3),
        Paragraph(f"Hình thức: {form}. Quy định: {poll.rule}; cơ sở tính: {poll.base}; số phiếu "
                  f"cần đạt: {poll.required}. Tổng số đại biểu: {poll.seated}; có mặt: {poll.present}; "
                  f"số đại biểu biểu quyết: {poll.cast}."),
        Table(("Phương án", "Số phiếu", "Tỷ lệ so với cơ sở tính"),
              [(label, str(votes), wording.share(votes, poll.base)) for label, votes in poll.counts],
              (0.52, 0.18, 0.30), numeric=(1, 2)),
    ]
    result = poll.outcome.upper()
    if poll.elected:
        result += " — trúng cử: " + ", ".join(poll.elected)
    blocks.append(Paragraph(result + ".", label="Kết quả: ", bold=True))
    return blocks


def _item(item: ItemRecord) -> list[Block]:
    blocks: list[Block] = [Heading(f"{item.number}. {item.title}", level=2)]
    if item.presenter:
        blocks.append(Paragraph(item.presenter, label="Trình bày: "))
    if item.documents:
        blocks.append(Paragraph("Tài liệu:", bold=True))
        blocks.append(Table(("STT", "Tài liệu", "Loại"),
                            [(str(n), title, kind) for n, (title, kind) in enumerate(item.documents, start=1)],
                            (0.08, 0.64, 0.28)))
    if item.summary.strip():
        blocks.append(Paragraph("Tóm tắt thảo luận:", bold=True))
        blocks.extend(Paragraph(part.strip()) for part in item.summary.split("\n") if part.strip())
    if item.speeches:
        blocks.append(Paragraph("Đại biểu phát biểu:", bold=True))
        blocks.append(Table(("STT", "Người phát biểu", "Hình thức", "Thời lượng"),
                            [(str(n), s.name, s.kind, wording.duration(s.seconds))
                             for n, s in enumerate(item.speeches, start=1)],
                            (0.08, 0.44, 0.26, 0.22), numeric=(3,)))
    for question in item.questions:
        blocks.append(Paragraph(f"{question.asker} chất vấn {question.addressee}: {question.text}",
                                label=f"Phiếu chất vấn số {question.number}. "))
        blocks.append(Paragraph(question.answer, italic=True))
    for poll in item.polls:
        blocks.extend(_poll(poll))
    if item.resolutions:
        blocks.append(Paragraph("Nghị quyết được thông qua:", bold=True))
        blocks.extend(Paragraph(f"Nghị quyết số {r.number}: {r.title}.") for r in item.resolutions)
    return blocks


def _annex(data: MinutesData) -> list[Block]:
    polls = [poll for item in data.items for poll in item.polls if poll.named_votes is not None]
    if not polls:
        return []
    blocks: list[Block] = [Heading("PHỤ LỤC", level=0),
                           Paragraph("Kết quả biểu quyết công khai theo từng đại biểu", bold=True,
                                     centred=True)]
    for n, poll in enumerate(polls, start=1):
        assert poll.named_votes is not None
        blocks.append(Heading(f"{n}. {poll.title}", level=3))
        blocks.append(Table(("STT", "Họ và tên đại biểu", "Lựa chọn"),
                            [(str(k), name, choice) for k, (name, choice) in enumerate(poll.named_votes, start=1)],
                            (0.08, 0.52, 0.40)))
    return blocks


def build(data: MinutesData, *, today: date | None = None) -> DocumentLayout:
    day = (wording.local(data.closed_at).date() if data.closed_at else today or vietnam_today())
    header = OfficialHeader(body=("HỘI ĐỒNG NHÂN DÂN", nfc(wording.unit_line(data.council_name))),
                            number="Số:        /BB-HĐND",
                            place_date=nfc(wording.date_line(wording.place_name(data.council_name), day)))
    title = f"BIÊN BẢN\n{_meeting_name(data).upper()}\n{data.council_name.upper()}"
    blocks: list[Block] = [
        Paragraph(f"Khai mạc lúc {wording.clock(data.opened_at or data.scheduled_at)}; "
                  f"bế mạc lúc {wording.clock(data.closed_at)}.", label="Thời gian: "),
    ]
    if data.location:
        blocks.append(Paragraph(data.location + ".", label="Địa điểm: "))
    blocks.append(Paragraph(f"{data.chair}. Thư ký kỳ họp: {data.secretary}.", label="Chủ tọa: "))
    blocks += _attendance(data)
    blocks.append(Heading("II. NỘI DUNG VÀ DIỄN BIẾN KỲ HỌP"))
    for item in data.items:
        blocks += _item(item)
    if data.written_questions:
        blocks.append(Heading("III. CHẤT VẤN TRẢ LỜI BẰNG VĂN BẢN"))
        for question in data.written_questions:
            blocks.append(Paragraph(f"{question.asker} chất vấn {question.addressee}: {question.text}",
                                    label=f"Phiếu chất vấn số {question.number}. "))
            blocks.append(Paragraph(question.answer, italic=True))
    closing = (f"Kỳ họp bế mạc lúc {wording.clock(data.closed_at)}." if data.closed_at
               else "Kỳ họp chưa bế mạc.")
    blocks.append(Paragraph(closing))
    blocks.append(Signatures(left=("THƯ KÝ KỲ HỌP", data.secretary), right=("CHỦ TỌA KỲ HỌP", data.chair)))
    blocks += _annex(data)
    return DocumentLayout(header=header, title=nfc(title), blocks=blocks, draft=not data.final,
                         document_title=nfc(f"Biên bản {_meeting_name(data)} — {data.council_name}"))
