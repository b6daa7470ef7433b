"""Documents over HTTP: upload, versions, serving with Range and ETag, confidentiality."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from app.models import Document, DocumentVersion, MeetingEvent
from tests.documents.test_pdf import KNOWN_DAMAGED
from tests.shared_data import shared_path


def stored_files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = settings.data_dir
    return [p for sub in ("blobs", "tmp") if (root / sub).exists()
            for p in (root / sub).rglob("*") if p.is_file()]


async def count(app, model) -> int:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return await uow.session.scalar(select(func.count()).select_from(model))


async def test_upload_and_read_back(client, world, meeting, upload, vietnamese_pdf, app) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    item = await client.post(f"/api/v1/meetings/{m['id']}/agenda", json={"title": "Tờ trình"},
                             headers=world.headers("secretary"))
    response = await upload(m["id"], vietnamese_pdf, title="Tờ trình số 12/TTr-UBND",
                            kind="proposal", agenda_item_id=item.json()["id"])
    assert response.status_code == 201, response.text
    doc = response.json()
    assert {k: doc[k] for k in ("title", "kind", "version", "pages", "size", "sha256",
                                "confidential", "agenda_item_id")} == {
        "title": "Tờ trình số 12/TTr-UBND", "kind": "proposal", "version": 1, "pages": 3,
        "size": len(vietnamese_pdf), "sha256": hashlib.sha256(vietnamese_pdf).hexdigest(),
        "confidential": False, "agenda_item_id": item.json()["id"]}
    assert doc["status"] == "ready"

    listed = await client.get(f"/api/v1/meetings/{m['id']}/documents", headers=world.headers("deputy"))
    assert [d["id"] for d in listed.json()["items"]] == [doc["id"]]
    detail = (await client.get(f"/api/v1/documents/{doc['id']}", headers=world.headers("deputy"))).json()
    assert [v["version"] for v in detail["versions"]] == [1]
    assert [o["title"] for o in detail["outline"]][:1] == ["Phần I. Sự cần thiết"]

    file = await client.get(f"/api/v1/documents/{doc['id']}/file", headers=world.headers("deputy"))
    assert file.status_code == 200 and file.content == vietnamese_pdf
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["etag"] == f'"{doc["sha256"]}"'
    assert file.headers["accept-ranges"] == "bytes"
    assert "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf" in file.headers["content-disposition"]
    assert file.headers["content-disposition"].startswith("inline;")
    assert "no-cache" in file.headers["cache-control"]
    pinned = await client.get(f"/api/v1/documents/{doc['id']}/file?version=1",
                              headers=world.headers("deputy"))
    assert "immutable" in pinned.headers["cache-control"]
    async with app.state.db.unit_of_work(write=False) as uow:
        events = list(await uow.session.scalars(select(MeetingEvent.type).where(
            MeetingEvent.meeting_id == m["id"]).order_by(MeetingEvent.seq)))
    assert events[-1] == "document.added"


async def test_ranges_etag_and_head(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    doc = (await upload(m["id"], vietnamese_pdf)).json()
    url = f"/api/v1/documents/{doc['id']}/file"
    auth = world.headers("deputy")
    size = len(vietnamese_pdf)

    first = await client.get(url, headers={**auth, "Range": "bytes=0-99"})
    assert first.status_code == 206 and first.content == vietnamese_pdf[:100]
    assert first.headers["content-range"] == f"bytes 0-99/{size}"
    last = await client.get(url, headers={**auth, "Range": "bytes=-200"})
    assert last.status_code == 206 and last.content == vietnamese_pdf[-200:]
    middle = await client.get(url, headers={**auth, "Range": "bytes=1000-1999"})
    assert middle.content == vietnamese_pdf[1000:2000]
    several = await client.get(url, headers={**auth, "Range": "bytes=0-9, 500-509, 3000-3009"})
    assert several.status_code == 206
    assert several.headers["content-type"].startswith("multipart/byteranges")
    for start in (0, 500, 3000):
        assert vietnamese_pdf[start:start + 10] in several.content
        assert f"bytes {start}-{start + 9}/{size}".encode() in several.content
    unsatisfiable = await client.get(url, headers={**auth, "Range": f"bytes={size + 10}-"})
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-range"] == f"bytes */{size}"

    etag = first.headers["etag"]
    cached = await client.get(url, headers={**auth, "If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert (await client.get(url, headers={**auth, "If-None-Match": '"other"'})).status_code == 200
    head = await client.head(url, headers=auth)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(size)


async def test_new_version_keeps_old_ones_and_notes(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    from app.kit.pdfgen import text_pdf

    m = await meeting()
    doc = (await upload(m["id"], vietnamese_pdf)).json()
    notes = {"items": [{"page": 2, "text": "Hỏi lại về đất đai", "rect": [10, 20, 100, 30]}]}
    put = await client.put(f"/api/v1/documents/{doc['id']}/annotations", json=notes,
                           headers=world.headers("deputy"))
    assert put.status_code == 200 and put.json() == notes
    revised = text_pdf("Tờ trình (bản sửa đổi)", ["Phần I\nNội dung đã chỉnh sửa."])
    response = await client.post(f"/api/v1/documents/{doc['id']}/versions",
                                 files={"file": ("Tờ trình sửa.pdf", revised, "application/pdf")},
                                 headers=world.headers("secretary"))
    assert response.status_code == 201, response.text
    assert response.json()["version"] == 2 and response.json()["pages"] == 1
    url = f"/api/v1/documents/{doc['id']}/file"
    auth = world.headers("deputy")
    assert (await client.get(url, headers=auth)).content == revised
    assert (await client.get(f"{url}?version=1", headers=auth)).content == vietnamese_pdf
    assert (await client.get(f"{url}?version=3", headers=auth)).status_code == 404
    detail = (await client.get(f"/api/v1/documents/{doc['id']}", headers=auth)).json()
    assert [v["version"] for v in detail["versions"]] == [1, 2] and detail["version"] == 2
    kept = await client.get(f"/api/v1/documents/{doc['id']}/annotations", headers=auth)
    assert kept.json() == notes
    other = await client.get(f"/api/v1/documents/{doc['id']}/annotations", headers=world.headers("chair"))
    assert other.json() == {"items": []}
    assert (await client.post(f"/api/v1/documents/{doc['id']}/versions",
                              files={"file": ("x.pdf", revised, "application/pdf")},
                              headers=world.headers("deputy"))).status_code == 403


async def test_who_may_upload(client, world, meeting, upload, vietnamese_pdf, new_meeting) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    assert (await upload(m["id"], vietnamese_pdf, who="anonymous")).status_code == 401
    assert (await upload(m["id"], vietnamese_pdf, who="deputy")).status_code == 403
    assert (await upload(m["id"], vietnamese_pdf, who="chair")).status_code == 403
    assert (await upload(m["id"], vietnamese_pdf, who="other_secretary")).status_code == 404
    assert (await upload(m["id"], vietnamese_pdf, who="admin")).status_code == 201


async def test_bad_fields_leave_nothing(client, world, meeting, upload, vietnamese_pdf, app, settings) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    bad_kind = await upload(m["id"], vietnamese_pdf, kind="bí mật")
    assert bad_kind.status_code == 422
    other = await meeting()
    item = await client.post(f"/api/v1/meetings/{other['id']}/agenda", json={"title": "Khác"},
                             headers=world.headers("secretary"))
    foreign_item = await upload(m["id"], vietnamese_pdf, agenda_item_id=item.json()["id"])
    assert foreign_item.status_code == 422
    assert foreign_item.json()["error"]["code"] == "unknown_agenda_item"
    no_file = await client.post(f"/api/v1/meetings/{m['id']}/documents", data={"title": "x"},
                                files={"other": ("a.txt", b"x")}, headers=world.headers("secretary"))
    assert no_file.status_code == 422
    json_body = await client.post(f"/api/v1/meetings/{m['id']}/documents", json={"title": "x"},
                                  headers=world.headers("secretary"))
    assert json_body.status_code == 415
    assert await count(app, Document) == 0 and await count(app, DocumentVersion) == 0
    assert stored_files(settings) == []


async def test_idempotent_upload(client, world, meeting, upload, vietnamese_pdf, app) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    key = {"Idempotency-Key": "tai-lieu-01"}
    first = await upload(m["id"], vietnamese_pdf, headers=key)
    again = await upload(m["id"], vietnamese_pdf, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert await count(app, Document) == 1


async def test_same_bytes_twice_are_stored_once(client, world, meeting, upload, vietnamese_pdf, settings) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    one = (await upload(m["id"], vietnamese_pdf, title="Bản 1")).json()
    two = (await upload(m["id"], vietnamese_pdf, title="Bản 2")).json()
    assert one["id"] != two["id"] and one["sha256"] == two["sha256"] and two["pages"] == 3
    assert len([p for p in stored_files(settings) if "blobs" in p.parts]) == 1


async def test_confidential_documents(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    normal = (await upload(m["id"], vietnamese_pdf, title="Công khai")).json()
    secret = (await upload(m["id"], vietnamese_pdf, title="Tài liệu mật", confidential=True)).json()
    assert secret["confidential"] is True

    async def titles(who: str) -> list[str]:
        response = await client.get(f"/api/v1/meetings/{m['id']}/documents", headers=world.headers(who))
        return [d["title"] for d in response.json()["items"]]

    assert await titles("guest") == ["Công khai"]
    assert await titles("deputy") == ["Công khai", "Tài liệu mật"]
    for path in ("", "/file", "/annotations"):
        assert (await client.get(f"/api/v1/documents/{secret['id']}{path}",
                                 headers=world.headers("guest"))).status_code == 404
        assert (await client.get(f"/api/v1/documents/{secret['id']}{path}",
                                 headers=world.headers("other_secretary"))).status_code == 404

    copy = await client.get(f"/api/v1/documents/{secret['id']}/file", headers=world.headers("deputy"))
    assert copy.status_code == 200 and copy.content != vietnamese_pdf
    pages = PdfReader(io.BytesIO(copy.content)).pages
    assert len(pages) == 3
    for page in pages:
        text = page.extract_text()
        assert "TÀI LIỆU MẬT" in text and "Người deputy" in text
    again = await client.get(f"/api/v1/documents/{secret['id']}/file",
                             headers={**world.headers("deputy"), "Range": "bytes=0-99"})
    assert again.content == copy.content[:100], "a reader's copy must stay the same between requests"
    chair_copy = await client.get(f"/api/v1/documents/{secret['id']}/file", headers=world.headers("chair"))
    assert "Người chair" in PdfReader(io.BytesIO(chair_copy.content)).pages[0].extract_text()

    plain = await client.get(f"/api/v1/documents/{normal['id']}/file", headers=world.headers("guest"))
    assert plain.content == vietnamese_pdf
    for page in PdfReader(io.BytesIO(plain.content)).pages:
        assert "TÀI LIỆU MẬT" not in page.extract_text()


async def test_package_lists_what_the_reader_may_fetch(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    m = await meeting()
    await upload(m["id"], vietnamese_pdf, title="Công khai")
    await upload(m["id"], vietnamese_pdf, title="Mật", confidential=True)
    guest = (await client.get(f"/api/v1/meetings/{m['id']}/package", headers=world.headers("guest"))).json()
    assert [e["title"] for e in guest["items"]] == ["Công khai"]
    deputy = (await client.get(f"/api/v1/meetings/{m['id']}/package", headers=world.headers("deputy"))).json()
    assert len(deputy["items"]) == 2
    assert deputy["total_size"] == sum(e["size"] for e in deputy["items"])
    for entry in deputy["items"]:
        body = (await client.get(entry["url"], headers=world.headers("deputy"))).content
        assert hashlib.sha256(body).hexdigest() == entry["sha256"] and len(body) == entry["size"]
        assert entry["version"] == 1


async def test_big_files_are_processed_after_the_answer(client, world, meeting, upload, vietnamese_pdf, app) -> None:  # type: ignore[no-untyped-def]
    app.state.documents.limits = type(app.state.documents.limits)(
        inline_bytes=0, timeout_s=60, memory_mb=1024)
    m = await meeting()
    response = await upload(m["id"], vietnamese_pdf)
    assert response.status_code == 201
    assert response.json()["status"] == "processing" and response.json()["pages"] == 3
    readable = await client.get(response.json()["url"], headers=world.headers("deputy"))
    assert readable.status_code == 200, "viewable before its text is extracted"
    await app.state.documents.extractor.drain()
    detail = (await client.get(f"/api/v1/documents/{response.json()['id']}",
                               headers=world.headers("deputy"))).json()
    assert detail["status"] == "ready" and detail["pages_done"] == 3
    found = await client.get("/api/v1/search", params={"q": "dat dai"}, headers=world.headers("deputy"))
    assert [h["page"] for h in found.json()["items"] if h["kind"] == "document"] == [1]
    async with app.state.db.unit_of_work(write=False) as uow:
        types = list(await uow.session.scalars(select(MeetingEvent.type).where(
            MeetingEvent.meeting_id == m["id"]).order_by(MeetingEvent.seq)))
    assert types[-2:] == ["document.added", "document.updated"]


async def test_real_world_pdfs(client, world, meeting, upload) -> None:  # type: ignore[no-untyped-def]
    import json

    folder = shared_path("corpus", "pdf-samples")
    expected = {Path(e["path"]).name: e for e in json.loads((folder / "files.json").read_text())["data"]}
    m = await meeting()
    checked = 0
    for name, entry in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            continue
        response = await upload(m["id"], path.read_bytes(), filename=name, title=name)
        if entry["encrypted"]:
            assert response.status_code == 422, name
            assert response.json()["error"]["code"] == "pdf_encrypted"
            assert "mật khẩu" in response.json()["error"]["message"]
        elif name in KNOWN_DAMAGED:
            assert response.status_code == 422, name
            assert response.json()["error"]["code"] == "pdf_damaged"
        else:
            assert response.status_code == 201, (name, response.text)
            assert response.json()["pages"] == entry["pages"], name
        checked += 1
    assert checked >= 30
