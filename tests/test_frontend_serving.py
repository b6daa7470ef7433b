"""The web app's files: deep links fall back to the page, hashed assets are cached for good,
text files are sent gzip-compressed to clients that accept it, HEAD works."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from app.web.errors import install_error_handlers
from app.web.frontend import mount_frontend

SCRIPT = "console.log('Kỳ Họp');\n" * 200


@pytest.fixture
async def web(tmp_path):  # type: ignore[no-untyped-def]
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Kỳ Họp</title>" + " " * 2000)
    (dist / "assets" / "index-abc123.js").write_text(SCRIPT)
    (dist / "assets" / "logo-1.png").write_bytes(b"\x89PNG" + bytes(3000))
    (dist / "sw.js").write_text(SCRIPT)
    (tmp_path / "secret.txt").write_text("không được đọc")
    app = FastAPI()
    install_error_handlers(app)
    mount_frontend(app, dist)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


async def test_assets_are_compressed_and_cached_for_good(web) -> None:  # type: ignore[no-untyped-def]
    answer = await web.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "gzip"
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.text == SCRIPT  # httpx decompresses
    assert int(answer.headers["content-length"]) < len(SCRIPT.encode()) / 5
    again = await web.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip",
                                                              "If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304
    plain = await web.get("/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == SCRIPT
    image = await web.get("/assets/logo-1.png", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in image.headers  # already compressed formats are sent as they are
    head = await web.head("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == answer.headers["content-length"]


async def test_pages_and_deep_links(web) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/meetings/5", "/display/5", "/meetings/1/documents/9"):
        page = await web.get(path, headers={"Accept-Encoding": "gzip"})
        assert page.status_code == 200 and "<title>Kỳ Họp</title>" in page.text, path
        assert page.headers["cache-control"] == "no-cache"
    assert (await web.get("/sw.js")).headers["cache-control"] == "no-cache"
    missing_api = await web.get("/api/v1/nothing-here")
    assert missing_api.status_code == 404 and missing_api.json()["error"]["code"] == "not_found"
    outside = await web.get("/%2E%2E/secret.txt")
    assert "không được đọc" not in outside.text
