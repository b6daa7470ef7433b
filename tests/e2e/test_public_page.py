"""The public live page (/public/meetings/<id>) for the press and citizens, in a browser with no
login: a published public meeting's title, time and place, the current item following the chair,
each poll's result once closed — those closed before the page opened too, from the open data
(OParl) — the public documents' titles, each a link to its PDF in the open data (never a
confidential one, never a link into the app's API), readable at 360 px, a tablet and a desktop; a
meeting that is not public, or not published, says it is not available — and neither sends
anyone to the login page."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.async_api import Locator, Page, Route, expect

from app.kit.pdfgen import text_pdf
from tests.e2e.conftest import OpenDevice, Server, artifact
from tests.e2e.test_consoles import no_sideways_scroll

ITEMS = ["Khai mạc kỳ họp", "Nghị quyết về dự toán ngân sách năm 2027", "Bế mạc kỳ họp"]
POLL = "Thông qua Nghị quyết về dự toán ngân sách năm 2027"
EARLIER_POLL = "Thông qua chương trình kỳ họp"
PUBLIC_DOCUMENT = "Tờ trình dự toán ngân sách năm 2027"
CONFIDENTIAL_DOCUMENT = "Báo cáo mật về quốc phòng địa phương"
CLOSED_ITEM = "Công tác nhân sự (họp kín)"
UNAVAILABLE = "Kỳ họp này không công khai hoặc chưa được công bố."
PHONE = {"width": 360, "height": 740}
SIZES = (PHONE, {"width": 800, "height": 1280}, {"width": 1280, "height": 800}, {"width": 1920, "height": 1080})
VOTERS = (("daibieu1", "Tán thành"), ("daibieu2", "Tán thành"), ("daibieu3", "Không tán thành"))


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


def result_of(page: Page, title: str) -> Locator:
    """The shown result of the poll with this title."""
    return page.locator(".public__result").filter(has=page.get_by_role("heading", name=title, exact=True))


async def close_poll(kyhop: Server, item_id: int, title: str, choices: tuple[tuple[str, str], ...]) -> None:
    """A named poll on the item, opened, voted and closed."""
    poll = await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{item_id}/polls", expect_status=201,
                           json={"title": title, "preset": "resolution", "secret": False,
                                 "basis": "present", "threshold": "majority"})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/open", expect_status=200,
                    json={"override_quorum": True})
    options = {option["label"]: option["id"] for option in poll["options"]}
    for who, label in choices:
        await kyhop.api(who, "POST", f"/api/v1/polls/{poll['id']}/ballots", expect_status=201,
                        json={"option_ids": [options[label]]}, headers={"Idempotency-Key": f"e2e-{poll['id']}-{who}"})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/close", expect_status=200)


async def test_a_citizen_follows_a_public_meeting_without_logging_in(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    public_document = await kyhop.upload(meeting_id, "du-toan.pdf", text_pdf("Tờ trình", ["Dự toán."]),
                                         title=PUBLIC_DOCUMENT, item_id=items[1], kind="proposal")
    confidential = await kyhop.api("thuky", "POST", f"/api/v1/meetings/{meeting_id}/documents", expect_status=201,
                                   data={"title": CONFIDENTIAL_DOCUMENT, "kind": "report", "confidential": "true",
                                         "agenda_item_id": str(items[1])},
                                   files={"file": ("mat.pdf", text_pdf("Mật", ["Nội dung mật."]), "application/pdf")})
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[0]}/activate", expect_status=200)
    # A poll closed before anyone opens the page: all three for.
    for who, _ in VOTERS:
        await kyhop.api(who, "POST", f"/api/v1/meetings/{meeting_id}/check-in", expect_status=200)
    await close_poll(kyhop, items[0], EARLIER_POLL, tuple((who, "Tán thành") for who, _ in VOTERS))

    citizen = await devices("cong-dan")  # a fresh browser: no login, nothing stored
    page = citizen.page
    open_data: list[str] = []  # the page's requests for the meeting's open data
    page.on("request", lambda request: open_data.append(request.url)
            if urlsplit(request.url).path == f"/oparl/v1/meetings/{meeting_id}" else None)
    address = f"/public/meetings/{meeting_id}"
    await page.goto(address)
    await expect(page.get_by_role("heading", name="Kỳ họp thứ mười lăm")).to_be_visible()
    await expect(page.get_by_text("Hội trường Ủy ban nhân dân tỉnh")).to_be_visible()
    await expect(page.locator(".public__meeting .badge")).to_have_text("Đang họp")
    await expect(page.get_by_role("status")).to_have_text("Đã kết nối")
    current = page.locator(".public__current")
    await expect(current).to_contain_text(ITEMS[0])
    await expect(page.locator('.public__agenda [aria-current="step"]')).to_contain_text(ITEMS[0])
    assert path_of(page) == address  # never sent to the login page

    # The chair moves on: the page follows, live.
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/activate", expect_status=200)
    await expect(current).to_contain_text(ITEMS[1])
    await expect(page.locator('.public__agenda [aria-current="step"]')).to_contain_text(ITEMS[1])

    earlier = result_of(page, EARLIER_POLL)
    await expect(earlier.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await expect(earlier.locator(".result__votes")).to_have_text(["3", "0", "0"])
    await wait_until(lambda: len(open_data) >= 1, "the page to load the open data")
    loaded_at_open = len(open_data)

    # A poll: while open, only what the guest view gives; once closed, its result.
    poll = await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[1]}/polls", expect_status=201,
                           json={"title": POLL, "preset": "resolution", "secret": False,
                                 "basis": "present", "threshold": "majority"})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/open", expect_status=200,
                    json={"override_quorum": True})
    await expect(current).to_contain_text(f"Đang biểu quyết: {POLL}")
    await expect(page.locator(".public__result")).to_have_count(1)  # the earlier one only
    await expect(earlier.locator(".result__votes")).to_have_text(["3", "0", "0"])
    options = {option["label"]: option["id"] for option in poll["options"]}
    for who, label in VOTERS:
        await kyhop.api(who, "POST", f"/api/v1/polls/{poll['id']}/ballots", expect_status=201,
                        json={"option_ids": [options[label]]}, headers={"Idempotency-Key": f"e2e-{who}"})
    await kyhop.api("chutoa", "POST", f"/api/v1/polls/{poll['id']}/close", expect_status=200)
    result = result_of(page, POLL)
    await expect(result.locator(".result__verdict")).to_have_text("THÔNG QUA")
    await expect(result.locator(".result__votes")).to_have_text(["2", "1", "0"])
    await expect(result.get_by_text("Cần đạt 2 phiếu")).to_be_visible()
    await expect(current).not_to_contain_text("Đang biểu quyết")
    # Newest first; the open data is loaded again once the poll closed.
    await expect(page.locator(".public__result h3")).to_have_text([POLL, EARLIER_POLL])
    await wait_until(lambda: len(open_data) > loaded_at_open, "the page to load the open data again")

    # The documents: the public one's title links to its PDF in the open data (a new tab); never
    # the confidential one, never a link into the app's API.
    documents = page.locator(".public__documents")
    link = documents.get_by_role("link", name=PUBLIC_DOCUMENT)
    await expect(link).to_have_attribute("target", "_blank")
    await expect(link).to_have_attribute("rel", re.compile(r"\bnoopener\b"))
    href = await link.get_attribute("href")
    assert href is not None and urlsplit(href).path == f"/oparl/v1/files/{public_document['id']}/access"
    pdf = await page.request.get(href)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert (await pdf.body()).startswith(b"%PDF")
    await expect(page.locator(".public__documents + .muted")).to_contain_text("Bấm vào tiêu đề để mở tệp PDF")
    assert CONFIDENTIAL_DOCUMENT not in await page.locator("body").inner_text()
    assert await page.locator("a[href*='/api/'], a[href*='/documents/']").count() == 0
    assert await page.locator(f"a[href*='/files/{confidential['id']}/']").count() == 0
    assert await page.locator(".public__open-data-failed").count() == 0
    # Opened, it is the PDF from the server, not the app (its service worker leaves /oparl/ alone).
    await page.wait_for_function("() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller")
    async with citizen.context.expect_page() as opened:
        await link.click()
    tab = await opened.value
    await tab.wait_for_load_state()
    assert tab.url == href
    assert await tab.locator("#root").count() == 0
    await tab.close()

    # English through the same page.
    await page.get_by_role("button", name="English").click()
    await expect(page.get_by_role("status")).to_have_text("Connected")
    await expect(result.locator(".result__verdict")).to_have_text("PASSED")
    await expect(page.locator(".public__documents + .muted")).to_contain_text("Select a title to open its PDF")
    await page.get_by_role("button", name="Tiếng Việt").click()

    # Someone who opens the page now: the live state has the last poll only, the earlier one's
    # result comes from the open data.
    newcomer = (await devices("nha-bao")).page
    await newcomer.goto(address)
    await expect(newcomer.locator(".public__result h3")).to_have_text([POLL, EARLIER_POLL])
    await expect(result_of(newcomer, EARLIER_POLL).locator(".result__verdict")).to_have_text("THÔNG QUA")
    await expect(result_of(newcomer, EARLIER_POLL).locator(".result__votes")).to_have_text(["3", "0", "0"])
    await expect(result_of(newcomer, EARLIER_POLL).get_by_text("Cần đạt 2 phiếu")).to_be_visible()
    await expect(result_of(newcomer, POLL).locator(".result__votes")).to_have_text(["2", "1", "0"])
    await expect(newcomer.locator(".public__documents").get_by_role("link", name=PUBLIC_DOCUMENT)).to_have_attribute(
        "href", href)

    # A phone, a tablet in portrait and landscape, a desktop: nothing scrolls sideways.
    for size in SIZES:
        viewer = await devices(f"cong-dan-{size['width']}", viewport=size)
        await viewer.page.goto(address)
        await expect(viewer.page.locator(".public__current")).to_contain_text(ITEMS[1])
        await expect(viewer.page.locator(".public__result")).to_have_count(2)
        await no_sideways_scroll(viewer.page)
        await viewer.page.screenshot(path=str(artifact(f"public-{size['width']}x{size['height']}.png")), full_page=True)
        assert CONFIDENTIAL_DOCUMENT not in await viewer.page.locator("body").inner_text()


async def test_without_the_open_data_the_live_part_still_works(kyhop: Server, devices: OpenDevice) -> None:
    """The open data fails (here: every request for it is cut): a quiet note, the documents as
    titles, and the live part as before — the poll on screen's result, and each one closing."""
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    await kyhop.upload(meeting_id, "du-toan.pdf", text_pdf("Tờ trình", ["Dự toán."]), title=PUBLIC_DOCUMENT,
                       item_id=items[1], kind="proposal")
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[0]}/activate", expect_status=200)
    for who, _ in VOTERS:
        await kyhop.api(who, "POST", f"/api/v1/meetings/{meeting_id}/check-in", expect_status=200)
    await close_poll(kyhop, items[0], EARLIER_POLL, tuple((who, "Tán thành") for who, _ in VOTERS))

    citizen = await devices("cong-dan", viewport=PHONE)
    page = citizen.page
    cut: list[str] = []

    async def refuse(route: Route) -> None:
        cut.append(route.request.url)
        await route.abort()

    await page.route(re.compile(r"/oparl/"), refuse)
    await page.goto(f"/public/meetings/{meeting_id}")
    await expect(page.get_by_role("status")).to_have_text("Đã kết nối")
    await expect(page.locator(".public__open-data-failed")).to_contain_text("Chưa tải được dữ liệu mở")
    await expect(result_of(page, EARLIER_POLL).locator(".result__votes")).to_have_text(["3", "0", "0"])
    await expect(page.locator(".public__documents")).to_contain_text(PUBLIC_DOCUMENT)
    assert await page.locator(".public__documents a").count() == 0
    assert cut

    await close_poll(kyhop, items[1], POLL, VOTERS)
    await expect(page.locator(".public__result h3")).to_have_text([POLL, EARLIER_POLL])
    await expect(result_of(page, POLL).locator(".result__votes")).to_have_text(["2", "1", "0"])
    await expect(page.locator(".public__open-data-failed")).to_be_visible()
    await no_sideways_scroll(page)


async def test_a_meeting_that_is_not_public_or_not_published_is_not_available(
        kyhop: Server, devices: OpenDevice) -> None:
    closed_door = await kyhop.api("thuky", "POST", f"/api/v1/councils/{kyhop.people.council_id}/meetings",
                                  expect_status=201,
                                  json={"title": "Phiên họp kín về nhân sự", "kind": "thematic", "public": False,
                                        "starts_at": "2026-12-09T08:00:00+07:00", "location": "Phòng họp số 2"})
    await kyhop.api("thuky", "POST", f"/api/v1/meetings/{closed_door['id']}/publish", expect_status=200)
    draft, _ = await kyhop.meeting_in_progress(ITEMS, title="Kỳ họp chưa công bố", start=False)
    await kyhop.api("thuky", "POST", f"/api/v1/meetings/{draft}/unpublish", expect_status=200)

    citizen = await devices("cong-dan", viewport=PHONE)
    page = citizen.page
    for meeting_id, title in ((closed_door["id"], "Phiên họp kín về nhân sự"), (draft, "Kỳ họp chưa công bố"),
                              (999_999, None)):
        address = f"/public/meetings/{meeting_id}"
        await page.goto(address)
        await expect(page.get_by_role("alert")).to_contain_text(UNAVAILABLE)
        assert path_of(page) == address
        if title:
            assert title not in await page.locator("body").inner_text()
        await no_sideways_scroll(page)
    await page.screenshot(path=str(artifact("public-unavailable-360.png")))


async def test_a_deputys_browser_shows_only_the_guest_view_and_stays_logged_in(
        kyhop: Server, devices: OpenDevice) -> None:
    """The public page never uses the login nor the state stored for it (which has the
    confidential titles), and a refused public page does not log anyone out."""
    meeting_id, items = await kyhop.meeting_in_progress(ITEMS)
    await kyhop.api("thuky", "POST", f"/api/v1/meetings/{meeting_id}/documents", expect_status=201,
                    data={"title": CONFIDENTIAL_DOCUMENT, "kind": "report", "confidential": "true",
                          "agenda_item_id": str(items[0])},
                    files={"file": ("mat.pdf", text_pdf("Mật", ["Nội dung mật."]), "application/pdf")})
    closed_door = await kyhop.api("thuky", "POST", f"/api/v1/councils/{kyhop.people.council_id}/meetings",
                                  expect_status=201,
                                  json={"title": "Phiên họp kín", "kind": "thematic", "public": False,
                                        "starts_at": "2026-12-09T08:00:00+07:00", "location": "Phòng họp số 2"})
    await kyhop.api("thuky", "POST", f"/api/v1/meetings/{closed_door['id']}/publish", expect_status=200)
    await kyhop.api("thuky", "POST", f"/api/v1/meetings/{meeting_id}/agenda", expect_status=201,
                    json={"title": CLOSED_ITEM, "public": False})
    await kyhop.api("chutoa", "POST", f"/api/v1/agenda-items/{items[0]}/activate", expect_status=200)

    deputy = await devices("dai-bieu", login="daibieu1", start=f"/meetings/{meeting_id}")
    page = deputy.page
    await expect(page.get_by_text(CONFIDENTIAL_DOCUMENT)).to_be_visible()  # stored on this device now
    await expect(page.get_by_text(CLOSED_ITEM)).to_be_visible()
    await page.goto(f"/public/meetings/{meeting_id}")
    await expect(page.get_by_role("heading", name="Kỳ họp thứ mười lăm")).to_be_visible()
    await expect(page.get_by_role("status")).to_have_text("Đã kết nối")
    await expect(page.locator(".public__agenda")).to_contain_text(ITEMS[0])
    shown = await page.locator("body").inner_text()
    assert CONFIDENTIAL_DOCUMENT not in shown and CLOSED_ITEM not in shown
    # Neither read nor overwritten: the deputy's stored state is still the full view.
    await page.wait_for_timeout(1_500)  # past the store's write delay
    stored = await page.evaluate(f"() => localStorage.getItem('kyhop.live.{meeting_id}')")
    assert stored is not None and CONFIDENTIAL_DOCUMENT in stored

    await page.goto(f"/public/meetings/{closed_door['id']}")
    await expect(page.get_by_role("alert")).to_contain_text(UNAVAILABLE)
    await page.goto(f"/meetings/{meeting_id}")
    await expect(page.get_by_text(CONFIDENTIAL_DOCUMENT)).to_be_visible()
    assert path_of(page) == f"/meetings/{meeting_id}"  # still logged in
