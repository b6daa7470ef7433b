"""The whole questioning story in the browser: submit, group, accept, ask on the floor, answer,
follow up, a written answer after the meeting, a commitment listed before the next meeting.

The meeting, the agency and its respondent are set up beforehand (the respondent is written into
the server's database, as the suite seeds its people); every step of the story is a click or a
keystroke on a screen, and each screen is asserted on:

- a deputy writes two phiếu chất vấn on the tablet (one to the Director of Finance, one to the
  department as a whole), and sees them, and later their progress, live;
- the secretariat creates a topic with its respondent, puts the first question under it and
  accepts it for the floor, and sends the second to a written answer;
- the chair calls the question (its asker gets the floor), the answer (the respondent), ends the
  answer's turn (answered on the floor), calls a follow-up and its answer; then closes the meeting;
- the respondent logs in, reaches "Câu hỏi chất vấn của tôi", sees the written question with its
  due date (the close day + 20 days), and answers it with a text and a PDF;
- the secretariat records two commitments (one already past its due date) and the council's
  commitments list, for the secretariat and for a deputy, shows them, the overdue one first and
  flagged; marking it done takes it off the list.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from playwright.async_api import Locator, Page, expect

from app.accounts.passwords import hash_password_sync
from app.config import load_settings
from app.kit.pdfgen import text_pdf
from app.kit.time import VIETNAM
from app.main import create_app
from app.models import Agency, Membership, User
from tests.e2e.confirm import confirm
from tests.e2e.conftest import OpenDevice, Server, artifact, log_in
from tests.fixtures.world import PASSWORD

RESPONDENT = ("traloi.taichinh", "Đỗ Minh Tài", "Giám đốc Sở Tài chính")
AGENCY = "Sở Tài chính"
FIRST = "Đề nghị Giám đốc Sở Tài chính cho biết tiến độ giải ngân vốn đầu tư công năm 2026?"
SECOND = "Đề nghị Sở Tài chính làm rõ việc chậm cấp kinh phí sự nghiệp giáo dục cho các xã."
TOPIC = "Ngân sách và đầu tư công"
WRITTEN_ANSWER = "Sở Tài chính đã cấp đủ kinh phí sự nghiệp giáo dục cho 12 xã trong tháng 12."


async def add_respondent(database: Path, council_id: int) -> tuple[int, int]:
    """The agency and its respondent, written into the running server's database: (agency, user)."""
    app = create_app(load_settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{database}",
                                   data_dir=database.parent / "data", log_level="WARNING"))
    username, full_name, position = RESPONDENT
    try:
        async with app.state.db.unit_of_work() as uow:
            agency = Agency(council_id=council_id, name=AGENCY, kind="department")
            user = User(username=username, full_name=full_name, is_active=True, is_admin=False,
                        password_hash=hash_password_sync(PASSWORD))
            uow.session.add_all([agency, user])
            await uow.session.flush()
            uow.session.add(Membership(council_id=council_id, user_id=user.id, role="respondent",
                                       title=position, agency_id=agency.id, voting_right=False))
            return agency.id, user.id
    finally:
        await app.state.db.dispose()


def card(page: Page | Locator, number: int) -> Locator:
    return page.get_by_role("listitem", name=f"Phiếu chất vấn số {number}", exact=True)


def day(value: date | str) -> str:
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return value.strftime("%d/%m/%Y")


async def write_question(page: Page, to: str, text: str, *, number: int) -> None:
    form = page.get_by_role("form", name="Viết phiếu chất vấn")
    await form.get_by_label("Người / cơ quan trả lời").select_option(label=to)
    await form.get_by_label("Nội dung chất vấn").fill(text)
    await form.get_by_role("button", name="Gửi phiếu chất vấn").click()
    await expect(form.get_by_role("status")).to_have_text("Đã gửi phiếu chất vấn.")
    await expect(card(page, number)).to_contain_text(text)
    await expect(card(page, number)).to_contain_text("Đã gửi")


async def floor(page: Page, number: int, action: str, *, then_status: str | None) -> None:
    panel = page.locator(".chair-questions")
    await card(panel, number).get_by_role("button", name=action, exact=True).click()
    status = card(panel, number).get_by_role("status")
    if then_status is None:
        await expect(status).to_have_count(0)
    else:
        await expect(status).to_have_text(then_status)


async def test_the_questioning_story(kyhop: Server, devices: OpenDevice, tmp_path: Path) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(
        ["Khai mạc kỳ họp", "Chất vấn và trả lời chất vấn", "Bế mạc kỳ họp"], title="Kỳ họp thứ mười sáu")
    council_id = kyhop.people.council_id
    _, respondent_id = await add_respondent(tmp_path / "kyhop.sqlite3", council_id)
    respondent_name = RESPONDENT[1]

    # 1. A deputy writes two questions on the tablet.
    deputy = await devices("dai-bieu", login="daibieu1", start=f"/meetings/{meeting_id}")
    tablet = deputy.page
    section = tablet.get_by_role("region", name="Chất vấn")
    await expect(section).to_contain_text("Chưa có câu hỏi chất vấn.")
    await write_question(tablet, f"{respondent_name} ({RESPONDENT[2]})", FIRST, number=1)
    await write_question(tablet, AGENCY, SECOND, number=2)
    await expect(card(tablet, 1)).to_contain_text(f"Lê Văn An → {respondent_name} ({RESPONDENT[2]}) · {AGENCY}")
    await expect(card(tablet, 2)).to_contain_text(f"Lê Văn An → {AGENCY}")

    # 2. The secretariat groups the first into a topic and accepts it; the second goes to writing.
    secretary = await devices("van-phong", login="thuky", start=f"/meetings/{meeting_id}/manage")
    office = secretary.page
    await office.locator(".topbar").get_by_role("link", name="Chất vấn", exact=True).click()
    await expect(office).to_have_url(re.compile(rf"/meetings/{meeting_id}/questions$"))
    topics = office.get_by_role("region", name="Nhóm vấn đề chất vấn")
    await expect(topics).to_contain_text("Chưa có nhóm vấn đề.")
    await topics.get_by_label("Tên nhóm vấn đề mới").fill(TOPIC)
    await topics.get_by_role("checkbox", name=re.compile(respondent_name)).check()
    await topics.get_by_role("button", name="Thêm nhóm vấn đề").click()
    await expect(topics.get_by_role("listitem")).to_have_text(f"{TOPIC} · {respondent_name}")

    first = card(office, 1)
    await expect(first).to_contain_text(FIRST)
    await first.get_by_label("Nhóm vấn đề").select_option(label=TOPIC)
    await first.get_by_role("button", name="Tiếp nhận: chất vấn tại kỳ họp").click()
    await expect(first.locator(".badge--question-accepted")).to_have_text("Chất vấn tại kỳ họp")
    await expect(first).to_contain_text(f"Nhóm vấn đề: {TOPIC}")
    second = card(office, 2)
    await second.get_by_role("button", name="Chuyển trả lời bằng văn bản").click()
    await expect(second.locator(".badge--question-written")).to_have_text("Trả lời bằng văn bản")
    await expect(second).not_to_contain_text("Hạn trả lời")  # known once the meeting closes
    # The deputy's tablet follows live.
    await expect(card(tablet, 1).locator(".badge--question-accepted")).to_be_visible()
    await expect(card(tablet, 1)).to_contain_text(f"Nhóm vấn đề: {TOPIC}")
    await expect(card(tablet, 2).locator(".badge--question-written")).to_be_visible()

    # 3. On the floor: the question, the answer, a follow-up and its answer.
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    console = chair.page
    panel = console.locator(".chair-questions")
    await expect(panel.get_by_role("heading", name="Chất vấn tại hội trường")).to_be_visible()
    await expect(card(panel, 2)).to_have_count(0)  # written: not for the floor
    await expect(card(panel, 1).get_by_role("button")).to_have_text(["Mời chất vấn"])
    await floor(console, 1, "Mời chất vấn", then_status="Đang chất vấn: Lê Văn An")
    await expect(card(panel, 1).locator(".badge--question-asked")).to_have_text("Đang chất vấn")
    await expect(card(tablet, 1).locator(".badge--question-asked")).to_be_visible()
    await floor(console, 1, "Mời trả lời", then_status=f"Đang trả lời: {respondent_name}")
    await floor(console, 1, "Kết thúc lượt", then_status=None)
    await expect(card(panel, 1).locator(".badge--question-answered")).to_have_text("Đã trả lời")
    await expect(card(tablet, 1)).to_contain_text("Đã trả lời tại kỳ họp")
    await floor(console, 1, "Chất vấn lại", then_status="Đang chất vấn: Lê Văn An")
    await console.screenshot(path=str(artifact("questioning-chair.png")), full_page=True)
    await floor(console, 1, "Mời trả lời", then_status=f"Đang trả lời: {respondent_name}")
    await floor(console, 1, "Kết thúc lượt", then_status=None)
    speakers = (await kyhop.api("chutoa", "GET", f"/api/v1/agenda-items/{items[1]}/speakers",
                                expect_status=200))
    speakers = speakers["items"] if isinstance(speakers, dict) else speakers
    assert [(s["kind"], s["full_name"], s["state"]) for s in speakers] == [
        ("question", "Lê Văn An", "done"), ("answer", respondent_name, "done"),
        ("question", "Lê Văn An", "done"), ("answer", respondent_name, "done")]

    # 4. The chair closes the meeting: the second question is due in writing, 20 days on.
    await console.get_by_role("button", name="Bế mạc", exact=True).click()
    await confirm(console, "Bế mạc")
    await expect(console.locator(".topbar").get_by_text("Đã bế mạc")).to_be_visible()
    questions = (await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/questions",
                                 expect_status=200))["items"]
    due = questions[1]["answer_due"]
    assert questions[0]["state"] == "answered" and questions[0]["answer"]["on_floor"] is True
    assert questions[1]["state"] == "written"
    assert due == (datetime.now(VIETNAM).date() + timedelta(days=20)).isoformat(), due
    await expect(card(office, 2)).to_contain_text(f"Hạn trả lời: {day(due)}")

    # 5. The respondent logs in, finds the question and answers it with a text and a PDF.
    answerer = await devices("tra-loi")
    page = answerer.page
    await log_in(page, RESPONDENT[0])
    await page.get_by_role("link", name="Câu hỏi chất vấn của tôi").click()
    await expect(page).to_have_url(re.compile(r"/my-questions$"))
    mine = page.get_by_role("region", name="Câu hỏi tôi phải trả lời")
    written = card(mine, 2)
    await expect(written).to_contain_text(SECOND)
    await expect(written).to_contain_text(f"Hạn trả lời: {day(due)}")
    await expect(written).not_to_contain_text("Quá hạn")
    await expect(card(mine, 1)).to_contain_text("Đã trả lời tại kỳ họp")
    await expect(card(mine, 1).get_by_role("form")).to_have_count(0)
    # what waits for an answer comes first
    await expect(mine.get_by_role("listitem").filter(has=page.locator(".question__number")).first).to_contain_text("Phiếu chất vấn số 2")
    form = written.get_by_role("form", name="Trả lời phiếu chất vấn số 2")
    await form.get_by_label("Nội dung trả lời").fill(WRITTEN_ANSWER)
    pdf = text_pdf("Văn bản trả lời chất vấn", ["Sở Tài chính trả lời chất vấn của đại biểu Lê Văn An."])
    await form.get_by_label("Văn bản trả lời (PDF, không bắt buộc)").set_input_files(
        {"name": "tra-loi-chat-van.pdf", "mimeType": "application/pdf", "buffer": pdf})
    await form.get_by_role("button", name="Gửi trả lời").click()
    await expect(written.locator(".badge--question-answered")).to_have_text("Đã trả lời")
    await expect(written).to_contain_text("Trả lời bằng văn bản")
    await expect(written).to_contain_text(WRITTEN_ANSWER)
    await expect(written.get_by_role("button", name=re.compile("tra-loi-chat-van.pdf"))).to_be_visible()
    await expect(written.get_by_role("form")).to_have_count(0)
    answered = await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/questions", expect_status=200)
    answer = answered["items"][1]["answer"]
    assert answer["text"] == WRITTEN_ANSWER and answer["on_floor"] is False
    assert answer["answered_by"]["user_id"] == respondent_id
    async with httpx.AsyncClient(base_url=kyhop.base) as client:
        file = await client.get(answer["file_url"], headers=kyhop.headers("thuky"))
    assert file.status_code == 200 and file.content == pdf
    await page.screenshot(path=str(artifact("questioning-respondent.png")), full_page=True)
    # The secretariat's screen shows the answer live.
    await expect(card(office, 2)).to_contain_text(WRITTEN_ANSWER)

    # 6. The secretariat records the commitments made on the floor.
    first = card(office, 1)
    await first.get_by_text("Ghi nhận cam kết").click()
    commit = first.get_by_role("form", name="Cam kết của phiếu chất vấn số 1")
    await commit.get_by_label("Nội dung cam kết").fill("Giải ngân 95% vốn đầu tư công trước ngày 31/01/2027")
    await commit.get_by_label("Hạn thực hiện").fill("2027-01-31")
    await commit.get_by_role("button", name="Lưu cam kết").click()
    await expect(first.get_by_role("list", name="Cam kết sau chất vấn")).to_contain_text("Hạn thực hiện: 31/01/2027")
    # The form clears once the save has returned; the live list may show the commitment before that.
    await expect(commit.get_by_label("Nội dung cam kết")).to_have_value("")
    await commit.get_by_label("Nội dung cam kết").fill("Báo cáo kết quả rà soát dự án chậm tiến độ")
    await commit.get_by_label("Hạn thực hiện").fill("2026-01-15")
    await commit.get_by_role("button", name="Lưu cam kết").click()
    await expect(first.get_by_role("list", name="Cam kết sau chất vấn").get_by_role("listitem")).to_have_count(2)

    # 7. The council's commitments, before the next meeting: the overdue one first, in red.
    await office.locator(".topbar").get_by_role("link", name="Cam kết sau chất vấn").click()
    await expect(office).to_have_url(re.compile(rf"/councils/{council_id}/commitments$"))
    listed = office.get_by_role("list", name="Cam kết sau chất vấn").get_by_role("listitem")
    await expect(listed).to_have_count(2)
    await expect(listed.nth(0)).to_contain_text("Báo cáo kết quả rà soát dự án chậm tiến độ")
    await expect(listed.nth(0)).to_contain_text("Hạn thực hiện: 15/01/2026")
    await expect(listed.nth(0).get_by_text("Quá hạn")).to_be_visible()
    await expect(listed.nth(0)).to_have_class(re.compile("commitment--overdue"))
    await expect(listed.nth(1)).to_contain_text("Giải ngân 95% vốn đầu tư công")
    await expect(listed.nth(1)).to_contain_text(respondent_name)
    await expect(listed.nth(1).get_by_text("Quá hạn")).to_have_count(0)
    await deputy.reopen(f"/councils/{council_id}/commitments")
    deputy_list = deputy.page.get_by_role("list", name="Cam kết sau chất vấn").get_by_role("listitem")
    await expect(deputy_list).to_have_count(2)
    await expect(deputy_list.get_by_role("button")).to_have_count(0)  # only the secretariat marks them done
    # Done: off the open list, back with those done.
    await listed.nth(0).get_by_role("button", name="Đánh dấu đã thực hiện").click()
    await expect(listed).to_have_count(1)
    await office.get_by_label("Gồm cả cam kết đã thực hiện").check()
    await expect(listed).to_have_count(2)
    await expect(listed.nth(1)).to_contain_text("Đã thực hiện")
