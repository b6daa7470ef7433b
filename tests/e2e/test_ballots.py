"""Ballots on a deputy's tablet: a double tap on an option cannot also hit "Gửi biểu quyết", and a
ballot cast while the tablet is offline is sent again by itself, with the same key, when the
network returns."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from playwright.async_api import Page, expect

from tests.e2e.conftest import OpenDevice, Server

ITEMS = ["Khai mạc kỳ họp", "Nghị quyết về dự toán ngân sách năm 2027"]
POLL = "Thông qua Nghị quyết về dự toán ngân sách năm 2027"
FOR, AGAINST = "Tán thành", "Không tán thành"


async def open_poll(kyhop: Server, *, checked_in: tuple[str, ...] = ("daibieu1",),
                    **settings: Any) -> tuple[int, dict[str, Any]]:
    """A started meeting on its second item, these deputies checked in, and an open poll."""
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    for who in checked_in:
        await kyhop.api(who, "POST", f"/api/v1/meetings/{meeting_id}/check-in", expect_status=200)
    poll = await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/polls", expect_status=201,
                           json={"title": POLL, "preset": "resolution", "secret": False,
                                 "basis": "present", "threshold": "majority", **settings})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/open", expect_status=200,
                    json={"override_quorum": True})
    return meeting_id, poll


async def voted(kyhop: Server, poll_id: int) -> int:
    poll = await kyhop.api("chutoa", "GET", f"/api/v1/polls/{poll_id}", expect_status=200)
    return int(poll["progress"]["voted"])


async def counts_after_close(kyhop: Server, poll_id: int) -> dict[str, int]:
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll_id}/close", expect_status=200)
    poll = await kyhop.api("chutoa", "GET", f"/api/v1/polls/{poll_id}", expect_status=200)
    return {count["label"]: count["votes"] for count in poll["result"]["counts"]}


async def double_tap(page: Page, locator) -> None:  # type: ignore[no-untyped-def]
    box = await locator.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    await page.mouse.click(x, y)
    await page.mouse.click(x, y)


async def test_a_double_tap_on_an_option_sends_nothing_until_a_separate_confirm(
        kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, poll = await open_poll(kyhop)
    tablet = await devices("dai-bieu", login="daibieu1", start=f"/meetings/{meeting_id}")
    panel = tablet.page.get_by_role("dialog", name=POLL)
    await expect(panel.get_by_role("button", name=AGAINST, exact=True)).to_be_visible()

    # Each option in turn: the second tap lands where the confirm control appears.
    for label in (FOR, AGAINST):
        await double_tap(tablet.page, panel.get_by_role("button", name=label, exact=True))
        await expect(panel.get_by_text(f"Xác nhận: {label}?")).to_be_visible()
        await asyncio.sleep(1)
        assert await voted(kyhop, poll["id"]) == 0, f"a double tap on {label} sent the ballot"
        await expect(panel.get_by_text("✓ Đã biểu quyết")).to_be_hidden()
        await panel.get_by_role("button", name="Chọn lại").click()

    # A single tap, then a separate confirm after the pause: exactly that option is counted.
    await panel.get_by_role("button", name=AGAINST, exact=True).click()
    send = panel.get_by_role("button", name="Gửi biểu quyết")
    await expect(send).to_be_visible()
    await tablet.page.wait_for_timeout(600)
    await send.click()
    await expect(panel.get_by_text("✓ Đã biểu quyết")).to_be_visible()
    assert await voted(kyhop, poll["id"]) == 1
    assert await counts_after_close(kyhop, poll["id"]) == {FOR: 0, AGAINST: 1, "Không biểu quyết": 0}


async def test_a_ballot_cast_offline_is_counted_when_the_network_returns(
        kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, poll = await open_poll(kyhop)
    tablet = await devices("dai-bieu", login="daibieu1", start=f"/meetings/{meeting_id}")
    page = tablet.page
    panel = page.get_by_role("dialog", name=POLL)
    await panel.get_by_role("button", name=FOR, exact=True).click()
    send = panel.get_by_role("button", name="Gửi biểu quyết")
    await expect(send).to_be_visible()
    await page.wait_for_timeout(600)

    await tablet.context.set_offline(True)
    await send.click()
    line = panel.get_by_role("status").filter(has_text="Chưa gửi được")
    await expect(line).to_be_visible()
    await expect(panel).not_to_contain_text("..")
    assert await voted(kyhop, poll["id"]) == 0

    # Back online: nobody touches the screen, and the ballot is counted within 10 s.
    await tablet.context.set_offline(False)
    deadline = time.monotonic() + 10
    while await voted(kyhop, poll["id"]) == 0:
        assert time.monotonic() < deadline, "the ballot cast offline was not sent again within 10 s"
        await asyncio.sleep(0.25)
    await expect(panel.get_by_text("✓ Đã biểu quyết")).to_be_visible()
    assert await counts_after_close(kyhop, poll["id"]) == {FOR: 1, AGAINST: 0, "Không biểu quyết": 0}
