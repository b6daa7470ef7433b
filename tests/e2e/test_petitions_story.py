"""The voter petitions story in the browser: import, merge, assign, answer, review, report.

The council, its agencies and the Sở Xây dựng's respondent are set up beforehand (written into the
server's database, as the suite seeds its people); every step of the story is a click or a
keystroke on a screen, and each screen is asserted on:

- the secretariat imports a list of 200 petitions (.xlsx): two rows repeat earlier ones but for
  their diacritics and join them at once; two are rewordings of earlier ones (likely duplicates,
  not certain ones), which the secretariat finds by searching and merges; two rows come from the
  last session with their agency and a due date long past;
- the secretariat assigns the traffic petitions (60, over two pages) and the health ones (50) at
  once, each to its department with a due date;
- the Sở Xây dựng's respondent logs in, sees the digest (60 due within the week), only their
  agency's petitions, and answers three: resolved (with the department's letter as a PDF),
  explained, in progress with a plan;
- the chair accepts the first answer and sends the second back with a comment;
- the report shows the counts and shares, computed here from what was done, and the
  secretariat's digest what is left to do.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from openpyxl import Workbook
from playwright.async_api import Locator, Page, expect

from app.accounts.passwords import hash_password_sync
from app.config import load_settings
from app.kit.pdfgen import text_pdf
from app.kit.text import fold
from app.kit.time import VIETNAM
from app.main import create_app
from app.models import Agency, Membership, User
from app.petitions.similarity import LIKELY, SAME, score
from tests.e2e.conftest import OpenDevice, Server, artifact, log_in
from tests.fixtures.world import PASSWORD

ROADS, LAND, HEALTH, SCHOOLS = "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo"
RESPONDENT = ("traloi.soxd", "Võ Văn Dũng", "Giám đốc Sở Xây dựng")

ISSUES = {
    "Giao thông": [
        "sửa chữa tuyến đường liên xã bị sạt lở sau mưa lũ", "lắp đặt đèn tín hiệu giao thông tại ngã tư gần chợ",
        "xây dựng cầu dân sinh thay cho cầu tạm bằng tre đã mục", "mở rộng đường vào trường tiểu học để xe cứu thương đi được",
        "nâng cấp hệ thống thoát nước dọc quốc lộ thường xuyên ngập úng", "cắm biển báo hạn chế tốc độ trước cổng trạm y tế",
        "xử lý xe tải chở quá tải làm hư hỏng mặt đường bê tông", "bố trí tuyến xe buýt nối trung tâm xã với bệnh viện huyện cũ",
        "làm gờ giảm tốc trên đoạn dốc thường xảy ra tai nạn", "hoàn trả mặt bằng sau khi thi công đường ống nước sạch",
        "lắp hệ thống chiếu sáng cho tuyến đường ven biển", "xử lý điểm đen tai nạn tại khúc cua gần cầu Cấm"],
    "Đất đai": [
        "đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho hộ dân tái định cư", "giải quyết dứt điểm tranh chấp ranh giới đất rừng giữa hai thôn",
        "công khai quy hoạch sử dụng đất sau khi sáp nhập xã", "bồi thường thỏa đáng cho các hộ bị thu hồi đất làm khu công nghiệp",
        "đo đạc lại diện tích đất nông nghiệp bị sai lệch trên bản đồ địa chính", "xử lý việc lấn chiếm hành lang kênh mương thủy lợi",
        "cho phép chuyển mục đích đất vườn sang đất ở cho các hộ trẻ", "thu hồi các dự án treo nhiều năm để trả đất cho dân sản xuất",
        "giảm lệ phí trước bạ khi tách thửa cho con cái", "rà soát việc giao đất công ích cho thuê không đúng đối tượng"],
    "Y tế": [
        "bổ sung bác sĩ cho trạm y tế xã đang thiếu nhân lực", "cấp đủ thuốc bảo hiểm y tế cho bệnh nhân tăng huyết áp",
        "nâng cấp trang thiết bị chụp chiếu tại trung tâm y tế khu vực", "kiểm tra an toàn thực phẩm ở các bếp ăn tập thể của công ty",
        "tổ chức tiêm chủng mở rộng đúng lịch cho trẻ em vùng cao", "hỗ trợ chi phí điều trị cho người bệnh hiểm nghèo thuộc hộ cận nghèo",
        "xử lý rác thải y tế của các phòng khám tư nhân", "rút ngắn thời gian chờ khám tại bệnh viện đa khoa tỉnh",
        "phòng chống sốt xuất huyết khi mùa mưa đến", "mở phòng khám lưu động cho người cao tuổi ở thôn xa"],
    "Giáo dục": [
        "xây thêm phòng học cho trường mầm non đang học nhờ nhà văn hóa", "tuyển đủ giáo viên tiếng Anh cho các trường trung học cơ sở",
        "miễn học phí cho học sinh có hoàn cảnh đặc biệt khó khăn", "sửa chữa nhà vệ sinh xuống cấp của trường tiểu học",
        "chấn chỉnh tình trạng dạy thêm học thêm tràn lan", "bố trí xe đưa đón học sinh bán trú ở bản xa trường",
        "trang bị máy tính cho phòng tin học đã hư hỏng", "giải quyết chế độ cho giáo viên hợp đồng lâu năm"],
}
PLACES = ["thôn Yên Lạc, xã Diễn Hoa", "bản Huồi Tụ, xã Mỹ Lý", "khối 3, phường Thành Vinh", "xóm Đông, xã Nghi Lộc",
          "tổ dân phố 7, phường Trường Vinh"]
SCHOOL_ROWS = 36  # of the 40 the schools' issues and places make


def unaccented(text: str) -> str:
    """The text as typed without diacritics (as old lists often are), its capitals kept."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert plain != text and fold(plain) == fold(text)
    return plain


class Petitions:
    """The file's rows, and what the story expects of them."""

    def __init__(self, today: date) -> None:
        # (text, field, locality, agency, due) of every distinct petition, in the file's order
        self.distinct: list[tuple[str, str, str, str, str]] = []
        for field, issues in ISSUES.items():
            pairs = list(itertools.product(issues, PLACES))
            if field == "Giáo dục":
                pairs = pairs[:SCHOOL_ROWS]
            for issue, place in pairs:
                self.distinct.append((f"Cử tri {place} kiến nghị {issue}.", field, place, "", ""))
        self.by_field = {field: [row[0] for row in self.distinct if row[1] == field] for field in ISSUES}
        # two from the last session's list: already with an agency, due long ago
        self.late_due = today - timedelta(days=20)
        self.late = self.by_field["Đất đai"][:2]
        for index, row in enumerate(self.distinct):
            if row[0] in self.late:
                self.distinct[index] = (*row[:3], LAND, self.late_due.strftime("%d/%m/%Y"))
        self.road = self.by_field["Giao thông"][0]  # Yên Lạc's road, also written in other words
        self.road_again = "Đề nghị sớm sửa chữa đoạn đường liên xã qua thôn Yên Lạc, xã Diễn Hoa bị sạt lở nặng sau mưa lũ."
        self.doctor = self.by_field["Y tế"][1]  # Huồi Tụ's doctor, likewise
        self.doctor_again = "Bà con bản Huồi Tụ, xã Mỹ Lý đề nghị sớm bổ sung bác sĩ vì trạm y tế xã thiếu người khám bệnh."
        self.same_land = unaccented(self.by_field["Đất đai"][7])
        self.same_school = unaccented(self.by_field["Giáo dục"][12])
        self.rows = [*self.distinct]
        self.rows.insert(70, (self.road_again, "Giao thông", "thôn Yên Lạc, xã Diễn Hoa", "", ""))
        self.rows.insert(120, (self.same_land, "Đất đai", "xóm Đông, xã Nghi Lộc", "", ""))
        self.rows.insert(150, (self.doctor_again, "Y tế", "bản Huồi Tụ, xã Mỹ Lý", "", ""))
        self.rows.append((self.same_school, "Giáo dục", "", "", ""))
        assert len(self.rows) == 200 and len(self.distinct) == 196

    def check_scores(self) -> None:
        """What the import merges by itself, and what it leaves to the secretariat, by the app's
        own measure of likeness."""
        texts = [row[0] for row in self.distinct]
        worst = max(score(a, b) for a, b in itertools.combinations(texts, 2))
        assert worst < SAME, worst  # none of the distinct ones is taken for another
        for again, original in ((self.road_again, self.road), (self.doctor_again, self.doctor)):
            assert LIKELY <= score(again, original) < SAME, (again, score(again, original))
            assert max(score(again, other) for other in texts) < SAME
        assert score(self.same_land, self.by_field["Đất đai"][7]) >= SAME
        assert score(self.same_school, self.by_field["Giáo dục"][12]) >= SAME

    def xlsx(self) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = "Kiến nghị"
        sheet.append(["STT", "Nội dung kiến nghị", "Lĩnh vực", "Địa phương", "Cơ quan giải quyết", "Hạn giải quyết"])
        for number, row in enumerate(self.rows, start=1):
            sheet.append([number, *row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


async def add_agencies(database: Path, council_id: int) -> dict[str, int]:
    """The departments and the Sở Xây dựng's respondent, written into the server's database."""
    app = create_app(load_settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{database}",
                                   data_dir=database.parent / "data", log_level="WARNING"))
    username, full_name, position = RESPONDENT
    try:
        async with app.state.db.unit_of_work() as uow:
            agencies = {name: Agency(council_id=council_id, name=name, kind="department")
                        for name in (ROADS, LAND, HEALTH, SCHOOLS)}
            user = User(username=username, full_name=full_name, is_active=True, is_admin=False,
                        password_hash=hash_password_sync(PASSWORD))
            uow.session.add_all([*agencies.values(), user])
            await uow.session.flush()
            uow.session.add(Membership(council_id=council_id, user_id=user.id, role="respondent",
                                       title=position, agency_id=agencies[ROADS].id, voting_right=False))
            return {name: agency.id for name, agency in agencies.items()}
    finally:
        await app.state.db.dispose()


def percent(part: int, whole: int) -> str:
    """The share as the report writes it in Vietnamese: "1,7 %", "0 %"."""
    value = round(100 * part / whole, 1) if whole else 0.0
    number = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{number} %"


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({percent(part, whole)})"


def listed(page: Page) -> Locator:
    return page.get_by_role("list", name="Kiến nghị cử tri", exact=True).get_by_role("listitem")


def item(page: Page, text: str) -> Locator:
    return listed(page).filter(has_text=text)


async def search(page: Page, words: str) -> None:
    filters = page.get_by_role("form", name="Lọc kiến nghị")
    await filters.get_by_role("searchbox").fill(words)
    await filters.get_by_role("button", name="Tìm kiếm").click()


async def number_of(page: Page, text: str) -> int:
    label = await item(page, text).get_by_role("link", name=re.compile(r"^Kiến nghị số \d+$")).inner_text()
    return int(label.rsplit(" ", 1)[1])


async def merge(page: Page, words: str, original: str, again: str) -> int:
    await search(page, words)
    await expect(listed(page)).to_have_count(2)
    target = await number_of(page, original)
    other = await number_of(page, again)
    assert target < other  # the petition heard first keeps its number
    await page.get_by_role("checkbox", name=f"Chọn kiến nghị số {target}", exact=True).check()
    await page.get_by_role("checkbox", name=f"Chọn kiến nghị số {other}", exact=True).check()
    await page.get_by_role("form", name="Phân loại, giao cơ quan giải quyết").get_by_role(
        "button", name=f"Gộp vào kiến nghị số {target}").click()
    await expect(page.locator(".notice")).to_have_text(f"Đã gộp vào kiến nghị số {target}.")
    await expect(listed(page)).to_have_count(1)
    await expect(listed(page)).to_contain_text("2 lượt cử tri kiến nghị")
    return target


async def assign_field(page: Page, field: str, agency: str, due: date, count: int) -> None:
    """Filters one field, shows every page, selects them all and assigns them at once."""
    filters = page.get_by_role("form", name="Lọc kiến nghị")
    await filters.get_by_role("searchbox").fill("")
    await filters.get_by_label("Lĩnh vực").fill(field)
    await filters.get_by_role("button", name="Tìm kiếm").click()
    more = page.get_by_role("button", name="Xem thêm")
    # the field's list, not the one before it still on screen
    await expect(listed(page).filter(has_not_text=field)).to_have_count(0)
    await expect(listed(page)).to_have_count(min(count, 50))
    if count > 50:
        await more.click()
        await expect(listed(page)).to_have_count(count)
    await expect(more).to_have_count(0)
    await expect(listed(page).filter(has_not_text=field)).to_have_count(0)
    await page.get_by_role("checkbox", name=f"Chọn tất cả {count} kiến nghị đang hiển thị").check()
    form = page.get_by_role("form", name="Phân loại, giao cơ quan giải quyết")
    await expect(form.get_by_role("heading")).to_have_text(f"Đã chọn {count} kiến nghị")
    await form.get_by_label("Cơ quan giải quyết").select_option(label=agency)
    await form.get_by_label("Hạn giải quyết").fill(due.isoformat())
    await form.get_by_role("button", name="Giao xử lý").click()
    await expect(page.locator(".notice")).to_have_text(f"Đã giao {count} kiến nghị.")
    await expect(form).to_have_count(0)
    await expect(listed(page).filter(has_text=agency)).to_have_count(min(count, 50))
    await expect(listed(page).filter(has_text="Đã giao")).to_have_count(min(count, 50))


def digest_count(page: Page, group: str) -> Locator:
    return page.get_by_role("region", name="Nhắc việc hôm nay").get_by_role(
        "region", name=group, exact=True).locator(".petition-digest__count")


async def open_petition(page: Page, number: int) -> None:
    """Opens a petition from the list (the digest above it may link to it too)."""
    await page.get_by_role("list", name="Kiến nghị cử tri", exact=True).get_by_role(
        "link", name=f"Kiến nghị số {number}", exact=True).click()
    await expect(page).to_have_url(re.compile(rf"/petitions/{number}$"))


async def answer(page: Page, number: int, status: str, text: str, *, plan: date | None = None,
                 pdf: tuple[str, bytes] | None = None) -> None:
    await open_petition(page, number)
    form = page.get_by_role("form", name="Trả lời kiến nghị")
    await form.get_by_label("Kết quả").select_option(label=status)
    if plan is not None:
        await form.get_by_label("Thời hạn hoàn thành theo kế hoạch").fill(plan.isoformat())
    await form.get_by_label("Nội dung trả lời").fill(text)
    if pdf is not None:
        await form.get_by_label("Công văn trả lời (PDF, không bắt buộc)").set_input_files(
            {"name": pdf[0], "mimeType": "application/pdf", "buffer": pdf[1]})
    await form.get_by_role("button", name="Gửi trả lời").click()
    await expect(page.get_by_role("status")).to_have_text("Đã gửi trả lời.")
    await expect(form).to_have_count(0)
    answers = page.get_by_role("list", name="Trả lời của cơ quan")
    await expect(answers).to_contain_text(status)
    await expect(answers).to_contain_text(text)
    await expect(page.locator(".petition .badge--petition-answered")).to_have_text("Đã trả lời")
    await page.go_back()
    await expect(page).to_have_url(re.compile(r"/petitions$"))


async def test_the_petitions_story(kyhop: Server, devices: OpenDevice, tmp_path: Path) -> None:
    council_id = kyhop.people.council_id
    today = datetime.now(VIETNAM).date()
    data = Petitions(today)
    data.check_scores()
    agencies = await add_agencies(tmp_path / "kyhop.sqlite3", council_id)
    roads_due, health_due = today + timedelta(days=5), today + timedelta(days=30)

    # 1. The secretariat imports the list.
    secretary = await devices("van-phong", login="thuky", start=f"/councils/{council_id}/petitions")
    office = secretary.page
    await expect(office.get_by_text("Không có kiến nghị nào.")).to_be_visible()
    importer = office.get_by_role("region", name="Nhập danh sách kiến nghị (.xlsx, .csv)")
    await importer.get_by_label("Chọn tệp").set_input_files(
        {"name": "kien-nghi-cu-tri.xlsx", "buffer": data.xlsx(),
         "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    await expect(importer.get_by_role("status")).to_have_text("Đã nhập 198 kiến nghị mới; 2 ý kiến trùng được gộp.")
    await expect(listed(office)).to_have_count(50)
    await expect(office.get_by_text("Đang hiển thị 50 kiến nghị đầu tiên")).to_be_visible()
    digest = office.get_by_role("region", name="Nhắc việc hôm nay")
    await expect(digest_count(office, "Quá hạn")).to_have_text("2")
    await expect(digest_count(office, "Chưa giao cơ quan")).to_have_text("196")
    await expect(digest.get_by_role("region", name="Quá hạn")).to_contain_text(f"{LAND} · hạn {data.late_due:%d/%m/%Y}, quá hạn 20 ngày")

    # 2. The rewordings the import could not be sure of: found by their words, merged.
    await merge(office, "Yên Lạc sạt lở", data.road, data.road_again)
    await merge(office, "Huồi Tụ bác sĩ", data.doctor, data.doctor_again)
    await office.screenshot(path=str(artifact("petitions-merged.png")), full_page=True)

    # 3. Many at once: the traffic petitions to the Sở Xây dựng, the health ones to the Sở Y tế.
    await assign_field(office, "Giao thông", ROADS, roads_due, 60)
    await assign_field(office, "Y tế", HEALTH, health_due, 50)
    await expect(digest_count(office, "Chưa giao cơ quan")).to_have_text("84")
    await expect(digest_count(office, "Sắp đến hạn (trong 7 ngày)")).to_have_text("60")

    # 4. The Sở Xây dựng's respondent: the agency's digest, its petitions only, three answers.
    respondent = await devices("tra-loi")
    page = respondent.page
    await log_in(page, RESPONDENT[0])
    await page.get_by_role("link", name="Kiến nghị cử tri").click()
    await expect(page).to_have_url(re.compile(rf"/councils/{council_id}/petitions$"))
    await expect(page.get_by_role("heading", name="Kiến nghị giao cho cơ quan")).to_be_visible()
    await expect(digest_count(page, "Sắp đến hạn (trong 7 ngày)")).to_have_text("60")
    await expect(digest_count(page, "Quá hạn")).to_have_text("0")
    await expect(page.get_by_role("region", name="Chưa giao cơ quan")).to_have_count(0)
    await expect(page.get_by_role("region", name="Nhập danh sách kiến nghị (.xlsx, .csv)")).to_have_count(0)
    await expect(listed(page)).to_have_count(50)
    await page.get_by_role("button", name="Xem thêm").click()
    await expect(listed(page)).to_have_count(60)
    await expect(listed(page).filter(has_not_text=ROADS)).to_have_count(0)
    await expect(listed(page).filter(has_not_text="Giao thông")).to_have_count(0)
    await expect(page.get_by_role("checkbox")).to_have_count(0)
    first, second, third = [await number_of(page, text) for text in data.by_field["Giao thông"][:3]]
    letter = text_pdf("Công văn số 1234/SXD-GT", ["Sở Xây dựng trả lời kiến nghị của cử tri thôn Yên Lạc."])
    await answer(page, first, "Đã giải quyết", "Đã sửa chữa xong đoạn đường sạt lở, thông xe từ ngày 30/11.",
                 pdf=("cong-van-1234-SXD.pdf", letter))
    await answer(page, second, "Đã giải trình, thông tin", "Ngã tư chưa đủ lưu lượng để lắp đèn tín hiệu theo quy chuẩn.")
    plan = today + timedelta(days=90)
    await answer(page, third, "Đang giải quyết", "Đã đưa cầu vào kế hoạch đầu tư công năm 2027.", plan=plan)
    await expect(digest_count(page, "Sắp đến hạn (trong 7 ngày)")).to_have_text("57")
    detail = await kyhop.api("thuky", "GET", f"/api/v1/petitions/{first}", expect_status=200)
    attachment = detail["responses"][0]["attachment"]
    assert attachment["filename"] == "cong-van-1234-SXD.pdf" and attachment["size"] == len(letter)
    async with httpx.AsyncClient(base_url=kyhop.base) as client:
        got = await client.get(attachment["url"], headers=kyhop.headers("thuky"))
    assert got.status_code == 200 and got.content == letter

    # 5. The chair reviews: accepts the first, sends the second back with a comment.
    chair = await devices("chu-toa", login="chutoa", start=f"/councils/{council_id}/petitions")
    console = chair.page
    await expect(digest_count(console, "Chờ Thường trực xem xét")).to_have_text("3")
    await console.get_by_role("form", name="Lọc kiến nghị").get_by_label("Trạng thái").select_option(label="Đã trả lời")
    await expect(listed(console)).to_have_count(3)
    await open_petition(console, first)
    await expect(console.get_by_role("button", name="cong-van-1234-SXD.pdf")).to_be_visible()
    await console.get_by_role("region", name="Xem xét trả lời").get_by_role("button", name="Chấp nhận, kết thúc").click()
    await expect(console.get_by_role("status")).to_have_text("Đã chấp nhận trả lời; kiến nghị đã kết thúc.")
    await expect(console.locator(".petition .badge--petition-closed")).to_have_text("Đã kết thúc")
    await expect(console.get_by_role("region", name="Xem xét trả lời")).to_have_count(0)
    await console.go_back()
    await open_petition(console, second)
    review = console.get_by_role("region", name="Xem xét trả lời")
    await expect(review.get_by_role("button", name="Trả lại cơ quan")).to_be_disabled()  # say why first
    comment = "Đề nghị khảo sát lại lưu lượng giờ cao điểm và trả lời cụ thể thời gian lắp đèn."
    await review.get_by_label("Ý kiến của Thường trực").fill(comment)
    await review.get_by_role("button", name="Trả lại cơ quan").click()
    await expect(console.get_by_role("status")).to_have_text("Đã trả lại cơ quan giải quyết.")
    await expect(console.locator(".petition .badge--petition-assigned")).to_have_text("Đã giao")
    await expect(console.get_by_role("list", name="Xem xét của Thường trực")).to_contain_text(f"Trả lại {today:%d/%m/%Y}: {comment}")
    # the agency sees it back, and may answer again
    await open_petition(page, second)
    await expect(page.get_by_role("form", name="Trả lời kiến nghị")).to_be_visible()
    await expect(page.get_by_role("list", name="Xem xét của Thường trực")).to_contain_text(comment)

    # 6. The report, with what was done: 196 petitions stand (200 rows, 2 joined on import,
    # 2 merged), 112 were assigned (60 + 50 + the 2 from the last session), 3 answered, one
    # closed as resolved, one sent back.
    total, assigned_total = 196, 60 + 50 + 2
    states = {"Mới tiếp nhận": total - assigned_total, "Đã giao": assigned_total - 3 + 1,
              "Đã trả lời": 1, "Đã kết thúc": 1}
    statuses = {"Đã giải quyết": 1, "Đã giải trình, thông tin": 1, "Đang giải quyết": 1,
                "Chưa giải quyết": 0, "Chưa có trả lời": total - 3}
    await office.reload()
    await office.get_by_role("link", name="Báo cáo kết quả giải quyết").click()
    await expect(office).to_have_url(re.compile(rf"/councils/{council_id}/petitions/report$"))
    summary = office.get_by_role("region", name="Tổng số kiến nghị")
    await expect(summary).to_contain_text(f"Tổng số kiến nghị: {total}")
    await expect(summary.locator(".report-share")).to_have_text(share(1, total))
    await expect(summary.locator(".report-overdue")).to_have_text("2")
    await expect(summary.get_by_role("list", name="Theo trạng thái").get_by_role("listitem")).to_have_text(
        [f"{name}: {count}" for name, count in states.items()])
    await expect(summary.get_by_role("list", name="Theo kết quả trả lời").get_by_role("listitem")).to_have_text(
        [f"{name}: {count}" for name, count in statuses.items()])
    rows = office.get_by_role("region", name="Theo cơ quan").locator("tbody tr")
    expected_agencies = [("Chưa giao cơ quan", total - assigned_total, 0, 0), (ROADS, 60, 1, 0),
                         (HEALTH, 50, 0, 0), (LAND, 2, 0, 2)]
    await expect(rows).to_have_text([re.compile(rf"^{re.escape(name)}\s*{count}\s*{re.escape(share(resolved, count))}\s*{late}\s*$")
                                     for name, count, resolved, late in expected_agencies])
    fields = office.get_by_role("region", name="Theo lĩnh vực").locator("tbody tr")
    await expect(fields).to_have_text([re.compile(rf"^{name}\s*{count}\s*{re.escape(share(resolved, count))}")
                                       for name, count, resolved in (("Giao thông", 60, 1), ("Y tế", 50, 0),
                                                                     ("Đất đai", 50, 0), ("Giáo dục", 36, 0))])
    overdue = office.get_by_role("region", name="Kiến nghị quá hạn").get_by_role("listitem")
    await expect(overdue).to_have_count(2)
    await expect(overdue.first).to_contain_text(f"{data.late[0]} · {LAND} · {data.late_due:%d/%m/%Y} (quá hạn 20 ngày)")
    await office.screenshot(path=str(artifact("petitions-report.png")), full_page=True)
    report = await kyhop.api("thuky", "GET", f"/api/v1/councils/{council_id}/petitions/report", expect_status=200)
    assert report["total"] == total and report["resolved"] == 1
    assert {a["name"]: a["total"] for a in report["by_agency"]}[ROADS] == 60
    assert set(agencies) >= {ROADS, HEALTH, LAND}

    # 7. What is left, in the secretariat's digest.
    await office.go_back()
    await expect(digest_count(office, "Quá hạn")).to_have_text("2")
    await expect(digest_count(office, "Sắp đến hạn (trong 7 ngày)")).to_have_text("58")
    await expect(digest_count(office, "Chờ Thường trực xem xét")).to_have_text("1")
    await expect(digest_count(office, "Chưa giao cơ quan")).to_have_text(str(total - assigned_total))
    await office.screenshot(path=str(artifact("petitions-secretariat.png")), full_page=True)
