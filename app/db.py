"""Engine, sessions and the unit of work.

One request = one unit of work = one transaction that commits once, after the endpoint returns and
before the response is sent. Services only add and flush; after-commit callbacks (event publishing)
run once the commit has succeeded.

On SQLite, a write transaction starts with BEGIN IMMEDIATE so that two writers queue on the busy
timeout instead of one failing with "database is locked" when it upgrades a stale read snapshot.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.config import Settings
from app.live.outbox import take_pending

SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "kyhop_write"

AfterCommit = Callable[[], Awaitable[None]]
# Receives the meeting events a transaction recorded, once it has committed.
EventPublisher = Callable[[list[Any]], Awaitable[None]]


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling is lazy).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # FULL: a commit (an accepted ballot) survives a power cut, not only a crashed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine(settings: Settings) -> AsyncEngine:
    url = make_url(settings.effective_database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_async_engine(
        url, pool_size=settings.db_pool_size, max_overflow=settings.db_pool_size, pool_pre_ping=True
    )


class WriterTurn:
    """SQLite has one writer at a time. Its own busy handler makes a waiting writer sleep in
    growing steps (up to 100 ms each), so writers of this process queue on an asyncio lock
    instead and get their turn the moment the previous one commits."""

    def __init__(self, lock: asyncio.Lock) -> None:
        self._lock = lock
        self._held = False

    async def begin(self) -> None:
        await self._lock.acquire()
        self._held = True

    def end(self) -> None:
        if self._held:
            self._held = False
            self._lock.release()


_WRITES = "kyhop.writes"


def writes(session: AsyncSession) -> bool:
    """Whether this session is a writing unit of work's (a request that may change data)."""
    return bool(session.info.get(_WRITES))


class UnitOfWork:
    """A session plus what to do once its transaction has committed."""

    def __init__(self, session: AsyncSession, publish: EventPublisher | None = None,
                 turn: WriterTurn | None = None) -> None:
        self.session = session
        self._publish = publish
        self._turn = turn
        self._after_commit: list[AfterCommit] = []

    def after_commit(self, callback: AfterCommit) -> None:
        self._after_commit.append(callback)

    async def commit(self) -> None:
        await self.session.commit()
        if self._turn is not None:
            self._turn.end()
        events = take_pending(self.session)
        if events and self._publish is not None:
            await self._publish(events)
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            await callback()

    async def rollback(self) -> None:
        await self.session.rollback()
        take_pending(self.session)
        self._after_commit = []


class Database:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = create_engine(settings)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._reader = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = async_sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        self.publish: EventPublisher | None = None
        self._sqlite_writers = asyncio.Lock()

    @asynccontextmanager
    async def unit_of_work(self, *, write: bool = True) -> AsyncIterator[UnitOfWork]:
        """Commit on success, roll back on any exception; nothing is half-written."""
        factory = self._writer if write else self._reader
        turn = WriterTurn(self._sqlite_writers) if write and self.is_sqlite else None
        if turn is not None:
            await turn.begin()
        try:
            async with factory() as session:
                session.info[_WRITES] = write
                uow = UnitOfWork(session, self.publish, turn)
                try:
                    yield uow
                except BaseException:
                    await uow.rollback()
                    raise
                else:
                    await uow.commit()
        finally:
            if turn is not None:
                turn.end()

    async def dispose(self) -> None:
        await self.engine.dispose()
