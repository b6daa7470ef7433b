"""Helpers for the accounts tests: read the database behind the app under test."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app.models import Base

# The tables of accounts, councils and the audit log (other domains are not touched here).
NAMES = ("users", "auth_tokens", "login_failures", "councils", "terms", "committees",
         "memberships", "audit_log")
TABLES = {name: Base.metadata.tables[name] for name in NAMES}
# Columns that a read may legitimately change (a token's "last seen" is refreshed on use).
VOLATILE = {("auth_tokens", "last_used_at")}


class DatabaseProbe:
    """Reads tables straight from the database, in a transaction of its own."""

    def __init__(self, app: Any) -> None:
        self._db = app.state.db

    async def count(self, table: str, **where: Any) -> int:
        t = TABLES[table]
        query = select(func.count()).select_from(t)
        for column, value in where.items():
            query = query.where(t.c[column] == value)
        async with self._db.unit_of_work(write=False) as uow:
            return int(await uow.session.scalar(query) or 0)

    async def rows(self, table: str, **where: Any) -> list[dict[str, Any]]:
        t = TABLES[table]
        query = select(t).order_by(t.c.id)
        for column, value in where.items():
            query = query.where(t.c[column] == value)
        async with self._db.unit_of_work(write=False) as uow:
            return [dict(row._mapping) for row in (await uow.session.execute(query)).all()]

    async def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table: equal before and after means nothing was written."""
        result: dict[str, list[tuple[Any, ...]]] = {}
        async with self._db.unit_of_work(write=False) as uow:
            for name, table in TABLES.items():
                columns = [c for c in table.c if (name, c.name) not in VOLATILE]
                query = select(*columns).order_by(*table.primary_key)
                rows = (await uow.session.execute(query)).all()
                result[name] = [tuple(row) for row in rows]
        return result

    async def run(self, statement: Any) -> None:
        async with self._db.unit_of_work() as uow:
            await uow.session.execute(statement)


@pytest.fixture
def db(app: Any) -> DatabaseProbe:
    return DatabaseProbe(app)
