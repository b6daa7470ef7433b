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
