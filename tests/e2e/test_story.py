"""The whole story of a session, in one test with several browser contexts: the secretary prepares
the meeting, deputies follow it live on their tablets, the chair runs a vote, the hall display
shows the result — and the result on screen is the one the API has."""

from __future__ import annotations

import asyncio
import re

from playwright.async_api import Page, expect

from app.kit.pdfgen import text_pdf
from tests.e2e.confirm import confirm
from tests.e2e.conftest import DISPLAY, Device, OpenDevice, Server, artifact, wait_for_drawn_page

MEETING = "Kỳ họp thứ mười lăm, HĐND tỉnh khóa XI"
OPENING = "Khai mạc kỳ họp"
BUDGET = "Nghị quyết về dự toán ngân sách địa phương năm 2027"
DEBATE = "Thảo luận tại hội trường"
PDF_NAME = "Dự thảo nghị quyết dự toán ngân sách 2027.pdf"
PDF_TITLE = "Dự thảo nghị quyết dự toán ngân sách 2027"
FOR, AGAINST = "Tán thành", "Không tán thành"


def agenda(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_role("list", name="Chương trình kỳ họp")


def current_item(page: Page):  # type: ignore[no-untyped-def]
    """The agenda entry marked as the item under discussion."""
    return agenda(page).locator('[aria-current="step"]')


async def test_a_session_from_preparation_to_the_result_on_the_hall_display(
        kyhop: Server, devices: OpenDevice) -> None:
    # --- the secretary creates the meeting and builds its agenda ------------------------------
    secretary = await devices("thu-ky", login="thuky")
    page = secretary.page
    await page.get_by_role("link", name="Chuẩn bị kỳ họp").click()
    await page.get_by_label("Tên kỳ họp").fill(MEETING)
    await page.get_by_label("Thời gian khai mạc").fill("2026-12-08T08:00")
    await page.get_by_label("Địa điểm").fill("Hội trường Ủy ban nhân dân tỉnh")
    await page.get_by_role("button", name="Tạo kỳ họp").click()
    await expect(page).to_have_url(re.compile(r"/meetings/\d+/manage$"))
    meeting_id = int(re.search(r"/meetings/(\d+)/manage", page.url).group(1))  # type: ignore[union-attr]
    await expect(page.get_by_role("heading", name=MEETING)).to_be_visible()

    for title, parent, presenter in ((OPENING, None, ""),
                                     (BUDGET, None, "Giám đốc Sở Tài chính"),
                                     (DEBATE, f"2. {BUDGET}", "")):
        await page.get_by_label("Tên nội dung").fill(title)
        await page.get_by_label("Thuộc nội dung").select_option(label=parent or "(cấp cao nhất)")
        await page.get_by_label("Người trình bày").fill(presenter)
        await page.get_by_role("button", name="Thêm nội dung").click()
        await expect(agenda(page).get_by_text(title, exact=True)).to_be_visible()
    await expect(agenda(page).locator(".agenda__number")).to_have_text(["1", "2", "2.1"])

    await page.get_by_role("button", name="Công bố").click()
    await confirm(page, "Công bố")
    await expect(page.get_by_text("Chuẩn bị kỳ họp · Đã công bố")).to_be_visible()

    # --- three deputies open the published meeting on their tablets and check in -------------
    deputies = await asyncio.gather(*(devices(f"dai-bieu-{n}", login=f"daibieu{n}") for n in (1, 2, 3)))

    async def open_meeting(deputy: Device) -> None:
        await deputy.page.get_by_role("link", name=MEETING).click()
        await expect(deputy.page).to_have_url(f"{kyhop.base}/meetings/{meeting_id}")
        await expect(deputy.page.get_by_text("Đã kết nối")).to_be_visible()
        await expect(agenda(deputy.page).get_by_text(BUDGET, exact=True)).to_be_visible()
        await deputy.page.get_by_role("button", name="Điểm danh").click()
        await expect(deputy.page.get_by_text("✓ Đã điểm danh")).to_be_visible()
        await deputy.mark_loaded()

    await asyncio.gather(*(open_meeting(deputy) for deputy in deputies))
    for deputy in deputies:  # everyone's tablet heard the others check in
        await expect(deputy.page.get_by_text("Có mặt 3/4")).to_be_visible()
        await expect(deputy.page.get_by_text("Đủ số lượng", exact=True)).to_be_visible()
    reader = deputies[0].page
    await agenda(reader).get_by_role("button", name=BUDGET).click()
    await expect(reader.get_by_text("Nội dung này chưa có tài liệu.")).to_be_visible()

    # --- the secretary uploads the draft resolution for item 2 ----------------------------------
    pdf = text_pdf(PDF_TITLE, [
        "Điều 1. Dự toán thu ngân sách\nTổng thu ngân sách nhà nước trên địa bàn năm 2027 là "
        "18.500 tỷ đồng.",
        "Điều 2. Dự toán chi ngân sách\nTổng chi ngân sách địa phương năm 2027 là 32.150 tỷ đồng.",
        "Điều 3. Tổ chức thực hiện\nGiao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
    ])
    await page.get_by_label("Gắn với nội dung").select_option(label=f"2. {BUDGET}")
    await page.get_by_label("Loại tài liệu").select_option(label="Dự thảo nghị quyết")
    await page.get_by_label("Chọn các tệp PDF").set_input_files(
        {"name": PDF_NAME, "mimeType": "application/pdf", "buffer": pdf})
    await page.get_by_role("button", name="Tải tài liệu lên").click()
    await expect(page.locator(".upload").filter(has_text=PDF_NAME)).to_contain_text("✓ Đã tải lên")

    # --- the deputy's tablet shows the new document at once, without reloading ----------------
    document = reader.get_by_role("link", name=re.compile(PDF_TITLE))
    await expect(document).to_be_visible()
    await expect(document).to_contain_text("Dự thảo nghị quyết · 3 trang")
    assert await deputies[0].still_same_document()
    # ... and it opens: the first page is drawn by PDF.js
    await document.click()
    await expect(reader).to_have_url(re.compile(rf"/meetings/{meeting_id}/documents/\d+$"))
    await wait_for_drawn_page(reader, page_number=1)
    assert await deputies[0].still_same_document()
    await reader.get_by_role("link", name="Quay lại").click()

    # --- the hall display and the chair ----------------------------------------------------------
    display = await devices("man-hinh", login="manhinh", viewport=DISPLAY, start=f"/display/{meeting_id}")
    await expect(display.page).to_have_url(f"{kyhop.base}/display/{meeting_id}")
    await expect(display.page.get_by_text("Chưa có nội dung đang thảo luận")).to_be_visible()
    await expect(display.page.get_by_text(MEETING)).to_be_visible()

    chair = await devices("chu-toa", login="chutoa")
    card = chair.page.locator(".meeting-card").filter(has_text=MEETING)
    await card.get_by_role("link", name="Điều hành").click()
    await expect(chair.page).to_have_url(f"{kyhop.base}/meetings/{meeting_id}/chair")
    await chair.page.get_by_role("button", name="Khai mạc", exact=True).click()
    await confirm(chair.page, "Khai mạc")
    await expect(chair.page.get_by_role("button", name="Bế mạc")).to_be_visible()
    await expect(chair.page.get_by_text("Có mặt 3/4")).to_be_visible()

    # --- the chair activates items; every tablet and the display follow ---------------------------
    for title in (OPENING, BUDGET):
        row = agenda(chair.page).get_by_role("listitem").filter(has_text=title).first
        await row.get_by_role("button", name="Chuyển sang").click()
        await expect(current_item(chair.page)).to_contain_text(title)
        for deputy in deputies:
            await expect(current_item(deputy.page)).to_contain_text(title)
        await expect(display.page.locator(".display__item-title")).to_have_text(
            f"{'1' if title == OPENING else '2'}. {title}")
    # Tablets that follow the chair show the current item's documents.
    for deputy in deputies[1:]:
        await expect(deputy.page.get_by_role("link", name=re.compile(PDF_TITLE))).to_be_visible()
    await expect(display.page.get_by_text("Trình bày: Giám đốc Sở Tài chính")).to_be_visible()

    # --- the chair creates a vote from the resolution preset and opens it ----------------------
    await expect(chair.page.get_by_role("heading", name=f"Biểu quyết cho: 2. {BUDGET}")).to_be_visible()
    await expect(chair.page.get_by_label("Tiêu đề")).to_have_value(BUDGET)
    await chair.page.get_by_label("Cơ sở tính").select_option(label="số đại biểu có mặt")
    await chair.page.get_by_role("button", name="Tạo", exact=True).click()
    poll_row = chair.page.locator(".poll-row").filter(has_text=BUDGET)
    await expect(poll_row).to_contain_text("Chưa mở")
    await poll_row.get_by_role("button", name="Mở biểu quyết").click()
    await expect(chair.page.get_by_text("Đã biểu quyết 0/3")).to_be_visible()
    await expect(display.page.get_by_text("Đang biểu quyết")).to_be_visible()

    # --- three deputies vote on their tablets ----------------------------------------------------
    choices = list(zip(deputies, (FOR, FOR, AGAINST), strict=True))

    async def vote(deputy: Device, choice: str) -> None:
        panel = deputy.page.get_by_role("dialog", name=BUDGET)
        await expect(panel).to_be_visible()
        await expect(panel.get_by_text("Biểu quyết công khai")).to_be_visible()
        await panel.get_by_role("button", name=choice, exact=True).click()
        await expect(panel.get_by_text(f"Xác nhận: {choice}?")).to_be_visible()
        await panel.get_by_role("button", name="Gửi biểu quyết").click()
        await expect(panel.get_by_text("✓ Đã biểu quyết")).to_be_visible()
        await expect(panel.get_by_text(f"Ý kiến của bạn: {choice}")).to_be_visible()

    await asyncio.gather(*(vote(deputy, choice) for deputy, choice in choices))
    await expect(chair.page.get_by_text("Đã biểu quyết 3/3")).to_be_visible()
    await expect(display.page.get_by_text("Đã biểu quyết 3/3")).to_be_visible()

    # --- the chair closes the vote; the display shows the result ---------------------------------
    await chair.page.get_by_role("button", name="Kết thúc biểu quyết").click()
    await confirm(chair.page, "Kết thúc biểu quyết")
    result = display.page.locator(".result")
    await expect(result.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await expect(display.page.get_by_text("Biểu quyết đã kết thúc")).to_be_visible()
    await expect(chair.page.locator(".result__verdict")).to_have_text("THÔNG QUA")
    for deputy in deputies:
        await expect(deputy.page.get_by_role("dialog", name=BUDGET).locator(".result__verdict")).to_have_text("THÔNG QUA")

    # --- the result on the display is the result of the API ----------------------------------------
    polls = await kyhop.api("chutoa", "GET", f"/api/v1/meetings/{meeting_id}/polls", expect_status=200)
    [poll] = [p for p in polls["items"] if p["title"] == BUDGET]
    api_poll = await kyhop.api("chutoa", "GET", f"/api/v1/polls/{poll['id']}", expect_status=200)
    api_result = api_poll["result"]
    assert api_poll["state"] == "closed"
    assert {c["label"]: c["votes"] for c in api_result["counts"]} == {
        FOR: 2, AGAINST: 1, "Không biểu quyết": 0}
    assert (api_result["basis"], api_result["base"], api_result["required"], api_result["passed"]) == (
        "present", 3, 2, True)
    voters = {v["user_id"]: v["option_ids"] for v in api_result["votes"]}
    option_of = {o["label"]: o["id"] for o in api_poll["options"]}
    assert voters == {kyhop.people.ids[f"daibieu{n}"]: [option_of[c]]
                      for n, c in ((1, FOR), (2, FOR), (3, AGAINST))}

    shown = {}
    for row in await result.locator(".result__row").all():
        shown[await row.locator(".result__label").inner_text()] = int(
            await row.locator(".result__votes").inner_text())
    assert shown == {c["label"]: c["votes"] for c in api_result["counts"]}
    caption = result.locator(".result__caption")
    await expect(caption).to_contain_text(f"Cơ sở tính: {api_result['base']}")
    await expect(caption).to_contain_text(f"Cần đạt {api_result['required']} phiếu")
    await expect(caption).to_contain_text("Quy tắc: quá nửa số đại biểu có mặt")
    await display.page.screenshot(path=str(artifact("story-display-result.png")))

    for deputy in deputies:
        assert await deputy.still_same_document(), f"{deputy.name} reloaded"
