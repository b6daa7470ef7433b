"""The web app after the 2025 reform (councils of a two-level local government):

- the secretary marks a deputy online (trực tuyến) and the chair admits another: each is counted
  as present, and "Có mặt X/Y (Z trực tuyến)" shows on the secretariat's and chair's consoles and
  on the hall display;
- the secretariat lists the council's agencies with their respondents (người trả lời chất vấn)
  and adds one; the council's kind of unit is named;
- a dissolved council is read only: the banner names the day and the successor, no write is
  offered; the secretariat screen does not scroll sideways at tablet and phone widths.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from playwright.async_api import expect

from tests.e2e.conftest import DISPLAY, OpenDevice, Server
from tests.e2e.test_consoles import SIZES, no_sideways_scroll

ITEMS = ["Khai mạc kỳ họp", "Báo cáo kinh tế - xã hội năm 2026"]
LONG_AGENCY = "Sở Nông nghiệp và Môi trường (hợp nhất Sở Nông nghiệp và Phát triển nông thôn với Sở Tài nguyên và Môi trường)"


async def statuses(kyhop: Server, meeting_id: int) -> dict[str, str]:
    attendance = await kyhop.api("thuky", "GET", f"/api/v1/meetings/{meeting_id}/attendance", expect_status=200)
    return {entry["full_name"]: entry["status"] for entry in attendance["items"]}


async def test_the_secretary_and_the_chair_mark_deputies_online(kyhop: Server, devices: OpenDevice) -> None:
    meeting_id, _ = await kyhop.meeting_in_progress(ITEMS)
    secretary = await devices("thu-ky", login="thuky", start=f"/meetings/{meeting_id}/manage")
    page = secretary.page
    row = page.locator(".attendance-row").filter(has_text="Lê Văn An")
    await row.get_by_role("button", name="Trực tuyến", exact=True).click()
    await expect(row.get_by_role("button", name="Trực tuyến", exact=True)).to_have_attribute("aria-pressed", "true")
    await expect(page.locator(".attendance").get_by_text(re.compile(r"^Có mặt 1/\d+ \(1 trực tuyến\)$"))).to_be_visible()
    assert (await statuses(kyhop, meeting_id))["Lê Văn An"] == "online"

    # The chair admits another deputy online; the secretary's screen follows live.
    chair = await devices("chu-toa", login="chutoa", start=f"/meetings/{meeting_id}/chair")
    await chair.page.locator(".online-attendance summary").click()
    online = chair.page.locator(".online-attendance")
    await expect(online.locator(".attendance-row").filter(has_text="Lê Văn An")).to_contain_text("Trực tuyến")
    await online.get_by_role("button", name="Cho dự họp trực tuyến: Phạm Thị Bình").click()
    summary = re.compile(r"^Có mặt 2/\d+ \(2 trực tuyến\)$")
    await expect(chair.page.locator(".attendance").get_by_text(summary)).to_be_visible()
    await expect(page.locator(".attendance").get_by_text(summary)).to_be_visible()
    assert (await statuses(kyhop, meeting_id))["Phạm Thị Bình"] == "online"

    display = await devices("man-hinh", login="manhinh", viewport=DISPLAY, start=f"/display/{meeting_id}")
    await expect(display.page.locator(".display__footer").get_by_text(summary)).to_be_visible()


async def test_the_secretariat_lists_agencies_with_their_respondents_and_adds_one(
        kyhop: Server, devices: OpenDevice) -> None:
    council_id = kyhop.people.council_id
    secretary = await devices("thu-ky", login="thuky", start="/secretariat")
    page = secretary.page
    await expect(page.get_by_label("Hội đồng").locator("option")).to_have_text(["HĐND tỉnh Thử Nghiệm · Tỉnh"])
    await expect(page.locator(".council-facts")).to_contain_text("Vai trò của bạn: Thư ký")
    agencies = page.locator(".agencies")
    await expect(agencies.get_by_text("Chưa có cơ quan nào.")).to_be_visible()

    await agencies.get_by_label("Tên cơ quan").fill("Ủy ban nhân dân tỉnh")
    await agencies.get_by_label("Loại cơ quan").select_option(label="Ủy ban nhân dân")
    await agencies.get_by_role("button", name="Thêm cơ quan").click()
    await expect(agencies.locator(".agency__name")).to_have_text(["Ủy ban nhân dân tỉnh"])
    await agencies.get_by_label("Tên cơ quan").fill("Sở Tài chính")
    await agencies.get_by_label("Loại cơ quan").select_option(label="Sở / ban / ngành")
    await agencies.get_by_label("Trực thuộc").select_option(label="Ủy ban nhân dân tỉnh")
    await agencies.get_by_role("button", name="Thêm cơ quan").click()
    await expect(agencies.locator(".agency__name")).to_have_text(["Ủy ban nhân dân tỉnh", "Sở Tài chính"])
    listed = (await kyhop.api("thuky", "GET", f"/api/v1/councils/{council_id}/agencies", expect_status=200))["items"]
    by_name = {agency["name"]: agency for agency in listed}
    assert by_name["Ủy ban nhân dân tỉnh"]["kind"] == "people_committee"
    assert by_name["Sở Tài chính"]["kind"] == "department"
    assert by_name["Sở Tài chính"]["parent_id"] == by_name["Ủy ban nhân dân tỉnh"]["id"]

    # A respondent of the Sở Tài chính, from the member list, shows under it.
    members = ("Họ và tên,Chức vụ,Vai trò,Quyền biểu quyết,Cơ quan trả lời chất vấn\n"
               "Võ Thị Hoa,Giám đốc Sở Tài chính,Người trả lời chất vấn,Không,Sở Tài chính\n").encode()
    await kyhop.api("thuky", "POST", f"/api/v1/councils/{council_id}/members/import", expect_status=200,
                    files={"file": ("nguoi-tra-loi.csv", members, "text/csv")})
    await page.reload()
    finance = agencies.locator(".agency").filter(has_text="Sở Tài chính")
    await expect(finance).to_contain_text("Người trả lời chất vấn:")
    await expect(finance).to_contain_text("Võ Thị Hoa · Giám đốc Sở Tài chính")
    await expect(agencies.locator(".agency").filter(has_text="Ủy ban nhân dân tỉnh").first).to_contain_text(
        "Chưa có người trả lời chất vấn.")

    # A long agency name wraps: no width sideways.
    await kyhop.api("thuky", "POST", f"/api/v1/councils/{council_id}/agencies", expect_status=201,
                    json={"name": LONG_AGENCY, "kind": "department"})
    for size in SIZES:
        await page.set_viewport_size(size)
        await page.reload()
        await expect(agencies.locator(".agency__name").get_by_text(LONG_AGENCY)).to_be_visible()
        await no_sideways_scroll(page)


async def test_a_dissolved_council_is_shown_read_only_with_its_successor(
        kyhop: Server, devices: OpenDevice, tmp_path: Path) -> None:
    council_id = kyhop.people.council_id
    meeting_id, _ = await kyhop.meeting_in_progress(ITEMS, title="Kỳ họp cuối nhiệm kỳ", start=False)
    # Dissolving takes an admin: the secretary is made one, in the test's own database.
    with sqlite3.connect(tmp_path / "kyhop.sqlite3") as database:
        database.execute("UPDATE users SET is_admin = 1 WHERE username = 'thuky'")
    successor = await kyhop.api("thuky", "POST", "/api/v1/councils", expect_status=201,
                                json={"name": "HĐND thành phố Hợp Nhất", "level": "province", "unit_kind": "city",
                                      "code": "E2E-HN", "predecessor_ids": [council_id]})
    await kyhop.api("thuky", "POST", f"/api/v1/councils/{council_id}/dissolve", expect_status=200,
                    json={"dissolved_on": "2025-07-01", "successor_id": successor["id"]})

    secretary = await devices("thu-ky", login="thuky", start="/secretariat")
    page = secretary.page
    banner = page.locator(".council-dissolved")
    await expect(banner).to_contain_text("HĐND đã giải thể ngày 01/07/2025 — chỉ xem")
    await expect(banner).to_contain_text("Kế thừa: HĐND thành phố Hợp Nhất")
    await expect(page.get_by_label("Hội đồng").locator("option")).to_have_text(
        ["HĐND tỉnh Thử Nghiệm · Tỉnh (đã giải thể)"])
    # Its data stays readable; nothing that writes is offered.
    row = page.locator(".meeting-row").filter(has_text="Kỳ họp cuối nhiệm kỳ")
    await expect(row.get_by_role("link", name="Xem")).to_have_attribute("href", f"/meetings/{meeting_id}")
    await expect(page.locator(".agencies h2")).to_have_text("Cơ quan trả lời chất vấn, kiến nghị")
    for write in ("Tạo kỳ họp", "Thêm cơ quan", "Nhập danh sách đại biểu"):
        await expect(page.get_by_role("heading", name=write)).to_have_count(0)
    await expect(page.get_by_label("Chọn tệp danh sách (.csv, .xlsx)")).to_have_count(0)

    # The English interface says the same.
    await page.evaluate("() => localStorage.setItem('kyhop.language', 'en')")
    await page.reload()
    await expect(banner).to_contain_text("Council dissolved on 01/07/2025 — read only")
    await expect(banner).to_contain_text("Succeeded by: HĐND thành phố Hợp Nhất")

    for size in SIZES:
        await page.set_viewport_size(size)
        await page.reload()
        await expect(banner).to_be_visible()
        await no_sideways_scroll(page)
