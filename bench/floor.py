#!/usr/bin/env python3
"""The chair's "start next speaker" to the last of N tablets, beside the bare relay, in one run.

    .venv/bin/python bench/floor.py [--clients 1000] [--rounds 30] [--speakers 40]
    .venv/bin/python bench/floor.py --quick      # a smoke run: 100 tablets, 6 rounds

The method and the machinery are bench/fanout.py's (its docstring says how clients, relay,
clocks, ABBA rounds, CPU and memory are measured); only the action differs:

- Before the clients connect, `--speakers` entries are put on the list of the first agenda item
  of the chair's demo meeting (fanout.py's) (the deputies of `--tokens` register themselves, for discussion, debate and
  question in turn), the item is made current and the meeting started.
- Each Kỳ Họp round, the chair's `POST /api/v1/speakers/{id}/start` gives the floor to the next
  waiting speaker (which also ends the one speaking) on a kept-alive connection. The server
  answers after committing, and every tablet gets one `speaker.updated` carrying the item's whole
  list (every entry, waiting or done, so its size stays the same through the run). Measured: the
  time from the request being sent to the LAST tablet having that message.
- The relay broadcasts a message of the same size (taken from Kỳ Họp's warm-up rounds).

Printed: fanout.py's tables, and p50/p99 of "last" for both with their ratios. By default only
one process and one N (1,000); `--redis-clients 1000` adds fanout.py's 2 workers over Redis and
PostgreSQL.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fanout
from fanout import Bench, Http, log, percentile

KINDS = ("discussion", "debate", "question")  # what a deputy may register for (one each)
WARM_UP_ROUNDS = 3  # fanout.Bench: 3 rounds to warm up, then 2 more before each N


class FloorBench(Bench):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        self.registered: list[int] = []  # speaker ids, in the order they will be started

    def starts_needed(self) -> int:
        """How many speakers one Kỳ Họp server starts in the whole run."""
        counts = len(set(self.args.clients))
        return WARM_UP_ROUNDS + counts * (2 + self.args.rounds)

    async def login_all(self, port: int) -> None:
        """fanout's logins and meeting start, then the list of speakers and the current item
        (on whichever database this server has: the data stays for the servers after it)."""
        await super().login_all(port)
        item = self.items[0]
        http = Http(port)
        try:
            status, body = await http.request(
                "POST", f"/api/v1/agenda-items/{item}/activate", token=self.chair_token
            )
            if status not in (200, 409):
                raise RuntimeError(f"activate item {item}: {status} {body}")
            self.registered = []
            for turn in range(self.args.speakers):
                token = self.tokens[turn % len(self.tokens)]
                kind = KINDS[turn // len(self.tokens)]
                status, body = await http.request(
                    "POST", f"/api/v1/agenda-items/{item}/speakers", {"kind": kind}, token
                )
                if status != 201:
                    raise RuntimeError(f"register a speaker: {status} {body}")
                self.registered.append(body["id"])
        finally:
            await http.close()
        log(f"{len(self.registered)} speakers waiting on item {item}")

    def chair_actions(self) -> Callable[[], str]:
        """Start the next waiting speaker (each server, with its own database copy, has its own
        list)."""
        waiting = list(self.registered)

        def next_path() -> str:
            if not waiting:
                raise RuntimeError("no speaker left waiting: raise --speakers")
            return f"/api/v1/speakers/{waiting.pop(0)}/start"

        return next_path

    def table(self) -> str:
        lines = [
            f"The chair's start of the next speaker: POST /api/v1/speakers/{{id}}/start on a list "
            f"of {self.args.speakers} speakers; every tablet gets one `speaker.updated` "
            f"({self.message_size:,} bytes) with the whole list.",
            "",
            "| N | Kỳ Họp last p50 | relay last p50 | ratio p50 | Kỳ Họp last p99 "
            "| relay last p99 | ratio p99 |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for n, pair in self.results.items():
            k, r = pair["kyhop"].last_ms, pair["relay"].last_ms
            lines.append(
                f"| {n:,} | {percentile(k, 50):.1f} ms | {percentile(r, 50):.1f} ms "
                f"| **{percentile(k, 50) / percentile(r, 50):.2f}×** | {percentile(k, 99):.1f} ms "
                f"| {percentile(r, 99):.1f} ms | **{percentile(k, 99) / percentile(r, 99):.2f}×** |"
            )
        return "\n".join([*lines, "", super().table()])

    def raw(self) -> dict[str, Any]:
        return {**super().raw(), "speakers": self.args.speakers, "item": self.items[0]}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = fanout.build_parser(__doc__)
    parser.set_defaults(clients=[1000], redis_clients=[], time_limit=600)
    parser.add_argument(
        "--speakers",
        type=int,
        default=40,
        help="speakers on the list (default 40; raised to what the rounds need)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: 100 tablets, 6 rounds, 4 deputies' tokens, no Redis phase",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.rounds, args.redis_clients, args.tokens = [100], 6, [], 4
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    bench = FloorBench(args)
    needed = bench.starts_needed()
    if args.speakers < needed:
        log(f"--speakers {args.speakers} is fewer than the {needed} starts of the run: {needed}")
        args.speakers = needed
    if args.speakers > len(KINDS) * args.tokens:
        args.tokens = math.ceil(args.speakers / len(KINDS))
        if args.tokens > 60:  # the demo's deputies: daibieu01 … daibieu60
            raise SystemExit(f"at most {60 * len(KINDS)} speakers (60 deputies × {len(KINDS)})")
        log(f"--tokens raised to {args.tokens}: each deputy registers at most {len(KINDS)} times")
    return fanout.run_bench(bench)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
