"""The floor in the browser (issue 13): every screen shows the same remaining time.

- Timer agreement: three deputies' tablets (one with its clock 90 s fast), the hall display and the
  chair's console show the same remaining seconds (±1 s), the allotted time minus what has been
  spoken by the server's clock — after the chair gives the floor (a click), in the last 30 s (red
  everywhere), in overtime (a plus, red), after +30 s and while paused (the same second exactly);
  a point of order from a tablet is highlighted on the chair's console at once.
- A deputy registers on the tablet, sees their place (which follows the chair's reordering) and
  withdraws; a closed list takes only points of order.
"""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, datetime, timedelta

from playwright.async_api import Page, expect

from tests.e2e.conftest import DISPLAY, Device, OpenDevice, Server, log_in

ITEMS = ["Khai mạc kỳ họp", "Thảo luận về dự toán ngân sách năm 2027"]
WRONG_BY_S = 90
REMAINING = '[data-testid="speaker-remaining"]'


async def meeting_on_item(kyhop: Server, **speaking_time_s: int) -> tuple[int, int]:
    """A meeting in progress on its second item, with these speaking times: (meeting, item)."""
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    if speaking_time_s:
        await kyhop.api("thuky", "PATCH", f"/api/v1/meetings/{meeting_id}", expect_status=200,
                        json={"speaking_time_s": speaking_time_s})
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    return meeting_id, items[1]


async def register(kyhop: Server, item_id: int, who: str, kind: str) -> dict:
    return await kyhop.api(who, "POST", f"/api/v1/agenda-items/{item_id}/speakers", expect_status=201,
                           json={"kind": kind})


async def remaining(page: Page) -> tuple[int, str]:
    """The whole seconds a screen shows, and its phase (normal, ending, over)."""
    element = page.locator(REMAINING)
    return int(await element.inner_text() or await element.text_content() or "x"), \
        await element.get_attribute("data-phase") or ""


async def read_all(screens: list[Device]) -> dict[str, tuple[int, str]]:
    """Every screen's remaining seconds, read at about the same moment."""
    values = await asyncio.gather(*(remaining(screen.page) for screen in screens))
    return {screen.name: value for screen, value in zip(screens, values, strict=True)}


def server_remaining(speaker: dict) -> float:
    """What the server's clock (this machine's) says is left of the speaker's time."""
    if speaker["ends_at"] is None:
        return speaker["allotted_s"] - speaker["spoken_s"]
    return (datetime.fromisoformat(speaker["ends_at"]) - datetime.now(UTC)).total_seconds()


async def speaker_now(kyhop: Server, item_id: int, speaker_id: int) -> dict:
    listed = await kyhop.api("chutoa", "GET", f"/api/v1/agenda-items/{item_id}/speakers", expect_status=200)
    return next(s for s in listed["items"] if s["id"] == speaker_id)


async def agree(screens: list[Device], kyhop: Server, item_id: int, speaker_id: int, *,
                phase: str | None = None) -> int:
    """All screens within 1 s of each other and of the server; returns the lowest value."""
    # Wait until each one shows this speaker (the live channel brings the change).
    for screen in screens:
        await expect(screen.page.get_by_test_id("current-speaker")).to_have_count(1)
        if phase is not None:
            await expect(screen.page.locator(REMAINING)).to_have_attribute("data-phase", phase)
    values = await read_all(screens)
    expected = server_remaining(await speaker_now(kyhop, item_id, speaker_id))
    seconds = [value for value, _ in values.values()]
    assert max(seconds) - min(seconds) <= 1, values
    assert all(abs(value - expected) <= 1.5 for value in seconds), (values, expected)
    if phase is not None:
        assert {p for _, p in values.values()} == {phase}, values
    return min(seconds)


async def is_red(page: Page) -> bool:
    color = await page.locator(".floor-timer__clock").evaluate("(el) => getComputedStyle(el).color")
    red, green, blue = (int(part) for part in re.findall(r"\d+", color)[:3])
    return red >= 150 and green < 110 and blue < 110


async def test_five_screens_show_the_same_remaining_time(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, item_id = await meeting_on_item(kyhop, debate=20, point_of_order=10)
    first = await register(kyhop, item_id, "daibieu1", "discussion")
    meeting_path = f"/meetings/{meeting_id}"

    tablets = [await devices("dai-bieu-1", login="daibieu1", start=meeting_path),
               await devices("dai-bieu-2", login="daibieu2", start=meeting_path)]
    # The third tablet's clock is 90 s fast (time still flows): the server's clock must win.
    wrong = await devices("dai-bieu-3-dong-ho-sai")
    await wrong.context.clock.install(time=datetime.now(UTC) + timedelta(seconds=WRONG_BY_S))
    await log_in(wrong.page, "daibieu3", start=meeting_path)
    skew = await wrong.page.evaluate("() => Date.now()") / 1000 - time.time()
    assert abs(skew - WRONG_BY_S) < 5, skew
    tablets.append(wrong)
    display = await devices("man-hinh", login="manhinh", viewport=DISPLAY, start=f"/display/{meeting_id}")
    chair = await devices("chu-toa", login="chutoa", start=f"{meeting_path}/chair")
    screens = [*tablets, display, chair]
    for tablet in tablets:
        await expect(tablet.page.get_by_text("Chưa có đại biểu phát biểu")).to_be_visible()

    # The chair gives the floor to Lê Văn An (discussion: 420 s).
    await chair.page.get_by_role("button", name="Mời phát biểu: Lê Văn An").click()
    shown = await agree(screens, kyhop, item_id, first["id"], phase="normal")
    assert 410 <= shown <= 420, shown
    await expect(display.page.locator(".floor-current__name")).to_have_text("Lê Văn An")
    await expect(display.page.locator(".floor-timer__clock")).to_have_text(re.compile(r"^0[67]:\d\d$"))
    await asyncio.sleep(2)
    await agree(screens, kyhop, item_id, first["id"], phase="normal")

    # A debate of 20 s: in its last 30 s from the start, red on every screen.
    debate = await register(kyhop, item_id, "daibieu2", "debate")
    await expect(chair.page.get_by_role("button", name="Mời phát biểu: Phạm Thị Bình")).to_be_visible()
    await chair.page.get_by_role("button", name="Mời phát biểu: Phạm Thị Bình").click()
    await agree(screens, kyhop, item_id, debate["id"], phase="ending")
    for screen in screens:
        await expect(screen.page.locator(".floor-current__name")).to_have_text("Phạm Thị Bình")
        assert await is_red(screen.page), screen.name

    # A point of order from the wrong-clock tablet: at once at the top of the chair's list, marked.
    await wrong.page.get_by_role("button", name="Kiến nghị về thủ tục", exact=True).click()
    alert = chair.page.get_by_role("alert").filter(has_text="Kiến nghị về thủ tục: Hoàng Văn Cường")
    await expect(alert).to_be_visible()
    top = chair.page.locator(".floor-waiting__row").first
    await expect(top).to_contain_text("Hoàng Văn Cường")
    await expect(top).to_have_class(re.compile(r"floor-row--point"))
    point = next(s for s in (await kyhop.api("chutoa", "GET", f"/api/v1/agenda-items/{item_id}/speakers"))["items"]
                 if s["kind"] == "point_of_order")

    # Given the floor (10 s), it pauses the debate; past its time every screen says overtime.
    await chair.page.get_by_role("button", name="Mời phát biểu: Hoàng Văn Cường").click()
    await expect(chair.page.get_by_text("Đang tạm dừng để nghe kiến nghị về thủ tục: Phạm Thị Bình")).to_be_visible()
    await agree(screens, kyhop, item_id, point["id"])
    await asyncio.sleep(11.5)
    over = await agree(screens, kyhop, item_id, point["id"], phase="over")
    assert over <= -1, over
    for screen in screens:
        await expect(screen.page.locator(".floor-timer__clock")).to_have_text(re.compile(r"^\+00:0\d$"))
        assert await is_red(screen.page), screen.name
    await expect(display.page.locator(".floor-timer__note")).to_have_text("Quá giờ")

    # Back to the debate (the point of order ends); 30 s more; then paused: the same second everywhere.
    await chair.page.get_by_role("button", name="Trở lại: Phạm Thị Bình").click()
    before = await agree(screens, kyhop, item_id, debate["id"], phase="ending")
    await chair.page.get_by_role("button", name="Thêm 30 giây cho Phạm Thị Bình").click()
    after = await agree(screens, kyhop, item_id, debate["id"], phase="normal")
    assert 28 <= after - before <= 30, (before, after)
    await chair.page.get_by_role("button", name="Tạm dừng", exact=True).click()
    for screen in screens:
        await expect(screen.page.locator(".floor-timer__note")).to_have_text("Tạm dừng")
    paused = await read_all(screens)
    assert len({value for value, _ in paused.values()}) == 1, paused
    # The display shows the next speakers (none left waiting but the first, who is done).
    await expect(display.page.locator(".display-floor__next")).to_have_count(0)


async def test_a_deputy_registers_sees_their_place_and_withdraws(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, item_id = await meeting_on_item(kyhop)
    await register(kyhop, item_id, "daibieu2", "discussion")
    tablet = await devices("dai-bieu-1", login="daibieu1", start=f"/meetings/{meeting_id}")
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    page = tablet.page

    await page.get_by_label("Tranh luận").check()
    await page.get_by_role("button", name="Đăng ký phát biểu", exact=True).click()
    mine = page.get_by_test_id("my-registration")
    await expect(mine).to_have_text(re.compile(r"Bạn đã đăng ký phát biểu \(Tranh luận\): thứ 2 trong danh sách chờ"))
    await expect(page.locator(".floor-queue__row")).to_have_text([re.compile("Phạm Thị Bình"), re.compile("Lê Văn An")])
    # The same kind twice is not offered.
    await expect(page.get_by_role("button", name="Đăng ký phát biểu", exact=True)).to_be_disabled()

    # The chair moves them up: the tablet follows.
    await chair.page.get_by_role("button", name="Lên trên: Lê Văn An").click()
    await expect(mine).to_contain_text("thứ 1 trong danh sách chờ")
    await expect(chair.page.locator(".floor-waiting__row").first).to_contain_text("Lê Văn An")

    # Withdrawn: off the list, on the tablet and on the server.
    await mine.get_by_role("button", name="Rút đăng ký").click()
    await expect(mine).to_have_count(0)
    await expect(chair.page.locator(".floor-waiting__row")).to_have_count(1)
    listed = (await kyhop.api("daibieu1", "GET", f"/api/v1/agenda-items/{item_id}/speakers", expect_status=200))["items"]
    assert [(s["full_name"], s["state"]) for s in listed] == [("Phạm Thị Bình", "waiting"), ("Lê Văn An", "withdrawn")]

    # The chair closes the list: the tablet offers only a point of order, which is still heard.
    await chair.page.get_by_role("button", name="Khóa danh sách").click()
    await expect(page.get_by_text("Danh sách đã khóa: chỉ nhận kiến nghị về thủ tục.")).to_be_visible()
    await expect(page.get_by_role("button", name="Đăng ký phát biểu", exact=True)).to_have_count(0)
    await page.get_by_role("button", name="Kiến nghị về thủ tục", exact=True).click()
    await expect(mine).to_contain_text("thứ 1 trong danh sách chờ")
    await expect(chair.page.get_by_role("button", name="Mở lại danh sách")).to_be_visible()


async def test_the_secretary_sets_the_speaking_times(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, item_id = await meeting_on_item(kyhop)
    secretary = await devices("thu-ky", login="thuky", start=f"/meetings/{meeting_id}/manage")
    form = secretary.page.locator(".speaking-times")
    debate = form.get_by_label("Tranh luận (giây)")
    await expect(debate).to_have_value("180")
    await debate.fill("150")
    await form.get_by_role("button", name="Lưu").click()
    await expect(form.get_by_role("status")).to_have_text("Đã lưu thời gian phát biểu.")
    meeting = await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}", expect_status=200)
    assert meeting["speaking_time_s"]["debate"] == 150
    assert (await register(kyhop, item_id, "daibieu1", "debate"))["allotted_s"] == 150
