"""A screenshot of every screen, kept under tests/e2e/artifacts/ (ignored by git): the tablet's at
1280×800, the hall display's at 1920×1080. Each is taken once the screen shows what it is for."""

from __future__ import annotations

import asyncio
import struct
from pathlib import Path

from playwright.async_api import Page, expect

from app.kit.pdfgen import text_pdf
from tests.e2e.confirm import confirm
from tests.e2e.conftest import DISPLAY, TABLET, OpenDevice, Server, artifact, wait_for_drawn_page
from tests.fixtures.world import PASSWORD

MEETING = "Kỳ họp thứ mười lăm, HĐND tỉnh khóa XI"
ITEMS = ["Khai mạc kỳ họp", "Báo cáo tình hình kinh tế - xã hội năm 2026",
         "Nghị quyết về dự toán ngân sách địa phương năm 2027", "Bế mạc kỳ họp"]
POLL = "Thông qua Nghị quyết về dự toán ngân sách địa phương năm 2027"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


async def _shot(page: Page, name: str, viewport: dict[str, int]) -> None:
    await page.evaluate("() => window.scrollTo(0, 0)")
    path = artifact(f"{name}.png")
    path.unlink(missing_ok=True)
    await page.screenshot(path=str(path))
    assert _png_size(path) == (viewport["width"], viewport["height"]), name


async def test_screenshots_of_every_screen(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS, title=MEETING)
    pdf = text_pdf("Báo cáo tình hình kinh tế - xã hội năm 2026", [
        f"Phần {n}. Kết quả thực hiện các chỉ tiêu\nTốc độ tăng trưởng tổng sản phẩm trên địa bàn "
        f"ước đạt 8,{n}%. Thu ngân sách nhà nước vượt dự toán được giao." for n in range(1, 6)])
    document = await kyhop.upload(meeting_id, "bao-cao.pdf", pdf, item_id=items[1], kind="report",
                                  title="Báo cáo tình hình kinh tế - xã hội năm 2026")
    await kyhop.upload(meeting_id, "du-thao.pdf", text_pdf("Dự thảo nghị quyết", ["Điều 1.\nDự toán."]),
                       item_id=items[2], title="Dự thảo nghị quyết về dự toán ngân sách 2027")
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    for who in ("chutoa", "daibieu2", "daibieu3"):
        await kyhop.api(who, "POST", f"/api/v1/meetings/{meeting_id}/check-in", expect_status=200)

    # Login, then the deputy's meetings, meeting and reader.
    deputy = await devices("dai-bieu")
    page = deputy.page
    await page.goto("/login")
    await expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    await _shot(page, "tablet-login", TABLET)
    await page.get_by_label("Tên đăng nhập").fill("daibieu1")
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_label("Tên thiết bị này").fill("Máy tính bảng ghế số 12")
    await page.get_by_role("button", name="Đăng nhập", exact=True).click()
    await expect(page.get_by_role("heading", name="Kỳ họp của tôi")).to_be_visible()
    await expect(page.get_by_text(MEETING)).to_be_visible()
    await _shot(page, "tablet-meetings", TABLET)

    await page.get_by_role("link", name=MEETING).click()
    await expect(page.get_by_text("Đã kết nối")).to_be_visible()
    await page.get_by_role("button", name="Điểm danh").click()
    await expect(page.get_by_text("Có mặt 4/4")).to_be_visible()
    await expect(page.get_by_role("link", name=document["title"])).to_be_visible()
    await _shot(page, "tablet-meeting", TABLET)

    await page.get_by_role("link", name=document["title"]).click()
    await wait_for_drawn_page(page, page_number=1)
    await page.get_by_role("button", name="Trang thu nhỏ").click()
    await expect(page.locator(".thumbnail canvas[data-rendered]").first).to_be_visible()
    await _shot(page, "tablet-reader", TABLET)
    await page.get_by_role("link", name="Quay lại").click()
    await expect(page.get_by_role("heading", name=MEETING)).to_be_visible()

    # The chair, the secretariat and the hall display, side by side.
    chair, secretary, display = await asyncio.gather(
        devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair"),
        devices("thu-ky", login="thuky", start="/secretariat"),
        devices("man-hinh", login="manhinh", viewport=DISPLAY, start=f"/display/{meeting_id}"))
    await expect(display.page.locator(".display__item-title")).to_have_text(f"2. {ITEMS[1]}")
    await _shot(display.page, "display-current-item", DISPLAY)

    await expect(secretary.page.get_by_role("heading", name="Tạo kỳ họp")).to_be_visible()
    await expect(secretary.page.get_by_text(MEETING)).to_be_visible()
    await _shot(secretary.page, "tablet-secretariat", TABLET)
    await secretary.page.get_by_role("link", name="Quản lý").click()
    await expect(secretary.page.get_by_role("heading", name="Tải tài liệu lên")).to_be_visible()
    await expect(secretary.page.get_by_role("link", name=document["title"])).to_be_visible()
    await _shot(secretary.page, "tablet-manage", TABLET)

    # A vote: created and opened from the chair console.
    await chair.page.get_by_role("list", name="Chương trình kỳ họp").get_by_role(
        "listitem").filter(has_text=ITEMS[2]).get_by_role("button", name="Chuyển sang").click()
    await expect(chair.page.get_by_role("heading", name=f"Biểu quyết cho: 3. {ITEMS[2]}")).to_be_visible()
    await chair.page.get_by_label("Tiêu đề").fill(POLL)
    await chair.page.get_by_role("button", name="Tạo", exact=True).click()
    await chair.page.locator(".poll-row").filter(has_text=POLL).get_by_role(
        "button", name="Mở biểu quyết").click()
    await expect(chair.page.get_by_text("Đã biểu quyết 0/4")).to_be_visible()

    panel = page.get_by_role("dialog", name=POLL)
    await expect(panel.get_by_role("button", name="Tán thành", exact=True)).to_be_visible()
    await _shot(page, "tablet-voting-panel", TABLET)
    await panel.get_by_role("button", name="Tán thành", exact=True).click()
    await expect(panel.get_by_role("button", name="Gửi biểu quyết")).to_be_visible()
    await _shot(page, "tablet-voting-confirm", TABLET)
    await panel.get_by_role("button", name="Gửi biểu quyết").click()
    await expect(panel.get_by_text("✓ Đã biểu quyết")).to_be_visible()
    await _shot(page, "tablet-voting-done", TABLET)

    await expect(chair.page.get_by_text("Đã biểu quyết 1/4")).to_be_visible()
    await _shot(chair.page, "tablet-chair-console", TABLET)
    await expect(display.page.get_by_text("Đã biểu quyết 1/4")).to_be_visible()
    await _shot(display.page, "display-voting", DISPLAY)

    polls = await kyhop.api("chutoa", "GET", f"/api/v1/meetings/{meeting_id}/polls", expect_status=200)
    [poll] = polls["items"]
    option = {o["label"]: o["id"] for o in poll["options"]}
    for who, label in (("chutoa", "Tán thành"), ("daibieu2", "Tán thành"), ("daibieu3", "Không tán thành")):
        await kyhop.api(who, "POST", f"/api/v1/polls/{poll['id']}/ballots", expect_status=201,
                        json={"option_ids": [option[label]]},
                        headers={"Idempotency-Key": f"e2e-{who}-{poll['id']}"})
    await chair.page.get_by_role("button", name="Kết thúc biểu quyết").click()
    await confirm(chair.page, "Kết thúc biểu quyết")
    await expect(display.page.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await _shot(display.page, "display-result", DISPLAY)
    await expect(chair.page.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await _shot(chair.page, "tablet-chair-result", TABLET)
    await expect(panel.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await _shot(page, "tablet-voting-result", TABLET)

    # The devices screen lists this tablet by the name it logged in with.
    await page.goto("/devices")
    await expect(page.get_by_role("heading", name="Thiết bị của tôi")).to_be_visible()
    this_tablet = page.get_by_role("listitem").filter(has_text="Máy tính bảng ghế số 12")
    await expect(this_tablet).to_contain_text("Thiết bị này")
    await _shot(page, "tablet-devices", TABLET)

    taken = sorted(p.name for p in artifact("x").parent.glob("*.png"))
    for name in ("tablet-login", "tablet-meetings", "tablet-meeting", "tablet-reader",
                 "tablet-voting-panel", "tablet-chair-console", "tablet-secretariat",
                 "display-voting", "display-result"):
        assert f"{name}.png" in taken
