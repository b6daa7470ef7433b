#!/usr/bin/env python3
"""One server for a province and its communes: 20 meetings live at once, each beside itself alone.

    .venv/bin/python bench/meetings.py [--meetings 20] [--workers 4] [--rounds 10] [--ballot-rounds 3] [--pause 0.2,0.4]
    .venv/bin/python bench/meetings.py --quick     # a smoke run: 4 meetings, 3 + 1 rounds

The server: `kyhop serve --workers 4` on a PostgreSQL database made for the run (dropped after),
the Redis broker. Seeded through the app's models: a province and 130 communes; `--meetings`
meetings in progress (the first the province's, the others communes'), with 30 to 85 tablets
each (the chair and deputies with a voting right, all checked in, a bearer token each), the
first agenda item current and deputies waiting on its list of speakers. Every tablet is a
websocket of bench/fanout.py's client processes (its docstring says how arrivals are stamped);
each meeting's tablets are one group, spread over the 4 workers by the kernel.

Each meeting runs the same script: `--rounds` times the chair starts the next speaker
(`POST /api/v1/speakers/{id}/start`; measured: request sent → the meeting's LAST tablet has
`speaker.updated`), then `--ballot-rounds` votes: the chair creates and opens a poll, every deputy
casts a ballot at once on their own kept-alive connection (measured: each ballot's ack), then the
chair closes it (measured: close sent → the last tablet has `poll.closed`). Pauses of 0.2–0.4 s
between steps; in TOGETHER, `--pause MIN,MAX` sets the pause between the chair's steps (a real
sitting's chair acts every few minutes; `--pause 5,15` is a busy one), and each meeting starts at
a random moment within the first MAX seconds.

Phases: ALONE — each meeting in turn runs its script while all the others stay connected and
idle (the single-meeting baseline, in the same run); TOGETHER — every meeting runs its script at
once, each from a random offset within 1 s, so votes and speakers move in all of them together.
Printed per meeting and for all: p50/p99 of the fan-out, ballot ack and result, alone and
together, the ratios (target: together ≤ 1.5 × alone), messages missed. `--control` runs ALONE a
second time and prints the same worst ratios for ALONE again / ALONE: what this measurement gives
when nothing changed, the noise a meeting's 10 or 3 samples carry. Isolation (no meeting's
events on another's sockets) is a behaviour test: tests/live/test_isolation.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fanout import (
    CHILDREN,
    KYHOP,
    PG_URL,
    REDIS_URL,
    ClientPool,
    Http,
    Series,
    free_port,
    loadavg,
    log,
    percentile,
    raise_nofile,
)
from vote_burst import ballot_request, seat_voters, wait_ready

COMMUNES = 130
KINDS = ("discussion", "debate", "question")  # one waiting entry per deputy and kind
TARGET_RATIO = 1.5
ROUND_TIMEOUT_S = 30.0
SHORT_PAUSE = (0.2, 0.4)  # seconds between steps: ALONE always, TOGETHER unless --pause


@dataclass
class Seeded:
    """One meeting: its tablets' tokens (the chair's first) and the first agenda item."""

    number: int
    meeting_id: int
    item_id: int
    tokens: list[str]
    speakers: list[int] = field(default_factory=list)  # waiting, in the order they will be started

    @property
    def chair(self) -> str:
        return self.tokens[0]

    @property
    def deputies(self) -> list[str]:
        return self.tokens[1:]

    @property
    def key(self) -> str:
        return f"m{self.number}"


@dataclass
class Figures:
    """One meeting in one phase."""

    fanout: Series = field(default_factory=Series)
    acks_ms: list[float] = field(default_factory=list)
    result_ms: list[float] = field(default_factory=list)
    refused: int = 0  # ballots not answered 201


def tablets_of(number: int, meetings: int) -> int:
    """30 tablets for the smallest meeting, 85 for the largest, the rest spread between."""
    return 30 + round(55 * number / max(1, meetings - 1))


async def seed(database_url: str, data_dir: Path, meetings: int) -> list[Seeded]:
    from datetime import timedelta

    from app.config import load_settings
    from app.db import Database
    from app.kit.time import utcnow
    from app.models import AgendaItem, Council, Meeting, User

    db = Database(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir))
    now = utcnow()
    seeded: list[Seeded] = []
    async with db.unit_of_work() as uow:
        session = uow.session
        province = Council(name="HĐND tỉnh Thử Tải", level="province", code="B00")
        session.add(province)
        await session.flush()
        communes = [Council(name=f"HĐND xã Thử Tải {n:03d}", level="commune", code=f"B{n:03d}",
                            parent_id=province.id) for n in range(1, COMMUNES + 1)]
        session.add_all(communes)
        await session.flush()
        for number in range(meetings):
            council = province if number == 0 else communes[number - 1]
            meeting = Meeting(council_id=council.id, title=f"Kỳ họp đo tải {number}", starts_at=now,
                              state="in_progress", last_seq=0, updated_at=now)
            session.add(meeting)
            await session.flush()
            item = AgendaItem(meeting_id=meeting.id, position=0, title="Thảo luận tổ", state="current")
            session.add_all([item, AgendaItem(meeting_id=meeting.id, position=1, title="Biểu quyết")])
            people = [User(username=f"m{number}u{n:03d}", full_name=f"Đại biểu {number}.{n:03d}",
                           password_hash="-", is_active=True, is_admin=False)
                      for n in range(tablets_of(number, meetings))]
            session.add_all(people)
            await session.flush()
            tokens = seat_voters(session, council.id, meeting.id, people, now + timedelta(hours=6))
            seeded.append(Seeded(number, meeting.id, item.id, tokens))
    await db.dispose()
    return seeded


class MeetingsBench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="kyhop-meetings-"))
        self.pool = ClientPool(args.client_procs, self.tmp / "clients.log")
        self.pg_db = f"kyhop_bench_meetings_{os.getpid()}"
        self.port = free_port()
        self.meetings: list[Seeded] = []
        self.alone: dict[int, Figures] = {}
        self.together: dict[int, Figures] = {}
        self.again: dict[int, Figures] = {}  # --control: ALONE once more
        self.loads: list[tuple[str, str]] = [("begin", loadavg())]

    # -- set-up ----------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
        env.update(KYHOP_DATA_DIR=str(self.tmp / "data"), KYHOP_DATABASE_URL=PG_URL.format(db=self.pg_db),
                   KYHOP_BROKER_URL=REDIS_URL, KYHOP_LOG_LEVEL="WARNING")
        return env

    def psql(self, sql: str) -> None:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                       check=True, timeout=60, capture_output=True)

    async def set_up(self) -> None:
        self.psql(f'CREATE DATABASE "{self.pg_db}"')
        subprocess.run([str(KYHOP), "db", "upgrade"], env=self.env(), check=True, timeout=300,
                       capture_output=True)
        log(f"seeding a province, {COMMUNES} communes and {self.args.meetings} meetings in progress …")
        self.meetings = await seed(PG_URL.format(db=self.pg_db), self.tmp / "data", self.args.meetings)
        log(f"{sum(len(m.tokens) for m in self.meetings)} tablets in all "
            f"({min(len(m.tokens) for m in self.meetings)}–{max(len(m.tokens) for m in self.meetings)} per meeting)")
        proc = CHILDREN.start([str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                               "--workers", str(self.args.workers)], env=self.env(),
                              log_path=self.tmp / "kyhop.log")
        await wait_ready(self.port, proc)
        await asyncio.gather(*(self.register_speakers(m) for m in self.meetings))
        await self.pool.start()
        for meeting in self.meetings:
            urls = [f"ws://127.0.0.1:{self.port}/api/v1/meetings/{meeting.meeting_id}/live?token={t}"
                    for t in meeting.tokens]
            result = await self.pool.connect(meeting.key, urls, 50)
            if result["failed"]:
                raise RuntimeError(f"meeting {meeting.number}: {result['failed']} tablets failed: {result['errors']}")
        log(f"every tablet connected (load {loadavg()})")

    def starts_needed(self) -> int:
        phases = 3 if self.args.control else 2
        return phases * (self.args.rounds + 1)  # each phase: one warm-up start, then the rounds

    async def register_speakers(self, meeting: Seeded) -> None:
        http = Http(self.port)
        try:
            for turn in range(self.starts_needed()):
                token = meeting.deputies[turn % len(meeting.deputies)]
                kind = KINDS[turn // len(meeting.deputies)]
                status, body = await http.request("POST", f"/api/v1/agenda-items/{meeting.item_id}/speakers",
                                                  {"kind": kind}, token)
                if status != 201:
                    raise RuntimeError(f"register a speaker: {status} {body}")
                meeting.speakers.append(body["id"])
        finally:
            await http.close()

    # -- one meeting's script --------------------------------------------------------------

    async def timed_fanout(self, meeting: Seeded, chair: Http, path: str, series: Series | None) -> float:
        """The chair's POST; ms from sending it to the meeting's last tablet having the event."""
        futures = await self.pool.arm([meeting.key], ROUND_TIMEOUT_S)
        await chair.ready()
        t0 = time.monotonic_ns()
        status, body = await chair.request("POST", path, None, meeting.chair)
        if status != 200:
            raise RuntimeError(f"POST {path}: {status} {body}")
        results = await asyncio.gather(*futures)
        if series is not None:
            series.add_round(t0, results, [meeting.key])
        stamps = [s for r in results for s in r["groups"][meeting.key]["stamps"]]
        return (max(stamps) - t0) / 1e6 if stamps else float("nan")

    async def pause(self, between: tuple[float, float] = SHORT_PAUSE) -> None:
        await asyncio.sleep(random.uniform(*between))

    async def script(self, meeting: Seeded, figures: Figures, delay: float,
                     steps: tuple[float, float] = SHORT_PAUSE) -> None:
        """`steps`: the pause between the chair's steps (a speaker start, a vote)."""
        await asyncio.sleep(delay)
        chair = Http(self.port)
        try:
            await self.timed_fanout(meeting, chair, f"/api/v1/speakers/{meeting.speakers.pop(0)}/start", None)
            for _ in range(self.args.rounds):
                await self.pause(steps)
                await self.timed_fanout(meeting, chair, f"/api/v1/speakers/{meeting.speakers.pop(0)}/start",
                                        figures.fanout)
            for _ in range(self.args.ballot_rounds):
                await self.pause(steps)
                await self.vote(meeting, chair, figures)
        finally:
            await chair.close()

    async def vote(self, meeting: Seeded, chair: Http, figures: Figures) -> None:
        await chair.ready()
        status, poll = await chair.request("POST", f"/api/v1/agenda-items/{meeting.item_id}/polls",
                                           {"title": "Thông qua Nghị quyết", "secret": False}, meeting.chair)
        if status != 201:
            raise RuntimeError(f"create a poll: {status} {poll}")
        status, body = await chair.request("POST", f"/api/v1/polls/{poll['id']}/open", None, meeting.chair)
        if status != 200:
            raise RuntimeError(f"open the poll: {status} {body}")
        options = [option["id"] for option in poll["options"]]
        connections = [Http(self.port) for _ in meeting.deputies]
        await asyncio.gather(*(c.open() for c in connections))
        await self.pause()

        async def cast(n: int, connection: Http, token: str) -> None:
            request = ballot_request(connection, poll["id"], options[n % len(options)], token, f"{poll['id']}-{n}")
            sent = time.monotonic()
            await connection.send_raw(request)
            status, _ = await connection.read_response()
            if status == 201:
                figures.acks_ms.append((time.monotonic() - sent) * 1000)
            else:
                figures.refused += 1

        try:
            await asyncio.gather(*(cast(n, c, t) for n, (c, t) in enumerate(zip(connections, meeting.deputies,
                                                                                strict=True))))
        finally:
            await asyncio.gather(*(c.close() for c in connections))
        await self.pause()  # the last progress messages reach the tablets before the clock starts
        figures.result_ms.append(await self.timed_fanout(meeting, chair, f"/api/v1/polls/{poll['id']}/close", None))

    # -- phases ----------------------------------------------------------------------------

    async def each_alone(self) -> dict[int, Figures]:
        """Each meeting runs its script in turn while the others stay connected and idle."""
        figures: dict[int, Figures] = {}
        for meeting in self.meetings:
            figures[meeting.number] = Figures()
            await self.script(meeting, figures[meeting.number], 0.0)
        return figures

    async def run(self) -> None:
        try:
            await self.set_up()
            log(f"ALONE: each meeting in turn, {self.args.rounds} speaker starts and "
                f"{self.args.ballot_rounds} votes, the others idle …")
            self.alone = await self.each_alone()
            self.loads.append(("after ALONE", loadavg()))
            if self.args.control:
                log("ALONE again (--control): the same baseline once more …")
                self.again = await self.each_alone()
                self.loads.append(("after ALONE again", loadavg()))
            log(f"TOGETHER: all {len(self.meetings)} meetings at once, {self.args.pause[0]}–{self.args.pause[1]} s "
                f"between a chair's steps …")
            self.together = {m.number: Figures() for m in self.meetings}
            steps = self.args.pause
            await asyncio.gather(*(self.script(m, self.together[m.number], random.uniform(0, max(1.0, steps[1])),
                                               steps)
                                   for m in self.meetings))
            self.loads.append(("after TOGETHER", loadavg()))
        finally:
            await self.pool.stop()
            CHILDREN.stop_all()
            with contextlib.suppress(Exception):
                self.psql(f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')
            if not self.args.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)

    # -- report ----------------------------------------------------------------------------

    def report(self) -> bool:
        def pair(alone: list[float], together: list[float], q: float) -> tuple[float, float, float]:
            a, t = percentile(alone, q), percentile(together, q)
            return a, t, t / a if a else float("nan")

        def figures(a: Figures, t: Figures) -> dict[str, tuple[float, float, float]]:
            """The five figures compared, each as (a, t, t / a)."""
            return {"fan-out p50": pair(a.fanout.last_ms, t.fanout.last_ms, 50),
                    "fan-out p99": pair(a.fanout.last_ms, t.fanout.last_ms, 99),
                    "ballot ack p50": pair(a.acks_ms, t.acks_ms, 50),
                    "ballot ack p99": pair(a.acks_ms, t.acks_ms, 99),
                    "result median": pair(a.result_ms, t.result_ms, 50)}

        def worst_ratios(base: dict[int, Figures], other: dict[int, Figures]) -> dict[str, float]:
            worst: dict[str, float] = {}
            for number, a in base.items():
                for name, (_, _, ratio) in figures(a, other[number]).items():
                    worst[name] = max(worst.get(name, 0.0), ratio)
            return worst

        lines = ["| meeting | tablets | fan-out p50 alone / together | fan-out p99 alone / together | ratio p50; p99 "
                 "| ballot ack p50 alone / together | ack p99 alone / together | ratio p50; p99 "
                 "| result to the last tablet, median alone / together | missed |",
                 "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for meeting in self.meetings:
            a, t = self.alone[meeting.number], self.together[meeting.number]
            f50, f99, b50, b99, r50 = figures(a, t).values()
            lines.append(
                f"| {meeting.number} | {len(meeting.tokens)} | {f50[0]:.1f} / {f50[1]:.1f} ms | {f99[0]:.1f} / "
                f"{f99[1]:.1f} ms | {f50[2]:.2f}×; {f99[2]:.2f}× | {b50[0]:.1f} / {b50[1]:.1f} ms | {b99[0]:.1f} / "
                f"{b99[1]:.1f} ms | {b50[2]:.2f}×; {b99[2]:.2f}× | {r50[0]:.1f} / {r50[1]:.1f} ms | "
                f"{a.fanout.missing + t.fanout.missing} |")
        every = [(self.alone, "alone"), (self.together, "together")]
        pooled = {name: [x for f in phase.values() for x in f.fanout.last_ms] for phase, name in every}
        acks = {name: [x for f in phase.values() for x in f.acks_ms] for phase, name in every}
        refused = sum(f.refused for phase, _ in every for f in phase.values())
        print("\n".join(lines))
        print()
        print(f"All meetings: fan-out p50/p99 alone {percentile(pooled['alone'], 50):.1f}/"
              f"{percentile(pooled['alone'], 99):.1f} ms, together {percentile(pooled['together'], 50):.1f}/"
              f"{percentile(pooled['together'], 99):.1f} ms; ballot ack p50/p99 alone "
              f"{percentile(acks['alone'], 50):.1f}/{percentile(acks['alone'], 99):.1f} ms, together "
              f"{percentile(acks['together'], 50):.1f}/{percentile(acks['together'], 99):.1f} ms; "
              f"ballots refused {refused}")
        ok = refused == 0
        print("Targets (issue 16): each meeting together ≤ 1.5 × the same meeting alone")
        control = worst_ratios(self.alone, self.again) if self.again else {}
        for name, ratio in worst_ratios(self.alone, self.together).items():
            met = ratio <= TARGET_RATIO
            ok &= met
            print(f"- worst {name} ratio {ratio:.2f}×: {'met' if met else 'MISSED'}"
                  + (f" (control, ALONE again / ALONE: {control[name]:.2f}×)" if control else ""))
        print("load average (1/5/15 min): " + "; ".join(f"{when}: {load}" for when, load in self.loads))
        return ok


def _seconds_range(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    bounds = (float(low), float(high or low))
    if not 0 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError("MIN,MAX with 0 ≤ MIN ≤ MAX")
    return bounds


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=20, help="meetings live at once (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="kyhop serve workers (default 4)")
    parser.add_argument("--rounds", type=int, default=10, help="speaker starts per meeting and phase")
    parser.add_argument("--ballot-rounds", type=int, default=3, help="votes per meeting and phase")
    parser.add_argument("--client-procs", type=int, default=2, help="websocket client processes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (server log)")
    parser.add_argument("--control", action="store_true",
                        help="run ALONE twice and print its worst ratios beside TOGETHER's (the noise)")
    parser.add_argument("--quick", action="store_true", help="4 meetings, 3 speaker starts, 1 vote")
    parser.add_argument("--pause", type=_seconds_range, default=SHORT_PAUSE, metavar="MIN,MAX",
                        help="seconds between a chair's steps in TOGETHER (default 0.2,0.4: every meeting "
                             "acting as fast as it can; a busy real sitting is more like 5,15)")
    args = parser.parse_args(argv)
    if args.quick:
        args.meetings, args.rounds, args.ballot_rounds = 4, 3, 1
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    for tool in ("psql",):
        if shutil.which(tool) is None:
            print(f"{tool} is needed (PostgreSQL's client)", file=sys.stderr)
            return 2
    raise_nofile()
    bench = MeetingsBench(args)
    log(f"load average {loadavg()}; {os.cpu_count()} CPUs; tmp {bench.tmp}")
    import uvloop

    uvloop.run(bench.run())
    return 0 if bench.report() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
