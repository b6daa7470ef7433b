"""Search: Vietnamese with and without diacritics, right pages, only what the caller may read."""

from __future__ import annotations

from app.kit.pdfgen import text_pdf
from tests.shared_data import shared_path


def sample_pages() -> list[str]:
    text = shared_path("samples", "hdnd-nghe-an-2024.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    # Three pages; page numbers the test can predict.
    return [f"Trang {n}\n" + "\n\n".join(paragraphs[n - 1::3]) for n in (1, 2, 3)]


async def _search(client, world, who: str, q: str, **params):  # type: ignore[no-untyped-def]
    response = await client.get("/api/v1/search", params={"q": q, **params}, headers=world.headers(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _pages_with(pages: list[str], phrase: str) -> list[int]:
    return [n for n, page in enumerate(pages, start=1) if phrase in " ".join(page.split())]


async def test_diacritic_insensitive_search_points_at_the_page(client, world, meeting, upload) -> None:  # type: ignore[no-untyped-def]
    pages = sample_pages()
    m = await meeting()
    doc = (await upload(m["id"], text_pdf("Báo cáo giao ban", pages), title="Báo cáo giao ban")).json()
    for query, phrase in (("dat dai", "đất đai"), ("đất đai", "đất đai"),
                          ("ky hop khong giay", "kỳ họp không giấy"), ("KỲ HỌP KHÔNG GIẤY", "kỳ họp không giấy")):
        hits = [h for h in await _search(client, world, "deputy", query) if h["kind"] == "document"]
        expected_pages = set(_pages_with(pages, phrase))
        assert expected_pages, phrase
        assert {h["page"] for h in hits} >= expected_pages, (query, hits)
        for hit in hits:
            assert hit["document_id"] == doc["id"]
            assert "<mark>" in hit["snippet"]
    hit = next(h for h in await _search(client, world, "deputy", "dat dai") if h["kind"] == "document")
    assert "<mark>đất</mark>" in hit["snippet"].lower() or "<mark>Đất</mark>" in hit["snippet"]


async def test_search_respects_what_each_reader_may_see(client, world, meeting, upload, new_meeting) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    await upload(m["id"], text_pdf("Công khai", ["Mục một\nQuy hoạch đất đai công khai."]),
                 title="Công khai")
    await upload(m["id"], text_pdf("Mật", ["Mục một\nPhương án nhân sự và đất đai mật."]),
                 title="Tài liệu mật", confidential=True)
    draft = await new_meeting(title="Dự thảo chưa công bố")
    await upload(draft["id"], text_pdf("Nháp", ["Mục một\nBản nháp về đất đai."]), title="Nháp")

    def titles(hits):  # type: ignore[no-untyped-def]
        return sorted(h["title"] for h in hits if h["kind"] == "document")

    assert titles(await _search(client, world, "guest", "dat dai")) == ["Công khai"]
    assert titles(await _search(client, world, "deputy", "dat dai")) == ["Công khai", "Tài liệu mật"]
    assert titles(await _search(client, world, "secretary", "dat dai")) == [
        "Công khai", "Nháp", "Tài liệu mật"]
    assert await _search(client, world, "other_secretary", "dat dai") == []
    assert titles(await _search(client, world, "deputy", "dat dai", meeting_id=m["id"])) == [
        "Công khai", "Tài liệu mật"]
    assert (await client.get("/api/v1/search", params={"q": "dat", "meeting_id": draft["id"]},
                             headers=world.headers("deputy"))).status_code == 404


async def test_agenda_titles_are_searched_too(client, world, meeting) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    await client.post(f"/api/v1/meetings/{m['id']}/agenda", json={"title": "Nghị quyết về giá đất"},
                      headers=world.headers("secretary"))
    await client.post(f"/api/v1/meetings/{m['id']}/agenda",
                      json={"title": "Nhân sự (kín)", "public": False}, headers=world.headers("secretary"))
    hits = await _search(client, world, "guest", "gia dat")
    assert [(h["kind"], h["title"]) for h in hits] == [("agenda_item", "1. Nghị quyết về giá đất")]
    assert await _search(client, world, "guest", "nhan su") == []
    assert len(await _search(client, world, "deputy", "nhan su")) == 1


async def test_new_version_replaces_searchable_text(client, world, meeting, upload) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    doc = (await upload(m["id"], text_pdf("Cũ", ["Một\nNội dung về thủy lợi."]))).json()
    await client.post(f"/api/v1/documents/{doc['id']}/versions",
                      files={"file": ("moi.pdf", text_pdf("Mới", ["Một\nNội dung về giáo dục."]),
                                      "application/pdf")}, headers=world.headers("secretary"))
    assert await _search(client, world, "deputy", "thuy loi") == []
    assert len(await _search(client, world, "deputy", "giao duc")) == 1


async def test_odd_queries_are_harmless(client, world, meeting, upload) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    await upload(m["id"], text_pdf("A", ["Một\nVăn bản thường."]))
    for query in ('"', "AND OR NOT", "*", "a\"b OR c", "NEAR(x y)", "'; DROP TABLE documents; --", "%_"):
        response = await client.get("/api/v1/search", params={"q": query}, headers=world.headers("deputy"))
        assert response.status_code == 200, query
    assert (await client.get("/api/v1/search", params={"q": ""},
                             headers=world.headers("deputy"))).status_code == 422
