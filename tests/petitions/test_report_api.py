"""The petitions report over HTTP on SQLite and PostgreSQL: its figures equal a count made here
from what the test did; the .xlsx read back with openpyxl and the PDF read with poppler say the
same; who reads which part; a province's communes side by side."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from app.kit.time import vietnam_today
from tests.contract import assert_error
from tests.record import poppler

FIELDS = ("Giao thông", "Y tế", "Giáo dục")


@pytest.fixture
async def ledger(client, world, petitions) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Twelve petitions taken through every state, and the test's own book of what it did."""
    today = vietnam_today()
    past, later = (today - timedelta(days=10)).isoformat(), (today + timedelta(days=30)).isoformat()
    book: list[dict[str, Any]] = []
    for n in range(12):
        created = await petitions.create(f"Cử tri đề nghị giải quyết việc số {n} về {FIELDS[n % 3].lower()}",
                                         field=FIELDS[n % 3])
        entry = {"id": created["id"], "field": FIELDS[n % 3], "agency": None, "state": "received",
                 "status": None, "due": None}
        if n >= 2:
            agency = "respondent" if n % 2 else "other_respondent"
            due = past if n in (3, 4, 5) else later
            await petitions.assign(created["id"], agency=agency, due_on=due, level="province")
            entry.update(agency=agency, state="assigned", due=due)
        if n >= 5:
            status = ("resolved", "explained", "unresolved")[n % 3]
            answered = await petitions.respond(created["id"], who=entry["agency"], status=status)
            assert answered.status_code == 201, answered.text
            entry.update(state="answered", status=status)
        if n >= 8:
            accepted = n != 11
            assert (await petitions.review(created["id"], accepted=accepted)).status_code == 200
            entry["state"] = "closed" if accepted else "assigned"
        book.append(entry)
    return {"book": book, "today": today, "past": past}


def _count(book: list[dict[str, Any]], **where: Any) -> int:
    return sum(all(e[k] == v for k, v in where.items()) for e in book)


def _overdue(entry: dict[str, Any], today: Any) -> bool:
    return entry["due"] is not None and entry["state"] != "closed" and entry["due"] < today.isoformat()


async def _report(client, world, who: str = "secretary", council: int | None = None, **params: Any):  # type: ignore[no-untyped-def]
    return await client.get(f"/api/v1/councils/{council or world.council_a}/petitions/report",
                            headers=world.headers(who), params=params)


async def test_the_figures_equal_a_count_of_what_was_done(client, world, ledger, petitions) -> None:  # type: ignore[no-untyped-def]
    book, today = ledger["book"], ledger["today"]
    answer = await _report(client, world)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["from"] == f"{today.year}-01-01" and report["to"] == today.isoformat()
    resolved = _count(book, state="closed", status="resolved")
    assert (report["total"], report["resolved"]) == (len(book), resolved)
    assert report["resolved_share"] == round(100 * resolved / len(book), 1)
    assert report["by_state"] == {s: _count(book, state=s) for s in ("received", "assigned", "answered", "closed")}
    assert report["by_status"] == {**{s: _count(book, status=s) for s in ("resolved", "explained", "in_progress",
                                                                          "unresolved")},
                                   "none": _count(book, status=None)}
    late = [e["id"] for e in book if _overdue(e, today)]
    assert report["overdue"] == len(late) and [i["id"] for i in report["overdue_items"]] == late
    assert all(i["days_overdue"] == 10 for i in report["overdue_items"])
    agencies = {g["name"]: g for g in report["by_agency"]}
    for who, name in (("respondent", "Sở Tài chính"), ("other_respondent", "Sở Y tế")):
        assert agencies[name]["total"] == _count(book, agency=who)
        assert agencies[name]["resolved"] == _count(book, agency=who, state="closed", status="resolved")
        assert agencies[name]["overdue"] == sum(_overdue(e, today) for e in book if e["agency"] == who)
    assert agencies["Chưa giao cơ quan"]["total"] == _count(book, agency=None)
    assert {g["name"]: g["total"] for g in report["by_field"]} == {f: _count(book, field=f) for f in FIELDS}
    assert {g["key"]: g["total"] for g in report["by_level"]} == {"province": 10, "none": 2}
    this_month = next(m for m in report["months"] if m["month"] == f"{today:%Y-%m}")
    assert this_month["received"] == len(book) and this_month["closed"] == _count(book, state="closed")

    # A merged petition counts once, in the petition it joined.
    first, second = book[0]["id"], book[1]["id"]
    assert (await client.post(f"/api/v1/petitions/{first}/merge", headers=world.headers("secretary"),
                              json={"petition_ids": [second]})).status_code == 200
    assert (await _report(client, world)).json()["total"] == len(book) - 1


async def test_the_period_is_the_day_of_the_voter_meeting(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    heard = await client.post(f"/api/v1/councils/{world.council_a}/voter-meetings", headers=world.headers("secretary"),
                              json={"held_on": "2025-11-20", "place": "Nhà văn hóa xóm Đông", "deputy_ids": [],
                                    "when": "after"})
    await petitions.create("Đề nghị nạo vét kênh tiêu úng", voter_meeting_id=heard.json()["id"])
    await petitions.create("Đề nghị lắp đèn chiếu sáng đường làng")
    this_year = (await _report(client, world)).json()
    assert this_year["total"] == 1
    both = (await _report(client, world, **{"from": "2025-11-01"})).json()
    assert both["total"] == 2 and both["months"][0] == {"month": "2025-11", "received": 1, "closed": 0}
    november = (await _report(client, world, **{"from": "2025-11-01", "to": "2025-11-30"})).json()
    assert november["total"] == 1 and len(november["months"]) == 1


async def test_bad_periods_and_formats_are_clear_4xx(client, world) -> None:  # type: ignore[no-untyped-def]
    assert_error(await _report(client, world, **{"from": "2026-06-01", "to": "2026-01-01"}), 422, "period_reversed")
    assert (await _report(client, world, **{"from": "2026-13-01"})).status_code == 422
    for unix_time in ("0", "1780000000"):  # pydantic alone reads these as 1970's and 2026's days
        assert (await _report(client, world, to=unix_time)).status_code == 422
    assert (await _report(client, world, format="docx")).status_code == 422


async def test_the_xlsx_holds_the_same_figures(client, world, ledger) -> None:  # type: ignore[no-untyped-def]
    report = (await _report(client, world)).json()
    answer = await _report(client, world, format="xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in answer.headers["content-disposition"]
    book = load_workbook(BytesIO(answer.content))
    assert book.sheetnames == ["Tổng hợp", "Theo cơ quan", "Theo lĩnh vực", "Theo cấp", "Quá hạn", "Theo tháng"]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Tổng số kiến nghị"] == report["total"] and summary["Đã giải quyết xong"] == report["resolved"]
    assert summary["Tỷ lệ giải quyết"] == pytest.approx(report["resolved_share"] / 100)
    agencies = {row[0]: row[1:] for row in book["Theo cơ quan"].iter_rows(min_row=2, values_only=True)}
    for group in report["by_agency"]:
        assert agencies[group["name"]][0] == group["total"] and agencies[group["name"]][2] == group["resolved"]
    overdue = [row[0] for row in book["Quá hạn"].iter_rows(min_row=2, values_only=True)]
    assert overdue == [i["id"] for i in report["overdue_items"]]


async def test_the_pdf_is_an_official_report_with_every_figure_and_embedded_fonts(client, world, ledger) -> None:  # type: ignore[no-untyped-def]
    report = (await _report(client, world)).json()
    answer = await _report(client, world, format="pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = " ".join(poppler.pdftotext(answer.content).split())
    table = " ".join(poppler.pdftotext(answer.content, layout=True).split())
    for fact in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "/BC-HĐND",
                 "KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ CỬ TRI", "HỘI ĐỒNG NHÂN DÂN", "TỈNH THỬ NGHIỆM",
                 f"đã giải quyết: {report['resolved']}/{report['total']}",
                 f"({report['resolved_share']:.1f} %)".replace(".", ","), "Sở Tài chính", "Sở Y tế",
                 "KIẾN NGHỊ QUÁ HẠN", "Người chair"):
        assert fact in text or fact in table, fact
    for item in report["overdue_items"]:
        assert re.search(rf"\b{item['days_overdue']}\b", table)
        year, month, day = item["due_on"].split("-")
        assert f"{day}/{month}/{year}" in table, "a date is never broken across lines"
    assert "DỰ THẢO" not in text
    fonts = poppler.fonts(answer.content)
    assert fonts and all(font["emb"] == "yes" for font in fonts), fonts


async def test_the_pdf_lists_the_longest_overdue_and_refers_to_the_xlsx_for_the_rest(  # type: ignore[no-untyped-def]
        client, world, ledger, monkeypatch) -> None:
    from app.petitions import report_files

    report = (await _report(client, world)).json()
    items = report["overdue_items"]
    assert len(items) >= 2
    monkeypatch.setattr(report_files, "PDF_OVERDUE_ROWS", 1)
    table = " ".join(poppler.pdftotext((await _report(client, world, format="pdf")).content, layout=True).split())
    assert f"Có {len(items)} kiến nghị quá hạn; dưới đây là 1 kiến nghị quá hạn lâu nhất" in table
    assert "tệp Excel (.xlsx)" in table
    oldest, *rest = items
    year, month, day = oldest["due_on"].split("-")
    assert f"{day}/{month}/{year}" in table
    for item in rest:
        if item["due_on"] != oldest["due_on"]:
            year, month, day = item["due_on"].split("-")
            assert f"{day}/{month}/{year}" not in table


async def test_a_respondent_reads_their_agencys_part_and_guests_nothing(client, world, ledger) -> None:  # type: ignore[no-untyped-def]
    book = ledger["book"]
    mine = (await _report(client, world, who="respondent")).json()
    assert mine["total"] == _count(book, agency="respondent")
    assert [g["name"] for g in mine["by_agency"]] == ["Sở Tài chính"]
    assert {i["agency"] for i in mine["overdue_items"]} <= {"Sở Tài chính"}
    for who in ("guest", "outsider", "other_secretary"):
        assert (await _report(client, world, who=who)).status_code in (403, 404), who


async def test_the_province_reads_its_communes_figures_without_the_voters_words(client, world) -> None:  # type: ignore[no-untyped-def]
    words = "Cử tri thôn Bắc đề nghị xây cầu qua suối"
    created = await client.post(f"/api/v1/councils/{world.council_b}/petitions", headers=world.headers("other_secretary"),
                                json={"text": words, "field": "Giao thông"})
    assert created.status_code == 201, created.text
    commune = await _report(client, world, council=world.council_b)  # the province's secretary
    assert commune.status_code == 200, commune.text
    assert commune.json()["total"] == 1 and commune.json()["overdue_items"] is None
    assert words not in commune.text
    assert words not in (await _report(client, world, council=world.council_b, format="xlsx")).content.decode("latin-1")

    side_by_side = await client.get(f"/api/v1/councils/{world.council_a}/petitions/communes",
                                    headers=world.headers("chair"))
    assert side_by_side.status_code == 200, side_by_side.text
    [line] = side_by_side.json()["items"]
    assert (line["council_id"], line["council"], line["total"]) == (world.council_b, "HĐND xã Bên Cạnh", 1)
    assert line["by_state"]["received"] == 1 and words not in side_by_side.text
    for who in ("deputy", "guest", "other_secretary"):
        refused = await client.get(f"/api/v1/councils/{world.council_a}/petitions/communes", headers=world.headers(who))
        assert refused.status_code in (403, 404), who


async def test_the_digest_is_the_agencys_work_or_the_secretariats(client, world, ledger) -> None:  # type: ignore[no-untyped-def]
    book, today = ledger["book"], ledger["today"]
    url = f"/api/v1/councils/{world.council_a}/petitions/digest"
    mine = (await client.get(url, headers=world.headers("respondent"))).json()
    assert mine["agency_id"] is not None and mine["awaiting_review"] is None
    assert [i["id"] for i in mine["overdue"]] == [e["id"] for e in book if e["agency"] == "respondent"
                                                  and e["state"] == "assigned" and _overdue(e, today)]
    assert all(i["days_left"] == -10 for i in mine["overdue"])
    secretariat = (await client.get(url, headers=world.headers("secretary"))).json()
    assert sorted(i["id"] for i in secretariat["overdue"]) == sorted(e["id"] for e in book if _overdue(e, today))
    assert [i["id"] for i in secretariat["awaiting_review"]] == [e["id"] for e in book if e["state"] == "answered"]
    assert secretariat["unassigned"] == _count(book, state="received")
    assert (await client.get(url, headers=world.headers("guest"))).status_code == 403


async def test_a_period_longer_than_two_terms_is_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    refused = await _report(client, world, **{"from": "0001-01-01", "to": "9999-12-31"})
    assert_error(refused, 422, "period_too_long")
    assert "10" in refused.json()["error"]["message"]


async def test_control_characters_in_a_petition_do_not_break_the_xlsx(client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    created = await petitions.create("Đề nghị\u000b sửa\u0002 đường", field="Giao\u001b thông")
    await petitions.assign(created["id"], due_on="2020-01-31")
    answer = await _report(client, world, format="xlsx", **{"from": "2019-01-01"})
    assert answer.status_code == 200, answer.text
    fields = [row[0] for row in load_workbook(BytesIO(answer.content))["Theo lĩnh vực"].iter_rows(
        min_row=2, values_only=True)]
    assert fields == ["Giao thông"]
