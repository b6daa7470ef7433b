"""The consoles of issue 10, each defect reproduced first (it failed before the fix):

- closing the meeting takes a confirmation naming what happens; Cancel leaves it in progress;
  afterwards "Đã bế mạc" shows on the chair's console, the meeting screen and the meetings list;
- the chair's poll form is for the item it names, the current one — never a stale one — and
  another item only by an explicit choice, with a warning;
- the secretary renames and deletes agenda items and documents, edits, unpublishes and deletes
  the meeting, marks all present but one — each checked through the API;
- no screen scrolls sideways at 1280×800, 800×1280 or 390×844: the consoles, the login page, the
  deputy's meeting screen with an open poll (its confirm button in view), the reader of a
  document and of a confidential one with each side panel (thumbnails, search, notes), the
  devices and not-found screens, and the hall display.
"""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from app.kit.pdfgen import text_pdf
from tests.e2e.confirm import confirm
from tests.e2e.conftest import DISPLAY, OpenDevice, Server, wait_for_drawn_page
from tests.fixtures.world import PASSWORD

ITEMS = ["Khai mạc kỳ họp", "Báo cáo kinh tế - xã hội năm 2026",
         "Nghị quyết về dự toán ngân sách năm 2027", "Nghị quyết về đầu tư công", "Bế mạc kỳ họp"]


async def meeting_state(kyhop: Server, meeting_id: int) -> str:
    return (await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}", expect_status=200))["state"]


async def test_closing_the_meeting_asks_first_and_then_says_it_has_ended(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, _ = await kyhop.meeting_in_progress(ITEMS[:2], title="Kỳ họp thứ tư")
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    page = chair.page
    await page.get_by_role("button", name="Bế mạc", exact=True).click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("Bế mạc kỳ họp «Kỳ họp thứ tư»?")
    await expect(dialog).to_contain_text("không thể biểu quyết thêm")
    await dialog.get_by_role("button", name="Hủy").click()
    await expect(dialog).to_have_count(0)
    assert await meeting_state(kyhop, meeting_id) == "in_progress"
    # Escape cancels too.
    await page.get_by_role("button", name="Bế mạc", exact=True).click()
    await expect(dialog).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    assert await meeting_state(kyhop, meeting_id) == "in_progress"

    await page.get_by_role("button", name="Bế mạc", exact=True).click()
    await confirm(page, "Bế mạc")
    await expect(page.locator(".topbar").get_by_text("Đã bế mạc")).to_be_visible()
    assert await meeting_state(kyhop, meeting_id) == "closed"
    await page.goto(f"/meetings/{meeting_id}")
    await expect(page.locator(".topbar").get_by_text(re.compile("^Đã bế mạc"))).to_be_visible()
    await page.goto("/")
    await expect(page.locator(".meeting-card").filter(has_text="Kỳ họp thứ tư").get_by_text("Đã bế mạc")).to_be_visible()


async def test_the_poll_form_is_for_the_current_item_unless_another_is_chosen(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    activate = lambda index: kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[index]}/activate",  # noqa: E731
                                       expect_status=200)
    await activate(2)
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    page = chair.page
    heading = page.locator(".poll-target__heading")
    await expect(heading).to_have_text(f"Biểu quyết cho: 3. {ITEMS[2]}")
    await page.locator(".poll-form").get_by_label("Tiêu đề", exact=True).fill("Thông qua nghị quyết")  # the chair types
    await activate(3)
    await expect(heading).to_have_text(f"Biểu quyết cho: 4. {ITEMS[3]}")  # never stale
    await expect(page.get_by_text("không phải nội dung đang thảo luận")).to_have_count(0)

    # Another item takes an explicit choice, and says so; a move of the current item resets it.
    await page.get_by_label("Tạo biểu quyết cho nội dung").select_option(label=f"2. {ITEMS[1]}")
    await expect(heading).to_have_text(f"Biểu quyết cho: 2. {ITEMS[1]}")
    await expect(page.get_by_text(f"Chú ý: biểu quyết này dành cho «2. {ITEMS[1]}»")).to_be_visible()
    await activate(4)
    await expect(heading).to_have_text(f"Biểu quyết cho: 5. {ITEMS[4]}")

    await page.locator(".poll-form").get_by_role("button", name="Tạo", exact=True).click()
    await expect(page.locator(".poll-row")).to_have_count(1)
    polls = (await kyhop.api("chutoa", "GET", f"/api/v1/meetings/{meeting_id}/polls", expect_status=200))["items"]
    assert [poll["agenda_item_id"] for poll in polls] == [items[4]]


async def test_the_secretary_edits_and_deletes_what_the_api_can(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS[:3], title="Kỳ họp chuyên đề", start=False)
    secretary = await devices("thu-ky", login="thuky", start=f"/meetings/{meeting_id}/manage")
    page = secretary.page
    organizer = page.get_by_role("list", name="Chương trình kỳ họp")
    await expect(organizer.get_by_text(ITEMS[1], exact=True)).to_be_visible()

    # Rename item 2, delete item 3 (after a confirmation).
    await page.get_by_role("button", name=f"Sửa: 2. {ITEMS[1]}").click()
    await organizer.get_by_label("Tiêu đề", exact=True).fill("Báo cáo tình hình kinh tế - xã hội")
    await organizer.get_by_role("button", name="Lưu", exact=True).click()
    await expect(organizer.get_by_text("Báo cáo tình hình kinh tế - xã hội", exact=True)).to_be_visible()
    await page.get_by_role("button", name=f"Xóa: 3. {ITEMS[2]}").click()
    await expect(page.get_by_role("dialog")).to_contain_text(f"Xóa nội dung «{ITEMS[2]}»?")
    await confirm(page, "Xóa")
    await expect(organizer.get_by_text(ITEMS[2], exact=True)).to_have_count(0)
    agenda = (await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/agenda", expect_status=200))["items"]
    assert [item["title"] for item in agenda] == [ITEMS[0], "Báo cáo tình hình kinh tế - xã hội"]

    # The agenda form resets after each add: the next item is top level again.
    await page.get_by_label("Tên nội dung").fill("Tờ trình kèm theo")
    await page.get_by_label("Thuộc nội dung").select_option(label="2. Báo cáo tình hình kinh tế - xã hội")
    await page.get_by_role("button", name="Thêm nội dung").click()
    await expect(organizer.get_by_text("Tờ trình kèm theo", exact=True)).to_be_visible()
    await expect(page.get_by_label("Tên nội dung")).to_have_value("")
    await expect(page.get_by_label("Thuộc nội dung")).to_have_value("")

    # Upload with a title: prefilled from the PDF's own title, editable.
    pdf = text_pdf("Tờ trình số 12/TTr-UBND", ["Điều 1. Nội dung tờ trình."])
    await page.get_by_label("Chọn các tệp PDF").set_input_files({"name": "tt12.pdf", "mimeType": "application/pdf", "buffer": pdf})
    title = page.locator(".upload__title input")
    await expect(title).to_have_value("Tờ trình số 12/TTr-UBND")
    await title.fill("Tờ trình về kinh tế - xã hội")
    await page.get_by_role("button", name="Tải tài liệu lên").click()
    await expect(page.locator(".upload").filter(has_text="tt12.pdf")).to_contain_text("✓ Đã tải lên")
    documents = page.locator(".managed-document")
    await expect(documents.filter(has_text="Tờ trình về kinh tế - xã hội")).to_contain_text("(tài liệu chung)")

    # Edit the document: title and item; the list names the item; then delete it.
    await page.get_by_role("button", name="Sửa: Tờ trình về kinh tế - xã hội").click()
    await page.get_by_label("Tiêu đề tài liệu").last.fill("Tờ trình số 12")
    await documents.get_by_label("Gắn với nội dung").select_option(label="2. Báo cáo tình hình kinh tế - xã hội")
    await documents.get_by_role("button", name="Lưu").click()
    await expect(documents.filter(has_text="Tờ trình số 12")).to_contain_text(
        "Thuộc nội dung: 2. Báo cáo tình hình kinh tế - xã hội")
    listed = (await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/documents", expect_status=200))["items"]
    assert [(doc["title"], doc["agenda_item_id"]) for doc in listed] == [("Tờ trình số 12", items[1])]
    await page.get_by_role("button", name="Sửa: Tờ trình số 12").click()
    await documents.get_by_role("button", name="Xóa").click()
    await confirm(page, "Xóa")
    await expect(documents).to_have_count(0)
    assert (await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/documents", expect_status=200))["items"] == []

    # Mark all present but one.
    await page.get_by_role("button", name="Đánh dấu tất cả có mặt").click()
    await page.locator(".mark-all").get_by_label("Phạm Thị Bình").uncheck()
    await page.get_by_role("button", name=re.compile(r"^Đánh dấu \d+ đại biểu có mặt$")).click()
    await expect(page.locator(".mark-all")).to_have_count(0)
    attendance = await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/attendance", expect_status=200)
    status = {entry["full_name"]: entry["status"] for entry in attendance["items"]}
    assert status["Phạm Thị Bình"] != "present"
    assert status["Lê Văn An"] == status["Hoàng Văn Cường"] == "present"

    # Edit the meeting, unpublish, then delete the draft.
    await page.get_by_label("Tên kỳ họp").fill("Kỳ họp chuyên đề về đầu tư công")
    await page.locator(".meeting-actions").get_by_role("button", name="Lưu").click()
    await expect(page.locator(".topbar").get_by_text("Kỳ họp chuyên đề về đầu tư công")).to_be_visible()
    await page.get_by_role("button", name="Hủy công bố").click()
    await confirm(page, "Hủy công bố")
    await expect(page.get_by_role("button", name="Công bố", exact=True)).to_be_visible()
    assert await meeting_state(kyhop, meeting_id) == "draft"
    await page.get_by_role("button", name="Xóa kỳ họp").click()
    await confirm(page, "Xóa")
    await expect(page).to_have_url(re.compile(r"/secretariat$"))
    await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}", expect_status=404)


SIZES = ({"width": 1280, "height": 800}, {"width": 800, "height": 1280}, {"width": 390, "height": 844})

# The elements whose right edge is past the viewport's, to say what overflows.
_PAST_THE_EDGE = """(limit) => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > limit + 1)
    .slice(0, 5).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().width)}`)"""


async def no_sideways_scroll(page: Page) -> None:
    widths = await page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    wide = await page.evaluate(_PAST_THE_EDGE, widths[1])
    assert widths[0] <= widths[1], f"{page.url}: scrollWidth {widths[0]} > clientWidth {widths[1]}: {wide}"


async def nothing_cut_off_sideways(page: Page) -> None:
    """For a screen that clips what overflows it (the hall display is exactly one screen, with
    overflow: hidden): no element reaches past the right edge, cut off where no one can scroll."""
    width = await page.evaluate("() => document.documentElement.clientWidth")
    wide = await page.evaluate(_PAST_THE_EDGE, width)
    assert not wide, f"{page.url}: past the right edge ({width}px): {wide}"


async def in_view(page: Page, locator, size: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    """The control is wholly inside the viewport, with no scrolling."""
    await expect(locator).to_be_visible()
    box = await locator.bounding_box()
    assert box is not None, page.url
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], (page.url, size, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], (page.url, size, box)


async def test_no_screen_of_the_consoles_scrolls_sideways(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[2]}/activate", expect_status=200)
    screens = {
        "/": ".meeting-card",
        "/secretariat": ".meeting-row",
        f"/meetings/{meeting_id}": ".agenda",
        f"/meetings/{meeting_id}/chair": ".poll-form",
        f"/meetings/{meeting_id}/manage": ".organizer",
    }
    for size in SIZES:
        for who in ("thuky", "chutoa"):
            device = await devices(f"{who}-{size['width']}", login=who, viewport=size)
            for path, marker in screens.items():
                if (who == "thuky" and path.endswith("/chair")) or (who == "chutoa" and path.endswith(("/manage", "/secretariat"))):
                    continue
                await device.page.goto(path)
                await expect(device.page.locator(marker).first).to_be_visible()
                await no_sideways_scroll(device.page)
            await device.context.close()


# Long words and titles, as real agendas have them: they must wrap, never widen a screen.
LONG_ITEM = "Nghị quyết về việc phê duyệt chủ trương đầu tư Dự án đường giao thông kết nối liên vùng"
POLL_TITLE = "Thông qua Nghị quyết về việc phê duyệt chủ trương đầu tư Dự án đường giao thông kết nối liên vùng"
DOCUMENT = "Tờ trình số 125/TTr-UBND ngày 20/11/2026 về việc phê duyệt chủ trương đầu tư dự án"
CONFIDENTIAL = "Báo cáo mật số 17/BC-CAT về tình hình an ninh trật tự trên địa bàn tỉnh năm 2026"


async def meeting_with_an_open_poll(kyhop: Server) -> tuple[int, int, dict[str, int]]:
    """A started meeting on a long item with a document and a confidential one, daibieu1 checked
    in, and an open poll with its countdown: (meeting id, poll id, document ids)."""
    meeting_id, items = await kyhop.meeting_in_progress([ITEMS[0], LONG_ITEM, ITEMS[4]])
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    document = await kyhop.upload(meeting_id, "tt125.pdf", text_pdf(DOCUMENT, ["Điều 1. Phê duyệt chủ trương đầu tư.",
                                                                            "Điều 2. Tổ chức thực hiện."]),
                                  title=DOCUMENT, item_id=items[1])
    confidential = await kyhop.api(
        "thuky", "POST", f"/api/v1/meetings/{meeting_id}/documents", expect_status=201,
        data={"title": CONFIDENTIAL, "kind": "report", "confidential": "true", "agenda_item_id": str(items[1])},
        files={"file": ("mat.pdf", text_pdf("Báo cáo mật", ["Nội dung mật."]), "application/pdf")})
    await kyhop.api("daibieu1", "POST", f"/api/v1/meetings/{meeting_id}/check-in", expect_status=200)
    poll = await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/polls", expect_status=201,
                           json={"title": POLL_TITLE, "preset": "resolution", "secret": False, "basis": "present",
                                 "threshold": "majority", "duration_s": 600})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/open", expect_status=200,
                    json={"override_quorum": True})
    return meeting_id, poll["id"], {"document": document["id"], "confidential": confidential["id"]}


async def test_no_screen_of_a_deputy_scrolls_sideways(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, _, documents = await meeting_with_an_open_poll(kyhop)
    for size in SIZES:
        # The login page, also with its error.
        visitor = await devices(f"khach-{size['width']}", viewport=size)
        page = visitor.page
        await page.goto("/login")
        await expect(page.locator(".login__card")).to_be_visible()
        await no_sideways_scroll(page)
        await page.get_by_label("Tên đăng nhập").fill("daibieu1")
        await page.get_by_label("Mật khẩu").fill(PASSWORD + "-sai")
        await page.get_by_role("button", name="Đăng nhập", exact=True).click()
        await expect(page.locator(".login__card .notice--error")).to_be_visible()
        await no_sideways_scroll(page)
        await visitor.context.close()

        tablet = await devices(f"dai-bieu-{size['width']}", login="daibieu1", viewport=size,
                               start=f"/meetings/{meeting_id}")
        page = tablet.page
        # The meeting screen with the open poll: the ballot, then its confirmation, fit.
        panel = page.get_by_role("dialog", name=POLL_TITLE)
        await in_view(page, panel.get_by_role("button", name="Không biểu quyết", exact=True), size)
        await no_sideways_scroll(page)
        await panel.get_by_role("button", name="Tán thành", exact=True).click()
        await in_view(page, panel.get_by_role("button", name="Gửi biểu quyết"), size)
        await no_sideways_scroll(page)
        await panel.get_by_role("button", name="Ẩn", exact=True).click()  # hidden: the screen under it
        await expect(page.locator(".agenda")).to_be_visible()
        await no_sideways_scroll(page)

        # The reader, with each side panel (the notes are the reader's: no screen of their own).
        for kind, document_id in documents.items():
            await page.goto(f"/meetings/{meeting_id}/documents/{document_id}")
            await wait_for_drawn_page(page, page_number=1)
            if kind == "confidential":
                await expect(page.locator(".topbar").get_by_text("Mật", exact=True)).to_be_visible()
            # The open poll's panel shows over the reader too; hidden, the reader's own controls.
            await expect(panel).to_be_visible()
            await no_sideways_scroll(page)
            await panel.get_by_role("button", name="Ẩn", exact=True).click()
            await no_sideways_scroll(page)
            for name, marker in (("Trang thu nhỏ", ".thumbnail"), ("Tìm trong tài liệu", ".search-form"),
                                 ("Ghi chú", ".notes textarea")):
                await page.get_by_role("toolbar").get_by_role("button", name=name, exact=True).click()
                await expect(page.locator(marker).first).to_be_visible()
                await no_sideways_scroll(page)
            await page.locator(".notes textarea").fill("Đề nghị làm rõ nguồn vốn đầu tư giai đoạn 2026–2030.")
            await no_sideways_scroll(page)

        for path, marker in (("/devices", ".device-list"), ("/khong-co-trang-nay", ".page")):
            await page.goto(path)
            await expect(page.locator(marker).first).to_be_visible()
            await no_sideways_scroll(page)
        await tablet.context.close()


async def test_neither_the_hall_display_nor_a_console_with_a_poll_scrolls_sideways(
        kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, poll_id, _ = await meeting_with_an_open_poll(kyhop)
    # The chair's console with the open poll (who has not voted), the secretary's with documents.
    for size in SIZES:
        for who, path, marker in (("chutoa", f"/meetings/{meeting_id}/chair", ".not-voted"),
                                  ("thuky", f"/meetings/{meeting_id}/manage", ".managed-document")):
            console = await devices(f"{who}-{size['width']}", login=who, viewport=size, start=path)
            await expect(console.page.locator(marker).first).to_be_visible()
            await no_sideways_scroll(console.page)
            await console.context.close()
    # The hall display: the open poll, then its result, then the next item (no poll).
    displays = [await devices(f"man-hinh-{size['width']}", login="manhinh", viewport=size,
                              start=f"/display/{meeting_id}") for size in (DISPLAY, *SIZES)]

    async def each_display_fits(marker: str) -> None:
        for display in displays:
            await expect(display.page.locator(marker).first).to_be_visible()
            await no_sideways_scroll(display.page)
            await nothing_cut_off_sideways(display.page)

    await each_display_fits(".poll-progress")
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll_id}/close", expect_status=200)
    await each_display_fits(".result__verdict")
    agenda = await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/agenda", expect_status=200)
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{agenda['items'][2]['id']}/activate", expect_status=200)
    await each_display_fits(".display__item-title")
    for display in displays:
        await display.context.close()
