#!/usr/bin/env python3
"""The cheapest server of Kỳ Họp's stack that writes durably before it tells the tablets: the
floor under the chair's request, for `bench/fanout.py --bare`.

    .venv/bin/python bench/bare_app.py PORT DATABASE_FILE

FastAPI on uvicorn (uvloop, httptools), SQLAlchemy 2 async on aiosqlite, SQLite in WAL mode with
synchronous=FULL, through Kỳ Họp's own engine and unit of work (`app.db.Database`). `POST /trigger?size=N` writes one row (BEGIN IMMEDIATE,
INSERT, COMMIT: durable) and then sends an N-byte text message to every socket of
`/live`; nothing else: no login, no access check, no audit row, no event log, no
middleware. What Kỳ Họp takes beyond this is the price of those; what this takes beyond the bare
`websockets` relay is the price of the stack and a durable write.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import Settings
from app.db import Database


class Base(DeclarativeBase):
    pass


class Change(Base):
    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[int]


def build(database_file: str) -> FastAPI:
    # Kỳ Họp's own engine and unit of work: the same PRAGMAs, BEGIN IMMEDIATE and writer queue.
    db = Database(Settings(database_url=f"sqlite+aiosqlite:///{database_file}"))
    sockets: set[WebSocket] = set()
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.on_event("startup")
    async def create_table() -> None:
        async with db.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)

    @app.get("/readyz")
    async def ready() -> dict[str, bool]:
        return {"ok": True}

    @app.post("/trigger")
    async def trigger(size: int = 134) -> dict[str, int]:
        async with db.unit_of_work() as uow:
            change = Change(size=size)
            uow.session.add(change)
        head = f'{{"type": "agenda.current", "seq": {change.id}, "data": {{"pad": "'
        message = head + "x" * max(0, size - len(head) - 3) + '"}}'
        for websocket in list(sockets):
            try:
                await websocket.send_text(message)
            except (WebSocketDisconnect, RuntimeError, OSError):
                sockets.discard(websocket)
        return {"seq": change.id}

    @app.websocket("/live")
    async def live(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text('{"type": "hello"}')
        sockets.add(websocket)
        try:
            while True:
                await websocket.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            sockets.discard(websocket)

    return app


def main(argv: list[str]) -> int:
    port, database_file = int(argv[0]), argv[1]
    uvicorn.run(build(database_file), host="127.0.0.1", port=port, log_level="warning",
                access_log=False, loop="uvloop", http="httptools", ws="websockets-sansio",
                backlog=4096)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
