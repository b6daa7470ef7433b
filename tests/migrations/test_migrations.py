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


async def test_district_councils_are_kept_and_dissolved_on_the_day_the_reform_began(
        empty_database: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import text

    upgrade(empty_database, "7d3f0b6c1a52")  # before the council network
    engine = create_engine(load_settings(_env_file=None, database_url=empty_database))
    try:
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO councils (name, level, code, quorum_numerator, quorum_denominator, "
                "created_at) VALUES ('HĐND huyện Nam Đàn', 'district', 'nam-dan', 2, 3, :at), "
                "('HĐND tỉnh Nghệ An', 'province', 'nghe-an', 2, 3, :at), "
                "('HĐND xã Kim Liên', 'commune', 'kim-lien', 2, 3, :at)"),
                {"at": datetime(2024, 5, 1, tzinfo=UTC)})
        upgrade(empty_database)
        async with engine.connect() as connection:
            rows = (await connection.execute(text(
                "SELECT code, level, unit_kind, dissolved_on FROM councils ORDER BY code"))).all()
            # A district council cannot sit again: the database refuses to undo the dissolution.
            with pytest.raises(Exception, match="district_dissolved"):
                await connection.execute(text(
                    "UPDATE councils SET dissolved_on = NULL WHERE code = 'nam-dan'"))
    finally:
        await engine.dispose()
    assert [(code, level, kind, str(day) if day else None) for code, level, kind, day in rows] == [
        ("kim-lien", "commune", "commune", None),
        ("nam-dan", "district", "district", "2025-07-01"),
        ("nghe-an", "province", "province", None),
    ]
