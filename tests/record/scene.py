"""A meeting recorded through the API from opening to close — attendance, documents, speeches, a
question and its answer, an open and a secret poll, a resolution, the secretary's summaries —
for the minutes' tests. People carry Vietnamese names with the letters fonts get wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from app.kit.pdfgen import text_pdf
from app.models import Membership, User
from tests.fixtures.world import World, _person

NAMES = {"chair": "Trần Quốc Vượng", "deputy": "Lê Thị Hồng Nhị", "secretary": "Đỗ Thị Ngọc Ánh",
         "respondent": "Võ Minh Tuệ", "absent": "Phạm Văn Ỳ", "online": "Hoàng Thị Ộ Nguyệt"}
SUMMARY = ("Các đại biểu thống nhất cao với sự cần thiết ban hành nghị quyết; đề nghị làm rõ nguồn vốn "
           "đối ứng của ngân sách xã và tiến độ giải ngân trong năm 2027, bảo đảm công khai, minh bạch.")
OPEN_POLL = "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027"
SECRET_POLL = "Biểu quyết kín về chủ trương sáp nhập đơn vị sự nghiệp"
CLOSED_POLL = "Lấy phiếu tín nhiệm về nhân sự"
QUESTION = "Đề nghị Giám đốc Sở cho biết tiến độ giải ngân vốn đầu tư công?"


@dataclass
class RecordedMeeting:
    id: int
    items: dict[str, int]
    polls: dict[str, dict[str, Any]] = field(default_factory=dict)
    resolution: dict[str, Any] = field(default_factory=dict)


async def _ok(response: Any, status: int | None = None) -> Any:
    assert (response.status_code == status) if status else response.status_code < 300, response.text
    return response.json() if response.content and "json" in response.headers.get("content-type", "") else None


async def name_people(app: Any, world: World) -> None:
    """Vietnamese names for the world's people, and two more deputies: one absent with a reason,
    one attending online."""
    async with app.state.db.unit_of_work() as uow:
        for who in ("absent", "online"):
            user_id = await _person(uow.session, world, who)
            uow.session.add(Membership(council_id=world.council_a, user_id=user_id, role="deputy",
                                       voting_right=True, title="Đại biểu HĐND tỉnh"))
        await uow.session.flush()
        for who, name in NAMES.items():
            if who in world.users:
                await uow.session.execute(update(User).where(User.id == world.users[who]).values(full_name=name))
        await uow.session.execute(update(Membership).where(
            Membership.user_id == world.users["chair"]).values(title="Chủ tịch HĐND tỉnh"))


async def record_meeting(http: Any, world: World, settle: Any, *, close: bool = True) -> RecordedMeeting:
    """Everything a meeting records, through the API."""
    secretary, chair = world.headers("secretary"), world.headers("chair")
    meeting = await _ok(await http.post(
        f"/api/v1/councils/{world.council_a}/meetings", headers=secretary,
        json={"title": "Kỳ họp chuyên đề", "number": 14, "starts_at": "2026-12-08T08:00:00+07:00",
              "location": "Hội trường Trung tâm Hội nghị tỉnh"}))
    scene = RecordedMeeting(meeting["id"], {})
    for key, body in (("opening", {"title": "Khai mạc kỳ họp"}),
                      ("plan", {"title": "Tờ trình về kế hoạch đầu tư công năm 2027",
                                "presenter": "Giám đốc Sở Tài chính"}),
                      ("personnel", {"title": "Công tác nhân sự", "public": False})):
        scene.items[key] = (await _ok(await http.post(f"/api/v1/meetings/{scene.id}/agenda", json=body,
                                                      headers=secretary)))["id"]
    await _ok(await http.post(
        f"/api/v1/meetings/{scene.id}/documents", headers=secretary,
        data={"title": "Tờ trình số 45/TTr-UBND", "kind": "proposal", "agenda_item_id": str(scene.items["plan"])},
        files={"file": ("to-trinh.pdf", text_pdf("Tờ trình", ["Một\nNội dung."]), "application/pdf")}))
    await _ok(await http.post(f"/api/v1/meetings/{scene.id}/publish", headers=secretary))
    await _ok(await http.post(f"/api/v1/meetings/{scene.id}/start", headers=chair))
    for who in ("chair", "deputy"):
        await _ok(await http.post(f"/api/v1/meetings/{scene.id}/check-in", headers=world.headers(who)))
    await _ok(await http.put(f"/api/v1/meetings/{scene.id}/attendance/{world.users['absent']}",
                             json={"status": "excused", "reason": "Đi công tác nước ngoài"}, headers=secretary))
    await _ok(await http.put(f"/api/v1/meetings/{scene.id}/attendance/{world.users['online']}",
                             json={"status": "online"}, headers=secretary))

    for key in ("opening", "plan"):
        await _ok(await http.post(f"/api/v1/agenda-items/{scene.items[key]}/activate", headers=chair))
    speech = await _ok(await http.post(f"/api/v1/agenda-items/{scene.items['plan']}/speakers",
                                       json={"kind": "discussion"}, headers=world.headers("deputy")))
    for action in ("start", "stop"):
        await _ok(await http.post(f"/api/v1/speakers/{speech['id']}/{action}", headers=chair))

    question = await _ok(await http.post(f"/api/v1/meetings/{scene.id}/questions", headers=world.headers("deputy"),
                                         json={"text": QUESTION, "respondent_id": world.users["respondent"]}))
    await _ok(await http.patch(f"/api/v1/questions/{question['id']}", json={"state": "accepted"}, headers=secretary))
    for kind in ("question", "answer"):
        turn = await _ok(await http.post(f"/api/v1/agenda-items/{scene.items['plan']}/speakers",
                                         json={"kind": kind, "question_id": question["id"]}, headers=chair))
        for action in ("start", "stop"):
            await _ok(await http.post(f"/api/v1/speakers/{turn['id']}/{action}", headers=chair))

    for key, item, body, choices in (
            ("open", "plan", {"title": OPEN_POLL}, {"chair": 0, "deputy": 0, "online": 0}),
            ("secret", "plan", {"title": SECRET_POLL, "secret": True}, {"chair": 0, "deputy": 1, "online": 0}),
            ("closed", "personnel", {"title": CLOSED_POLL, "preset": "confidence"}, {"chair": 1, "deputy": 2})):
        if key == "closed":
            await _ok(await http.post(f"/api/v1/agenda-items/{scene.items['personnel']}/activate", headers=chair))
        poll = await _ok(await http.post(f"/api/v1/agenda-items/{scene.items[item]}/polls", json=body, headers=chair))
        await _ok(await http.post(f"/api/v1/polls/{poll['id']}/open", headers=chair))
        for who, position in choices.items():
            await _ok(await http.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers(who),
                                      json={"option_ids": [poll["options"][position]["id"]]}))
        await settle()
        scene.polls[key] = await _ok(await http.post(f"/api/v1/polls/{poll['id']}/close", headers=chair))
        await settle()

    await _ok(await http.put(f"/api/v1/meetings/{scene.id}/minutes/notes/{scene.items['plan']}",
                             json={"text": SUMMARY}, headers=secretary))
    await _ok(await http.put(f"/api/v1/meetings/{scene.id}/minutes/notes/{scene.items['personnel']}",
                             json={"text": "Thảo luận kín về công tác cán bộ."}, headers=secretary))
    scene.resolution = await _ok(await http.post(
        f"/api/v1/meetings/{scene.id}/resolutions", headers=secretary,
        json={"title": "Nghị quyết về kế hoạch đầu tư công năm 2027", "agenda_item_id": scene.items["plan"],
              "poll_id": scene.polls["open"]["id"]}), 201)
    if close:
        await _ok(await http.post(f"/api/v1/meetings/{scene.id}/close", headers=chair))
    return scene
