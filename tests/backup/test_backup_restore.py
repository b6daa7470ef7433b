"""`kyhop backup` while a vote is open and 300 ballots arrive, `kyhop restore` into a fresh
database and data directory, and everything acknowledged before the backup began comes back:
ballots, documents, audit rows, the chain intact. Also what a restore refuses, and the audit head
anchor that makes a truncated chain visible."""

from __future__ import annotations

import asyncio
import json
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.config import load_settings
from app.db import Database
from app.kit.pdfgen import text_pdf
from app.models import AuditEntry, DocumentVersion, Poll, PollOption, PollVoter
from tests.cli_helpers import run_kyhop
from tests.conftest import pg_admin
from tests.voting.conftest import add_deputies, bearer, hall, new_poll  # noqa: F401 - fixtures

BALLOTS = 300


@pytest.fixture
def fresh_target(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new, empty database of the same kind and a new data directory, for the restore."""
    if database_url.startswith("sqlite"):
        yield f"sqlite+aiosqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-data"
        return
    name = f"kyhop_restore_{uuid.uuid4().hex[:12]}"
    pg_admin(f'CREATE DATABASE "{name}"')
    try:
        yield database_url.rsplit("/", 1)[0] + f"/{name}", tmp_path / "restored-data"
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def kyhop_as(url: str, data_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_kyhop(list(args), env={"KYHOP_DATABASE_URL": url, "KYHOP_DATA_DIR": str(data_dir)},
                     timeout=300)


async def counts(url: str, data_dir: Path) -> dict[str, object]:
    db = Database(load_settings(_env_file=None, database_url=url, data_dir=data_dir))
    try:
        async with db.unit_of_work(write=False) as uow:
            session = uow.session
            return {
                "voters": set(await session.scalars(select(PollVoter.user_id))),
                # a secret poll keeps counts per option (never who chose what) and a total
                "counted": await session.scalar(select(func.sum(PollOption.votes))),
                "voted": await session.scalar(select(func.sum(Poll.voted))),
                "documents": set(await session.scalars(select(DocumentVersion.sha256))),
                "audit": list(await session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id))),
            }
    finally:
        await db.dispose()


async def test_backup_during_a_ballot_burst_restores_everything_acknowledged(  # type: ignore[no-untyped-def]
        client, world, hall, new_poll, app, settings, database_url, fresh_target, tmp_path) -> None:
    secretary = world.headers("secretary")
    uploaded = await client.post(
        f"/api/v1/meetings/{hall.meeting_id}/documents", headers=secretary, data={"kind": "proposal"},
        files={"file": ("to-trinh.pdf", text_pdf("Tờ trình về ngân sách", ["Nội dung."]), "application/pdf")})
    assert uploaded.status_code == 201, uploaded.text
    people = await add_deputies(app, world.council_a, hall.meeting_id, BALLOTS)
    poll = await new_poll(secret=True)
    url = f"/api/v1/polls/{poll['id']}"
    assert (await client.post(f"{url}/open", headers=world.headers("chair"))).status_code == 200
    acknowledged: list[int] = []
    before_backup: set[int] = set()
    started = asyncio.Event()

    async def vote(index: int, user_id: int, token: str) -> None:
        response = await client.post(f"{url}/ballots", json={"option_ids": [poll["options"][index % 3]["id"]]},
                                     headers={**bearer(token), "Idempotency-Key": f"b-{index}"})
        assert response.status_code == 201, response.text
        acknowledged.append(user_id)
        if len(acknowledged) == BALLOTS // 3:
            before_backup.update(acknowledged)
            started.set()

    async def back_up():  # type: ignore[no-untyped-def]
        await started.wait()
        return await asyncio.to_thread(kyhop_as, settings.effective_database_url, settings.data_dir,
                                       "backup", str(tmp_path / "backup"))

    burst = asyncio.gather(*(vote(i, user_id, token) for i, (user_id, token) in enumerate(people)))
    made, _ = await asyncio.gather(back_up(), burst)
    assert made.returncode == 0, made.stdout + made.stderr
    assert len(acknowledged) == BALLOTS

    target_url, target_dir = fresh_target
    restored = kyhop_as(target_url, target_dir, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    back = await counts(target_url, target_dir)
    assert before_backup <= back["voters"] <= set(acknowledged), "every ballot acknowledged before the backup"
    assert back["counted"] == back["voted"] == len(back["voters"]), "a consistent snapshot"
    assert uploaded.json()["sha256"] in back["documents"]
    for sha in back["documents"]:
        assert (target_dir / "blobs" / sha[:2] / sha[2:]).is_file()
    live = await counts(settings.effective_database_url, settings.data_dir)
    assert back["audit"] == live["audit"][:len(back["audit"])], "the audit rows up to the backup, unchanged"
    assert (target_dir / "secrets" / "file-links.key").read_text() == \
        (settings.data_dir / "secrets" / "file-links.key").read_text()
    verified = kyhop_as(target_url, target_dir, "audit", "verify", "--head",
                        str(target_dir / "audit" / "head.json"))
    assert verified.returncode == 0, verified.stderr


@pytest.fixture
async def a_backup(client, world, new_meeting, settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    meeting = await new_meeting()
    await client.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=world.headers("secretary"))
    done = await client.post(
        f"/api/v1/meetings/{meeting['id']}/documents", headers=world.headers("secretary"),
        files={"file": ("bc.pdf", text_pdf("Báo cáo", ["Nội dung."]), "application/pdf")})
    assert done.status_code == 201
    made = kyhop_as(settings.effective_database_url, settings.data_dir, "backup", str(tmp_path / "b"))
    assert made.returncode == 0, made.stderr
    return tmp_path / "b"


async def test_restore_refuses_a_newer_schema(a_backup, fresh_target) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((a_backup / "manifest.json").read_text())
    manifest["schema_revision"] = "ffffffffffff"
    (a_backup / "manifest.json").write_text(json.dumps(manifest))
    refused = kyhop_as(*fresh_target, "restore", str(a_backup))
    assert refused.returncode == 1 and "newer than this version" in refused.stderr
    assert not fresh_target[1].exists(), "nothing written"


async def test_restore_refuses_a_damaged_blob(a_backup, fresh_target) -> None:  # type: ignore[no-untyped-def]
    blob = next((a_backup / "data" / "blobs").rglob("*"))
    while blob.is_dir():
        blob = next(blob.iterdir())
    blob.write_bytes(blob.read_bytes() + b"x")
    refused = kyhop_as(*fresh_target, "restore", str(a_backup))
    assert refused.returncode == 1 and "missing or damaged" in refused.stderr


async def test_restore_refuses_a_database_or_data_directory_in_use(a_backup, settings) -> None:  # type: ignore[no-untyped-def]
    refused = kyhop_as(settings.effective_database_url, settings.data_dir, "restore", str(a_backup))
    assert refused.returncode == 1
    assert "restore into a new" in refused.stderr


async def test_backup_refuses_a_folder_in_use(a_backup, settings) -> None:  # type: ignore[no-untyped-def]
    again = kyhop_as(settings.effective_database_url, settings.data_dir, "backup", str(a_backup))
    assert again.returncode == 1 and "not empty" in again.stderr


async def test_the_head_anchor_shows_a_truncated_chain(client, world, new_meeting, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for number in range(3):
        await new_meeting(title=f"Kỳ họp {number}")
    env = (settings.effective_database_url, settings.data_dir)
    assert kyhop_as(*env, "audit", "anchor").returncode == 0
    head = settings.data_dir / "audit" / "head.json"
    kept = tmp_path / "head-copy.json"
    shutil.copyfile(head, kept)
    assert kyhop_as(*env, "audit", "verify", "--head", str(kept)).returncode == 0
    db = Database(settings)
    try:
        async with db.unit_of_work() as uow:
            newest = await uow.session.scalar(select(func.max(AuditEntry.id)))
            await uow.session.execute(text(f"DELETE FROM audit_log WHERE id >= {newest - 1}"))
    finally:
        await db.dispose()
    plain = kyhop_as(*env, "audit", "verify")
    assert plain.returncode == 0, "the chain alone cannot see a cut-off end (the known gap)"
    anchored = kyhop_as(*env, "audit", "verify", "--head", str(kept))
    assert anchored.returncode == 1 and "truncated" in anchored.stderr
    forged = json.loads(kept.read_text())
    forged["id"] = newest - 2
    kept.write_text(json.dumps(forged))
    assert "not signed" in kyhop_as(*env, "audit", "verify", "--head", str(kept)).stderr
