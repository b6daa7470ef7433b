"""The result as people read it: on a deputy's tablet (also after a reload) with percentages of
the base and a colour per option; the voting panel fitting a tablet and a phone; the hall display
readable from the back of the hall; "Mật" in the reader of a confidential document."""

from __future__ import annotations

from playwright.async_api import Page, expect

from app.kit.pdfgen import text_pdf
from tests.e2e.conftest import DISPLAY, OpenDevice, Server, artifact
from tests.e2e.test_ballots import FOR, ITEMS, POLL, open_poll

VOTERS = (("daibieu1", FOR), ("daibieu2", FOR), ("daibieu3", "Không tán thành"))


async def cast(kyhop: Server, poll: dict, who: str, label: str) -> None:  # type: ignore[type-arg]
    option = {o["label"]: o["id"] for o in poll["options"]}[label]
    await kyhop.api(who, "POST", f"/api/v1/polls/{poll['id']}/ballots", expect_status=201,
                    json={"option_ids": [option]}, headers={"Idempotency-Key": f"e2e-{who}"})


async def font_px(page: Page, selector: str) -> float:
    return float(await page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


async def test_the_result_stays_on_a_deputy_tablet_after_reload_with_percentages(
        kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, poll = await open_poll(kyhop, checked_in=tuple(who for who, _ in VOTERS))
    tablet = await devices("dai-bieu", login="daibieu1", start=f"/meetings/{meeting_id}")
    panel = tablet.page.get_by_role("dialog", name=POLL)
    await expect(panel.get_by_role("button", name=FOR, exact=True)).to_be_visible()
    for who, label in VOTERS:
        await cast(kyhop, poll, who, label)
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/close", expect_status=200)
    await expect(panel.locator(".result__verdict")).to_have_text("THÔNG QUA")

    await tablet.reopen(f"/meetings/{meeting_id}")
    panel = tablet.page.get_by_role("dialog", name=POLL)
    await expect(panel.locator(".result__verdict")).to_have_text("THÔNG QUA")
    shares = panel.locator(".result__share")
    await expect(shares).to_have_text(["66,7%", "33,3%", "0%"])  # of the base: 3 present
    colours = [await bar.evaluate("e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor")
               for bar in await panel.locator(".result__bar").all()]
    assert len(set(colours)) == 3, colours
    # The chair downloads it as CSV, with the token (a plain link could not carry it).
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    async with chair.page.expect_download() as download_info:
        await chair.page.get_by_role("button", name="Tải kết quả (CSV)").click()
    download = await download_info.value
    assert download.suggested_filename == f"bieu-quyet-{poll['id']}.csv"
    with open(await download.path(), encoding="utf-8-sig") as csv:
        assert FOR in csv.read()

    # The deputy closes it: it stays closed after another reload.
    await panel.get_by_role("button", name="Đóng").click()
    await tablet.reopen(f"/meetings/{meeting_id}")
    await expect(tablet.page.get_by_text("Đã kết nối")).to_be_visible()
    await expect(tablet.page.get_by_role("dialog", name=POLL)).to_be_hidden()


async def test_the_voting_panel_fits_tablets_and_phones(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, _ = await open_poll(kyhop, duration_s=300)  # with its countdown
    for width, height in ((1280, 800), (800, 1280), (390, 844)):
        tablet = await devices(f"dai-bieu-{width}", login="daibieu1", viewport={"width": width, "height": height},
                               start=f"/meetings/{meeting_id}")
        panel = tablet.page.get_by_role("dialog", name=POLL)
        last = await panel.get_by_role("button", name="Không biểu quyết", exact=True).bounding_box()
        assert last is not None and last["y"] + last["height"] <= height, (width, height, last)
        await panel.get_by_role("button", name=FOR, exact=True).click()
        send = panel.get_by_role("button", name="Gửi biểu quyết")
        await expect(send).to_be_visible()
        box = await send.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (width, height, box)
        assert await panel.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), (width, height)
        assert await tablet.page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), width
        await tablet.page.screenshot(path=str(artifact(f"voting-confirm-{width}x{height}.png")))


async def test_the_hall_display_reads_from_the_back_and_says_when_the_meeting_is_over(
        kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, poll = await open_poll(kyhop, checked_in=tuple(who for who, _ in VOTERS))
    display = await devices("man-hinh", login="manhinh", viewport=DISPLAY, start=f"/display/{meeting_id}")
    page = display.page
    for who, label in VOTERS:
        await cast(kyhop, poll, who, label)
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/close", expect_status=200)
    await expect(page.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await expect(page.locator(".result__share")).to_have_text(["66,7%", "33,3%", "0%"])
    assert await font_px(page, ".result__rule") >= 40
    assert await font_px(page, ".display__footer") >= 40
    footer = await page.locator(".display__footer").bounding_box()
    assert footer is not None and footer["height"] >= 40

    # Between items (none current): the waiting line, large and centred.
    meeting2, _ = await kyhop.meeting_in_progress(ITEMS, title="Kỳ họp chuyên đề")
    await page.goto(f"/display/{meeting2}")
    waiting = page.get_by_text("Chưa có nội dung đang thảo luận")
    await expect(waiting).to_be_visible()
    assert await font_px(page, ".display__label") >= 60
    box = await waiting.bounding_box()
    assert box is not None
    assert abs(box["x"] + box["width"] / 2 - DISPLAY["width"] / 2) < 40, box
    await page.screenshot(path=str(artifact("display-waiting.png")))

    await kyhop.api("chutoa", "POST", f"/api/v1/meetings/{meeting2}/close", expect_status=200)
    await expect(page.get_by_text("Đã bế mạc")).to_be_visible()


async def test_the_reader_says_mat_for_a_confidential_document(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    document = await kyhop.api(
        "thuky", "POST", f"/api/v1/meetings/{meeting_id}/documents", expect_status=201,
        data={"title": "Báo cáo mật về quốc phòng", "kind": "report", "confidential": "true",
              "agenda_item_id": str(items[1])},
        files={"file": ("mat.pdf", text_pdf("Báo cáo mật", ["Nội dung mật."]), "application/pdf")})
    tablet = await devices("dai-bieu", login="daibieu1",
                           start=f"/meetings/{meeting_id}/documents/{document['id']}")
    header = tablet.page.locator(".topbar")
    await expect(header.get_by_text("Mật", exact=True)).to_be_visible()
    watermark = tablet.page.locator(".watermark__text").first
    await expect(watermark).to_contain_text("Lê Văn An")
    alpha = await watermark.evaluate("e => getComputedStyle(e).color")
    assert alpha.startswith("rgba(") and float(alpha.rstrip(")").split(",")[-1]) >= 0.35, alpha
