"""Read grants: Range reads after the first skip the database for KYHOP_READ_GRANT_TTL_S seconds;
a revoked device or a document made confidential takes effect once that time has passed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import update

from app.config import load_settings
from app.kit.time import utcnow
from app.models import AuthToken
from tests.contract import assert_error

TTL_S = 0.5


@pytest.fixture
def settings(database_url, tmp_path):  # type: ignore[no-untyped-def]
    return load_settings(_env_file=None, database_url=database_url, data_dir=tmp_path / "data",
                         log_level="WARNING", read_grant_ttl_s=TTL_S)


async def test_a_revoked_device_reads_until_its_grant_expires(client, world, meeting, upload, vietnamese_pdf, app) -> None:  # type: ignore[no-untyped-def]
    created = await meeting()
    document = (await upload(created["id"], vietnamese_pdf)).json()
    url = f"/api/v1/documents/{document['id']}/file"
    first = await client.get(url, headers={**world.headers("deputy"), "Range": "bytes=0-99"})
    assert first.status_code == 206 and len(first.content) == 100
    async with app.state.db.unit_of_work() as uow:
        await uow.session.execute(update(AuthToken).where(AuthToken.user_id == world.users["deputy"])
                                  .values(revoked_at=utcnow()))
    # Within the grant's lifetime the same bytes are served from memory, the same answer.
    again = await client.get(url, headers={**world.headers("deputy"), "Range": "bytes=0-99"})
    assert (again.status_code, again.content, again.headers["etag"]) == (206, first.content, first.headers["etag"])
    await asyncio.sleep(TTL_S + 0.1)
    assert_error(await client.get(url, headers={**world.headers("deputy"), "Range": "bytes=0-99"}), 401)


async def test_a_grant_is_per_token_and_follows_confidentiality(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    created = await meeting()
    document = (await upload(created["id"], vietnamese_pdf)).json()
    url = f"/api/v1/documents/{document['id']}/file"
    assert (await client.get(url, headers=world.headers("guest"))).status_code == 200
    # Another caller never rides on the guest's grant.
    assert_error(await client.get(url, headers=world.headers("outsider")), 404)
    assert_error(await client.get(url), 401)
    patched = await client.patch(f"/api/v1/documents/{document['id']}", json={"confidential": True},
                                 headers=world.headers("secretary"))
    assert patched.status_code == 200
    await asyncio.sleep(TTL_S + 0.1)
    assert_error(await client.get(url, headers=world.headers("guest")), 404)
    # The deputy now gets a watermarked copy (a different ETag), the guest nothing.
    stamped = await client.get(url, headers=world.headers("deputy"))
    assert stamped.status_code == 200 and "-u" in stamped.headers["etag"]


async def test_signed_links_read_without_a_token(client, world, meeting, upload, vietnamese_pdf, app) -> None:  # type: ignore[no-untyped-def]
    created = await meeting()
    document = (await upload(created["id"], vietnamese_pdf)).json()
    answer = await client.get(f"/api/v1/documents/{document['id']}/link", headers=world.headers("guest"))
    assert answer.status_code == 200, answer.text
    url = answer.json()["url"]
    assert url.startswith("/files/blobs/") and "token" not in url
    read = await client.get(url, headers={"Range": "bytes=0-1023"})
    assert read.status_code == 206 and read.content == vietnamese_pdf[:1024]
    assert (await client.get(url)).content == vietnamese_pdf

    path, query = url.split("?")
    tampered = path + "?" + query[:-2] + ("AA" if not query.endswith("AA") else "BB")
    assert_error(await client.get(tampered), 403, "file_link_invalid")
    assert_error(await client.get(path.replace("blobs", "watermarked") + "?" + query), 403, "file_link_invalid")
    links = app.state.documents.links
    old_url, _ = links.link(links.root / path.removeprefix("/files/"), now=0)
    assert_error(await client.get(old_url), 403, "file_link_expired")
    # A link signed for something outside the data directory is refused even with a good signature.
    from app.documents.links import signature
    (links.root.parent / "outside.txt").write_text("không được đọc")
    (links.root / "kyhop.sqlite3").write_text("không được đọc")
    for forged in ("../outside.txt", "blobs/../../outside.txt", "kyhop.sqlite3", "secrets/file-links.key"):
        sig = signature("/files/" + forged, 9999999999, links.secret)
        escaped = forged.replace("..", "%2E%2E")  # as a client would send it past URL normalisation
        assert_error(await client.get(f"/files/{escaped}?e=9999999999&s={sig}"), 403, "file_link_invalid")
    assert_error(await client.get(f"/api/v1/documents/{document['id']}/link", headers=world.headers("outsider")), 404)


async def test_a_confidential_documents_link_is_the_readers_stamped_copy(client, world, meeting, upload, vietnamese_pdf) -> None:  # type: ignore[no-untyped-def]
    created = await meeting()
    document = (await upload(created["id"], vietnamese_pdf, confidential=True)).json()
    assert_error(await client.get(f"/api/v1/documents/{document['id']}/link", headers=world.headers("guest")), 404)
    url = (await client.get(f"/api/v1/documents/{document['id']}/link", headers=world.headers("deputy"))).json()["url"]
    assert url.startswith("/files/watermarked/")
    stamped = (await client.get(url)).content
    assert stamped.startswith(b"%PDF") and stamped != vietnamese_pdf
