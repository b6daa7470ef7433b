"""Fixtures: real SQLite and real PostgreSQL, a fresh database state for every test.

- SQLite: one migrated template file per test process, copied for each test.
- PostgreSQL: one migrated database per test process (created here, dropped at the end),
  emptied before each test. Set KYHOP_TEST_POSTGRES_URL to point elsewhere;
  with KYHOP_TEST_REQUIRE_SERVICES=1 an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from app.config import Settings, load_settings
from app.live.broker.postgres import asyncpg_dsn
from app.main import create_app
from app.migrate import upgrade
from app.models import Base

POSTGRES_URL = os.environ.get(
    "KYHOP_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REQUIRE_SERVICES = os.environ.get("KYHOP_TEST_REQUIRE_SERVICES") == "1"
BACKENDS = ["sqlite", "postgres"]


def pg_admin_fetch(sql: str) -> list[asyncpg.Record]:
    """Run one statement on the server's maintenance connection (from any context)."""

    async def job() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL), timeout=5)
        try:
            return await connection.fetch(sql)
        finally:
            await connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job()).result()


def pg_admin(sql: str) -> None:
    pg_admin_fetch(sql)


def service_unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable ({type(error).__name__}: {error})"
    if REQUIRE_SERVICES:
        pytest.fail(message + " and KYHOP_TEST_REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def worker_name(request: pytest.FixtureRequest) -> str:
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    return f"{uuid.uuid4().hex[:8]}_{worker}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template_url(worker_name: str):  # type: ignore[no-untyped-def]
    name = f"kyhop_test_{worker_name}"
    try:
        pg_admin(f'CREATE DATABASE "{name}"')
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        service_unavailable("PostgreSQL", exc)
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _empty_tables(url: str) -> None:
    # DELETE is faster than TRUNCATE on tables this small; replica mode skips the foreign-key
    # triggers, so self-references (a council's parent) cannot get in the way.
    statements = "SET session_replication_role = replica;" + ";".join(
        f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables))
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(statements)
    finally:
        await connection.close()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "kyhop.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite+aiosqlite:///{target}"
    url = request.getfixturevalue("postgres_template_url")
    await _empty_tables(url)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return load_settings(_env_file=None, database_url=database_url, data_dir=tmp_path / "data",
                         log_level="WARNING")


@pytest.fixture
async def app(settings: Settings):  # type: ignore[no-untyped-def]
    application = create_app(settings)
    yield application
    await application.state.db.dispose()


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://kyhop.test") as http:
        yield http


pytest_plugins = ["tests.fixtures.world", "tests.fixtures.meetings", "tests.fixtures.database"]
