#!/usr/bin/env python3
"""What the chair's request costs before any tablet hears of it: the SQL statements and the
time of POST /api/v1/agenda-items/{id}/activate, in-process (httpx over ASGI, no sockets, no
fan-out), on the demo meeting.

    .venv/bin/python bench/chair_request.py [--requests 300] [--database-url URL] [--statements] [--profile LINES]

The fan-out bench (bench/fanout.py) measures from the chair's request to the last tablet; this
isolates the request's own share, which is the part of the fan-out latency that does not
depend on the number of tablets. A fresh SQLite database with `kyhop demo` is made in a temporary
directory unless --database-url names an empty PostgreSQL database. --statements prints one
request's statements."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fanout import KYHOP, percentile


async def measure(args: argparse.Namespace) -> None:
    import httpx
    from sqlalchemy import event

    from app.config import Settings
    from app.demo import DEMO_PASSWORD
    from app.main import create_app

    app = create_app(Settings())
    statements: list[str] = []

    @event.listens_for(app.state.db.engine.sync_engine, "before_cursor_execute")
    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        statements.append(statement)

    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://kyhop.test") as http:
        login = await http.post("/api/v1/auth/login", json={"username": "chutoa", "password": DEMO_PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        me = (await http.get("/api/v1/me", headers=headers)).json()
        council = next(m["council_id"] for m in me["memberships"] if m["role"] == "chair")
        meetings = (await http.get(f"/api/v1/councils/{council}/meetings", headers=headers)).json()["items"]
        meeting = min(m["id"] for m in meetings if m["state"] == "in_progress")
        items = [i["id"] for i in (await http.get(f"/api/v1/meetings/{meeting}/agenda", headers=headers)).json()["items"][:2]]
        times: list[float] = []
        counts: list[int] = []
        profiler = cProfile.Profile() if args.profile else None
        for turn in range(args.requests):
            if profiler is not None and turn == args.requests // 10:
                profiler.enable()
            statements.clear()
            started = time.perf_counter()
            answer = await http.post(f"/api/v1/agenda-items/{items[turn % 2]}/activate", headers=headers)
            times.append(time.perf_counter() - started)
            counts.append(len(statements))
            if answer.status_code != 200:
                raise RuntimeError(f"activate: {answer.status_code} {answer.text}")
        if profiler is not None:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.profile_sort).print_stats(args.profile)
        if args.statements:
            for number, statement in enumerate(statements, 1):
                print(f"{number:2}. {' '.join(statement.split())[:160]}")
    await app.state.db.dispose()
    warm = times[len(times) // 10:]
    print(f"{app.state.db.engine.dialect.name}: {args.requests} activations; statements per request "
          f"{statistics.median(counts):.0f}; p50 {percentile(warm, 50) * 1000:.1f} ms, "
          f"p99 {percentile(warm, 99) * 1000:.1f} ms (the first 10 % left out as warm-up)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--statements", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="LINES",
                        help="profile the warm requests with cProfile and print its top LINES")
    parser.add_argument("--profile-sort", default="tottime", help="cProfile's sort key (tottime, cumulative, ...)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kyhop-bench-chair-") as tmp:
        os.environ.update(KYHOP_DATA_DIR=tmp, KYHOP_DATABASE_URL=args.database_url)
        subprocess.run([str(KYHOP), "demo"], check=True, stdout=subprocess.DEVNULL)
        asyncio.run(measure(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
