#!/usr/bin/env python3
"""Live-channel fan-out benchmark: Kỳ Họp beside a bare `websockets` relay, in one run.

    .venv/bin/python bench/fanout.py [--clients 100,1000,5000] [--rounds N]

For each N (number of connected clients):

1. Kỳ Họp (`kyhop serve`, one process, SQLite, in-process broker): the chair's
   `POST /api/v1/agenda-items/{id}/activate` is sent on a kept-alive connection; every client
   records when the resulting `agenda.current` message reaches it. Per round: the time from the
   request being sent to the LAST client having it ("last"), and every client's latency.
2. The reference peer, in the same run with the same clients: a relay made of
   `websockets.asyncio.server.serve` + `broadcast` and nothing else. A control websocket sends it
   a message of the same size as Kỳ Họp's `agenda.current`; it broadcasts that to all clients.
   The rounds alternate between the two servers (ABBA) so that other work on the machine hits
   both alike. Printed: p50/p99 of "last" over the rounds, p50/p99 over all client latencies,
   and the ratio Kỳ Họp p99 / relay p99.
3. Memory per idle connection: server RSS (VmRSS) with 0 and with N idle clients,
   (RSS_N - RSS_0) / N, for both servers. One server process of each kind serves all N in
   ascending order: clients are only ever added, so nothing freed in between hides in RSS_N.
4. The same fan-out across 2 `kyhop serve` processes on one PostgreSQL database with the Redis
   broker: clients split across both, the REST action sent to the first; time to the last
   client on either worker (`--redis-clients`, default 1000).

The clients run in separate processes (`--client-procs`, default 2), on asyncio (uvloop) with
the sans-I/O protocol of the `websockets` library: each socket's bytes are time-stamped as they
come off the socket and parsed afterwards, so that parsing one socket's message does not delay
the time stamp of the next one (a lone text frame is recognised from its header alone). The
sockets share the tokens of `--tokens` deputies, round-robin. Both servers run on uvloop
(uvicorn picks it; the relay is told to). Clock: CLOCK_MONOTONIC, shared by all processes.
Each round also records the server's CPU time and its time waiting for a CPU
(/proc/PID/task/*/schedstat) and the clients' CPU time, so that a loaded machine or saturated
clients show up in the table instead of hiding in it.

Everything runs on 127.0.0.1 in a temporary directory; every process started here is stopped on
exit, on errors, on Ctrl-C and after `--time-limit` seconds, and dies with this program
(PR_SET_PDEATHSIG, through util-linux's `setpriv`). The PostgreSQL database made for step 4 is
dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
KYHOP = VENV_BIN / "kyhop"
# The demo meeting the chair runs: the first meeting of the chair's own council that is
# published, not yet over (looked up after logging in: the demo's ids are not fixed); the chair
# alternates between its first two agenda items.
MEETING_STATES = ("published", "in_progress")
DEMO_PASSWORD = "kyhop2026"
CHAIR = "chutoa"
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/{db}"
REDIS_URL = "redis://127.0.0.1:6379/0"
ROUND_TIMEOUT_S = 20.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# Children get SIGTERM if this program dies, even by SIGKILL: PR_SET_PDEATHSIG, set by util-linux's
# setpriv just before it execs the command (a preexec_fn is unsafe beside executor threads).
PDEATHSIG = ["setpriv", "--pdeathsig", "TERM", "--"] if shutil.which("setpriv") else []


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# =============================================================================================
# Client worker process: many websocket clients, commanded over stdin/stdout (JSON lines)
# =============================================================================================


class Group:
    """The clients of one server in this worker (e.g. "kyhop", "relay")."""

    def __init__(self) -> None:
        self.clients: list[WsClient] = []
        self.armed = False
        self.expected = 0
        self.received = 0
        self.size = 0
        self.stray = 0
        self.lost = 0
        self.closing = False
        self.done: asyncio.Future[None] | None = None


class Worker:
    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.groups: dict[str, Group] = {}
        self.inbox: list[tuple[WsClient, bytes, int]] = []
        self.scheduled = False

    def drain(self) -> None:
        """Parse what the sockets delivered, after every ready socket got its time stamp."""
        self.scheduled = False
        inbox, self.inbox = self.inbox, []
        for client, data, stamp in inbox:
            client.handle(data, stamp)


class WsClient(asyncio.Protocol):
    def __init__(self, worker: Worker, group: Group, url: str) -> None:
        from websockets.client import ClientProtocol
        from websockets.uri import parse_uri

        self.worker = worker
        self.group = group
        self.proto = ClientProtocol(parse_uri(url), max_size=None)
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future[int] = worker.loop.create_future()
        self.gone: asyncio.Future[None] = worker.loop.create_future()
        self.stamp = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.proto.send_request(self.proto.connect())
        self.flush()

    def data_received(self, data: bytes) -> None:
        worker = self.worker
        worker.inbox.append((self, data, time.monotonic_ns()))
        if not worker.scheduled:
            worker.scheduled = True
            worker.loop.call_soon(worker.drain)

    def eof_received(self) -> bool | None:
        self.proto.receive_eof()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(
                ConnectionError(f"connection lost before the first message: {exc}")
            )
        elif not self.group.closing:
            self.group.lost += 1
        if not self.gone.done():
            self.gone.set_result(None)

    def flush(self) -> None:
        assert self.transport is not None
        for chunk in self.proto.data_to_send():
            if chunk:
                self.transport.write(chunk)
            elif self.transport.can_write_eof():
                self.transport.write_eof()

    def handle(self, data: bytes, stamp: int) -> None:
        from websockets.frames import Frame, Opcode

        proto = self.proto
        # Fast path for what every event is: one whole, unfragmented, unmasked text frame, and
        # nothing else, with no partial frame pending in the protocol. Its header gives the size;
        # the protocol's (pure Python) parser would cost more than the rest of the client.
        if len(data) > 2 and data[0] == 0x81 and self.opened.done() and not proto.reader.buffer:
            size, head = data[1], 2
            if size == 126:
                size, head = int.from_bytes(data[2:4], "big"), 4
            if data[1] != 127 and head + size == len(data):
                self.on_text(size, stamp)
                return
        proto.receive_data(data)
        for event in proto.events_received():
            if not isinstance(event, Frame):  # the handshake response
                if proto.handshake_exc is not None and not self.opened.done():
                    self.opened.set_exception(ConnectionError(f"handshake: {proto.handshake_exc}"))
                continue
            if event.opcode is Opcode.TEXT:
                self.on_text(len(event.data), stamp)
            elif event.opcode is Opcode.CLOSE and not self.opened.done():
                code = proto.close_rcvd.code if proto.close_rcvd else None
                self.opened.set_exception(ConnectionError(f"closed by the server with {code}"))
        self.flush()  # pongs, close replies

    def on_text(self, size: int, stamp: int) -> None:
        if not self.opened.done():  # the snapshot (Kỳ Họp) or the hello (relay)
            self.opened.set_result(size)
            return
        group = self.group
        if group.armed and self.stamp == 0:
            self.stamp = stamp
            group.received += 1
            group.size = max(group.size, size)
            if (
                group.received >= group.expected
                and group.done is not None
                and not group.done.done()
            ):
                group.done.set_result(None)
        else:
            group.stray += 1

    def close(self) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        with contextlib.suppress(Exception):
            self.proto.send_close(1000)
            self.flush()


async def worker_main() -> None:
    raise_nofile()
    worker = Worker()
    loop = worker.loop
    reader = asyncio.StreamReader(limit=1 << 26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    def reply(message: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    async def connect(
        rid: str, key: str, urls: list[str], concurrency: int, timeout: float
    ) -> None:
        group = worker.groups.setdefault(key, Group())
        semaphore = asyncio.Semaphore(concurrency)
        errors: list[str] = []
        started = time.monotonic()

        async def open_one(url: str) -> None:
            async with semaphore:
                for attempt in range(3):
                    client = WsClient(worker, group, url)
                    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
                    try:
                        await asyncio.wait_for(
                            loop.create_connection(lambda c=client: c, host, int(port)), timeout
                        )
                        await asyncio.wait_for(asyncio.shield(client.opened), timeout)
                        group.clients.append(client)
                        return
                    except Exception as exc:
                        if client.transport is not None:
                            client.transport.abort()
                        if attempt == 2:
                            errors.append(f"{type(exc).__name__}: {exc}"[:200])
                        await asyncio.sleep(0.2 * (attempt + 1))

        await asyncio.gather(*(open_one(url) for url in urls))
        reply(
            {
                "rid": rid,
                "connected": len(group.clients),
                "failed": len(errors),
                "errors": errors[:3],
                "seconds": time.monotonic() - started,
            }
        )

    async def arm(rid: str, keys: list[str], timeout: float) -> None:
        cpu0 = time.process_time()
        waits = []
        for key in keys:
            group = worker.groups[key]
            for client in group.clients:
                client.stamp = 0
            alive = [c for c in group.clients if not c.gone.done()]
            group.expected = len(alive)
            group.received = 0
            group.size = 0
            group.done = loop.create_future()
            group.armed = True
            if group.expected == 0:
                group.done.set_result(None)
            waits.append(group.done)
        reply({"rid": rid, "armed": True})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*waits), timeout)
        cpu = time.process_time() - cpu0
        out: dict[str, Any] = {"rid": rid + ".done", "cpu": cpu, "groups": {}}
        for key in keys:
            group = worker.groups[key]
            group.armed = False
            out["groups"][key] = {
                "stamps": [c.stamp for c in group.clients if c.stamp],
                "missing": group.expected - group.received,
                "size": group.size,
            }
        reply(out)

    async def close(rid: str, key: str) -> None:
        group = worker.groups.pop(key, None)
        if group is not None:
            group.closing = True
            for client in group.clients:
                client.close()
            gone = [c.gone for c in group.clients]
            if gone:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.gather(*gone), 10)
            for client in group.clients:
                if client.transport is not None and not client.gone.done():
                    client.transport.abort()
        reply({"rid": rid, "closed": key})

    tasks: set[asyncio.Task[None]] = set()
    while True:
        line = await reader.readline()
        if not line:
            return  # the orchestrator is gone
        command = json.loads(line)
        name, rid = command["cmd"], command["rid"]
        if name == "connect":
            coro = connect(
                rid, command["key"], command["urls"], command["concurrency"], command["timeout"]
            )
        elif name == "arm":
            coro = arm(rid, command["keys"], command["timeout"])
        elif name == "close":
            coro = close(rid, command["key"])
        elif name == "stats":
            usage = resource.getrusage(resource.RUSAGE_SELF)
            reply(
                {
                    "rid": rid,
                    "cpu": time.process_time(),
                    "maxrss_kib": usage.ru_maxrss,
                    "lost": {k: g.lost for k, g in worker.groups.items()},
                    "stray": {k: g.stray for k, g in worker.groups.items()},
                }
            )
            continue
        elif name == "exit":
            return
        else:
            reply({"rid": rid, "error": f"unknown command {name}"})
            continue
        task = loop.create_task(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)


# =============================================================================================
# The reference peer: a bare websockets relay
# =============================================================================================


async def relay_main(port: int) -> None:
    from websockets.asyncio.server import broadcast, serve

    raise_nofile()
    clients: set[Any] = set()

    async def handler(websocket: Any) -> None:
        if websocket.request.path.startswith("/control"):
            async for message in websocket:  # relay whatever the control connection sends
                broadcast(clients, message)
            return
        clients.add(websocket)
        try:
            await websocket.send('{"type": "hello"}')
            await websocket.wait_closed()
        finally:
            clients.discard(websocket)

    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    async def watch_stdin() -> None:
        await reader.read()
        stdin_closed.set_result(None)

    watcher = loop.create_task(watch_stdin())
    async with serve(
        handler,
        "127.0.0.1",
        port,
        compression=None,
        backlog=4096,
        ping_interval=20,
        ping_timeout=20,
    ):
        print("READY", flush=True)
        await stdin_closed
    watcher.cancel()


# =============================================================================================
# Orchestrator
# =============================================================================================


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def sched_ns(pid: int) -> tuple[int, int]:
    """(time on a CPU, time waiting for one), summed over the process's threads."""
    run = wait = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError):
            fields = (task / "schedstat").read_text().split()
            run += int(fields[0])
            wait += int(fields[1])
    return run, wait


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Children:
    """Every process this program starts; all are stopped on exit."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[Any]] = []

    def start(
        self,
        args: list[str],
        *,
        env: dict[str, str] | None = None,
        log_path: Path | None = None,
        stdin: Any = subprocess.DEVNULL,
        stdout: Any = None,
    ) -> subprocess.Popen[Any]:
        out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
        proc = subprocess.Popen(
            PDEATHSIG + args,
            env=env,
            stdin=stdin,
            stdout=stdout if stdout else out,
            stderr=out,
            cwd=ROOT,
            start_new_session=True,
        )
        if log_path:
            out.close()
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[Any], timeout: float = 10) -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.procs):
            with contextlib.suppress(Exception):
                self.stop(proc, timeout=5)


CHILDREN = Children()


class Http:
    """A kept-alive HTTP/1.1 connection, as a chair's tablet has."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def encode(self, method: str, path: str, body: Any = None, token: str | None = None) -> bytes:
        payload = json.dumps(body).encode() if body is not None else b""
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            f"Content-Length: {len(payload)}",
        ]
        if body is not None:
            head.append("Content-Type: application/json")
        if token:
            head.append(f"Authorization: Bearer {token}")
        return ("\r\n".join(head) + "\r\n\r\n").encode() + payload

    async def ready(self) -> None:
        """Open, or reopen a connection the server may be about to close for idleness
        (uvicorn's keep-alive timeout is 5 s), so that a timed request never waits for that."""
        if self.writer is not None and (
            self.reader is None or self.reader.at_eof() or time.monotonic() - self.used > 3.0
        ):
            await self.close()
        if self.writer is None:
            await self.open()

    async def send_raw(self, data: bytes) -> None:
        if self.writer is None:
            await self.open()
        assert self.writer is not None
        self.used = time.monotonic()
        self.writer.write(data)

    async def read_response(self) -> tuple[int, bytes]:
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = b""
        if headers.get("connection") == "close":
            await self.close()
        return status, body

    async def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        await self.send_raw(self.encode(method, path, body, token))
        status, raw = await self.read_response()
        return status, (json.loads(raw) if raw else None)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class ClientPool:
    """The client worker processes."""

    def __init__(self, procs: int, log_path: Path) -> None:
        self.n = procs
        self.log_path = log_path
        self.procs: list[asyncio.subprocess.Process] = []
        self.pids: list[int] = []
        self.futures: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.readers: list[asyncio.Task[None]] = []
        self.counter = 0
        self.stopping = False

    async def start(self) -> None:
        for _ in range(self.n):
            err = open(self.log_path, "ab")  # noqa: SIM115 - a log file, once
            proc = await asyncio.create_subprocess_exec(
                *PDEATHSIG,
                sys.executable,
                __file__,
                "--_client-worker",
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                cwd=ROOT,
                start_new_session=True,
                limit=1 << 26,
            )
            err.close()
            self.procs.append(proc)
            self.pids.append(proc.pid)
            self.readers.append(asyncio.get_running_loop().create_task(self._read(proc)))

    async def _read(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while True:
            line = await proc.stdout.readline()
            if not line:
                for future in self.futures.values():
                    if not future.done() and not self.stopping:
                        future.set_exception(RuntimeError("a client worker died"))
                        future.exception()  # whoever awaits it gets it; no "never retrieved" noise
                return
            message = json.loads(line)
            future = self.futures.pop(message["rid"], None)
            if future is not None and not future.done():
                future.set_result(message)

    def _send(
        self, index: int, command: dict[str, Any], *extra_rids: str
    ) -> list[asyncio.Future[dict[str, Any]]]:
        self.counter += 1
        rid = f"{index}-{self.counter}"
        futures = []
        for suffix in ("", *extra_rids):
            future = asyncio.get_running_loop().create_future()
            self.futures[rid + suffix] = future
            futures.append(future)
        proc = self.procs[index]
        assert proc.stdin is not None
        proc.stdin.write((json.dumps({**command, "rid": rid}) + "\n").encode())
        return futures

    async def connect(
        self, key: str, urls: list[str], concurrency: int, timeout: float = 30
    ) -> dict[str, Any]:
        """Spread the urls over the workers; each worker opens its share."""
        shares = [urls[i :: self.n] for i in range(self.n)]
        futures = [
            self._send(
                i,
                {
                    "cmd": "connect",
                    "key": key,
                    "urls": share,
                    "concurrency": max(1, concurrency // self.n),
                    "timeout": timeout,
                },
            )[0]
            for i, share in enumerate(shares)
        ]
        replies = await asyncio.gather(*futures)
        return {
            "connected": sum(r["connected"] for r in replies),
            "failed": sum(r["failed"] for r in replies),
            "errors": [e for r in replies for e in r["errors"]][:3],
            "seconds": max(r["seconds"] for r in replies),
        }

    async def arm(self, keys: list[str], timeout: float) -> list[asyncio.Future[dict[str, Any]]]:
        """Arm every worker; returns the futures of their results once all are armed."""
        pairs = [
            self._send(i, {"cmd": "arm", "keys": keys, "timeout": timeout}, ".done")
            for i in range(self.n)
        ]
        await asyncio.gather(*(armed for armed, _ in pairs))
        return [done for _, done in pairs]

    async def close(self, key: str) -> None:
        await asyncio.gather(
            *(self._send(i, {"cmd": "close", "key": key})[0] for i in range(self.n))
        )

    async def stats(self) -> list[dict[str, Any]]:
        return await asyncio.gather(*(self._send(i, {"cmd": "stats"})[0] for i in range(self.n)))

    async def stop(self) -> None:
        self.stopping = True
        for proc in self.procs:
            if proc.returncode is None and proc.stdin is not None:
                with contextlib.suppress(Exception):
                    proc.stdin.write(b'{"cmd": "exit", "rid": "x"}\n')
                    proc.stdin.close()
        for proc in self.procs:
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()
        for task in self.readers:
            task.cancel()


@dataclass
class Series:
    """The rounds of one server at one N."""

    last_ms: list[float] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)
    all_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)  # the REST answer (Kỳ Họp only)
    server_cpu_ms: list[float] = field(default_factory=list)
    server_wait_ms: list[float] = field(default_factory=list)
    client_cpu_ms: list[float] = field(default_factory=list)
    client_busy: list[float] = field(default_factory=list)  # busiest worker: CPU / (last - t0)
    per_group_last_ms: dict[str, list[float]] = field(default_factory=dict)
    missing: int = 0
    rss0_kib: int = 0
    rssn_kib: int = 0
    rss_after_kib: int = 0
    connect_s: float = 0.0
    connect_cpu_ms: float = 0.0
    connect_failed: int = 0
    size: int = 0

    def add_round(self, t0: int, results: list[dict[str, Any]], keys: list[str]) -> None:
        stamps: list[int] = []
        by_group: dict[str, list[int]] = {}
        busy = []
        for result in results:
            worker_stamps: list[int] = []
            for key in keys:
                group = result["groups"][key]
                worker_stamps += group["stamps"]
                by_group.setdefault(key, []).extend(group["stamps"])
                self.missing += group["missing"]
                self.size = max(self.size, group["size"])
            stamps += worker_stamps
            if worker_stamps:
                busy.append(result["cpu"] * 1e3 / max((max(worker_stamps) - t0) / 1e6, 1e-3))
        if not stamps:
            return
        for key, group_stamps in by_group.items():
            if group_stamps:
                self.per_group_last_ms.setdefault(key, []).append((max(group_stamps) - t0) / 1e6)
        latencies = [(s - t0) / 1e6 for s in stamps]
        self.last_ms.append(max(latencies))
        self.first_ms.append(min(latencies))
        self.all_ms += latencies
        self.client_cpu_ms.append(sum(r["cpu"] for r in results) * 1e3)
        self.client_busy.append(max(busy) if busy else 0.0)


@dataclass
class Target:
    """A server under test and how to make it broadcast."""

    name: str
    pid: int
    keys: list[str]
    trigger: Any  # async () -> None; sends the action
    answer: Any = None  # async () -> None; reads the REST answer (Kỳ Họp)
    prepare: Any = None  # async () -> None; called before the clock starts


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="kyhop-fanout-"))
        self.log_path = self.tmp / "children.log"
        self.pool = ClientPool(args.client_procs, self.tmp / "clients.log")
        self.sqlite_dir = self.tmp / "sqlite"
        self.tokens: list[str] = []
        self.chair_token = ""
        self.message_size = 0
        self.item_turn = 0
        self.meeting_id = 0
        self.items: tuple[int, ...] = ()
        self.pg_db = ""
        self.results: dict[int, dict[str, Series]] = {}
        self.redis_results: dict[int, Series] = {}
        self.notes: list[str] = []
        self.loads: list[tuple[str, str]] = []

    # -- servers -----------------------------------------------------------------------------

    def kyhop_command(self, *args: str) -> list[str]:
        """`kyhop …`, or the same from a scratch copy of the sources (see kyhop_env)."""
        if not self.args.kyhop_src and not self.args.compare_src:
            return [str(KYHOP), *args]
        # -P: no current directory on sys.path, so PYTHONPATH (the copy) wins over the checkout
        return [
            sys.executable,
            "-P",
            "-c",
            "import sys; from app.cli import main; sys.argv[0] = 'kyhop'; sys.exit(main())",
            *args,
        ]

    def kyhop_env(
        self, data_dir: Path, database_url: str = "", broker_url: str = "", src: str | None = None
    ) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
        env.update(
            KYHOP_DATA_DIR=str(data_dir),
            KYHOP_DATABASE_URL=database_url,
            KYHOP_BROKER_URL=broker_url,
        )
        env["PYTHONPATH"] = str(Path(src or self.args.kyhop_src or ROOT).resolve())
        return env

    async def start_kyhop(
        self, env: dict[str, str], name: str
    ) -> tuple[subprocess.Popen[Any], int]:
        port = free_port()
        proc = CHILDREN.start(
            self.kyhop_command("serve", "--host", "127.0.0.1", "--port", str(port)),
            env=env,
            log_path=self.tmp / f"{name}.log",
        )
        await self.wait_ready(proc, port, name)
        return proc, port

    async def wait_ready(self, proc: subprocess.Popen[Any], port: int, name: str) -> None:
        """Until the server answers GET /readyz with 200 (90 s at most)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}; see {self.tmp / name}.log")
            with contextlib.suppress(OSError, asyncio.IncompleteReadError, IndexError, ValueError):
                http = Http(port)
                status, _ = await http.request("GET", "/readyz")
                await http.close()
                if status == 200:
                    return
            await asyncio.sleep(0.3)
        raise RuntimeError(f"{name} did not become ready; see {self.tmp / name}.log")

    async def start_bare(self) -> tuple[subprocess.Popen[Any], int]:
        """bench/bare_app.py: the stack's cheapest durable write-then-send (see its docstring)."""
        port = free_port()
        proc = CHILDREN.start(
            [sys.executable, str(Path(__file__).with_name("bare_app.py")), str(port),
             str(self.tmp / "bare.db")],
            log_path=self.tmp / "bare.log",
        )
        await self.wait_ready(proc, port, "bare")
        return proc, port

    async def start_relay(self) -> tuple[subprocess.Popen[Any], int]:
        port = free_port()
        proc = CHILDREN.start(
            [sys.executable, __file__, "--_relay", str(port)],
            log_path=self.tmp / "relay.log",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        line = await asyncio.get_running_loop().run_in_executor(None, proc.stdout.readline)
        if line.strip() != b"READY":
            raise RuntimeError("the relay did not start; see relay.log")
        return proc, port

    async def login_all(self, port: int) -> None:
        """The chair and `--tokens` deputies log in (Argon2: slow on purpose, so 4 at a time)."""

        async def login(username: str) -> str:
            async with semaphore:
                http = Http(port)
                try:
                    status, body = await http.request(
                        "POST",
                        "/api/v1/auth/login",
                        {"username": username, "password": DEMO_PASSWORD},
                    )
                finally:
                    await http.close()
                if status != 200:
                    raise RuntimeError(f"{username} login: {status} {body}")
                return body["token"]

        semaphore = asyncio.Semaphore(4)
        names = [CHAIR] + [f"daibieu{i:02d}" for i in range(1, self.args.tokens + 1)]
        tokens = await asyncio.gather(*(login(name) for name in names))
        self.chair_token, self.tokens = tokens[0], tokens[1:]
        http = Http(port)
        try:
            await self.find_meeting(http)
            status, body = await http.request(
                "POST", f"/api/v1/meetings/{self.meeting_id}/start", token=self.chair_token
            )
        finally:
            await http.close()
        if status not in (200, 409):
            raise RuntimeError(f"start meeting: {status} {body}")

    async def find_meeting(self, http: Http) -> None:
        """The chair's meeting (MEETING_STATES) and its first two agenda items."""

        async def get(path: str) -> Any:
            status, body = await http.request("GET", path, token=self.chair_token)
            if status != 200:
                raise RuntimeError(f"GET {path}: {status} {body}")
            return body

        me = await get("/api/v1/me")
        council = next(m["council_id"] for m in me["memberships"] if m["role"] == "chair")
        meetings = (await get(f"/api/v1/councils/{council}/meetings"))["items"]
        self.meeting_id = min(m["id"] for m in meetings if m["state"] in MEETING_STATES)
        agenda = (await get(f"/api/v1/meetings/{self.meeting_id}/agenda"))["items"]
        self.items = tuple(item["id"] for item in agenda[:2])
        log(f"meeting {self.meeting_id} of council {council}, agenda items {self.items}")

    def kyhop_urls(self, port: int, n: int, offset: int = 0) -> list[str]:
        return [
            f"ws://127.0.0.1:{port}/api/v1/meetings/{self.meeting_id}/live?token="
            f"{self.tokens[(offset + i) % len(self.tokens)]}"
            for i in range(n)
        ]

    def chair_actions(self) -> Callable[[], str]:
        """For one Kỳ Họp server: each call gives the path of the chair's next POST (here: make
        the other of the two agenda items current)."""

        def next_path() -> str:
            self.item_turn += 1
            return f"/api/v1/agenda-items/{self.items[self.item_turn % len(self.items)]}/activate"

        return next_path

    def kyhop_target(self, name: str, pid: int, port: int, keys: list[str]) -> Target:
        return self.http_target(name, pid, port, keys, self.chair_actions(), self.chair_token)

    def bare_target(self, pid: int, port: int, keys: list[str]) -> Target:
        return self.http_target("bare", pid, port, keys,
                                lambda: f"/trigger?size={self.message_size or 134}", None)

    def http_target(self, name: str, pid: int, port: int, keys: list[str],
                    next_path: Callable[[], str], token: str | None) -> Target:
        """A server told by a POST on a kept-alive connection, as the chair's tablet tells Kỳ Họp."""
        http = Http(port)

        async def trigger() -> None:
            await http.send_raw(http.encode("POST", next_path(), token=token))

        async def answer() -> None:
            status, body = await http.read_response()
            if status != 200:
                raise RuntimeError(f"{name}'s POST answered {status}: {body[:200]!r}")

        target = Target(name, pid, keys, trigger, answer, http.ready)
        target.http = http  # type: ignore[attr-defined]
        return target

    async def relay_target(self, pid: int, port: int, keys: list[str]) -> Target:
        from websockets.asyncio.client import connect

        control = await connect(f"ws://127.0.0.1:{port}/control", compression=None)
        seq = 0

        async def trigger() -> None:
            nonlocal seq
            seq += 1
            size = self.message_size or 134
            head = f'{{"type": "agenda.current", "seq": {seq}, "data": {{"pad": "'
            await control.send(head + "x" * max(0, size - len(head) - 3) + '"}}')

        target = Target("relay", pid, keys, trigger)
        target.control = control  # type: ignore[attr-defined]
        return target

    # -- rounds ------------------------------------------------------------------------------

    async def one_round(self, target: Target, series: Series | None) -> None:
        pids = [target.pid] if isinstance(target.pid, int) else list(target.pid)
        before = [sched_ns(pid) for pid in pids]
        if target.prepare is not None:
            await target.prepare()
        futures = await self.pool.arm(target.keys, ROUND_TIMEOUT_S)
        t0 = time.monotonic_ns()
        await target.trigger()
        answer_ms = None
        if target.answer is not None:
            await target.answer()
            answer_ms = (time.monotonic_ns() - t0) / 1e6
        results = await asyncio.gather(*futures)
        await asyncio.sleep(self.args.pause + random.uniform(0, self.args.pause))
        after = [sched_ns(pid) for pid in pids]
        if series is None:  # warm-up; the relay sends messages the size of Kỳ Họp's
            if target.name.startswith("kyhop"):
                for result in results:
                    for key in target.keys:
                        self.message_size = max(self.message_size, result["groups"][key]["size"])
            return
        series.add_round(t0, results, target.keys)
        if answer_ms is not None:
            series.answer_ms.append(answer_ms)
        series.server_cpu_ms.append(sum(a[0] - b[0] for a, b in zip(after, before)) / 1e6)
        series.server_wait_ms.append(sum(a[1] - b[1] for a, b in zip(after, before)) / 1e6)

    async def rounds(self, targets: list[Target], series: list[Series], count: int) -> None:
        """ABBA (ABC CBA …): drift in the machine's load hits every server alike."""
        for i in range(count):
            order = range(len(targets)) if i % 2 == 0 else reversed(range(len(targets)))
            for j in order:
                await self.one_round(targets[j], series[j])

    # -- phases ------------------------------------------------------------------------------

    async def prepare_sqlite(self) -> None:
        log("creating the demo database (SQLite) …")
        env = self.kyhop_env(self.sqlite_dir)
        self.sqlite_dir.mkdir(parents=True, exist_ok=True)
        proc = CHILDREN.start(self.kyhop_command("demo"), env=env, log_path=self.tmp / "demo.log")
        await asyncio.get_running_loop().run_in_executor(None, proc.wait)
        CHILDREN.stop(proc)
        if proc.returncode != 0:
            raise RuntimeError(f"kyhop demo failed; see {self.tmp / 'demo.log'}")

    async def phase_single(self, counts: list[int]) -> None:
        """One Kỳ Họp process and one relay for all N, in ascending order: the clients of a
        smaller N stay connected and more are added, so RSS_N - RSS_0 covers exactly N idle
        connections and nothing was ever freed in between. With --compare-src, a second Kỳ Họp
        (from that scratch copy, on its own copy of the database) takes part in the same rounds."""
        names = (["kyhop", "relay"] + (["compare"] if self.args.compare_src else [])
                 + (["bare"] if self.args.bare else []))
        # Log in once (tokens live in the database), then give each Kỳ Họp its own copy.
        log(f"logging in (load {loadavg()}) …")
        proc, port = await self.start_kyhop(self.kyhop_env(self.sqlite_dir), "kyhop-login")
        try:
            await self.login_all(port)
        finally:
            CHILDREN.stop(proc)
        if self.args.compare_src:
            shutil.copytree(self.sqlite_dir, self.tmp / "sqlite-compare")
        procs: dict[str, subprocess.Popen[Any]] = {}
        targets: dict[str, Target] = {}
        urls: dict[str, Any] = {}
        try:
            log(f"starting kyhop serve and the relay (load {loadavg()})")
            procs["kyhop"], kport = await self.start_kyhop(self.kyhop_env(self.sqlite_dir), "kyhop")
            targets["kyhop"] = self.kyhop_target("kyhop", procs["kyhop"].pid, kport, ["kyhop"])
            urls["kyhop"] = lambda n, offset, port=kport: self.kyhop_urls(port, n, offset)
            procs["relay"], rport = await self.start_relay()
            targets["relay"] = await self.relay_target(procs["relay"].pid, rport, ["relay"])
            urls["relay"] = lambda n, offset, port=rport: [f"ws://127.0.0.1:{port}/live/1"] * n
            if self.args.compare_src:
                procs["compare"], cport = await self.start_kyhop(
                    self.kyhop_env(self.tmp / "sqlite-compare", src=self.args.compare_src),
                    "kyhop-compare",
                )
                targets["compare"] = self.kyhop_target(
                    "kyhop-compare", procs["compare"].pid, cport, ["compare"]
                )
                urls["compare"] = lambda n, offset, port=cport: self.kyhop_urls(port, n, offset)
            if self.args.bare:
                procs["bare"], bport = await self.start_bare()
                targets["bare"] = self.bare_target(procs["bare"].pid, bport, ["bare"])
                urls["bare"] = lambda n, offset, port=bport: [f"ws://127.0.0.1:{port}/live"] * n
            # Warm up (imports, caches, code paths), then let them settle.
            for name in names:
                await self.pool.connect(f"warm-{name}", urls[name](20, 0), 20)
                targets[name].keys = [f"warm-{name}"]
            for _ in range(3):
                for name in names:
                    await self.one_round(targets[name], None)
            for name in names:
                targets[name].keys = [name]
                await self.pool.close(f"warm-{name}")
            await asyncio.sleep(2.0)
            rss0 = {name: rss_kib(procs[name].pid) for name in names}
            connected = 0
            for n in counts:
                self.loads.append((f"N={n}", loadavg()))
                series = {name: Series(rss0_kib=rss0[name]) for name in names}
                more = n - connected
                for name in names:
                    log(f"N={n}: connecting {more} more clients to {name} (load {loadavg()}) …")
                    pid = procs[name].pid
                    cpu0, started = sched_ns(pid)[0], time.monotonic()
                    reply = await self.pool.connect(
                        name, urls[name](more, connected), self.args.concurrency
                    )
                    s = series[name]
                    s.connect_s, s.connect_failed = time.monotonic() - started, reply["failed"]
                    s.connect_cpu_ms = (sched_ns(pid)[0] - cpu0) / 1e6 / max(1, more)
                    if reply["failed"]:
                        log(f"  {reply['failed']} failed: {reply['errors']}")
                    log(
                        f"  {reply['connected']} connected in {s.connect_s:.1f} s "
                        f"({s.connect_cpu_ms:.2f} ms of server CPU each)"
                    )
                connected = n
                await asyncio.sleep(2.0)
                for name in names:
                    series[name].rssn_kib = rss_kib(procs[name].pid)
                for _ in range(2):
                    for name in names:
                        await self.one_round(targets[name], None)
                log(f"N={n}: {self.args.rounds} rounds each, alternating (load {loadavg()}) …")
                profiler = self.start_profiler(procs["kyhop"].pid, n)
                try:
                    await self.rounds(
                        [targets[name] for name in names],
                        [series[name] for name in names],
                        self.args.rounds,
                    )
                finally:
                    self.stop_profiler(profiler)
                for name in names:
                    series[name].rss_after_kib = rss_kib(procs[name].pid)
                self.results[n] = series
                self.report_phase(n)
        finally:
            for name in names:
                with contextlib.suppress(Exception):
                    await self.pool.close(name)
            for target in targets.values():
                with contextlib.suppress(Exception):
                    if hasattr(target, "http"):
                        await target.http.close()
                    if hasattr(target, "control"):
                        await target.control.close()
            for proc in procs.values():
                CHILDREN.stop(proc)

    def start_profiler(self, pid: int, n: int) -> subprocess.Popen[Any] | None:
        if not self.args.py_spy or n != max(self.args.clients):
            return None
        py_spy = shutil.which("py-spy") or str(VENV_BIN / "py-spy")
        out = Path(self.args.py_spy).resolve()
        log(f"  py-spy recording Kỳ Họp (pid {pid}) into {out}")
        fmt = {".json": "speedscope", ".txt": "raw"}.get(out.suffix, "flamegraph")
        return CHILDREN.start(
            [
                py_spy,
                "record",
                "--pid",
                str(pid),
                "--rate",
                "500",
                "--gil",
                "--output",
                str(out),
                "--format",
                fmt,
            ],
            log_path=self.tmp / "py-spy.log",
        )

    def stop_profiler(self, proc: subprocess.Popen[Any] | None) -> None:
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(30)
            CHILDREN.stop(proc)

    async def phase_redis(self, n: int) -> None:
        if shutil.which("psql") is None:
            self.notes.append("2 workers + Redis: skipped (no psql to create the database)")
            return
        for what, port in (("PostgreSQL", 5432), ("Redis", 6379)):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
            except OSError:
                self.notes.append(
                    f"2 workers + Redis: skipped ({what} is not listening on 127.0.0.1:{port})"
                )
                return
        self.pg_db = f"kyhop_bench_fanout_{os.getpid()}"
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"]
        await asyncio.get_running_loop().run_in_executor(
            None,
            lambda: subprocess.run(
                [*psql, f'CREATE DATABASE "{self.pg_db}"'],
                check=True,
                timeout=30,
                capture_output=True,
            ),
        )
        data_dir = self.tmp / "pg"
        data_dir.mkdir()
        env = self.kyhop_env(data_dir, PG_URL.format(db=self.pg_db), REDIS_URL)
        log(f"2 workers + Redis: demo on PostgreSQL {self.pg_db} …")
        proc = CHILDREN.start(
            self.kyhop_command("demo"), env=env, log_path=self.tmp / "demo-pg.log"
        )
        await asyncio.get_running_loop().run_in_executor(None, proc.wait)
        CHILDREN.stop(proc)
        if proc.returncode != 0:
            raise RuntimeError(f"kyhop demo on PostgreSQL failed; see {self.tmp / 'demo-pg.log'}")
        self.loads.append((f"redis N={n} start", loadavg()))
        aproc, aport = await self.start_kyhop(env, "kyhop-redis-a")
        bproc, bport = await self.start_kyhop(env, "kyhop-redis-b")
        saved = (self.tokens, self.chair_token)
        await self.login_all(aport)
        target = self.kyhop_target("kyhop-redis", aproc.pid, aport, ["a", "b"])
        target.pid = [aproc.pid, bproc.pid]
        series = Series()
        try:
            half = n // 2
            await self.pool.connect("a", self.kyhop_urls(aport, 10), 10)
            await self.pool.connect("b", self.kyhop_urls(bport, 10), 10)
            for _ in range(3):
                await self.one_round(target, None)
            await self.pool.close("a")
            await self.pool.close("b")
            log(f"2 workers + Redis: connecting {half} + {n - half} clients …")
            started = time.monotonic()
            ra = await self.pool.connect("a", self.kyhop_urls(aport, half), self.args.concurrency)
            rb = await self.pool.connect(
                "b", self.kyhop_urls(bport, n - half, half), self.args.concurrency
            )
            series.connect_s = time.monotonic() - started
            series.connect_failed = ra["failed"] + rb["failed"]
            if series.connect_failed:
                log(f"  failed: {ra['errors'] + rb['errors']}")
            await asyncio.sleep(1.0)
            for _ in range(2):
                await self.one_round(target, None)
            log(f"2 workers + Redis: {self.args.rounds} rounds (load {loadavg()}) …")
            for _ in range(self.args.rounds):
                await self.one_round(target, series)
            self.redis_results[n] = series
        finally:
            with contextlib.suppress(Exception):
                await self.pool.close("a")
                await self.pool.close("b")
            with contextlib.suppress(Exception):
                await target.http.close()  # type: ignore[attr-defined]
            CHILDREN.stop(aproc)
            CHILDREN.stop(bproc)
            self.tokens, self.chair_token = saved

    def drop_pg(self) -> None:
        if self.pg_db:
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-q",
                    "-c",
                    f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)',
                ],
                timeout=30,
                capture_output=True,
                check=False,  # best effort, at exit
            )
            self.pg_db = ""

    # -- report ------------------------------------------------------------------------------

    def report_phase(self, n: int) -> None:
        ks, rs = self.results[n]["kyhop"], self.results[n]["relay"]
        log(
            f"N={n}: last p50/p99 Kỳ Họp {percentile(ks.last_ms, 50):.1f}/"
            f"{percentile(ks.last_ms, 99):.1f} ms, relay {percentile(rs.last_ms, 50):.1f}/"
            f"{percentile(rs.last_ms, 99):.1f} ms"
        )

    def table(self) -> str:
        a = self.args
        p = percentile
        out = [
            (
                f"Fan-out of one event to N websocket clients: {a.rounds} rounds per server and N, "
                f"alternating ABBA; {a.client_procs} client processes; "
                f"message {self.message_size} bytes. Times from the REST call (Kỳ Họp) or the "
                'trigger (relay) being sent; "last" = the last client of the round; "spread" = '
                "last - first client of the round."
            ),
            "",
        ]
        if self.results:
            out.append(
                "| N | server | last p50 | last p99 | all clients p50 | all clients p99 "
                "| first p50 "
                "| spread p50 | REST answer p50 | ratio of last p99 (Kỳ Họp / relay) "
                "| server CPU / round | server waited for a CPU / round "
                "| client CPU / round (per message) | busiest client process | missed |"
            )
            out.append(
                "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            )
            for n, pair in self.results.items():
                for name, key in self.rows(pair):
                    s = pair[key]
                    ratio = p(s.last_ms, 99) / p(pair["relay"].last_ms, 99)
                    spread = [last - first for last, first in zip(s.last_ms, s.first_ms)]
                    out.append(
                        f"| {n:,} | {name} | {p(s.last_ms, 50):.1f} ms | {p(s.last_ms, 99):.1f} ms "
                        f"| {p(s.all_ms, 50):.1f} ms | {p(s.all_ms, 99):.1f} ms "
                        f"| {p(s.first_ms, 50):.1f} ms "
                        f"| {p(spread, 50):.1f} ms "
                        f"| {(f'{p(s.answer_ms, 50):.1f} ms' if s.answer_ms else '—')} "
                        f"| {(f'**{ratio:.2f}×**' if key != 'relay' else '')} "
                        f"| {p(s.server_cpu_ms, 50):.1f} ms | {p(s.server_wait_ms, 50):.1f} ms "
                        f"| {p(s.client_cpu_ms, 50):.1f} ms "
                        f"({1000 * p(s.client_cpu_ms, 50) / n:.1f} µs) "
                        f"| {100 * p(s.client_busy, 50):.0f} % | {s.missing} |"
                    )
            out.append("")
            out.append(
                "| N | server | RSS, 0 clients | RSS, N idle clients | per idle connection "
                "| RSS after the rounds | connecting the clients added for this N "
                "| server CPU per connect |"
            )
            out.append("|---:|---|---:|---:|---:|---:|---:|---:|")
            for n, pair in self.results.items():
                for name, key in self.rows(pair):
                    s = pair[key]
                    per = (s.rssn_kib - s.rss0_kib) / n
                    failed = f" ({s.connect_failed} failed)" if s.connect_failed else ""
                    out.append(
                        f"| {n:,} | {name} | {s.rss0_kib / 1024:.1f} MiB "
                        f"| {s.rssn_kib / 1024:.1f} MiB "
                        f"| **{per:.1f} KiB** | {s.rss_after_kib / 1024:.1f} MiB "
                        f"| {s.connect_s:.1f} s{failed} | {s.connect_cpu_ms:.2f} ms |"
                    )
            out.append("")
        if self.redis_results:
            out.append(
                "| N | 2 workers, Redis, PostgreSQL | last p50 | last p99 | all clients p50 "
                "| all clients p99 | last on worker A (got the REST call) p50 "
                "| last on worker B (via Redis) p50 | REST answer p50 "
                "| vs the 1-process relay's last p99 "
                "| both servers' CPU / round | waited for a CPU / round | missed |"
            )
            out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for n, s in self.redis_results.items():
                relay = self.results.get(n, {}).get("relay")
                vs = f"{p(s.last_ms, 99) / p(relay.last_ms, 99):.2f}×" if relay else "—"
                out.append(
                    f"| {n:,} | Kỳ Họp ×2 | {p(s.last_ms, 50):.1f} ms | {p(s.last_ms, 99):.1f} ms "
                    f"| {p(s.all_ms, 50):.1f} ms | {p(s.all_ms, 99):.1f} ms "
                    f"| {p(s.per_group_last_ms.get('a', []), 50):.1f} ms "
                    f"| {p(s.per_group_last_ms.get('b', []), 50):.1f} ms "
                    f"| {p(s.answer_ms, 50):.1f} ms | {vs} "
                    f"| {p(s.server_cpu_ms, 50):.1f} ms | {p(s.server_wait_ms, 50):.1f} ms "
                    f"| {s.missing} |"
                )
            out.append("")
        out.extend(self.verdicts())
        out.append("")
        out.append("load average (1/5/15 min): " + "; ".join(f"{k}: {v}" for k, v in self.loads))
        out.extend(self.notes)
        return "\n".join(out)

    def rows(self, pair: dict[str, Series]) -> list[tuple[str, str]]:
        rows = [("Kỳ Họp", "kyhop"), ("relay", "relay")]
        if "compare" in pair:
            rows.append((f"Kỳ Họp from {self.args.compare_src}", "compare"))
        if "bare" in pair:
            rows.append(("bare FastAPI + durable write (bench/bare_app.py)", "bare"))
        return rows

    def verdicts(self) -> list[str]:
        out = ["Targets (DESIGN.md):"]
        for n, pair in self.results.items():
            k, r = percentile(pair["kyhop"].last_ms, 99), percentile(pair["relay"].last_ms, 99)
            ratio = k / r
            verdict = (
                "met"
                if ratio <= 1.5
                else f"MISSED: {ratio:.2f}× is {ratio / 1.5:.1f} times the allowed 1.5×"
            )
            out.append(
                f"- N={n:,}: p99 {k:.1f} ms ≤ 1.5 × relay p99 {r:.1f} ms = {1.5 * r:.1f} ms: "
                f"{verdict}"
            )
            if n == 1000:
                out.append(
                    f"- N=1,000: p99 {k:.1f} ms ≤ 60 ms: "
                    + ("met" if k <= 60 else f"MISSED by {k - 60:.1f} ms ({k / 60:.1f}×)")
                )
            s = pair["kyhop"]
            per = (s.rssn_kib - s.rss0_kib) / n
            coarse = (
                " (coarse below 1,000 sockets: RSS grows by whole malloc arenas)"
                if n < 1000
                else ""
            )
            out.append(
                f"- N={n:,}: {per:.1f} KiB per idle connection ≤ 50 KiB: "
                + ("met" if per <= 50 else f"MISSED by {per - 50:.1f} KiB")
                + coarse
            )
        return out

    def raw(self) -> dict[str, Any]:
        def pack(s: Series) -> dict[str, Any]:
            return {k: v for k, v in s.__dict__.items() if k != "all_ms"} | {
                "all_p50": percentile(s.all_ms, 50),
                "all_p99": percentile(s.all_ms, 99),
            }

        return {
            "args": {k: v for k, v in vars(self.args).items()},
            "message_size": self.message_size,
            "loads": self.loads,
            "single": {
                n: {k: pack(s) for k, s in pair.items()} for n, pair in self.results.items()
            },
            "redis": {n: pack(s) for n, s in self.redis_results.items()},
        }

    # -- main --------------------------------------------------------------------------------

    async def run(self) -> None:
        log(
            f"load average {loadavg()}; {os.cpu_count()} CPUs; open files {raise_nofile()}; "
            f"tmp {self.tmp}"
        )
        self.loads.append(("begin", loadavg()))
        await self.pool.start()
        try:
            await self.prepare_sqlite()
            if self.args.clients:
                await self.phase_single(sorted(set(self.args.clients)))
            for n in self.args.redis_clients:
                try:
                    await self.phase_redis(n)
                except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
                    log(f"2 workers + Redis, N={n}: failed: {exc}")
                    self.notes.append(f"2 workers + Redis, N={n}: failed: {exc}")
                finally:
                    self.drop_pg()
            stats = await self.pool.stats()
            lost = sum(sum(s["lost"].values()) for s in stats)
            if lost:
                self.notes.append(f"clients that lost their connection during the run: {lost}")
        finally:
            await self.pool.stop()
        self.loads.append(("end", loadavg()))


def build_parser(doc: str | None = None) -> argparse.ArgumentParser:
    """The options of this bench; others built on it (bench/floor.py) add their own."""
    parser = argparse.ArgumentParser(
        description=(doc or __doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    def ints(text: str) -> list[int]:
        return [int(x) for x in text.split(",") if x.strip()]

    parser.add_argument(
        "--clients",
        type=ints,
        default=[100, 1000, 5000],
        help="numbers of connected clients, comma-separated (default 100,1000,5000)",
    )
    parser.add_argument(
        "--rounds", type=int, default=30, help="measured rounds per server per N (default 30)"
    )
    parser.add_argument(
        "--redis-clients",
        type=ints,
        default=[1000],
        help="N for the 2-worker Redis phase, comma-separated; empty to skip (default 1000)",
    )
    parser.add_argument(
        "--client-procs", type=int, default=2, help="client worker processes (default 2)"
    )
    parser.add_argument(
        "--tokens",
        type=int,
        default=20,
        help="deputies logged in (daibieu01…); the sockets share their tokens round-robin",
    )
    parser.add_argument(
        "--concurrency", type=int, default=64, help="handshakes in flight while connecting"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.1,
        help="pause after a round: this plus up to this again at random (s)",
    )
    parser.add_argument(
        "--time-limit", type=float, default=840, help="stop everything after this (s)"
    )
    parser.add_argument("--json", help="write the raw results to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (servers' logs)"
    )
    parser.add_argument(
        "--py-spy",
        help="profile Kỳ Họp with py-spy during the rounds of the largest N "
        "into this file (.svg flame graph, .json speedscope, .txt collapsed stacks); "
        "samples only the thread holding the GIL",
    )
    parser.add_argument(
        "--kyhop-src",
        help="run Kỳ Họp from this scratch copy of the repository (its app/, "
        "migrations/, alembic.ini) instead of the installed one, "
        "to measure a change before making it",
    )
    parser.add_argument(
        "--compare-src",
        help="also run Kỳ Họp from this scratch copy, in the same rounds, "
        "as a third server (before/after of a change in one run)",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="also run bench/bare_app.py in the same rounds: the stack's cheapest server that "
        "commits a row durably before it sends (no login, access check, audit or event log)",
    )
    parser.add_argument("--_client-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_relay", type=int, help=argparse.SUPPRESS)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args._client_worker or args._relay:
        import uvloop

        uvloop.run(worker_main() if args._client_worker else relay_main(args._relay))
        return 0
    return run_bench(Bench(args))


def run_bench(bench: Bench) -> int:
    """Run a bench to its end (or its time limit, a signal, an error), stop every process it
    started, print its table; the exit status."""
    args = bench.args
    failed = False
    interrupted: list[int] = []

    async def run() -> None:
        # Ctrl-C or SIGTERM cancel the run, so that every `finally` closes what it opened.
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, lambda n=signum: (interrupted.append(n), task.cancel()))
        await asyncio.wait_for(bench.run(), args.time_limit)

    try:
        import uvloop

        uvloop.run(run())
    except asyncio.CancelledError:
        log(f"interrupted by signal {interrupted[0] if interrupted else '?'}: stopped")
        failed = True
    except TimeoutError:
        log(f"time limit of {args.time_limit:.0f} s reached: stopping")
        bench.notes.append(
            f"STOPPED at the time limit ({args.time_limit:.0f} s): results are partial"
        )
        failed = True
    except KeyboardInterrupt:
        log("interrupted")
        failed = True
    except Exception as exc:
        log(f"failed: {type(exc).__name__}: {exc}")
        failed = True
        import traceback

        traceback.print_exc()
    finally:
        CHILDREN.stop_all()
        bench.drop_pg()
        if args.keep or failed:
            log(f"logs kept in {bench.tmp}")
        else:
            shutil.rmtree(bench.tmp, ignore_errors=True)
    if bench.results or bench.redis_results:
        print(bench.table())
        if args.json:
            Path(args.json).write_text(json.dumps(bench.raw(), indent=1, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
