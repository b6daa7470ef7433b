#!/usr/bin/env python3
"""Vote burst benchmark: 500 deputies each cast one ballot within one second over HTTP while
500 websockets watch the meeting; on SQLite and on PostgreSQL.

    .venv/bin/python bench/vote_burst.py [--deputies 500] [--watchers 500] [--rounds 3]
                                         [--backends sqlite,postgres] [--workers 1]

Per backend: a temporary database is migrated and seeded straight through the app's models (a
council, a chair, N deputies with a voting right, all checked in to a meeting in progress, a
bearer token each); one `kyhop serve` starts (or `--workers` processes with the Redis broker on
PostgreSQL). A watcher process connects the websockets (tokens round-robin) and time-stamps the
arrival of `poll.closed` on every socket. Per round the chair creates and opens a poll, then the
deputies' ballots are sent open-loop, deputy i at t0 + i/N seconds, each on its own kept-alive
connection (opened beforehand), so the burst lasts one second whatever the server does.

Printed per round: ack latency (request sent → `201 accepted` read) p50 / p99 / max; ballots
answered `accepted`; ballots counted by the server (the poll's progress after the burst); lost =
accepted but not counted (must be 0); time from sending the chair's close to the LAST watcher
having `poll.closed` with the result. Targets (DESIGN.md): p99 ack ≤ 250 ms, result to all
≤ 100 ms after close, none lost. No reference peer: the targets are absolute.

All processes run on 127.0.0.1 and are stopped on exit; the PostgreSQL database is dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fanout import (
    CHILDREN,
    KYHOP,
    PDEATHSIG,
    PG_URL,
    REDIS_URL,
    Http,
    free_port,
    loadavg,
    log,
    percentile,
    raise_nofile,
)

ACK_TARGET_MS = 250
RESULT_TARGET_MS = 100


# --- the watcher process: many websockets, the time each one gets poll.closed ---------------

async def watcher_main(url: str, tokens: list[str], count: int) -> None:
    import websockets

    arrivals: dict[int, list[float]] = {}
    ready = 0

    async def connect(index: int):  # type: ignore[no-untyped-def]
        for attempt in range(5):
            try:
                return await websockets.connect(f"{url}?token={tokens[index % len(tokens)]}",
                                                compression=None, max_size=None, open_timeout=60)
            except (OSError, websockets.WebSocketException) as exc:
                print(f"watcher {index}: connect failed ({exc!r}), attempt {attempt + 1}", file=sys.stderr)
                await asyncio.sleep(0.5)
        raise RuntimeError(f"watcher {index} could not connect")

    async def watch(index: int) -> None:
        nonlocal ready
        async with await connect(index) as socket:
            await socket.recv()  # the snapshot
            ready += 1
            if ready == count:
                print(json.dumps({"ready": count}), flush=True)
            async for text in socket:
                if '"poll.closed"' in text[:40]:
                    now = time.monotonic()
                    poll_id = json.loads(text)["data"]["id"]
                    times = arrivals.setdefault(poll_id, [])
                    times.append(now)
                    if len(times) == count:
                        print(json.dumps({"poll_id": poll_id, "last": max(times),
                                          "p50": statistics.median(times)}), flush=True)

    for start in range(0, count, 100):  # connect in batches, as tablets arrive in the hall
        for index in range(start, min(count, start + 100)):
            asyncio.get_running_loop().create_task(watch(index))
        await asyncio.sleep(0.2)
    await asyncio.Event().wait()


# --- seeding: a meeting in progress with N deputies checked in ------------------------------

@dataclass
class Seeded:
    meeting_id: int
    item_ids: list[int]
    chair: str
    deputies: list[str]


def seat_voters(session: Any, council_id: int, meeting_id: int, people: list[Any], expires_at: Any) -> list[str]:
    """The chair (people[0]) and deputies, each with a voting right, checked in to the meeting and
    logged in: their bearer tokens, in the same order."""
    from app.accounts.tokens import new_token, token_digest
    from app.kit.time import utcnow
    from app.models import Attendance, AuthToken, Membership

    now = utcnow()
    tokens = []
    for n, person in enumerate(people):
        token = new_token()
        tokens.append(token)
        session.add(Membership(council_id=council_id, user_id=person.id,
                               role="chair" if n == 0 else "deputy", voting_right=True))
        session.add(AuthToken(user_id=person.id, token_hash=token_digest(token), device_name="bench",
                              last_used_at=now, expires_at=expires_at))
        session.add(Attendance(meeting_id=meeting_id, user_id=person.id, status="present", reason="",
                               checked_in_at=now, updated_at=now, marked_by=person.id))
    return tokens


async def seed(database_url: str, data_dir: Path, deputies: int, rounds: int) -> Seeded:
    from datetime import timedelta

    from app.config import load_settings
    from app.db import Database
    from app.kit.time import utcnow
    from app.models import AgendaItem, Council, Meeting, User

    db = Database(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir))
    now = utcnow()
    async with db.unit_of_work() as uow:
        session = uow.session
        council = Council(name="HĐND tỉnh Thử Tải", level="province", code="B01")
        session.add(council)
        await session.flush()
        meeting = Meeting(council_id=council.id, title="Kỳ họp đo tải", starts_at=now, state="in_progress",
                          last_seq=0, updated_at=now)
        session.add(meeting)
        await session.flush()
        items = [AgendaItem(meeting_id=meeting.id, position=n, title=f"Nghị quyết số {n + 1}")
                 for n in range(rounds)]
        session.add_all(items)
        people = [User(username="chutoa" if n == 0 else f"daibieu{n:04d}", full_name=f"Đại biểu {n:04d}",
                       password_hash="-", is_active=True, is_admin=False) for n in range(deputies + 1)]
        session.add_all(people)
        await session.flush()
        tokens = seat_voters(session, council.id, meeting.id, people, now + timedelta(days=1))
        result = Seeded(meeting.id, [item.id for item in items], tokens[0], tokens[1:])
    await db.dispose()
    return result


# --- one backend ----------------------------------------------------------------------------

async def wait_ready(port: int, proc: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("kyhop serve exited; see its log")
        try:
            http = Http(port)
            status, _ = await http.request("GET", "/readyz")
            await http.close()
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise TimeoutError("kyhop serve did not become ready")


def ballot_request(connection: Http, poll_id: int, option_id: int, token: str, key: str) -> bytes:
    """A ballot as a tablet sends it: the bearer token and an Idempotency-Key."""
    request = connection.encode("POST", f"/api/v1/polls/{poll_id}/ballots", {"option_ids": [option_id]}, token)
    return request.replace(b"\r\n\r\n", f"\r\nIdempotency-Key: {key}\r\n\r\n".encode(), 1)


async def run_round(ports: list[int], seeded: Seeded, item_id: int, watcher: asyncio.subprocess.Process,
                    secret: bool) -> dict[str, Any]:
    chair = Http(ports[0])
    status, poll = await chair.request("POST", f"/api/v1/agenda-items/{item_id}/polls",
                                       {"title": "Thông qua Nghị quyết", "secret": secret}, seeded.chair)
    assert status == 201, poll
    status, opened = await chair.request("POST", f"/api/v1/polls/{poll['id']}/open", None, seeded.chair)
    assert status == 200, opened
    options = [option["id"] for option in poll["options"]]

    connections = [Http(ports[n % len(ports)]) for n in range(len(seeded.deputies))]
    await asyncio.gather(*(c.open() for c in connections))
    requests = [ballot_request(c, poll["id"], options[n % 3], token, f"b-{poll['id']}-{n}")
                for n, (c, token) in enumerate(zip(connections, seeded.deputies, strict=True))]

    acks: list[float] = []
    statuses: dict[int, int] = {}

    async def cast(n: int, start: float) -> None:
        await asyncio.sleep(max(0.0, start + n / len(connections) - time.monotonic()))
        sent = time.monotonic()
        await connections[n].send_raw(requests[n])
        status, _ = await connections[n].read_response()
        statuses[status] = statuses.get(status, 0) + 1
        if status == 201:
            acks.append((time.monotonic() - sent) * 1000)

    start = time.monotonic() + 0.05
    await asyncio.gather(*(cast(n, start) for n in range(len(connections))))
    burst_s = time.monotonic() - start
    await asyncio.gather(*(c.close() for c in connections))

    _, state = await chair.request("GET", f"/api/v1/polls/{poll['id']}", None, seeded.chair)
    counted = state["progress"]["voted"]
    close_sent = time.monotonic()
    status, closed = await chair.request("POST", f"/api/v1/polls/{poll['id']}/close", None, seeded.chair)
    close_answered = time.monotonic()
    assert status == 200, closed
    assert watcher.stdout is not None
    arrival = json.loads(await asyncio.wait_for(watcher.stdout.readline(), 30))
    assert arrival["poll_id"] == poll["id"], arrival
    await chair.close()
    return {
        "secret": secret, "burst_s": burst_s, "accepted": len(acks), "statuses": statuses,
        "counted": counted, "cast_in_result": closed["result"]["cast"],
        "lost": len(acks) - closed["result"]["cast"],
        "ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99), "ack_max": max(acks),
        "close_answer_ms": (close_answered - close_sent) * 1000,
        "result_last_ms": (arrival["last"] - close_sent) * 1000,
        "result_p50_ms": (arrival["p50"] - close_sent) * 1000,
    }


async def run_backend(name: str, args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    data_dir = workdir / name
    data_dir.mkdir()
    db_name = f"kyhop_bench_vote_{os.getpid()}"
    if name == "sqlite":
        database_url = f"sqlite+aiosqlite:///{data_dir / 'kyhop.sqlite3'}"
    else:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
                        f'CREATE DATABASE "{db_name}"'], check=True)
        database_url = PG_URL.format(db=db_name)
    env = {**os.environ, "KYHOP_DATABASE_URL": database_url, "KYHOP_DATA_DIR": str(data_dir),
           "KYHOP_LOG_LEVEL": "WARNING"}
    workers = args.workers if name == "postgres" else 1
    if workers > 1:
        env["KYHOP_BROKER_URL"] = REDIS_URL
    try:
        subprocess.run([str(KYHOP), "db", "upgrade"], env=env, check=True, capture_output=True)
        seeded = await seed(database_url, data_dir, args.deputies, args.rounds)
        ports = [free_port() for _ in range(workers)]
        servers = [CHILDREN.start([str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, log_path=workdir / f"{name}-{port}.log") for port in ports]
        for port, server in zip(ports, servers, strict=True):
            await wait_ready(port, server)
        watcher = await asyncio.create_subprocess_exec(
            *PDEATHSIG, sys.executable, __file__, "--watch",
            f"ws://127.0.0.1:{ports[-1]}/api/v1/meetings/{seeded.meeting_id}/live",
            "--watchers", str(args.watchers), "--tokens", ",".join(seeded.deputies[:50]),
            stdout=asyncio.subprocess.PIPE)
        assert watcher.stdout is not None
        log(f"{name}: {args.deputies} deputies seeded, waiting for {args.watchers} watchers")
        ready = json.loads(await asyncio.wait_for(watcher.stdout.readline(), 120))
        assert ready == {"ready": args.watchers}
        results = []
        for number, item_id in enumerate(seeded.item_ids):
            await asyncio.sleep(1.0)
            outcome = await run_round(ports, seeded, item_id, watcher, secret=number % 2 == 0)
            log(f"{name} round {number + 1}: {json.dumps(outcome)}  load {loadavg()}")
            results.append(outcome)
        watcher.kill()
        await watcher.wait()
        for server in servers:
            CHILDREN.stop(server)
        return results
    except BaseException:
        for path in workdir.glob(f"{name}-*.log"):
            log(f"{path.name} (last lines):\n" + "\n".join(path.read_text().splitlines()[-15:]))
        raise
    finally:
        if name == "postgres":
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
                            f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'], check=False)


def report(name: str, workers: int, rounds: list[dict[str, Any]]) -> None:
    print(f"\n{name} ({workers} worker{'s' if workers > 1 else ''}):")
    print(f"{'round':>5} {'kind':>6} {'burst s':>7} {'accepted':>8} {'counted':>7} {'lost':>4} "
          f"{'ack p50':>8} {'ack p99':>8} {'ack max':>8} {'close→last tablet':>18} {'close answer':>12}")
    for number, r in enumerate(rounds, 1):
        print(f"{number:>5} {'secret' if r['secret'] else 'open':>6} {r['burst_s']:>7.2f} {r['accepted']:>8} "
              f"{r['counted']:>7} {r['lost']:>4} {r['ack_p50']:>6.0f}ms {r['ack_p99']:>6.0f}ms "
              f"{r['ack_max']:>6.0f}ms {r['result_last_ms']:>16.0f}ms {r['close_answer_ms']:>10.0f}ms")
    p99 = statistics.median(r["ack_p99"] for r in rounds)
    last = statistics.median(r["result_last_ms"] for r in rounds)
    lost = sum(r["lost"] for r in rounds)
    print(f"median over rounds: ack p99 {p99:.0f} ms (target ≤ {ACK_TARGET_MS}: "
          f"{'met' if p99 <= ACK_TARGET_MS else 'MISSED'}), result to the last tablet {last:.0f} ms "
          f"(target ≤ {RESULT_TARGET_MS}: {'met' if last <= RESULT_TARGET_MS else 'MISSED'}), "
          f"lost {lost} (target 0: {'met' if lost == 0 else 'MISSED'})")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deputies", type=int, default=500)
    parser.add_argument("--watchers", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=1, help="kyhop serve processes on PostgreSQL (Redis broker)")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument("--watch", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


async def main_async(args: argparse.Namespace) -> int:
    raise_nofile()
    results: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="kyhop-vote-") as tmp:
        for name in args.backends.split(","):
            results[name] = await run_backend(name, args, Path(tmp))
    print(f"\nvote_burst: {args.deputies} deputies within 1 s, {args.watchers} watching sockets, "
          f"{args.rounds} rounds; load {loadavg()}")
    for name, rounds in results.items():
        report(name, args.workers if name == "postgres" else 1, rounds)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.watch:
        raise_nofile()
        asyncio.run(watcher_main(args.watch, args.tokens.split(","), args.watchers))
        return 0
    try:
        return asyncio.run(main_async(args))
    finally:
        CHILDREN.stop_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
