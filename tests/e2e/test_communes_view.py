"""The province over its communes, on the home screen ("Các xã, phường"):

- the province's secretary sees its communes in Vietnamese order of their names, each with its
  kind of unit and a dissolved one marked; finds one by typing its name without tone marks;
  opens it to list its published public meetings (never a draft nor a closed-door one) and opens
  a meeting in the guest view (its public documents, not the confidential one); no sideways
  scroll on a phone;
- a deputy of the same province does not see the section.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from app.kit.pdfgen import text_pdf
from tests.e2e.conftest import OpenDevice, Server
from tests.e2e.test_consoles import no_sideways_scroll

PHONE = {"width": 360, "height": 740}
LONG = "HĐND phường Nam Đông Hà (hợp nhất phường Đông Lương, phường Đông Lễ và phường Đông Thanh)"
COMMUNES = [  # (name, unit kind, code), not in order
    ("HĐND xã Diễn Châu", "commune", "E2E-DC"),
    ("HĐND phường Vinh Phú", "ward", "E2E-VP"),
    ("HĐND xã Anh Sơn", "commune", "E2E-AS"),
    ("HĐND đặc khu Cồn Cỏ", "special_zone", "E2E-CC"),
    ("HĐND xã Đô Lương", "commune", "E2E-DL"),
    (LONG, "ward", "E2E-NDH"),
]


async def communes_with_meetings(kyhop: Server, tmp_path: Path) -> dict[str, Any]:
    """The province's communes, and meetings of Diễn Châu in every state, made by an admin (the
    hall display's login, made one in the test's own database: councils take an admin)."""
    with sqlite3.connect(tmp_path / "kyhop.sqlite3") as database:
        database.execute("UPDATE users SET is_admin = 1 WHERE username = 'manhinh'")
    ids: dict[str, int] = {}
    for name, unit_kind, code in COMMUNES:
        created = await kyhop.api("manhinh", "POST", "/api/v1/councils", expect_status=201,
                                  json={"name": name, "level": "commune", "unit_kind": unit_kind,
                                        "code": code, "parent_id": kyhop.people.council_id})
        ids[name] = created["id"]
    await kyhop.api("manhinh", "POST", f"/api/v1/councils/{ids['HĐND xã Đô Lương']}/dissolve",
                    expect_status=200, json={"dissolved_on": "2025-12-31", "successor_id": ids["HĐND xã Anh Sơn"]})
    commune = ids["HĐND xã Diễn Châu"]

    async def meeting(title: str, *, public: bool = True, publish: bool = True) -> int:
        created = await kyhop.api("manhinh", "POST", f"/api/v1/councils/{commune}/meetings", expect_status=201,
                                  json={"title": title, "kind": "regular", "public": public,
                                        "starts_at": "2026-12-10T07:30:00+07:00",
                                        "location": "Hội trường xã Diễn Châu"})
        if publish:
            await kyhop.api("manhinh", "POST", f"/api/v1/meetings/{created['id']}/publish", expect_status=200)
        return int(created["id"])

    public = await meeting("Kỳ họp thứ Ba HĐND xã Diễn Châu")
    for title, confidential in (("Tờ trình dự toán ngân sách xã", "false"), ("Hồ sơ nhân sự", "true")):
        await kyhop.api("manhinh", "POST", f"/api/v1/meetings/{public}/documents", expect_status=201,
                        data={"title": title, "kind": "proposal", "confidential": confidential},
                        files={"file": ("tep.pdf", text_pdf(title, ["Nội dung"]), "application/pdf")})
    await meeting("Phiên họp kín", public=False)
    await meeting("Dự kiến kỳ họp thứ Tư", publish=False)
    return {"ids": ids, "public": public}


async def test_the_provinces_secretary_reads_a_communes_public_meeting(
        kyhop: Server, devices: OpenDevice, tmp_path: Path) -> None:
    made = await communes_with_meetings(kyhop, tmp_path)
    secretary = await devices("thu-ky", login="thuky")
    page = secretary.page
    section = page.locator("section.communes")
    await expect(section.get_by_role("heading", name="Các xã, phường")).to_be_visible()
    await expect(section.locator(".communes__count")).to_have_text("6 xã, phường")
    rows = section.locator(".commune")
    await expect(rows.locator(".commune__name")).to_have_text(
        ["HĐND xã Anh Sơn", "HĐND đặc khu Cồn Cỏ", "HĐND xã Diễn Châu", "HĐND xã Đô Lương", LONG, "HĐND phường Vinh Phú"])
    await expect(rows.locator(".commune__kind")).to_have_text(["Xã", "Đặc khu", "Xã", "Xã", "Phường", "Phường"])
    await expect(rows.filter(has_text="Đô Lương").locator(".commune__dissolved")).to_have_text("(đã giải thể)")
    await expect(section.locator(".commune__dissolved")).to_have_count(1)

    # Typed without tone marks, the name is found; a name that is not there says so.
    search = section.get_by_label("Tìm xã, phường")
    await search.fill("khong co")
    await expect(section.get_by_text("Không có xã, phường nào khớp với “khong co”.")).to_be_visible()
    await search.fill("dien chau")
    await expect(rows.locator(".commune__name")).to_have_text(["HĐND xã Diễn Châu"])
    await expect(section.locator(".communes__count")).to_have_text("1/6 xã, phường")

    # Opened, the commune's published public meetings load; not the closed-door one nor the draft.
    await rows.locator("summary").click()
    link = rows.get_by_role("link", name=re.compile("Kỳ họp thứ Ba HĐND xã Diễn Châu"))
    await expect(link).to_have_attribute("href", f"/meetings/{made['public']}")
    await expect(link).to_contain_text("Đã công bố")
    await expect(rows.locator(".commune-meeting")).to_have_count(1)

    # Another commune has none: it says so.
    await search.fill("Anh Son")
    await rows.locator("summary").click()
    await expect(rows.get_by_text("Chưa có kỳ họp công khai nào được công bố.")).to_be_visible()

    # A phone: no sideways scroll, the whole list (a long name wraps) and an opened commune.
    await page.set_viewport_size(PHONE)
    await search.fill("")
    await expect(rows.filter(has_text="Nam Đông Hà")).to_be_visible()
    await no_sideways_scroll(page)
    await search.fill("dien")
    await rows.locator("summary").click()
    await expect(link).to_be_visible()
    await no_sideways_scroll(page)

    await link.click()
    await expect(page).to_have_url(re.compile(rf"/meetings/{made['public']}$"))
    await expect(page.locator(".topbar__title")).to_have_text("Kỳ họp thứ Ba HĐND xã Diễn Châu")
    await expect(page.get_by_text("Tờ trình dự toán ngân sách xã")).to_be_visible()
    await expect(page.get_by_text("Hồ sơ nhân sự")).to_have_count(0)


async def test_a_provinces_deputy_does_not_see_the_communes(
        kyhop: Server, devices: OpenDevice, tmp_path: Path) -> None:
    await communes_with_meetings(kyhop, tmp_path)
    await kyhop.meeting_in_progress(["Khai mạc"], title="Kỳ họp của tỉnh", start=False)
    deputy = await devices("dai-bieu", login="daibieu1")
    page = deputy.page
    await expect(page.locator(".meeting-card").filter(has_text="Kỳ họp của tỉnh")).to_be_visible()
    await expect(page.locator("section.communes")).to_have_count(0)
    await expect(page.get_by_text("Các xã, phường")).to_have_count(0)
