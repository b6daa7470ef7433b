"""A secret ballot leaves no link between a deputy and a choice anywhere.

The test runs the same secret poll twice on two fresh databases: the same deputies vote in the
same order, but who chose what is permuted between the runs (the totals are equal). Then it reads
EVERY table of each database row by row in storage order, the event log and the audit log
included, and every log line the server wrote. Were anything — a row, its order, an id, a
timestamp, a hash — to depend on who chose what, the two runs would differ. They may differ only
where time or randomness enters (timestamps, token hashes, hash-chain links over timestamps).

A second check looks at what the ballots wrote while the poll was open: only the columns listed
in BALLOT_WRITES may change, and none of them holds both a person and a choice.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from app.config import load_settings
from app.logs import JsonFormatter
from app.main import create_app
from tests.fixtures.world import build_world
from tests.voting.conftest import add_deputies, bearer

VOTERS = 8
CHOICES = [0, 0, 0, 1, 1, 2, 0, 1]  # option positions; the second run permutes them
PERMUTED = [1, 0, 2, 0, 1, 0, 1, 0]
assert sorted(CHOICES) == sorted(PERMUTED) and CHOICES != PERMUTED

# Cells that may differ between the two runs: times and random values only.
TIME_OR_RANDOM = re.compile(
    r"(^|\.)(created_at|updated_at|at|last_used_at|expires_at|checked_in_at|opened_at|closes_at|"
    r"closed_at|starts_at|ts|duration_ms|request_id|token_hash|password_hash|hash|prev_hash)$")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")

# What ballots may write while a secret poll is open, (table, column).
BALLOT_WRITES = {
    ("poll_voters", "poll_id"), ("poll_voters", "user_id"),  # who voted — no choice, no time
    ("poll_options", "votes"),  # the totals — no person
    ("polls", "voted"), ("polls", "announced_voted"),  # how many
    ("idempotent_results", "*"),  # the answer {"accepted": true} per key — no choice
    ("meetings", "last_seq"), ("meeting_events", "*"),  # poll.progress: counts only
}


async def _tables(session) -> list[str]:  # type: ignore[no-untyped-def]
    if session.bind.dialect.name == "sqlite":
        rows = await session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
    else:
        rows = await session.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"))
    return [name for (name,) in rows.all()]


async def dump(app) -> dict[str, list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    """Every row of every table, in the order the database stores them."""
    out: dict[str, list[dict[str, Any]]] = {}
    async with app.state.db.unit_of_work(write=False) as uow:
        for table in await _tables(uow.session):
            result = await uow.session.execute(text(f'SELECT * FROM "{table}"'))
            out[table] = [dict(row._mapping) for row in result.all()]
    return out


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return ISO_TIME.sub("<time>", value)
    if hasattr(value, "isoformat"):
        return "<time>"
    return value


def differences(first: dict[str, list[dict[str, Any]]], second: dict[str, list[dict[str, Any]]]) -> list[str]:
    found = []
    assert first.keys() == second.keys()
    for table in first:
        if len(first[table]) != len(second[table]):
            found.append(f"{table}: {len(first[table])} vs {len(second[table])} rows")
            continue
        for index, (a, b) in enumerate(zip(first[table], second[table], strict=True)):
            for column in a:
                if _normal(a[column]) != _normal(b[column]) and not TIME_OR_RANDOM.search(f"{table}.{column}"):
                    found.append(f"{table}[{index}].{column}: {a[column]!r} vs {b[column]!r}")
    return found


def changed_columns(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str]]:
    changed = set()
    for table, rows in after.items():
        old = before[table]
        if len(rows) != len(old):
            changed |= {(table, column) for row in rows for column in row}
            continue
        for a, b in zip(old, rows, strict=True):
            changed |= {(table, column) for column in b if a[column] != b[column]}
    return changed


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


async def run_secret_poll(database_url: str, data_dir: Path, choices: list[int], monkeypatch) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.voting.runtime.PROGRESS_DELAY_S", 0)
    app = create_app(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir,
                                   log_level="INFO"))
    root = logging.getLogger()
    handler, level = Captured(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        world = await build_world(app)
        transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://kyhop.test") as client:
            secretary, chair = world.headers("secretary"), world.headers("chair")
            meeting = (await client.post(f"/api/v1/councils/{world.council_a}/meetings", headers=secretary, json={
                "title": "Kỳ họp chuyên đề", "starts_at": "2026-12-08T08:00:00+07:00"})).json()
            item = (await client.post(f"/api/v1/meetings/{meeting['id']}/agenda", headers=secretary,
                                      json={"title": "Lấy phiếu tín nhiệm"})).json()
            for action in ("publish", "start"):
                await client.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
            people = await add_deputies(app, world.council_a, meeting["id"], VOTERS)
            await client.post(f"/api/v1/meetings/{meeting['id']}/check-in", headers=chair)
            poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", headers=chair, json={
                "title": "Lấy phiếu tín nhiệm Chủ tịch UBND tỉnh", "preset": "confidence"})).json()
            assert (await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)).status_code == 200
            await app.state.voting.settle()
            before = await dump(app)
            for (_, token), position in zip(people, choices, strict=True):
                response = await client.post(
                    f"/api/v1/polls/{poll['id']}/ballots", headers={**bearer(token), "Idempotency-Key": "phieu-1"},
                    json={"option_ids": [poll["options"][position]["id"]]})
                assert response.status_code == 201 and response.json() == {"accepted": True}
                await app.state.voting.settle()
            during = await dump(app)
            closed = (await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)).json()
            result = (await client.get(f"/api/v1/polls/{poll['id']}", headers=bearer(people[0][1]))).json()
        return {"before": before, "during": during, "after": await dump(app), "logs": handler.lines,
                "closed": closed, "result": result}
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        await app.state.voting.stop()
        await app.state.db.dispose()


async def fresh_database(database_url: str, template: Path | None, path: Path) -> str:
    if template is not None:
        shutil.copyfile(template, path)
        return f"sqlite+aiosqlite:///{path}"
    import asyncpg

    from app.live.broker.postgres import asyncpg_dsn
    from app.models import Base
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        await connection.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()
    return database_url


async def test_nothing_links_a_deputy_to_a_secret_choice(database_url, tmp_path, request, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    template = request.getfixturevalue("sqlite_template") if database_url.startswith("sqlite") else None
    runs = []
    for name, choices in (("first", CHOICES), ("permuted", PERMUTED)):
        url = await fresh_database(database_url, template, tmp_path / f"{name}.sqlite3")
        runs.append(await run_secret_poll(url, tmp_path / name, choices, monkeypatch))
    first, permuted = runs

    # Same totals, so the results are equal; and the result shows totals only.
    assert first["result"]["result"] == permuted["result"]["result"]
    assert "votes" not in first["result"]["result"]
    assert first["result"]["me"] == {"voted": True, "option_ids": None}

    # Every table, every row, in storage order, including the event log and the audit log.
    for stage in ("before", "during", "after"):
        assert differences(first[stage], permuted[stage]) == [], stage
    # Every log line the server wrote.
    assert len(first["logs"]) == len(permuted["logs"]) and first["logs"]
    log_diffs = differences({"log": [json.loads(line) for line in first["logs"]]},
                            {"log": [json.loads(line) for line in permuted["logs"]]})
    assert log_diffs == []

    # While the poll was open, ballots wrote only counts and who voted.
    changed = changed_columns(first["before"], first["during"])
    unexpected = {(t, c) for t, c in changed if (t, c) not in BALLOT_WRITES and (t, "*") not in BALLOT_WRITES}
    assert unexpected == set()
    assert ("poll_voters", "user_id") in changed and ("poll_options", "votes") in changed
