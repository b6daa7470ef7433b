"""Importing member lists as councils keep them, as CSV or XLSX: a title row, then the header
"STT | Họ và tên | Chức vụ | Đơn vị" (+ "Vai trò", "Quyền biểu quyết", "Tên đăng nhập").
All names here are invented."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from tests.contract import assert_error

TITLE = "DANH SÁCH ĐẠI BIỂU HĐND TỈNH THỬ NGHIỆM KHÓA X, NHIỆM KỲ 2021 – 2026"
HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị"]
FULL_HEADER = HEADER + ["Vai trò", "Quyền biểu quyết"]

# Four people in the shape a secretariat sends them: name, title, unit, role, voting right.
PEOPLE = [
    ("Nguyễn Thị Diễm Hà", "Phó Chủ tịch HĐND tỉnh", "Tổ đại biểu số 1", "Chủ tọa", "có"),
    ("Trần Minh Tuấn", "Ủy viên Ban Pháp chế", "Tổ đại biểu số 2", "Đại biểu", "có"),
    ("Lâm Thị Bé", "Chánh Văn phòng", "Văn phòng Đoàn ĐBQH và HĐND", "Thư ký", "không"),
    ("Hà Văn Hải", "Phóng viên", "Báo Thử Nghiệm", "Khách mời", ""),
]

# Invented people whose names, titles and units together use every Vietnamese letter with a
# diacritic (each vowel with each tone, and đ).
BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER_LETTERS = {unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES} | {"đ"}
UPPER_LETTERS = {letter.upper() for letter in LOWER_LETTERS}
DIACRITIC_ROWS = [
    ("Đặng Thị Ngọc Hạnh", "Phó Trưởng ban Kinh tế – Ngân sách", "Tổ đại biểu huyện Quỳnh Lưu"),
    ("Lò Văn Khẳng", "Ủy viên Thường trực", "Đơn vị bầu cử số 3"),
    ("Trịnh Hữu Nghĩa", "Chánh Văn phòng", "Sở Giáo dục và Đào tạo"),
    ("Phạm Thị Mỹ Duyên", "Chủ tịch Hội Liên hiệp Phụ nữ", "Ủy ban Mặt trận Tổ quốc"),
    ("Võ Văn Thẳng", "Hiệu trưởng", "Trường Tiểu học Kẻ Sặt"),
    ("Mã Thị Lẵng", "Giám đốc", "Trường Mẫu giáo Quy Nhơn"),
    ("Lý Văn Tỵ", "Trưởng Ban xét duyệt", "Ủy ban Kiểm tra kỷ luật"),
    ("Bùi Thị Thuỳ Dương", "Tổ trưởng Tổ công tác tháo gỡ vướng mắc", "Hợp tác xã Nghĩa Hưng"),
    ("Nguyễn Thị Diễm Hà", "Phó Chủ tịch Hội Cựu chiến binh", "Hội Chữ thập đỏ tỉnh Quảng Bình"),
    ("Đỗ Trọng Hiếu", "Giám đốc Quỹ Tín dụng Nhân dân", "Bến xe miền núi phía Bắc"),
    ("Trần Bình Phước", "Trưởng phòng Thực phẩm", "Ban Quản lý rừng phòng hộ"),
    ("Lục Thị Kẽm", "Bí thư Tỉnh đoàn", "Hạt Kiểm lâm Mường Tè"),
    ("Hứa Thị Thủy", "Kế toán", "Công ty Cấp nước Đồng bằng"),
    ("Vũ Văn Dũng", "Cán bộ", "Hội Bà mẹ Việt Nam anh hùng"),
]


def csv_file(rows, header=HEADER, *, title=TITLE, delimiter=",", bom=False,
             encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if title is not None:
        writer.writerow([title])
    writer.writerow(header)
    for number, row in enumerate(rows, start=1):
        writer.writerow([number, *row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def xlsx_file(rows, header=HEADER, *, title=TITLE, blank_rows_after=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đại biểu"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
        if number in blank_rows_after:
            sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def upload(client, world, content: bytes, filename: str = "danh-sach.csv", *,
                 who: str = "secretary", council: int | None = None, headers=None):
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else "text/csv"
    return await client.post(
        f"/api/v1/councils/{council or world.council_a}/members/import",
        headers={**world.headers(who), **(headers or {})},
        files={"file": (filename, content, content_type)},
    )


async def member_list(client, world, council: int | None = None, who: str = "secretary") -> list:
    response = await client.get(f"/api/v1/councils/{council or world.council_a}/members",
                                headers=world.headers(who))
    assert response.status_code == 200
    return response.json()["items"]


# --- a first import ------------------------------------------------------------------------------

async def test_csv_import_creates_members_and_their_accounts(client, world, db):
    members_before = await db.count("memberships", council_id=world.council_a)
    users_before = await db.count("users")
    response = await upload(client, world, csv_file([p for p in PEOPLE], FULL_HEADER))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (4, 0, 0)
    accounts = body["accounts"]
    # Row numbers as the secretary sees them: the title is row 1, the header row 2.
    assert [(a["row"], a["full_name"]) for a in accounts] == [
        (3, "Nguyễn Thị Diễm Hà"), (4, "Trần Minh Tuấn"), (5, "Lâm Thị Bé"), (6, "Hà Văn Hải")]
    assert [a["username"] for a in accounts] == ["hantd", "tuantm", "belt", "haihv"]
    assert all(len(a["password"]) >= 12 for a in accounts)
    assert len({a["password"] for a in accounts}) == 4

    assert await db.count("memberships", council_id=world.council_a) == members_before + 4
    assert await db.count("users") == users_before + 4
    listed = {m["full_name"]: m for m in await member_list(client, world)}
    assert {name: (listed[name]["role"], listed[name]["voting_right"], listed[name]["title"],
                   listed[name]["unit"]) for name, *_ in PEOPLE} == {
        "Nguyễn Thị Diễm Hà": ("chair", True, "Phó Chủ tịch HĐND tỉnh", "Tổ đại biểu số 1"),
        "Trần Minh Tuấn": ("deputy", True, "Ủy viên Ban Pháp chế", "Tổ đại biểu số 2"),
        "Lâm Thị Bé": ("secretary", False, "Chánh Văn phòng", "Văn phòng Đoàn ĐBQH và HĐND"),
        "Hà Văn Hải": ("guest", False, "Phóng viên", "Báo Thử Nghiệm"),
    }
    assert await db.count("audit_log", action="user.create") == 4
    assert await db.count("audit_log", action="member.add") == 4
    # No initial password is written to the audit log.
    details = " ".join(row["details"] for row in await db.rows("audit_log"))
    assert all(a["password"] not in details for a in accounts)

    # The initial password works.
    login = await client.post("/api/v1/auth/login",
                              json={"username": "tuantm", "password": accounts[1]["password"]})
    assert login.status_code == 200
    assert [(m["council_id"], m["role"]) for m in login.json()["user"]["memberships"]] == [
        (world.council_a, "deputy")]


async def test_default_role_is_a_deputy_with_a_voting_right(client, world):
    response = await upload(client, world, csv_file([("Phan Văn Cửu", "Đại biểu", "Tổ số 5")]))
    assert response.status_code == 200
    member = next(m for m in await member_list(client, world) if m["full_name"] == "Phan Văn Cửu")
    assert (member["role"], member["voting_right"]) == ("deputy", True)


async def test_reimporting_the_same_file_changes_nothing_and_never_duplicates(client, world, db):
    content = csv_file(PEOPLE, FULL_HEADER)
    assert (await upload(client, world, content)).status_code == 200
    members = await db.count("memberships")
    users = await db.count("users")
    before = await db.snapshot()

    again = await upload(client, world, content)
    assert again.status_code == 200
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 4, "accounts": []}
    assert await db.count("memberships") == members
    assert await db.count("users") == users
    assert await db.snapshot() == before


async def test_reimporting_a_corrected_list_updates_the_same_people(client, world, db):
    assert (await upload(client, world, csv_file(PEOPLE, FULL_HEADER))).status_code == 200
    users = await db.count("users")
    corrected = list(PEOPLE)
    # A new title for one person, the name's case and spacing differ for another, one newcomer.
    corrected[1] = ("Trần Minh Tuấn", "Trưởng Ban Pháp chế", "Tổ đại biểu số 2", "Đại biểu", "có")
    corrected[3] = ("HÀ  VĂN HẢI", "Phóng viên", "Báo Thử Nghiệm", "Khách mời", "")
    corrected.append(("Đinh Thị Hiền", "Ủy viên", "Tổ đại biểu số 3", "Đại biểu", "có"))
    updates_before = await db.count("audit_log", action="member.update")
    response = await upload(client, world, csv_file(corrected, FULL_HEADER))
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (1, 2, 2)
    assert [a["full_name"] for a in body["accounts"]] == ["Đinh Thị Hiền"]
    assert await db.count("users") == users + 1
    listed = {m["full_name"]: m for m in await member_list(client, world)}
    assert listed["Trần Minh Tuấn"]["title"] == "Trưởng Ban Pháp chế"
    # The person matched despite capitals; their spelling now follows the newest list...
    assert "HÀ VĂN HẢI" in listed and "Hà Văn Hải" not in listed
    assert len([m for m in listed.values() if m["unit"] == "Báo Thử Nghiệm"]) == 1
    # ... and both changes are in the audit log.
    audit = (await db.rows("audit_log", action="member.update"))[updates_before:]
    renames = sorted(json.loads(a["details"]).get("full_name", "-") for a in audit)
    assert renames == ["-", "HÀ VĂN HẢI"]


async def test_existing_members_are_matched_not_recreated(client, world, db):
    users = await db.count("users")
    # "Người deputy" is already a member of council A, with no unit.
    content = csv_file([("Người deputy", "", "", "đại biểu", "có"),
                        ("Người deputy_no_vote", "Ủy viên", "", "đại biểu", "không")], FULL_HEADER)
    response = await upload(client, world, content)
    assert response.status_code == 200
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 1, "accounts": []}
    assert await db.count("users") == users
    member = next(m for m in await member_list(client, world)
                  if m["user_id"] == world.users["deputy_no_vote"])
    assert member["title"] == "Ủy viên"


async def test_username_column_links_existing_accounts(client, world, db):
    header = HEADER + ["Tên đăng nhập"]
    users = await db.count("users")
    # The outsider has an account but no seat in council A yet.
    response = await upload(client, world, csv_file([("Người outsider", "Đại biểu", "Tổ 4",
                                                      "outsider")], header))
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "accounts": []}
    assert await db.count("users") == users
    assert world.users["outsider"] in [m["user_id"] for m in await member_list(client, world)]


async def test_username_of_someone_else_is_refused(client, world, db):
    before = await db.snapshot()
    header = HEADER + ["Tên đăng nhập"]
    response = await upload(client, world, csv_file([("Hồ Sĩ Lộc", "Đại biểu", "Tổ 4", "chair")],
                                                    header))
    error = assert_error(response, 422, "import_invalid")
    assert [d["row"] for d in error["details"]] == [3]
    assert "Người chair" in error["details"][0]["message"]
    assert await db.snapshot() == before


async def test_usernames_made_for_namesakes_do_not_collide(client, world):
    rows = [("Trần Minh Tuấn", "Đại biểu", "Tổ 1"), ("Trần Minh Tuấn", "Đại biểu", "Tổ 2")]
    response = await upload(client, world, csv_file(rows))
    assert response.status_code == 200
    assert [a["username"] for a in response.json()["accounts"]] == ["tuantm", "tuantm2"]


# --- refused files -------------------------------------------------------------------------------

async def test_two_bad_rows_are_both_named_and_nothing_is_written(client, world, db):
    rows = [
        ("Ngô Quốc Khánh", "Đại biểu", "Tổ 1", "Đại biểu", "có"),
        ("", "Đại biểu", "Tổ 1", "Đại biểu", "có"),  # row 4: no name
        ("Vũ Thị Hằng", "Đại biểu", "Tổ 2", "Đại biểu", "có"),
        ("Lò Văn Khẳng", "Đại biểu", "Tổ 2", "Trưởng thôn", "có"),  # row 6: unknown role
        ("Tạ Thị Hoè", "Đại biểu", "Tổ 3", "Đại biểu", "có"),
    ]
    members = await db.count("memberships")
    users = await db.count("users")
    audit = await db.count("audit_log")
    before = await db.snapshot()

    response = await upload(client, world, csv_file(rows, FULL_HEADER))
    error = assert_error(response, 422, "import_invalid")
    assert error["message"] == "Tệp danh sách có 2 dòng không hợp lệ; chưa có gì được ghi"
    assert error["details"] == [
        {"row": 4, "code": "row_missing_name", "params": {}, "message": "Thiếu họ và tên"},
        {"row": 6, "code": "row_bad_role", "params": {"value": "Trưởng thôn"},
         "message": "Vai trò \"Trưởng thôn\" không hợp lệ "
                    "(đại biểu, chủ tọa, thư ký, khách mời, người trả lời chất vấn)"},
    ]
    assert await db.count("memberships") == members
    assert await db.count("users") == users
    assert await db.count("audit_log") == audit
    assert await db.snapshot() == before


async def test_bad_rows_in_english(client, world):
    rows = [("Ngô Quốc Khánh", "Đại biểu", "Tổ 1", "Khách mời", "có"),  # a guest cannot vote
            ("Vũ Thị Hằng", "Đại biểu", "Tổ 2", "Đại biểu", "chắc vậy")]
    response = await upload(client, world, csv_file(rows, FULL_HEADER),
                            headers={"Accept-Language": "en"})
    error = assert_error(response, 422, "import_invalid")
    assert error["message"] == "The list has 2 invalid rows; nothing was written"
    assert error["details"] == [
        {"row": 3, "code": "voting_right_role", "params": {},
         "message": "Only deputies and chairs can have a voting right"},
        {"row": 4, "code": "row_bad_flag", "params": {"value": "chắc vậy"},
         "message": "\"chắc vậy\" is not a valid voting-right value (yes / no)"},
    ]


async def test_bad_rows_in_an_xlsx_are_named_by_spreadsheet_row(client, world, db):
    before = await db.snapshot()
    rows = [("Ngô Quốc Khánh", "Đại biểu", "Tổ 1"), ("Ngô Quốc Khánh", "Đại biểu", "Tổ 1"),
            ("Vũ Thị Hằng", "x" * 201, "Tổ 2")]
    response = await upload(client, world, xlsx_file(rows), "danh-sach.xlsx")
    error = assert_error(response, 422, "import_invalid")
    assert [d["row"] for d in error["details"]] == [4, 5]
    assert error["details"][0]["message"] == "Trùng với dòng 3"
    assert await db.snapshot() == before


def windows_1258(text: str) -> bytes:
    """Text as old Windows software saved Vietnamese: cp1258, tone marks as combining characters."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if char in "\u0302\u0306\u031b":  # circumflex, breve, horn: part of the letter (â, ă, ơ...)
            out[-1] = unicodedata.normalize("NFC", out[-1] + char)
        else:
            out.append(char)
    return "".join(out).encode("cp1258")


async def test_non_utf8_csv_is_refused(client, world, db):
    content = windows_1258("STT,Họ và tên,Chức vụ,Đơn vị\r\n"
                           "1,Lê Văn Tám,Đại biểu,Tổ đại biểu số 1\r\n")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    before = await db.snapshot()
    error = assert_error(await upload(client, world, content), 422, "import_not_utf8")
    assert error["message"] == "Tệp CSV phải được lưu với bảng mã UTF-8"
    assert await db.snapshot() == before


async def test_latin1_csv_is_refused(client, world, db):
    text = "STT;Họ và tên;Chức vụ;Đơn vị\n1;Hà Văn Hải;Đại biểu;Tổ 1\n"
    content = text.encode("latin-1", "replace")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    before = await db.snapshot()
    assert_error(await upload(client, world, content), 422, "import_not_utf8")
    assert await db.snapshot() == before


async def test_a_nul_character_in_a_csv_is_refused(client, world, db):
    # What a damaged export or a UTF-16 file read as UTF-8 looks like.
    content = csv_file([("Lê Văn\x00Tám", "Đại biểu", "Tổ 1")])
    before = await db.snapshot()
    assert_error(await upload(client, world, content), 422, "import_not_utf8")
    assert await db.snapshot() == before


async def test_an_xlsx_that_is_a_zip_of_something_else_is_refused(client, world, db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bien-ban.txt", "Biên bản kỳ họp thứ nhất")
        archive.writestr("[Content_Types].xml", "<Types/>")
    before = await db.snapshot()
    error = assert_error(await upload(client, world, buffer.getvalue(), "danh-sach.xlsx"), 422,
                         "import_bad_xlsx")
    assert error["message"] == "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ"
    assert await db.snapshot() == before


async def test_an_xlsx_that_is_not_a_zip_at_all_is_refused(client, world, db):
    before = await db.snapshot()
    content = csv_file(PEOPLE, FULL_HEADER)  # a CSV renamed to .xlsx
    assert_error(await upload(client, world, content, "danh-sach.xlsx"), 422, "import_bad_xlsx")
    assert await db.snapshot() == before


@pytest.mark.parametrize("filename",
                         ["danh-sach.txt", "danh-sach.xls", "danh-sach", "danh-sach.pdf"])
async def test_other_file_types_are_415(client, world, db, filename):
    before = await db.snapshot()
    response = await upload(client, world, csv_file(PEOPLE), filename)
    error = assert_error(response, 415, "import_bad_type")
    assert error["message"] == "Chỉ nhận tệp .csv hoặc .xlsx"
    assert await db.snapshot() == before


async def test_a_file_without_the_name_column_is_refused(client, world, db):
    before = await db.snapshot()
    content = csv_file([("Phó Chủ tịch", "Tổ 1")], ["STT", "Chức vụ", "Đơn vị"])
    assert_error(await upload(client, world, content), 422, "import_no_header")
    assert await db.snapshot() == before


async def test_a_file_with_no_people_is_refused(client, world, db):
    before = await db.snapshot()
    assert_error(await upload(client, world, csv_file([])), 422, "import_empty")
    assert await db.snapshot() == before


async def test_missing_file_field_is_422(client, world, db):
    response = await client.post(f"/api/v1/councils/{world.council_a}/members/import",
                                 headers=world.headers("secretary"),
                                 files={"tep": ("danh-sach.csv", csv_file(PEOPLE), "text/csv")})
    error = assert_error(response, 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["body.file"]


async def test_a_file_over_10_mb_is_413(client, world, db):
    before = await db.snapshot()
    filler = [("Ngô Quốc Khánh", "Đại biểu", "x" * 190)] * 60_000  # about 12 MB
    content = csv_file(filler)
    assert len(content) > 10 * 1024 * 1024
    assert_error(await upload(client, world, content), 413, "too_large")
    assert await db.snapshot() == before


# --- the shapes of real files --------------------------------------------------------------------

async def test_semicolon_csv_with_bom_as_excel_writes_it(client, world):
    content = csv_file(PEOPLE, FULL_HEADER, delimiter=";", bom=True)
    assert content.startswith(b"\xef\xbb\xbf")
    response = await upload(client, world, content)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 4
    names = {m["full_name"] for m in await member_list(client, world)}
    assert {p[0] for p in PEOPLE} <= names
    # The BOM did not end up in the first column's header or a name.
    assert not any("\ufeff" in name for name in names)


async def test_csv_without_a_title_row_and_with_header_variants(client, world):
    header = ["stt", "HỌ VÀ TÊN", "Chức danh", "Đơn vị công tác", "vai tro", "Biểu quyết"]
    response = await upload(client, world, csv_file(PEOPLE, header, title=None))
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 4
    assert [a["row"] for a in response.json()["accounts"]] == [2, 3, 4, 5]


async def test_xlsx_import_with_title_row_and_blank_lines(client, world, db):
    members = await db.count("memberships", council_id=world.council_a)
    content = xlsx_file(PEOPLE, FULL_HEADER, blank_rows_after={2})
    response = await upload(client, world, content, "Danh sách đại biểu.xlsx")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (4, 0, 0)
    # Spreadsheet rows: 1 title, 2 header, 3 and 4 people, 5 blank, 6 and 7 people.
    assert [a["row"] for a in body["accounts"]] == [3, 4, 6, 7]
    assert await db.count("memberships", council_id=world.council_a) == members + 4
    again = await upload(client, world, content, "Danh sách đại biểu.xlsx")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 4, "accounts": []}
    assert await db.count("memberships", council_id=world.council_a) == members + 4


async def test_every_diacritic_survives_a_csv_round_trip(client, world):
    used = set("".join("".join(row) for row in DIACRITIC_ROWS))
    assert used >= LOWER_LETTERS, LOWER_LETTERS - used
    response = await upload(client, world, csv_file(DIACRITIC_ROWS))
    assert response.status_code == 200, response.text
    assert response.json()["created"] == len(DIACRITIC_ROWS)
    assert [a["full_name"] for a in response.json()["accounts"]] == [r[0] for r in DIACRITIC_ROWS]
    listed = {(m["full_name"], m["title"], m["unit"]) for m in await member_list(client, world)}
    assert set(DIACRITIC_ROWS) <= listed


async def test_every_capital_diacritic_survives_an_xlsx_round_trip(client, world):
    # Some lists are written in capitals. Council B's secretary imports such a list.
    rows = [tuple(cell.upper() for cell in row) for row in DIACRITIC_ROWS]
    used = set("".join("".join(row) for row in rows))
    assert used >= UPPER_LETTERS, UPPER_LETTERS - used
    response = await upload(client, world, xlsx_file(rows), "DANH SÁCH.xlsx", who="other_secretary",
                            council=world.council_b)
    assert response.status_code == 200, response.text
    listed = await member_list(client, world, council=world.council_b, who="other_secretary")
    assert set(rows) <= {(m["full_name"], m["title"], m["unit"]) for m in listed}
    # Usernames are plain ASCII made from the names: given name + initials.
    usernames = [a["username"] for a in response.json()["accounts"]]
    assert all(u.isascii() and u == u.lower() for u in usernames)
    assert usernames[:3] == ["hanhdtn", "khanglv", "nghiath"]


async def test_names_in_decomposed_unicode_match_the_same_people(client, world, db):
    assert (await upload(client, world, csv_file(PEOPLE, FULL_HEADER))).status_code == 200
    users = await db.count("users")
    before = await db.snapshot()
    # The same list saved by software that writes decomposed characters (e + combining marks).
    decomposed = [tuple(unicodedata.normalize("NFD", cell) for cell in row) for row in PEOPLE]
    assert decomposed[0][0] != PEOPLE[0][0]
    response = await upload(client, world, csv_file(decomposed, FULL_HEADER))
    assert response.status_code == 200
    assert response.json() == {"created": 0, "updated": 0, "unchanged": 4, "accounts": []}
    assert await db.count("users") == users
    assert await db.snapshot() == before
    names = {m["full_name"] for m in await member_list(client, world)}
    assert {p[0] for p in PEOPLE} <= names
