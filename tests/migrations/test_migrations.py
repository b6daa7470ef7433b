"""Alembic is the only way the schema is made: it must go up, down and up again on both
databases, and the models must agree with what the migrations build."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from app.config import load_settings
from app.db import create_engine
from app.migrate import downgrade, include_name, upgrade
from app.models import Base
from tests.conftest import POSTGRES_URL, pg_admin, service_unavailable


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"kyhop_mig_{uuid.uuid4().hex[:10]}"
    try:
        pg_admin(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        service_unavailable("PostgreSQL", exc)
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _tables_and_diff(url: str) -> tuple[set[str], list]:
    engine = create_engine(load_settings(_env_file=None, database_url=url))
    try:
        async with engine.connect() as connection:
            def inspect_sync(sync_connection):  # type: ignore[no-untyped-def]
                tables = set(inspect(sync_connection).get_table_names())
                context = MigrationContext.configure(
                    sync_connection, opts={"compare_type": True, "include_name": include_name})
                return tables, compare_metadata(context, Base.metadata)

            return await connection.run_sync(inspect_sync)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade_and_models_match(empty_database: str) -> None:
    expected = set(Base.metadata.tables)

    upgrade(empty_database)
    tables, diff = await _tables_and_diff(empty_database)
    assert expected <= tables
    assert diff == [], f"models and migrations disagree: {diff}"

    downgrade(empty_database, "base")
    tables, _ = await _tables_and_diff(empty_database)
    assert tables <= {"alembic_version"}, tables

    upgrade(empty_database)
    tables, diff = await _tables_and_diff(empty_database)
    assert expected <= tables
    assert diff == []


def test_migration_files_are_named_by_date() -> None:
    versions = Path(__file__).resolve().parents[2] / "migrations" / "versions"
    names = sorted(p.name for p in versions.glob("*.py"))
    assert names, "no migrations"
    for name in names:
        assert name[:16].replace("-", "").replace("_", "").isdigit(), name
