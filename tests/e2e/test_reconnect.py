"""A tablet loses its network while the chair moves on two items; when the network returns it
resumes the live channel with `since` and shows the right current item, without a reload."""

from __future__ import annotations

import asyncio
import re
import time

from playwright.async_api import expect

from tests.e2e.conftest import CuttableLink, OpenDevice, Server

ITEMS = ["Khai mạc kỳ họp", "Báo cáo kinh tế - xã hội năm 2026",
         "Nghị quyết về dự toán ngân sách năm 2027", "Chất vấn và trả lời chất vấn"]


async def _wait_until(condition, what: str, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


async def test_a_tablet_that_lost_its_socket_catches_up_without_reload(
        kyhop: Server, devices: OpenDevice, cuttable_link: CuttableLink) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[0]}/activate", expect_status=200)

    # The tablet reaches the server through a link that the test can cut.
    tablet = await devices("dai-bieu", login="daibieu1", base=cuttable_link.base,
                           start=f"/meetings/{meeting_id}")
    page = tablet.page
    agenda = page.get_by_role("list", name="Chương trình kỳ họp")
    current = agenda.locator('[aria-current="step"]')
    indicator = page.get_by_role("status").filter(has_text=re.compile("kết nối"))
    await expect(indicator).to_have_text("Đã kết nối")
    await expect(current).to_contain_text(ITEMS[0])
    await tablet.mark_loaded()
    seq_before = (await kyhop.api("chutoa", "GET", f"/api/v1/meetings/{meeting_id}",
                                  expect_status=200))["seq"]
    sockets_before = _live_requests(cuttable_link, meeting_id)
    assert len(sockets_before) == 1 and "since=" not in sockets_before[0]

    # The network goes: the live socket is reset, and reconnecting is refused.
    cuttable_link.cut()
    await expect(indicator).to_have_text("Mất kết nối — đang kết nối lại…")
    for item_id in items[1:3]:  # the chair moves on two items meanwhile
        await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{item_id}/activate", expect_status=200)
    await _wait_until(lambda: cuttable_link.refused >= 1, "the tablet to try to reconnect")
    await expect(current).to_contain_text(ITEMS[0])  # it really heard nothing
    await expect(indicator).to_have_text("Mất kết nối — đang kết nối lại…")

    # The network returns: the tablet resumes from where it was and catches up.
    cuttable_link.restore()
    await expect(indicator).to_have_text("Đã kết nối")
    await expect(current).to_contain_text(ITEMS[2])
    assert await tablet.still_same_document(), "the tablet reloaded the page"
    resumed = _live_requests(cuttable_link, meeting_id)[-1]
    assert f"since={seq_before}" in resumed, resumed

    # Every item's state on the tablet is the server's.
    served = (await kyhop.api("daibieu1", "GET", f"/api/v1/meetings/{meeting_id}/agenda",
                              expect_status=200))["items"]
    assert [item["state"] for item in served] == ["done", "done", "current", "pending"]
    for item in served:
        entry = agenda.get_by_role("listitem").filter(has_text=item["title"])
        await expect(entry).to_have_class(re.compile(rf"\bagenda__item--{item['state']}\b"))

    # And it stays live: the next move arrives over the resumed socket.
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[3]}/activate", expect_status=200)
    await expect(current).to_contain_text(ITEMS[3])
    assert await tablet.still_same_document()


def _live_requests(link: CuttableLink, meeting_id: int) -> list[str]:
    return [line for line in link.request_lines
            if line.startswith(f"GET /api/v1/meetings/{meeting_id}/live?")]
