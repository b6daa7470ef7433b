#!/usr/bin/env python3
"""Reconnect storm: the hall's Wi-Fi comes back and every tablet reconnects within one second.

    .venv/bin/python bench/reconnect.py [--tablets 1000] [--spread 1.0] [--runs 3]
    .venv/bin/python bench/reconnect.py --quick        # a smoke run: 200 tablets, 1 run

The server is bench/fanout.py's (`kyhop serve`, 1 process, SQLite, after `kyhop demo`; the chair
and `--tokens` deputies log in and the chair starts the demo meeting). The hall display (one
socket) stays connected throughout, as a wired screen does (`--no-display`: no socket is open
between storms). Before each storm the chair makes 20
changes (the current agenda item, back and forth) and the events before the last 10 are deleted
from the table, as KYHOP_EVENT_RETENTION_HOURS would have done. Then, from `--client-procs`
processes, the tablets open their sockets spread evenly over `--spread` seconds:

- half resume with `since` = the seq of 5 changes ago (inside the kept events: they get those
  5 events and nothing else),
- half resume with `since` = 2 (too old: its events are gone, so they get a fresh snapshot).

Half a second into the storm the chair makes one more change. Measured per tablet, from the
moment it starts to connect: its first message, and the moment it is **in sync** (it holds the
meeting at the seq of the chair's change, having applied every message in order — a tablet that
saw a gap or a duplicate is counted as failed). Also: the chair's request time during the storm,
from that request to the last tablet having its event, the server's CPU time over the storm, and
how many snapshots the server built (`kyhop_live_snapshot_builds`) for how many it sent.
Target (issue 16): every tablet in sync within 5 s of the storm's start, in order.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fanout
from fanout import CHILDREN, Http, loadavg, log, percentile, raise_nofile, sched_ns

CHANGES_BEFORE = 20
KEPT = 10
RESUME_BACK = 5
CHANGE_AT_S = 0.5
SYNC_TARGET_S = 5.0
STORM_TIMEOUT_S = 60.0

# --- the client processes ----------------------------------------------------------------


async def _tablet(url: str, since: int | None, start_ns: int, out: dict[str, Any]) -> None:
    from websockets.asyncio.client import connect

    await asyncio.sleep(max(0.0, (start_ns - time.monotonic_ns()) / 1e9))
    out["start_ns"] = time.monotonic_ns()
    seq = since
    history: list[tuple[int, int]] = []
    try:
        async with connect(url + (f"&since={since}" if since is not None else ""), compression=None,
                           max_size=None, open_timeout=STORM_TIMEOUT_S, ping_interval=None) as socket:
            async for text in socket:
                now = time.monotonic_ns()
                message = json.loads(text)
                if message["type"] == "snapshot":
                    out["snapshot"] = True
                elif seq is None or message["seq"] != seq + 1:
                    out["error"] = f"expected seq {None if seq is None else seq + 1}, got {message['seq']}"
                    return
                seq = message["seq"]
                history.append((seq, now))
                out["history"] = history
    except Exception as exc:
        out.setdefault("error", f"{type(exc).__name__}: {exc}")


async def client_main() -> None:
    """Reads one storm's orders on stdin, then the seq to reach; writes each tablet's figures."""
    loop = asyncio.get_running_loop()
    order = json.loads(await loop.run_in_executor(None, sys.stdin.readline))
    outs: list[dict[str, Any]] = [{} for _ in order["tablets"]]
    tasks = [asyncio.create_task(_tablet(t["url"], t["since"], t["start_ns"], out))
             for t, out in zip(order["tablets"], outs, strict=True)]
    target = json.loads(await loop.run_in_executor(None, sys.stdin.readline))["seq"]
    deadline = time.monotonic() + STORM_TIMEOUT_S
    while time.monotonic() < deadline:
        if all("error" in out or (out.get("history") and out["history"][-1][0] >= target) for out in outs):
            break
        await asyncio.sleep(0.01)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    results = []
    for out in outs:
        reached = next((at for seq, at in out.get("history", []) if seq >= target), None)
        history = out.get("history") or [(0, 0)]
        results.append({"start_ns": out.get("start_ns"), "first_ns": history[0][1] or None,
                        "synced_ns": reached, "target_event_ns": next(
                            (at for seq, at in history if seq == target), None),
                        "snapshot": out.get("snapshot", False), "error": out.get("error")})
    sys.stdout.write(json.dumps(results) + "\n")
    sys.stdout.flush()


# --- the run -------------------------------------------------------------------------------


class StormBench(fanout.Bench):
    async def chair_change(self, http: Http, path: str) -> tuple[float, int]:
        await http.ready()
        started = time.monotonic_ns()
        status, body = await http.request("POST", path, token=self.chair_token)
        elapsed_ms = (time.monotonic_ns() - started) / 1e6
        if status != 200:
            raise RuntimeError(f"POST {path}: {status} {body}")
        status, meeting = await http.request("GET", f"/api/v1/meetings/{self.meeting_id}", token=self.chair_token)
        return elapsed_ms, meeting["seq"]

    async def counter(self, http: Http, name: str) -> float:
        await http.ready()
        await http.send_raw(http.encode("GET", "/metrics"))
        _, raw = await http.read_response()
        match = re.search(rf"^{name} ([0-9.e+]+)$", raw.decode(), re.MULTILINE)
        return float(match.group(1)) if match else float("nan")

    async def storm(self, port: int, pid: int, n: int) -> dict[str, Any]:
        http = Http(port)
        next_path = self.chair_actions()
        seq = 0
        for _ in range(CHANGES_BEFORE):
            _, seq = await self.chair_change(http, next_path())
        with sqlite3.connect(self.sqlite_dir / "kyhop.sqlite3") as db:  # what retention would delete
            db.execute("DELETE FROM meeting_events WHERE meeting_id = ? AND seq <= ?",
                       (self.meeting_id, seq - KEPT))
        builds = await self.counter(http, "kyhop_live_snapshot_builds_total")
        sent = await self.counter(http, "kyhop_live_snapshots_total")
        await http.close()
        http = Http(port)
        await http.open()

        urls = self.kyhop_urls(port, n)
        start = time.monotonic_ns() + 300_000_000
        tablets = [{"url": url, "since": seq - RESUME_BACK if i % 2 == 0 else 2,
                    "start_ns": start + int(self.args.spread * 1e9 * i / n)} for i, url in enumerate(urls)]
        procs = []
        per = -(-n // self.args.client_procs)
        for k in range(self.args.client_procs):
            proc = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--_client", stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, limit=2**26)
            assert proc.stdin is not None
            proc.stdin.write((json.dumps({"tablets": tablets[k * per:(k + 1) * per]}) + "\n").encode())
            await proc.stdin.drain()
            procs.append(proc)
        cpu_before = sched_ns(pid)
        profiler = None
        if self.args.py_spy:
            profiler = CHILDREN.start([str(Path(sys.executable).parent / "py-spy"), "record", "--nonblocking",
                                       "-f", "raw", "-r", "250", "-o", str(self.args.py_spy), "--pid", str(pid)],
                                      log_path=self.tmp / "py-spy.log")
        await asyncio.sleep(max(0.0, (start - time.monotonic_ns()) / 1e9 + CHANGE_AT_S))
        change_sent = time.monotonic_ns()
        change_ms, target = await self.chair_change(http, next_path())
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write((json.dumps({"seq": target}) + "\n").encode())
            await proc.stdin.drain()
        results: list[dict[str, Any]] = []
        for proc in procs:
            assert proc.stdout is not None
            results += json.loads(await proc.stdout.readline())
            await proc.wait()
        cpu_after = sched_ns(pid)
        if profiler is not None:  # py-spy writes its file on SIGINT
            os.killpg(profiler.pid, signal.SIGINT)
            await asyncio.get_running_loop().run_in_executor(None, profiler.wait, 60)
        built = await self.counter(http, "kyhop_live_snapshot_builds_total") - builds
        snapshots = await self.counter(http, "kyhop_live_snapshots_total") - sent
        await http.close()
        return self.summarise(results, start, change_sent, change_ms, built, snapshots,
                              (cpu_after[0] - cpu_before[0]) / 1e6)

    @staticmethod
    def summarise(results: list[dict[str, Any]], start: int, change_sent: int, change_ms: float,
                  built: float, snapshots: float, cpu_ms: float) -> dict[str, Any]:
        ok = [r for r in results if r["error"] is None and r["synced_ns"] is not None]
        synced_s = [(r["synced_ns"] - start) / 1e9 for r in ok]
        own_s = [(r["synced_ns"] - r["start_ns"]) / 1e9 for r in ok]
        first_ms = [(r["first_ns"] - r["start_ns"]) / 1e6 for r in ok if r["first_ns"]]
        event_ms = [(r["target_event_ns"] - change_sent) / 1e6 for r in ok if r["target_event_ns"]]
        errors = [r["error"] for r in results if r["error"] is not None]
        return {
            "tablets": len(results), "in_sync": len(ok), "errors": len(errors), "error_sample": errors[:3],
            "snapshot_tablets": sum(1 for r in ok if r["snapshot"]),
            "all_in_sync_s": max(synced_s) if synced_s else float("nan"),
            "own_sync_p50_ms": percentile(own_s, 50) * 1000, "own_sync_p99_ms": percentile(own_s, 99) * 1000,
            "first_message_p50_ms": percentile(first_ms, 50), "first_message_p99_ms": percentile(first_ms, 99),
            "change_request_ms": change_ms,
            "change_to_last_tablet_ms": max(event_ms) if event_ms else float("nan"),
            "tablets_that_got_the_change_as_an_event": len(event_ms),
            "snapshots_built": built, "snapshots_sent": snapshots, "server_cpu_ms": cpu_ms,
        }

    async def run(self) -> None:
        log(f"load average {loadavg()}; {os.cpu_count()} CPUs; open files {raise_nofile()}; tmp {self.tmp}")
        self.loads.append(("begin", loadavg()))
        await self.prepare_sqlite()
        proc, port = await self.start_kyhop(self.kyhop_env(self.sqlite_dir), "kyhop")
        await self.login_all(port)
        from websockets.asyncio.client import connect

        async with contextlib.AsyncExitStack() as stack:
            if not self.args.no_display:
                display = await stack.enter_async_context(
                    connect(self.kyhop_urls(port, 1)[0], compression=None, max_size=None))
                await display.recv()
            self.runs = []
            for number in range(self.args.runs):
                result = await self.storm(port, proc.pid, self.args.tablets)
                self.runs.append(result)
                log(f"storm {number + 1}: {json.dumps(result)}")
                await asyncio.sleep(2)
        CHILDREN.stop(proc)
        self.loads.append(("end", loadavg()))

    def report(self) -> str:
        rows = [
            ("tablets in sync / all (errors)", lambda r: f"{r['in_sync']:,} / {r['tablets']:,} ({r['errors']})"),
            ("**all in sync**, from the storm's start", lambda r: f"**{r['all_in_sync_s']:.2f} s**"),
            ("a tablet's own time to sync, p50 / p99", lambda r: f"{r['own_sync_p50_ms']:.0f} / {r['own_sync_p99_ms']:.0f} ms"),
            ("its first message, p50 / p99", lambda r: f"{r['first_message_p50_ms']:.0f} / {r['first_message_p99_ms']:.0f} ms"),
            ("tablets that got a snapshot", lambda r: f"{r['snapshot_tablets']:,}"),
            ("snapshots built / sent", lambda r: f"{r['snapshots_built']:.0f} / {r['snapshots_sent']:.0f}"),
            ("the chair's change during the storm: request", lambda r: f"{r['change_request_ms']:.0f} ms"),
            ("… to the last tablet that got it as an event", lambda r: f"{r['change_to_last_tablet_ms']:.0f} ms "
             f"({r['tablets_that_got_the_change_as_an_event']:,} tablets)"),
            ("server CPU over the storm", lambda r: f"{r['server_cpu_ms']:,.0f} ms"),
        ]
        head = "| | " + " | ".join(f"storm {i + 1}" for i in range(len(self.runs))) + " |"
        lines = [head, "|---|" + "---:|" * len(self.runs)]
        lines += [f"| {name} | " + " | ".join(cell(r) for r in self.runs) + " |" for name, cell in rows]
        worst = max(r["all_in_sync_s"] for r in self.runs)
        failed = sum(r["errors"] + r["tablets"] - r["in_sync"] for r in self.runs)
        verdict = "met" if worst <= SYNC_TARGET_S and failed == 0 else "MISSED"
        lines.append("")
        lines.append(f"Target: every tablet in sync within {SYNC_TARGET_S:g} s, in order: **{verdict}** "
                     f"(worst {worst:.2f} s; {failed} tablets failed). Load: "
                     + ", ".join(f"{when} {load}" for when, load in self.loads)
                     + f"; median all-in-sync {statistics.median(r['all_in_sync_s'] for r in self.runs):.2f} s.")
        return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--_client"]:
        asyncio.run(client_main())
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tablets", type=int, default=1000, help="tablets reconnecting (1000)")
    parser.add_argument("--spread", type=float, default=1.0, help="seconds the reconnects spread over (1)")
    parser.add_argument("--runs", type=int, default=3, help="storms, one after the other (3)")
    parser.add_argument("--client-procs", type=int, default=2, help="client processes (2)")
    parser.add_argument("--tokens", type=int, default=20, help="deputies whose tokens the tablets share (20)")
    parser.add_argument("--quick", action="store_true", help="200 tablets, 1 storm")
    parser.add_argument("--no-display", action="store_true",
                        help="no hall display stays connected: between storms nobody follows the meeting")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--kyhop-src", help="run the server from this copy of the sources (e.g. an older "
                        "commit's `git worktree`) instead of the checkout")
    parser.add_argument("--py-spy", type=Path, help="profile the server during the storms (py-spy raw output)")
    args = parser.parse_args(argv)
    if args.quick:
        args.tablets, args.runs = 200, 1
    args.compare_src = None
    bench = StormBench(args)
    try:
        asyncio.run(bench.run())
    finally:
        CHILDREN.stop_all()
    print(bench.report())
    if args.json:
        args.json.write_text(json.dumps(bench.runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
