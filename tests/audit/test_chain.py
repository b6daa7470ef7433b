"""The hash chain as pure functions, and `kyhop audit verify` on a real database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update

from app.audit.chain import GENESIS, find_break, row_hash
from app.audit.service import Actor, record, verify
from app.models import AuditEntry
from tests.cli_helpers import run_kyhop


@dataclass(frozen=True)
class Row:
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    target_type: str
    target_id: str
    council_id: int | None
    address: str
    details: str
    prev_hash: str
    hash: str


def _chain(length: int) -> list[Row]:
    rows: list[Row] = []
    prev = GENESIS
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for number in range(1, length + 1):
        fields = dict(at=start + timedelta(seconds=number), actor_id=number, actor_name="thư ký",
                      action="member.add", target_type="membership", target_id=str(number),
                      council_id=1, address="10.0.0.1", details='{"vai_trò": "đại biểu"}')
        digest = row_hash(prev_hash=prev, **fields)
        rows.append(Row(id=number, prev_hash=prev, hash=digest, **fields))
        prev = digest
    return rows


def test_intact_chain_has_no_break() -> None:
    assert find_break(_chain(5)) is None


def test_edited_row_is_found() -> None:
    rows = _chain(5)
    rows[2] = replace(rows[2], actor_name="người khác")
    broken = find_break(rows)
    assert broken is not None and broken.row_id == 3 and broken.reason == "edited"


def test_removed_row_is_found() -> None:
    rows = _chain(5)
    del rows[1]
    broken = find_break(rows)
    assert broken is not None and broken.row_id == 3 and broken.reason == "removed_before"


def test_rehashed_edit_is_still_found_by_the_next_row() -> None:
    rows = _chain(4)
    edited = replace(rows[1], details="{}")
    rows[1] = replace(edited, hash=row_hash(**{k: getattr(edited, k) for k in (
        "prev_hash", "at", "actor_id", "actor_name", "action", "target_type", "target_id",
        "council_id", "address", "details")}))
    broken = find_break(rows)
    assert broken is not None and broken.row_id == 3


async def _write_entries(app, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    async with app.state.db.unit_of_work() as uow:
        for number in range(count):
            entry = await record(uow.session, actor=Actor(7, "thuky", "10.1.1.1"),
                                 action="member.add", target_type="membership",
                                 target_id=number, council_id=1, details={"họ_tên": "Đỗ Văn Ánh"})
            ids.append(entry.id)
    return ids


async def test_service_chain_verifies(app) -> None:  # type: ignore[no-untyped-def]
    await _write_entries(app, 7)
    async with app.state.db.unit_of_work(write=False) as uow:
        checked, broken = await verify(uow.session, batch=3)
    assert (checked, broken) == (7, None)


async def test_cli_detects_edited_and_deleted_rows(app, settings) -> None:  # type: ignore[no-untyped-def]
    ids = await _write_entries(app, 6)
    env = {"KYHOP_DATABASE_URL": settings.effective_database_url}

    intact = run_kyhop(["audit", "verify"], env=env)
    assert intact.returncode == 0, intact.stderr
    assert "6 rows" in intact.stdout

    async with app.state.db.unit_of_work() as uow:
        await uow.session.execute(
            update(AuditEntry).where(AuditEntry.id == ids[4]).values(actor_name="kẻ gian"))
    edited = run_kyhop(["audit", "verify"], env=env)
    assert edited.returncode == 1
    assert f"row {ids[4]}" in edited.stderr and "edited" in edited.stderr

    async with app.state.db.unit_of_work() as uow:
        await uow.session.execute(delete(AuditEntry).where(AuditEntry.id == ids[2]))
    deleted = run_kyhop(["audit", "verify"], env=env)
    assert deleted.returncode == 1
    assert f"row {ids[3]}" in deleted.stderr and "removed" in deleted.stderr

    async with app.state.db.unit_of_work(write=False) as uow:
        remaining = list(await uow.session.scalars(select(AuditEntry.id)))
    assert len(remaining) == 5
