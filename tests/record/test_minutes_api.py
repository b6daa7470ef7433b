"""The minutes of a meeting recorded through the API, read back with poppler's tools and
python-docx: every fact they must state, fonts embedded, secrecy of secret polls, draft → final."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest

from tests.record import poppler
from tests.record.scene import (
    CLOSED_POLL,
    NAMES,
    OPEN_POLL,
    QUESTION,
    SECRET_POLL,
    SUMMARY,
    name_people,
    record_meeting,
)


@pytest.fixture
async def recorded(app, client, world, respondents):  # type: ignore[no-untyped-def]
    await name_people(app, world)
    return await record_meeting(client, world, app.state.voting.settle)


def _flat(text: str) -> str:
    return " ".join(text.split())


async def _minutes(client, world, meeting_id: int, fmt: str = "pdf", who: str = "secretary") -> bytes:  # type: ignore[no-untyped-def]
    response = await client.get(f"/api/v1/meetings/{meeting_id}/minutes.{fmt}", headers=world.headers(who))
    assert response.status_code == 200, response.text
    return bytes(response.content)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _facts(recorded: Any) -> list[str]:
    """What the minutes must say about the recorded meeting, in the words they say it."""
    open_poll = recorded.polls["open"]["result"]
    return [
        "BIÊN BẢN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Thử Nghiệm, ngày", "KỲ HỌP THỨ 14",
        "Tổng số đại biểu: 4; có mặt: 3 (trong đó tham dự trực tuyến: 1); vắng mặt: 1.",
        "Số đại biểu cần có mặt để tiến hành kỳ họp: 3", "Đi công tác nước ngoài",
        NAMES["absent"], NAMES["online"], NAMES["chair"], NAMES["secretary"],
        "Tờ trình về kế hoạch đầu tư công năm 2027", "Trình bày: Giám đốc Sở Tài chính",
        "Tờ trình số 45/TTr-UBND", "Tờ trình", SUMMARY,
        NAMES["deputy"], "Thảo luận", "Chất vấn", "Trả lời", NAMES["respondent"], QUESTION,
        OPEN_POLL, f"cơ sở tính: {open_poll['base']}; số phiếu cần đạt: {open_poll['required']}",
        "quá nửa tổng số đại biểu", "Tán thành 3", "Kết quả: THÔNG QUA.",
        SECRET_POLL, "Hình thức: bỏ phiếu kín", "Không tán thành 1",
        f"Nghị quyết số {recorded.resolution['number']}: Nghị quyết về kế hoạch đầu tư công năm 2027",
        "PHỤ LỤC", "THƯ KÝ KỲ HỌP", "CHỦ TỌA KỲ HỌP",
    ]


async def test_the_draft_states_every_fact_with_embedded_fonts_and_a_draft_mark_on_each_page(
        client, world, recorded) -> None:  # type: ignore[no-untyped-def]
    pdf = await _minutes(client, world, recorded.id)
    text = _flat(poppler.pdftotext(pdf, layout=False))
    table_text = _flat(poppler.pdftotext(pdf, layout=True))
    for fact in _facts(recorded):
        assert _flat(fact) in text or _flat(fact) in table_text, fact
    pages = poppler.pages(pdf)
    assert len(pages) >= 2
    assert all("DỰ THẢO" in page for page in pages)
    assert re.match(r"\s*2\b", poppler.pdftotext(pdf, page=2, layout=True).replace("DỰ THẢO", "")), \
        "page 2 starts with its number"
    fonts = poppler.fonts(pdf)
    assert fonts and all(font["emb"] == "yes" for font in fonts), fonts
    assert all("LiberationSerif" in font["name"] for font in fonts), fonts
    assert "Biểu quyết" in text and "rejected" not in text


async def test_secret_polls_give_counts_and_never_who_chose_what(client, world, recorded) -> None:  # type: ignore[no-untyped-def]
    pdf_text = _flat(poppler.pdftotext(await _minutes(client, world, recorded.id), layout=True))
    docx_text = _flat(_docx_text(await _minutes(client, world, recorded.id, "docx")))
    for text in (pdf_text, docx_text):
        annex = text[text.index("PHỤ LỤC"):]
        assert OPEN_POLL in annex and NAMES["deputy"] in annex
        assert SECRET_POLL not in annex and CLOSED_POLL not in annex
        body = text[:text.index("PHỤ LỤC")]
        # In the body no one's name stands next to a choice.
        for name in (NAMES["chair"], NAMES["deputy"]):
            for choice in ("Tán thành", "Không tán thành", "Tín nhiệm thấp", "Tín nhiệm cao"):
                assert f"{name} {choice}" not in body


async def test_guests_read_the_public_part_only(client, world, recorded) -> None:  # type: ignore[no-untyped-def]
    text = _flat(poppler.pdftotext(await _minutes(client, world, recorded.id, who="guest")))
    assert "Tờ trình về kế hoạch đầu tư công năm 2027" in text
    assert "Công tác nhân sự" not in text and CLOSED_POLL not in text and "Thảo luận kín" not in text
    notes = (await client.get(f"/api/v1/meetings/{recorded.id}/minutes", headers=world.headers("guest"))).json()
    assert [n["agenda_item_id"] for n in notes["notes"]] == [recorded.items["plan"]]


async def test_the_docx_holds_the_same_facts(client, world, recorded) -> None:  # type: ignore[no-untyped-def]
    content = await _minutes(client, world, recorded.id, "docx")
    text = _flat(_docx_text(content))
    for fact in _facts(recorded):
        fact = _flat(fact).replace("Tán thành 3", "Tán thành | 2").replace("Không tán thành 1", "Không tán thành | 1")
        assert fact in text, fact
    document = docx.Document(io.BytesIO(content))
    header_xml = document.sections[0].header._element.xml
    assert "DỰ THẢO" in header_xml and "PAGE" in header_xml
    assert "DỰ THẢO" in document.sections[0].first_page_header._element.xml
    assert any('w:tblHeader w:val="true"' in table._tbl.xml for table in document.tables)


async def test_finalize_freezes_the_minutes_as_a_document_of_kind_minutes(client, world, recorded) -> None:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    final = await client.post(f"/api/v1/meetings/{recorded.id}/minutes/finalize", headers=secretary)
    assert final.status_code == 200, final.text
    assert final.json()["state"] == "final" and final.json()["document_id"]
    again = await client.post(f"/api/v1/meetings/{recorded.id}/minutes/finalize", headers=secretary)
    assert again.status_code == 409 and again.json()["error"]["code"] == "minutes_final"
    edit = await client.put(f"/api/v1/meetings/{recorded.id}/minutes/notes/{recorded.items['plan']}",
                            json={"text": "Sửa sau khi hoàn thành"}, headers=secretary)
    assert edit.status_code == 409 and edit.json()["error"]["code"] == "minutes_final"

    documents = (await client.get(f"/api/v1/meetings/{recorded.id}/documents", headers=secretary)).json()["items"]
    [minutes_document] = [d for d in documents if d["kind"] == "minutes"]
    assert minutes_document["id"] == final.json()["document_id"]
    assert minutes_document["confidential"] is True  # it covers a closed item
    stored = await client.get(f"/api/v1/documents/{minutes_document['id']}/file", headers=secretary)
    served = await _minutes(client, world, recorded.id)
    assert stored.content == served
    text = poppler.pdftotext(served)
    assert "DỰ THẢO" not in text and SUMMARY in _flat(text)
    assert "DỰ THẢO" not in _docx_text(await _minutes(client, world, recorded.id, "docx"))
    guest_copy = poppler.pdftotext(await _minutes(client, world, recorded.id, who="guest"))
    assert "DỰ THẢO" not in guest_copy and "Công tác nhân sự" not in guest_copy


async def test_finalize_needs_a_closed_meeting_and_the_secretariat(app, client, world, respondents) -> None:  # type: ignore[no-untyped-def]
    await name_people(app, world)
    scene = await record_meeting(client, world, app.state.voting.settle, close=False)
    refused = await client.post(f"/api/v1/meetings/{scene.id}/minutes/finalize", headers=world.headers("secretary"))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "meeting_not_closed"
    assert "Kỳ họp chưa bế mạc" in poppler.pdftotext(await _minutes(client, world, scene.id))
    await client.post(f"/api/v1/meetings/{scene.id}/close", headers=world.headers("chair"))
    for who, status in (("chair", 403), ("deputy", 403), ("guest", 403), ("outsider", 404)):
        answer = await client.post(f"/api/v1/meetings/{scene.id}/minutes/finalize", headers=world.headers(who))
        assert answer.status_code == status, (who, answer.text)
    minutes = (await client.get(f"/api/v1/meetings/{scene.id}/minutes", headers=world.headers("deputy"))).json()
    assert minutes["state"] == "draft" and minutes["version"] == 2


async def test_notes_are_the_secretariats_and_belong_to_the_meeting(client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Khai mạc")
    other = await add_item((await new_meeting())["id"], "Mục của kỳ họp khác")
    await client.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=world.headers("secretary"))
    url = f"/api/v1/meetings/{meeting['id']}/minutes/notes"
    for who, status in (("deputy", 403), ("chair", 403), ("guest", 403), ("outsider", 404)):
        answer = await client.put(f"{url}/{item['id']}", json={"text": "x"}, headers=world.headers(who))
        assert answer.status_code == status, (who, answer.text)
    wrong = await client.put(f"{url}/{other['id']}", json={"text": "x"}, headers=world.headers("secretary"))
    assert wrong.status_code == 404
    bad = await client.put(f"{url}/{item['id']}", json={"text": 5}, headers=world.headers("secretary"))
    assert bad.status_code == 422
    saved = await client.put(f"{url}/{item['id']}", json={"text": "Khai mạc lúc 8 giờ."},
                             headers=world.headers("secretary"))
    assert saved.status_code == 200 and saved.json()["version"] == 1
    same = await client.put(f"{url}/{item['id']}", json={"text": "Khai mạc lúc 8 giờ."},
                            headers=world.headers("secretary"))
    assert same.json()["version"] == 1, "saving the same text again changes nothing"
    assert same.json()["notes"][0]["text"] == "Khai mạc lúc 8 giờ."


async def test_control_characters_in_what_was_typed_do_not_break_the_docx(client, world, new_meeting) -> None:  # type: ignore[no-untyped-def]
    """XML cannot hold most C0 controls; the API keeps them, the minutes drop them (was a 500)."""
    meeting = await new_meeting(title="Kỳ họp\u000b thứ\u0001 mười bốn", location="Hội\u001f trường")
    text = _docx_text(await _minutes(client, world, meeting["id"], "docx"))
    assert "KỲ HỌP THỨ MƯỜI BỐN" in text.upper() and "\u000b" not in text
