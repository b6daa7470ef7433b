"""Offline: after "Tải toàn bộ tài liệu" the tablet loses its network; the meeting reopens, a
document opens and its pages turn, a note is written; when the network returns the note reaches
the server."""

from __future__ import annotations

import asyncio
import re
import time

from playwright.async_api import expect

from app.kit.pdfgen import text_pdf
from tests.e2e.conftest import CuttableLink, OpenDevice, Server, wait_for_drawn_page

ITEMS = ["Khai mạc kỳ họp", "Báo cáo tình hình kinh tế - xã hội năm 2026",
         "Nghị quyết về dự toán ngân sách năm 2027"]
REPORT = "Báo cáo tình hình kinh tế - xã hội năm 2026"
NOTE = "Hỏi lại Sở Kế hoạch và Đầu tư: vì sao chỉ tiêu thu hút vốn đầu tư chưa đạt?"


async def test_documents_and_notes_work_offline_after_the_package_download(
        kyhop: Server, devices: OpenDevice, cuttable_link: CuttableLink) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    report = await kyhop.upload(
        meeting_id, "bao-cao.pdf", kind="report", item_id=items[1], title=REPORT,
        pdf=text_pdf(REPORT, [f"Phần {n}. Kết quả thực hiện\nChỉ tiêu số {n} đạt {90 + n}% kế hoạch năm."
                              for n in range(1, 7)]))
    await kyhop.upload(meeting_id, "du-thao.pdf", item_id=items[2],
                       title="Dự thảo nghị quyết về dự toán ngân sách năm 2027",
                       pdf=text_pdf("Dự thảo nghị quyết", ["Điều 1. Dự toán thu\nTổng thu 18.500 tỷ đồng."]))
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)

    # The tablet reaches the server through a link the test can cut: offline means no way to the
    # server at all, for the page and its service worker alike.
    tablet = await devices("dai-bieu", login="daibieu1", base=cuttable_link.base,
                           start=f"/meetings/{meeting_id}")
    page = tablet.page
    await expect(page.get_by_text("Đã kết nối")).to_be_visible()
    # The app shell is kept by the service worker, which must be in charge of the page.
    await page.wait_for_function("() => navigator.serviceWorker && !!navigator.serviceWorker.controller")

    # --- the package: every document of the meeting, with a progress bar -------------------------
    await page.get_by_role("button", name=re.compile("Tải toàn bộ tài liệu")).click()
    progress = page.get_by_role("progressbar", name="Tải toàn bộ tài liệu")
    await expect(progress).to_be_visible()
    await expect(page.get_by_text(re.compile(r"✓ Đã tải 2 tài liệu \(.+\) về máy"))).to_be_visible()
    assert await progress.get_attribute("aria-valuenow") == await progress.get_attribute("aria-valuemax")
    package = await kyhop.api("daibieu1", "GET", f"/api/v1/meetings/{meeting_id}/package",
                              expect_status=200)
    assert len(package["items"]) == 2
    assert int(await progress.get_attribute("aria-valuemax") or 0) == sum(
        item["size"] for item in package["items"])

    # --- the network goes; the meeting is opened again from scratch ------------------------------
    cuttable_link.cut()
    await tablet.context.set_offline(True)
    await tablet.reopen(f"/meetings/{meeting_id}")
    page = tablet.page
    await expect(page.get_by_text("Mất mạng — đang làm việc ngoại tuyến.")).to_be_visible()
    await expect(page.get_by_role("heading", name="Kỳ họp thứ mười lăm")).to_be_visible()
    agenda = page.get_by_role("list", name="Chương trình kỳ họp")
    for title in ITEMS:
        await expect(agenda.get_by_text(title, exact=True)).to_be_visible()
    await expect(agenda.locator('[aria-current="step"]')).to_contain_text(ITEMS[1])

    # --- a document opens and its pages turn ---------------------------------------------------------
    await page.get_by_role("link", name=re.compile(REPORT)).click()
    await expect(page).to_have_url(re.compile(rf"/meetings/{meeting_id}/documents/{report['id']}"))
    await wait_for_drawn_page(page, page_number=1)
    await expect(page.get_by_text("/ 6")).to_be_visible()
    await page.get_by_role("button", name="Trang sau").click()
    await wait_for_drawn_page(page, page_number=2)
    await page.keyboard.press("ArrowRight")
    await wait_for_drawn_page(page, page_number=3)
    await expect(page.get_by_role("spinbutton")).to_have_value("3")

    # --- a note on page 3, written offline ------------------------------------------------------------
    await page.get_by_role("button", name="Ghi chú").click()
    note = page.get_by_label("Ghi chú riêng cho trang 3")
    await note.fill(NOTE)
    await note.blur()
    await expect(page.get_by_text("Đã lưu trên máy này; sẽ gửi lên máy chủ khi có mạng.")).to_be_visible()
    stored = await kyhop.api("daibieu1", "GET", f"/api/v1/documents/{report['id']}/annotations",
                             expect_status=200)
    assert stored["items"] == [], "the note cannot have reached the server while offline"

    # --- the network returns: the note is sent ------------------------------------------------------
    cuttable_link.restore()
    await tablet.context.set_offline(False)
    deadline = time.monotonic() + 30
    while True:
        stored = await kyhop.api("daibieu1", "GET", f"/api/v1/documents/{report['id']}/annotations",
                                 expect_status=200)
        if stored["items"]:
            break
        assert time.monotonic() < deadline, "the note written offline never reached the server"
        await asyncio.sleep(0.2)
    assert [(n["page"], n["text"]) for n in stored["items"]] == [(3, NOTE)]
    await expect(page.get_by_text("Mất mạng — đang làm việc ngoại tuyến.")).to_be_hidden()
    await expect(page.get_by_text("Đã kết nối")).to_be_visible()
