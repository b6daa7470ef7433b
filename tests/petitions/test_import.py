"""Importing the petition lists councils keep: .xlsx and .csv with title rows and section rows,
repeats merged (within the file and with what is kept), every bad row reported, nothing written."""

from __future__ import annotations

import asyncio
import io

from openpyxl import Workbook

from app.petitions import petition_import
from tests.contract import assert_error

HEADER = ["STT", "Nội dung kiến nghị", "Lĩnh vực", "Địa phương", "Cơ quan giải quyết", "Cấp", "Hạn giải quyết",
          "Cần nguồn lực"]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỬ TRI TRƯỚC KỲ HỌP THỨ 14"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _import(client, world, name: str, content: bytes, who: str = "secretary", **form: str):  # type: ignore[no-untyped-def]
    return await client.post(f"/api/v1/councils/{world.council_a}/petitions/import", headers=world.headers(who),
                             files={"file": (name, content, "application/octet-stream")}, data=form)


async def test_an_xlsx_list_with_sections_and_repeats(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    kept = await petitions.create("Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư",
                                  field="Đất đai")
    rows: list[list[object]] = [
        ["I", "LĨNH VỰC GIAO THÔNG"],
        [1, "Cử tri xã Hưng Lộc đề nghị sớm sửa chữa tuyến đường liên xã bị xuống cấp", "", "xã Hưng Lộc",
         "Sở Tài chính", "Tỉnh", "31/01/2027", "Có"],
        [2, "Đề nghị lắp đặt đèn tín hiệu giao thông tại ngã tư chợ", "", "phường Vinh Tân", "", "xã", "", "không"],
        ["II", "Lĩnh vực đất đai"],
        [3, "De nghi cap giay chung nhan quyen su dung dat cho cac ho tai dinh cu", "", "xã Nghi Phong"],
        [4, "CỬ TRI XÃ HƯNG LỘC ĐỀ NGHỊ SỚM SỬA CHỮA TUYẾN ĐƯỜNG LIÊN XÃ BỊ XUỐNG CẤP", "Giao thông", "xóm Tây"],
        [5, "Đề nghị hỗ trợ kinh phí xây dựng nhà văn hóa xóm", "Văn hóa", "", "Sở Y tế", "trung ương"],
    ]
    answer = await _import(client, world, "kien-nghi.xlsx", _xlsx(rows))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"created": 3, "merged": 2}
    listed = await petitions.listed()
    assert len(listed) == 4
    by_text = {p["text"]: p for p in listed}
    road = by_text[rows[1][1]]
    assert (road["field"], road["locality"], road["level"], road["needs_resources"], road["due_on"], road["state"]) == (
        "Giao thông", "xã Hưng Lộc", "province", True, "2027-01-31", "assigned")
    assert road["agency"]["name"] == "Sở Tài chính" and road["source_count"] == 2
    light = by_text[rows[2][1]]
    assert (light["field"], light["level"], light["needs_resources"], light["state"]) == (
        "Giao thông", "commune", False, "received")
    assert by_text[rows[6][1]]["level"] == "central" and by_text[rows[6][1]]["field"] == "Văn hóa"
    land = (await petitions.get(kept["id"])).json()
    assert land["source_count"] == 2 and land["sources"][1]["locality"] == "xã Nghi Phong"
    assert await db.count("audit_log", action="petition.import") == 1


async def test_a_csv_with_semicolons_and_a_voter_meeting_for_every_row(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    meeting = await client.post(f"/api/v1/councils/{world.council_a}/voter-meetings", headers=world.headers("secretary"),
                                json={"held_on": "2026-12-01", "place": "Hội trường xã", "when": "after"})
    text = ("\ufeffSTT;Nội dung kiến nghị;Lĩnh vực\n"
            "1;Đề nghị nâng cấp trạm y tế xã;Y tế\n"
            "2;\"Đề nghị bổ sung giáo viên; nhất là giáo viên tiếng Anh\";Giáo dục\n")
    answer = await _import(client, world, "kien-nghi.csv", text.encode(), voter_meeting_id=str(meeting.json()["id"]))
    assert answer.json() == {"created": 2, "merged": 0}, answer.text
    for item in await petitions.listed():
        detail = (await petitions.get(item["id"])).json()
        assert [s["voter_meeting_id"] for s in detail["sources"]] == [meeting.json()["id"]]
    assert {p["text"] for p in await petitions.listed()} == {
        "Đề nghị nâng cấp trạm y tế xã", "Đề nghị bổ sung giáo viên; nhất là giáo viên tiếng Anh"}


async def test_every_bad_row_is_reported_and_nothing_is_written(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [
        [1, "Đề nghị hợp lệ", "Y tế"],
        [2, "", "Y tế", "xã A"],
        [3, "Đề nghị", "Y tế", "", "", "huyện"],
        [4, "Đề nghị", "Y tế", "", "", "", "31/02/2027"],
        [5, "Đề nghị", "Y tế", "", "Sở Không Có"],
        [6, "Đề nghị", "Y tế", "", "", "", "", "tùy"],
        [7, "x" * 10_001, "Y tế"],
    ]
    before = await db.snapshot()
    answer = await _import(client, world, "kien-nghi.xlsx", _xlsx(rows))
    error = assert_error(answer, 422, "import_invalid")
    assert [(d["row"], d["code"]) for d in error["details"]] == [
        (5, "row_missing_text"), (6, "row_bad_level"), (7, "row_bad_date"), (9, "row_bad_resources"),
        (10, "row_too_long")]
    # The agency is checked once every row reads well, still before anything is written.
    fixed = [r for r in rows if r[0] in (1, 5)]
    error = assert_error(await _import(client, world, "kien-nghi.xlsx", _xlsx(fixed)), 422, "import_invalid")
    assert [(d["row"], d["code"], d["params"]) for d in error["details"]] == [
        (5, "row_unknown_agency", {"value": "Sở Không Có"})]
    assert await db.snapshot() == before


async def test_files_that_are_not_lists_are_refused(client, world, db, petitions) -> None:  # type: ignore[no-untyped-def]
    before = await db.snapshot()
    assert_error(await _import(client, world, "kien-nghi.pdf", b"%PDF-1.7"), 415, "import_bad_type")
    assert_error(await _import(client, world, "kien-nghi.xlsx", b"not a workbook"), 422, "import_bad_xlsx")
    assert_error(await _import(client, world, "kien-nghi.csv", "Họ và tên\nAn\n".encode()), 422, "import_no_header")
    assert_error(await _import(client, world, "kien-nghi.csv", "Nội dung kiến nghị\n\n".encode()), 422,
                 "import_empty")
    assert_error(await _import(client, world, "kien-nghi.csv", "Nội dung kiến nghị\nA\n".encode(),
                               voter_meeting_id="987654"), 422, "voter_meeting_not_in_council")
    for who, status in (("deputy", 403), ("respondent", 403), ("other_secretary", 404), ("anonymous", 401)):
        assert_error(await _import(client, world, "kien-nghi.csv", "Nội dung kiến nghị\nA\n".encode(), who=who), status)
    assert await db.snapshot() == before


class HeldMatching:
    """Holds an import before its matching step until released, to show what the rest of the
    server can do meanwhile."""

    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.started, self.release = asyncio.Event(), asyncio.Event()
        in_process = petition_import.in_process

        async def held(*args):  # type: ignore[no-untyped-def]
            self.started.set()
            await asyncio.wait_for(self.release.wait(), timeout=20)
            return await in_process(*args)

        monkeypatch.setattr(petition_import, "in_process", held)

    async def wait_started(self) -> None:
        await asyncio.wait_for(self.started.wait(), timeout=20)


async def test_while_an_import_is_matched_other_writes_go_on(client, world, db, petitions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Matching runs outside the write transaction and off the event loop: a petition recorded
    meanwhile is written at once — and the import, seeing the council's petitions changed, matches
    again, so its row saying the same (and the row repeating that row) join that petition instead
    of repeating it."""
    held = HeldMatching(monkeypatch)
    text = "Đề nghị nâng cấp tuyến đường từ trung tâm xã đến trường tiểu học số 2"
    importing = asyncio.create_task(_import(client, world, "kien-nghi.xlsx", _xlsx([
        [1, text.upper(), "Giao thông"], [2, "Đề nghị bổ sung giáo viên tiếng Anh cho trường trung học", "Giáo dục"],
        [3, "De nghi nang cap tuyen duong tu trung tam xa den truong tieu hoc so 2", "Giao thông"]])))
    await held.wait_started()
    recorded = await asyncio.wait_for(petitions.create(text), timeout=10)
    assert not importing.done()
    held.release.set()
    answer = await importing
    assert answer.json() == {"created": 1, "merged": 2}, answer.text
    assert (await petitions.get(recorded["id"])).json()["source_count"] == 3
    assert await db.count("petitions") == 2


async def test_a_merge_while_an_import_is_matched_is_followed(client, world, petitions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The petition a row was matched to is merged into another before the import writes: the row
    joins the petition that lives on."""
    text = "Đề nghị xây dựng cầu dân sinh qua suối thôn Bản Vẽ để học sinh đi học an toàn"
    repeated = await petitions.create(text)
    survivor = await petitions.create("Cử tri thôn Bản Vẽ đề nghị sớm xây cầu dân sinh qua suối")
    held = HeldMatching(monkeypatch)
    importing = asyncio.create_task(_import(client, world, "kien-nghi.csv", f"Nội dung kiến nghị\n{text}\n".encode()))
    await held.wait_started()
    merged = await client.post(f"/api/v1/petitions/{survivor['id']}/merge", headers=world.headers("secretary"),
                               json={"petition_ids": [repeated["id"]]})
    assert merged.status_code == 200, merged.text
    held.release.set()
    assert (await importing).json() == {"created": 0, "merged": 1}
    assert (await petitions.get(survivor["id"])).json()["source_count"] == 3
