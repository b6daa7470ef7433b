"""An agency's answer with its letter as a PDF, on SQLite and PostgreSQL: sent as multipart beside
the same fields as the JSON body, read back by whoever may read the petition (and nobody else),
and every refusal leaving no row and no file behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.kit.pdfgen import text_pdf
from tests.contract import assert_error

LETTER = text_pdf("Công văn trả lời kiến nghị cử tri",
                  ["Sở Tài chính trả lời kiến nghị về tuyến đường liên xã.", "Dự kiến hoàn thành quý II/2027."])


def _pdf(content: bytes = LETTER, name: str = "cong-van-125-STC.pdf") -> dict[str, Any]:
    return {"file": (name, content, "application/pdf")}


def _stored_files(app: Any) -> list[Path]:
    root: Path = app.state.settings.data_dir
    return [p for folder in ("blobs", "tmp") if (root / folder).exists()
            for p in (root / folder).rglob("*") if p.is_file()]


async def test_an_answer_carries_its_letter_and_those_who_read_the_petition_open_it(
        client, world, petitions) -> None:  # type: ignore[no-untyped-def]
    pid = (await petitions.create())["id"]
    await petitions.assign(pid)
    sent = await client.post(f"/api/v1/petitions/{pid}/responses", headers=world.headers("respondent"),
                             data={"status": "in_progress", "text": "Đã bố trí vốn, đang thi công",
                                   "plan_due_on": "2027-06-30"}, files=_pdf())
    assert sent.status_code == 201, sent.text
    answer = sent.json()
    assert (answer["status"], answer["plan_due_on"]) == ("in_progress", "2027-06-30")
    assert answer["attachment"] == {"filename": "cong-van-125-STC.pdf", "size": len(LETTER),
                                    "url": f"/api/v1/petitions/{pid}/responses/{answer['id']}/file"}

    [listed] = (await petitions.get(pid)).json()["responses"]
    assert listed["attachment"] == answer["attachment"]
    for who in ("secretary", "deputy", "chair", "respondent"):
        opened = await client.get(answer["attachment"]["url"], headers=world.headers(who))
        assert opened.status_code == 200, (who, opened.text)
        assert opened.content == LETTER and opened.headers["content-type"] == "application/pdf"
        assert "cong-van-125-STC.pdf" in opened.headers["content-disposition"]
    assert (await client.get(answer["attachment"]["url"], headers=world.headers("other_respondent"))).status_code == 404
    assert (await client.get(answer["attachment"]["url"])).status_code == 401

    # the JSON body still answers without a file; that answer has none to open
    assert (await petitions.review(pid, accepted=False, comment="Cần nêu rõ tiến độ")).status_code == 200
    plain = (await petitions.respond(pid, text="Hoàn thành trong tháng 6/2027")).json()
    assert plain["attachment"] is None
    assert (await client.get(f"/api/v1/petitions/{pid}/responses/{plain['id']}/file",
                             headers=world.headers("secretary"))).status_code == 404
    other = (await petitions.create(text="Cử tri đề nghị nạo vét kênh mương nội đồng"))["id"]
    assert (await client.get(f"/api/v1/petitions/{other}/responses/{answer['id']}/file",
                             headers=world.headers("secretary"))).status_code == 404

    # the public sees the answer's words, not the agency's letter
    assert (await petitions.review(pid, accepted=True)).status_code == 200
    [public] = (await client.get(f"/api/v1/public/councils/{world.council_a}/petitions")).json()["items"]
    assert public["answer"] == "Hoàn thành trong tháng 6/2027" and "attachment" not in public


async def test_a_refused_answer_leaves_no_row_and_no_file(client, world, db, app, petitions) -> None:  # type: ignore[no-untyped-def]
    pid = (await petitions.create())["id"]
    url = f"/api/v1/petitions/{pid}/responses"
    form = {"status": "resolved", "text": "Đã sửa chữa xong"}
    # not assigned yet (so no respondent sees it): the rule refuses it after the file was checked
    assert_error(await client.post(url, headers=world.headers("secretary"), data=form, files=_pdf()),
                 409, "petition_not_assigned")
    await petitions.assign(pid)
    not_pdf = await client.post(url, headers=world.headers("respondent"), data=form,
                                files=_pdf(b"%PDF-1.7 but nothing after it"))
    assert not_pdf.status_code in (415, 422), not_pdf.text
    assert_error(not_pdf, not_pdf.status_code)
    assert_error(await client.post(url, headers=world.headers("respondent"), data={**form, "status": "in_progress"},
                                   files=_pdf()), 422)  # in progress needs its plan's date
    assert_error(await client.post(url, headers=world.headers("respondent"), data={**form, "colour": "red"},
                                   files=_pdf()), 422)
    assert_error(await client.post(url, headers=world.headers("respondent"), data=form), 400)  # a url-encoded form
    assert (await client.post(url, headers=world.headers("other_respondent"), data=form,
                              files=_pdf())).status_code == 404
    assert_error(await client.post(url, headers=world.headers("deputy"), data=form, files=_pdf()), 403)
    assert await db.count("audit_log", action="petition.respond") == 0
    detail = (await petitions.get(pid)).json()
    assert (detail["state"], detail["responses"]) == ("assigned", [])
    assert _stored_files(app) == []


async def test_a_recommendation_is_answered_with_a_letter_at_its_own_address(
        client, world, respondents) -> None:  # type: ignore[no-untyped-def]
    supervision = await client.post(
        f"/api/v1/councils/{world.council_a}/supervisions", headers=world.headers("secretary"),
        json={"title": "Giám sát đầu tư công", "kind": "thematic", "starts_on": "2026-12-01",
              "member_ids": [world.users["deputy"]], "agency_ids": [respondents["respondent"]]})
    assert supervision.status_code == 201, supervision.text
    made = await client.post(f"/api/v1/supervisions/{supervision.json()['id']}/recommendations",
                             headers=world.headers("secretary"),
                             json={"text": "Đẩy nhanh giải ngân vốn đầu tư công", "agency_id": respondents["respondent"],
                                   "due_on": "2027-03-31"})
    assert made.status_code == 201, made.text
    rid = made.json()["id"]
    sent = await client.post(f"/api/v1/recommendations/{rid}/responses", headers=world.headers("secretary"),
                             data={"status": "resolved", "text": "Đã giải ngân 96%"}, files=_pdf(name="CV 125-STC ngày 1.12.pdf"))
    assert sent.status_code == 201, sent.text
    attachment = sent.json()["attachment"]
    assert attachment["url"] == f"/api/v1/recommendations/{rid}/responses/{sent.json()['id']}/file"
    assert attachment["filename"] == "CV 125-STC ngày 1.12.pdf"
    opened = await client.get(attachment["url"], headers=world.headers("respondent"))
    assert opened.status_code == 200 and opened.content == LETTER
    detail = (await client.get(f"/api/v1/recommendations/{rid}", headers=world.headers("deputy"))).json()
    assert [r["attachment"] for r in detail["responses"]] == [attachment]
    # a recommendation is not a petition, at either address
    assert (await client.get(f"/api/v1/petitions/{rid}/responses/{sent.json()['id']}/file",
                             headers=world.headers("secretary"))).status_code == 404
