"""Tiếp xúc cử tri in the browser: the secretariat records a meeting with voters, a petition heard
there, and the report's trend shows it.

- the secretary records the meeting with the form (date, place, constituency, before the session,
  two deputies, the number of voters) and sees it listed;
- records a petition choosing that meeting; the API shows the petition's source is that meeting,
  and the list counts one petition heard there;
- the report's trend chart shows this month with one petition received, none closed.
"""

from __future__ import annotations

import re
from datetime import datetime

from playwright.async_api import expect

from app.kit.time import VIETNAM
from tests.e2e.conftest import OpenDevice, Server, artifact

PLACE = "Nhà văn hóa thôn Yên Lạc, xã Diễn Hoa"
UNIT = "Đơn vị bầu cử số 3"
PETITION = "Cử tri thôn Yên Lạc đề nghị sớm sửa chữa tuyến đường liên xã bị sạt lở sau mưa lũ."


async def test_a_meeting_with_voters_and_its_petition(kyhop: Server, devices: OpenDevice) -> None:
    council_id = kyhop.people.council_id
    today = datetime.now(VIETNAM).date()
    deputies = [kyhop.people.ids["daibieu1"], kyhop.people.ids["daibieu2"]]

    secretary = await devices("van-phong", login="thuky", start=f"/councils/{council_id}/petitions")
    page = secretary.page
    meetings = page.get_by_role("region", name="Các buổi tiếp xúc cử tri")
    await expect(meetings).to_contain_text("Chưa có buổi tiếp xúc cử tri nào.")

    # 1. The meeting with voters, through the form.
    form = page.get_by_role("form", name="Ghi buổi tiếp xúc cử tri")
    create = form.get_by_role("button", name="Ghi buổi tiếp xúc cử tri")
    await expect(create).to_be_disabled()  # a place first
    await form.get_by_label("Ngày tiếp xúc").fill(today.isoformat())
    await form.get_by_label("Địa điểm").fill(PLACE)
    await form.get_by_label("Đơn vị bầu cử / địa bàn").fill(UNIT)
    await form.get_by_label("Thời điểm").select_option(label="Trước kỳ họp")
    await form.get_by_label("Số cử tri tham dự").fill("120")
    deputy_group = form.get_by_role("group", name="Đại biểu tham dự")
    await expect(deputy_group.get_by_role("checkbox")).to_have_count(4)  # the chair and three deputies
    await deputy_group.get_by_role("checkbox", name="Lê Văn An").check()
    await deputy_group.get_by_role("checkbox", name="Phạm Thị Bình").check()
    await create.click()
    await expect(form.get_by_role("status")).to_have_text(f"Đã ghi buổi tiếp xúc cử tri tại {PLACE}.")
    await expect(form.get_by_label("Địa điểm")).to_have_value("")  # ready for the next one
    await expect(deputy_group.get_by_role("checkbox", checked=True)).to_have_count(0)
    line = f"{today:%d/%m/%Y} · {PLACE} · {UNIT} · Trước kỳ họp · 120 cử tri"
    await expect(meetings.get_by_role("listitem")).to_have_text([f"{line} · 0 kiến nghị"])

    [kept] = (await kyhop.api("thuky", "GET", f"/api/v1/councils/{council_id}/voter-meetings",
                              expect_status=200))["items"]
    assert (kept["held_on"], kept["place"], kept["unit"], kept["when"], kept["voters"]) == (
        today.isoformat(), PLACE, UNIT, "before", 120)
    assert sorted(kept["deputy_ids"]) == sorted(deputies)

    # 2. A petition heard there: the meeting is offered at once by the petition form.
    record = page.get_by_role("form", name="Ghi nhận kiến nghị")
    await record.get_by_label("Nội dung kiến nghị").fill(PETITION)
    await record.get_by_label("Lĩnh vực").fill("Giao thông")
    await record.get_by_label("Địa phương").fill("thôn Yên Lạc, xã Diễn Hoa")
    await record.get_by_label("Buổi tiếp xúc cử tri").select_option(label=f"{PLACE} · {today:%d/%m/%Y}")
    await record.get_by_role("button", name="Ghi nhận kiến nghị").click()
    await expect(record.get_by_role("status")).to_have_text(re.compile(r"^Đã ghi nhận kiến nghị số \d+\.$"))
    number = int(re.findall(r"\d+", await record.get_by_role("status").inner_text())[0])
    await expect(page.get_by_role("list", name="Kiến nghị cử tri", exact=True).get_by_role("listitem")).to_contain_text([PETITION])
    await expect(meetings.get_by_role("listitem")).to_have_text([f"{line} · 1 kiến nghị"])

    petition = await kyhop.api("thuky", "GET", f"/api/v1/petitions/{number}", expect_status=200)
    [source] = petition["sources"]
    assert source["voter_meeting_id"] == kept["id"]
    assert (source["place"], source["held_on"], source["text"]) == (PLACE, today.isoformat(), PETITION)
    await page.screenshot(path=str(artifact("voter-meetings.png")), full_page=True)

    # 3. The report's trend: this month, one received, none closed.
    await page.get_by_role("link", name="Báo cáo kết quả giải quyết").click()
    await expect(page).to_have_url(re.compile(rf"/councils/{council_id}/petitions/report$"))
    months = page.get_by_role("region", name="Theo tháng")
    await expect(months.get_by_role("img", name="Biểu đồ số kiến nghị tiếp nhận và kết thúc theo tháng")).to_be_visible()
    figures = months.get_by_role("listitem")
    await expect(figures).to_have_count(today.month)  # January until this month
    await expect(figures.last).to_have_text(f"{today:%m/%Y}: Tiếp nhận 1, Kết thúc 0")
    await expect(figures.filter(has_text="Tiếp nhận 0, Kết thúc 0")).to_have_count(today.month - 1)
    bars = months.locator(f'[data-month="{today:%Y-%m}"]')
    await expect(bars.locator(".trend-bar--received")).to_have_text("1")
    await expect(bars.locator(".trend-bar--received rect")).to_have_attribute("height", "120")  # the tallest
    await expect(bars.locator(".trend-bar--closed rect")).to_have_attribute("height", "0")
    await expect(months.locator(".trend-bar--received rect[height='0']")).to_have_count(today.month - 1)
    await page.screenshot(path=str(artifact("petitions-trend.png")), full_page=True)


async def test_a_refused_meeting_with_voters_keeps_the_form(kyhop: Server, devices: OpenDevice) -> None:
    """The server refuses the form (a deputy chosen was removed from the council after the page
    loaded): its message is shown in Vietnamese, what was typed stays, and nothing is recorded."""
    council_id = kyhop.people.council_id
    secretary = await devices("van-phong", login="thuky", start=f"/councils/{council_id}/petitions")
    form = secretary.page.get_by_role("form", name="Ghi buổi tiếp xúc cử tri")
    await form.get_by_label("Địa điểm").fill(PLACE)
    await form.get_by_label("Số cử tri tham dự").fill("80")
    deputy_group = form.get_by_role("group", name="Đại biểu tham dự")
    await deputy_group.get_by_role("checkbox", name="Hoàng Văn Cường").check()
    await kyhop.api("thuky", "DELETE", f"/api/v1/councils/{council_id}/members/{kyhop.people.ids['daibieu3']}",
                    expect_status=204)

    await form.get_by_role("button", name="Ghi buổi tiếp xúc cử tri").click()
    await expect(form.get_by_role("alert")).to_have_text("Người được chọn không phải đại biểu của HĐND này")
    await expect(form.get_by_role("status")).to_have_count(0)
    await expect(form.get_by_label("Địa điểm")).to_have_value(PLACE)
    await expect(form.get_by_label("Số cử tri tham dự")).to_have_value("80")
    await expect(deputy_group.get_by_role("checkbox", name="Hoàng Văn Cường")).to_be_checked()
    meetings = secretary.page.get_by_role("region", name="Các buổi tiếp xúc cử tri")
    await expect(meetings).to_contain_text("Chưa có buổi tiếp xúc cử tri nào.")
    listed = await kyhop.api("thuky", "GET", f"/api/v1/councils/{council_id}/voter-meetings", expect_status=200)
    assert listed["items"] == []
