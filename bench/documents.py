#!/usr/bin/env python3
"""Documents benchmark: the app beside its reference peers, in one run.

    .venv/bin/python bench/documents.py [--seconds N] [--clients C]

1. Range reads of a 300-page, ~50 MB PDF: the app (`kyhop serve`, one worker, SQLite) against
   nginx serving the same file. C connections for N seconds per server, each asking for random
   64–256 KiB ranges as PDF.js does (driven by `wrk` with a Lua script; `--client python` uses
   the built-in asyncio client instead); meanwhile a full-file read starts every few seconds and
   a "tablet" opens the file on a fresh connection (first 256 KiB, then the last 64 KiB, where the
   xref and trailer are). The phases alternate nginx, app, app, nginx (`--rounds 2`) so that other
   work on the machine hits both alike. Also the time to the first page on an idle server.
2. Upload answer time for the 50 MB file (request start → 201): the first upload into an empty
   data directory, the median of 3 uploads of the same bytes (deduplicated once the first one is
   processed), one upload of a modified copy (not deduplicated) and, at once, one of another
   modified copy while the first one's text is being extracted; plus the time the server takes
   to extract the text in the background.
3. Processing (check + pages + text extraction, `app.documents.pdf.inspect_pdf`) beside poppler's
   `pdftotext` on the same file, both at nice 10 (the app's inspector lowers its own priority).

Also measured: the same Range reads through a signed link (`GET /api/v1/documents/{id}/link`),
checked by the app alone and by nginx in front (`secure_link`, the README's deployment recipe).

Needs nginx, wrk and pdftotext (Debian: `apt-get install -y nginx-light wrk poppler-utils`). The
PDF is built once and cached under bench/.cache/. Everything runs on 127.0.0.1 in a temporary
directory; every server started here is stopped on exit, also on Ctrl-C, errors or the overall
time limit (`--time-limit`).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"

PDF_FORMAT = 1  # bump when the generated PDF changes
PAGES = 300
IMAGE_SIZE = (560, 400)  # random-noise JPEG per page: ~165 KB each, ~50 MB in all
RANGE_MIN, RANGE_MAX = 64 * 1024, 256 * 1024
FIRST_CHUNK, TRAILER_CHUNK = 256 * 1024, 64 * 1024
FULL_READ_EVERY_S = 2.5  # during the load, one full-file read starts this often
PROBE_EVERY_S = 2.5  # and a tablet opens the file this often (offset by half a period)
DEMO_PASSWORD = "kyhop2026"
MEETING_ID = 1


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the PDF ---------------------------------------------------------------------------------


def build_pdf(path: Path) -> None:
    """300 A4 pages of Vietnamese text (the demo's sentences, shuffled), each with an
    incompressible image so that the file is ~50 MB, like a scanned annex."""
    import unicodedata

    from fpdf import FPDF
    from PIL import Image

    from app.demo_documents import DRAFT_RESOLUTION_PAGES, PROPOSAL_PAGES, REVIEW_REPORT_PAGES
    from app.kit.fonts import bold_variant, vietnamese_font

    rnd = random.Random(2026)
    sentences = [line for page in PROPOSAL_PAGES + DRAFT_RESOLUTION_PAGES + REVIEW_REPORT_PAGES
                 for line in page.split("\n") if len(line) > 40]
    regular = vietnamese_font()
    pdf = FPDF(format="A4")
    pdf.set_title("Báo cáo tổng hợp (bench)")
    pdf.set_creator("Kỳ Họp bench")
    pdf.add_font("body", fname=str(regular))
    pdf.add_font("body", style="B", fname=str(bold_variant(regular)))
    pdf.set_auto_page_break(False)
    width, height = IMAGE_SIZE
    for number in range(1, PAGES + 1):
        pdf.add_page()
        heading = unicodedata.normalize("NFC", f"Phần {number}. Kết quả thực hiện nhiệm vụ")
        pdf.start_section(heading)
        pdf.set_font("body", style="B", size=12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", size=10)
        for _ in range(5):
            pdf.multi_cell(0, 5, " ".join(rnd.sample(sentences, 2)), align="J",
                           new_x="LMARGIN", new_y="NEXT")
        image = Image.frombytes("RGB", IMAGE_SIZE, rnd.randbytes(width * height * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        buffer.seek(0)
        pdf.image(buffer, x=15, y=160, w=180)
    data = bytes(pdf.output())
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def cached_pdfs() -> tuple[Path, list[Path]]:
    """The bench PDF and two modified copies (the same bytes plus a trailing comment, so that
    they are not deduplicated), built once."""
    CACHE.mkdir(parents=True, exist_ok=True)
    original = CACHE / f"documents-{PAGES}p-v{PDF_FORMAT}.pdf"
    if not original.is_file():
        log(f"building {original.name} (once; cached under bench/.cache/) …")
        started = time.perf_counter()
        build_pdf(original)
        log(f"built {original.stat().st_size / 1e6:.1f} MB "
            f"in {time.perf_counter() - started:.1f} s")
    modified = []
    for letter in "ab":
        copy = CACHE / f"documents-{PAGES}p-v{PDF_FORMAT}-modified-{letter}.pdf"
        if not copy.is_file():
            tmp = copy.with_suffix(".tmp")
            shutil.copyfile(original, tmp)
            with tmp.open("ab") as file:
                file.write(f"%kyhop-bench modified copy {letter}\n".encode())
            os.replace(tmp, copy)
        modified.append(copy)
    return original, modified


# --- child processes -------------------------------------------------------------------------


class Children:
    """Servers started by the bench, each in its own process group; all stopped on exit."""

    def __init__(self) -> None:
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, argv: list[str], *, env: dict[str, str] | None = None,
              cwd: Path | None = None, output: Path | None = None) -> subprocess.Popen[bytes]:
        out = output.open("ab") if output else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            if output:
                out.close()  # type: ignore[union-attr]
        self.procs.append((name, proc))
        return proc

    def stop_all(self) -> None:
        for _, proc in reversed(self.procs):
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for name, proc in reversed(self.procs):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop on SIGTERM; killing it")
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
            _signal_group(proc.pid, signal.SIGKILL)  # anything it left in its group
        self.procs.clear()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_for_port(port: int, proc: subprocess.Popen[bytes], name: str, log_file: Path,
                        timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see its log:\n"
                               + log_file.read_text(errors="replace")[-3000:])
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU of the live processes in a process group (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as file:
                stat = file.read()
        except OSError:
            continue
        fields_ = stat[stat.rindex(b")") + 2:].split()
        if int(fields_[2]) == pgid:  # field 5: pgrp
            total += int(fields_[11]) + int(fields_[12])  # fields 14, 15: utime, stime
    return total / ticks


def cpu_pressure() -> float | None:
    """Share of the last 10 s in which some runnable task waited for a CPU (Linux PSI), in %."""
    try:
        with open("/proc/pressure/cpu") as file:
            return float(file.readline().split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        return None


def find_tool(name: str, sbin: bool = False) -> str:
    found = shutil.which(name) or (shutil.which(name, path="/usr/sbin:/sbin") if sbin else None)
    if not found:
        raise SystemExit(f"{name} is missing: apt-get install -y nginx-light wrk poppler-utils")
    return found


# --- a minimal HTTP/1.1 client (keep-alive, Content-Length bodies only) ----------------------


class Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Conn:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        return cls(reader, writer)

    async def get(self, path: str, headers: dict[str, str], *, keep: bool = True,
                  digest: Any = None) -> tuple[int, dict[str, str], bytes, int]:
        """(status, headers, body if keep else b"", body length); `digest` gets the body."""
        request = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1"]
        request += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(request) + "\r\n\r\n").encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        answer = {}
        for line in lines:
            name, sep, value = line.partition(":")
            if sep:
                answer[name.strip().lower()] = value.strip()
        if "content-length" not in answer:
            raise RuntimeError(f"no Content-Length in the answer to GET {path}: {status_line}")
        remaining = length = int(answer["content-length"])
        if keep and digest is None:
            return status, answer, await self.reader.readexactly(length), length
        while remaining:
            chunk = await self.reader.read(min(remaining, 1 << 20))
            if not chunk:
                raise asyncio.IncompleteReadError(b"", remaining)
            if digest is not None:
                digest.update(chunk)
            remaining -= len(chunk)
        return status, answer, b"", length

    async def close(self) -> None:
        self.writer.close()
        try:
            await self.writer.wait_closed()
        except OSError:
            pass


@dataclass
class Target:
    name: str
    port: int
    path: str
    headers: dict[str, str]
    pgid: int


def random_range(rnd: random.Random, size: int) -> tuple[int, int]:
    length = rnd.randint(RANGE_MIN, RANGE_MAX)
    start = rnd.randint(0, size - length)
    return start, start + length - 1


async def check_target(target: Target, data: bytes) -> None:
    """Both servers answer ranges correctly (206, right bytes) and the whole file (200)."""
    rnd = random.Random(7)
    conn = await Conn.open(target.port)
    try:
        for _ in range(20):
            start, end = random_range(rnd, len(data))
            status, headers, body, _ = await conn.get(
                target.path, {**target.headers, "Range": f"bytes={start}-{end}"})
            if status != 206 or body != data[start:end + 1] or \
                    headers.get("content-range") != f"bytes {start}-{end}/{len(data)}":
                raise RuntimeError(f"{target.name}: wrong answer to Range bytes={start}-{end}: "
                                   f"{status} {headers.get('content-range')}")
        digest = hashlib.sha256()
        status, _, _, length = await conn.get(target.path, target.headers, digest=digest)
        if status != 200 or length != len(data) or digest.digest() != hashlib.sha256(data).digest():
            raise RuntimeError(f"{target.name}: the full file differs ({status}, {length} bytes)")
    finally:
        await conn.close()


async def first_page(target: Target, size: int) -> float:
    """A tablet opening the document: fresh connection, first 256 KiB, then the last 64 KiB."""
    started = time.perf_counter()
    conn = await Conn.open(target.port)
    try:
        for start, end in ((0, FIRST_CHUNK - 1), (size - TRAILER_CHUNK, size - 1)):
            status, _, _, length = await conn.get(
                target.path, {**target.headers, "Range": f"bytes={start}-{end}"}, keep=False)
            if status != 206 or length != end - start + 1:
                raise RuntimeError(f"{target.name}: first page: {status}, {length} bytes")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def full_read(target: Target, size: int) -> float:
    started = time.perf_counter()
    conn = await Conn.open(target.port)
    try:
        status, _, _, length = await conn.get(target.path, target.headers, keep=False)
        if status != 200 or length != size:
            raise RuntimeError(f"{target.name}: full read: {status}, {length} bytes")
    finally:
        await conn.close()
    return time.perf_counter() - started


# --- the load: wrk with a Lua script, or the asyncio client ----------------------------------

_WRK_SCRIPT = """
local path = "%(path)s"
local size = %(size)d
local auth = "%(auth)s"
local lo, hi = %(lo)d, %(hi)d
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(%(seed)d + 7919 * tid)
end
function request()
  local len = math.random(lo, hi)
  local start = math.random(0, size - len)
  local headers = {["Range"] = "bytes=" .. start .. "-" .. (start + len - 1)}
  if auth ~= "" then headers["Authorization"] = auth end
  return wrk.format("GET", path, headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests":%%d,"bytes":%%d,"duration_us":%%d,' ..
    '"errors":{"connect":%%d,"read":%%d,"write":%%d,"status":%%d,"timeout":%%d},' ..
    '"max_us":%%d,"quantiles_us":[', summary.requests, summary.bytes, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout, latency.max))
  for i = 1, 1000 do
    if i > 1 then io.write(",") end
    io.write(string.format("%%d", latency:percentile((i - 0.5) / 10)))
  end
  io.write("]}\\n")
end
"""


@dataclass
class LoadResult:
    requests: int
    bytes: int
    duration_s: float
    errors: int
    quantiles_s: list[float]  # 1000 evenly spaced quantiles of the request latency
    client_cpu_s: float


def _quantiles(values: list[float]) -> list[float]:
    ordered = sorted(values) or [0.0]
    return [ordered[min(len(ordered) - 1, int((i + 0.5) / 1000 * len(ordered)))]
            for i in range(1000)]


async def wrk_load(wrk: str, target: Target, size: int, seconds: float, clients: int,
                   workdir: Path, seed: int) -> LoadResult:
    script = workdir / f"range-{target.name}.lua"
    auth = target.headers.get("Authorization", "")
    script.write_text(_WRK_SCRIPT % {"path": target.path, "size": size, "auth": auth,
                                     "lo": RANGE_MIN, "hi": RANGE_MAX, "seed": seed})
    threads = max(1, min(clients, os.cpu_count() or 1))
    argv = [wrk, f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s",
            "-s", str(script), f"http://127.0.0.1:{target.port}/"]
    before = os.times()
    proc = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT,
                                                stdin=asyncio.subprocess.DEVNULL)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=seconds + 60)
    except BaseException:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        raise
    after = os.times()
    text = out.decode(errors="replace")
    match = re.search(r"^BENCHJSON (.*)$", text, re.M)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed ({proc.returncode}):\n{text[-2000:]}")
    data = json.loads(match.group(1))
    return LoadResult(
        requests=data["requests"], bytes=data["bytes"], duration_s=data["duration_us"] / 1e6,
        errors=sum(data["errors"].values()), quantiles_s=[q / 1e6 for q in data["quantiles_us"]],
        client_cpu_s=(after.children_user - before.children_user)
        + (after.children_system - before.children_system))


async def python_load(target: Target, size: int, seconds: float, clients: int,
                      seed: int) -> LoadResult:
    latencies: list[float] = []
    totals = {"bytes": 0, "errors": 0}
    started = time.perf_counter()
    deadline = started + seconds
    cpu_before = time.process_time()

    async def client(number: int) -> None:
        rnd = random.Random(seed + number)
        conn = await Conn.open(target.port)
        try:
            while time.perf_counter() < deadline:
                start, end = random_range(rnd, size)
                sent = time.perf_counter()
                status, _, _, length = await conn.get(
                    target.path, {**target.headers, "Range": f"bytes={start}-{end}"}, keep=False)
                latencies.append(time.perf_counter() - sent)
                totals["bytes"] += length
                if status != 206:
                    totals["errors"] += 1
        finally:
            await conn.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return LoadResult(requests=len(latencies), bytes=totals["bytes"],
                      duration_s=time.perf_counter() - started, errors=totals["errors"],
                      quantiles_s=_quantiles(latencies),
                      client_cpu_s=time.process_time() - cpu_before)


@dataclass
class Phase:
    load: LoadResult
    server_cpu_s: float
    full_reads_s: list[float]
    probes_s: list[float]
    loadavg: float


async def run_phase(args: argparse.Namespace, wrk: str | None, target: Target, size: int,
                    seconds: float, workdir: Path, seed: int) -> Phase:
    """The range load plus, at fixed times, full-file reads and tablets opening the file."""
    full_reads: list[float] = []
    probes: list[float] = []

    async def at(delay: float, job: Any, into: list[float]) -> None:
        await asyncio.sleep(delay)
        into.append(await asyncio.wait_for(job(target, size), timeout=120))

    extras = [asyncio.create_task(at(t, full_read, full_reads))
              for t in _times(seconds, FULL_READ_EVERY_S, 0.25)]
    extras += [asyncio.create_task(at(t, first_page, probes))
               for t in _times(seconds, PROBE_EVERY_S, 0.75)]
    cpu_before = group_cpu_seconds(target.pgid)
    try:
        if args.client == "wrk":
            assert wrk is not None
            load = await wrk_load(wrk, target, size, seconds, args.clients, workdir, seed)
        else:
            load = await python_load(target, size, seconds, args.clients, seed)
        await asyncio.gather(*extras)
    finally:
        for task in extras:
            task.cancel()
    return Phase(load=load, server_cpu_s=group_cpu_seconds(target.pgid) - cpu_before,
                 full_reads_s=full_reads, probes_s=probes, loadavg=os.getloadavg()[0])


def _times(seconds: float, every: float, offset: float) -> list[float]:
    """Start times within a phase: every `every` s, the first at `offset` × `every`."""
    times, t = [], offset * every
    while t < seconds - 0.5:
        times.append(t)
        t += every
    return times or [min(0.5, seconds / 2)]


@dataclass
class ServerSummary:
    requests: int = 0
    bytes: int = 0
    duration_s: float = 0
    errors: int = 0
    server_cpu_s: float = 0
    client_cpu_s: float = 0
    weighted: list[tuple[float, float]] = field(default_factory=list)  # (latency, weight)
    full_reads_s: list[float] = field(default_factory=list)
    probes_s: list[float] = field(default_factory=list)
    idle_probes_s: list[float] = field(default_factory=list)

    def add(self, phase: Phase) -> None:
        load = phase.load
        self.requests += load.requests
        self.bytes += load.bytes
        self.duration_s += load.duration_s
        self.errors += load.errors
        self.server_cpu_s += phase.server_cpu_s
        self.client_cpu_s += load.client_cpu_s
        self.weighted += [(q, load.requests / 1000) for q in load.quantiles_s]
        self.full_reads_s += phase.full_reads_s
        self.probes_s += phase.probes_s

    def percentile(self, p: float) -> float:
        """From the phases' quantiles, each weighted by its phase's request count."""
        points = sorted(self.weighted)
        total = sum(weight for _, weight in points)
        running = 0.0
        for value, weight in points:
            running += weight
            if running >= p / 100 * total:
                return value
        return points[-1][0] if points else float("nan")

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def mbps(self) -> float:
        return self.bytes / self.duration_s / 1e6 if self.duration_s else 0.0


# --- the servers -----------------------------------------------------------------------------

_NGINX_CONF = """
daemon off;
%(user)s
worker_processes %(workers)s;
pid "%(dir)s/nginx.pid";
error_log "%(dir)s/nginx-error.log" warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush off;  # with tcp_nopush on, odd-length ranges stall ~40 ms on delayed ACKs
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_body_temp_path "%(dir)s/body";
    proxy_temp_path "%(dir)s/proxy";
    fastcgi_temp_path "%(dir)s/fastcgi";
    uwsgi_temp_path "%(dir)s/uwsgi";
    scgi_temp_path "%(dir)s/scgi";
    server {
        listen 127.0.0.1:%(port)d;
        location = /doc.pdf {
            alias "%(pdf)s";
            default_type application/pdf;
        }
        # The deployment recipe of README.md: nginx checks the app's signed links itself.
        location /files/ {
            secure_link $arg_s,$arg_e;
            secure_link_md5 "$secure_link_expires$uri %(secret)s";
            if ($secure_link = "") { return 403; }
            if ($secure_link = "0") { return 403; }
            alias "%(data)s/";
            default_type application/pdf;
        }
    }
}
"""


LINK_SECRET = "bench-file-link-secret"


async def start_nginx(children: Children, workdir: Path, pdf: Path, workers: str) -> Target:
    nginx = find_tool("nginx", sbin=True)
    ngx_dir = workdir / "nginx"
    ngx_dir.mkdir()
    port = free_port()
    conf = ngx_dir / "nginx.conf"
    conf.write_text(_NGINX_CONF % {"dir": ngx_dir, "port": port, "pdf": pdf.resolve(),
                                   "workers": workers, "secret": LINK_SECRET,
                                   # as root, nginx's workers would run as nobody: keep ours
                                   "user": "user root;" if os.geteuid() == 0 else "",
                                   "data": (workdir / "data").resolve()})
    log_file = ngx_dir / "nginx-output.log"
    proc = children.start("nginx", [nginx, "-p", str(ngx_dir), "-c", str(conf),
                                    "-e", str(ngx_dir / "nginx-error.log")], output=log_file)
    await wait_for_port(port, proc, "nginx", log_file)
    return Target("nginx", port, "/doc.pdf", {}, proc.pid)


def kyhop_command() -> list[str]:
    beside = Path(sys.executable).parent / "kyhop"
    if beside.is_file():
        return [str(beside)]
    return [str(ROOT / ".venv" / "bin" / "kyhop")]


@dataclass
class App:
    port: int
    pgid: int
    log_file: Path
    env: dict[str, str]


async def start_app(children: Children, workdir: Path) -> App:
    data_dir = workdir / "data"
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
    env.update({
        "KYHOP_DATA_DIR": str(data_dir),
        "KYHOP_DATABASE_URL": f"sqlite+aiosqlite:///{data_dir / 'kyhop.sqlite3'}",
        "KYHOP_MAX_UPLOAD_MB": "200",
        "KYHOP_FILE_LINK_SECRET": LINK_SECRET,
    })
    log_file = workdir / "app.log"
    with log_file.open("ab") as out:
        subprocess.run(kyhop_command() + ["demo"], env=env, cwd=workdir, stdin=subprocess.DEVNULL,
                       stdout=out, stderr=subprocess.STDOUT, check=True, timeout=300)
    port = free_port()
    proc = children.start("app", kyhop_command() + ["serve", "--host", "127.0.0.1",
                                                    "--port", str(port)],
                          env=env, cwd=workdir, output=log_file)
    await wait_for_port(port, proc, "the app", log_file)
    return App(port, proc.pid, log_file, env)


# --- uploads ---------------------------------------------------------------------------------


async def login(client: Any, username: str) -> str:
    answer = await client.post("/api/v1/auth/login",
                               json={"username": username, "password": DEMO_PASSWORD})
    answer.raise_for_status()
    return answer.json()["token"]


async def upload(port: int, token: str, data: bytes, title: str) -> tuple[float, dict[str, Any]]:
    """POST the PDF as multipart/form-data (built in memory, sent by the minimal client so that
    the client costs next to nothing); seconds from the first byte sent to the whole answer."""
    boundary = "kyhop-bench-" + os.urandom(8).hex()
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"bao-cao-tong-hop.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
    tail = f"\r\n--{boundary}--\r\n".encode()
    body_head = head.encode("utf-8")
    length = len(body_head) + len(data) + len(tail)
    request = (f"POST /api/v1/meetings/{MEETING_ID}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               f"Authorization: Bearer {token}\r\n"
               f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
               f"Content-Length: {length}\r\n\r\n").encode("latin-1")
    conn = await Conn.open(port)
    try:
        started = time.perf_counter()
        conn.writer.write(request + body_head)
        conn.writer.write(data)
        conn.writer.write(tail)
        await conn.writer.drain()
        head_bytes = await conn.reader.readuntil(b"\r\n\r\n")
        status = int(head_bytes.split(b" ", 2)[1])
        found = re.search(rb"(?i)content-length: *(\d+)", head_bytes)
        size = int(found.group(1)) if found else 0
        answer = await conn.reader.readexactly(size)
        elapsed = time.perf_counter() - started
    finally:
        await conn.close()
    if status != 201:
        raise RuntimeError(f"upload answered {status}: {answer[:500]!r}")
    return elapsed, json.loads(answer)


async def wait_ready(client: Any, token: str, document_id: int, timeout: float) -> float:
    """Seconds until the document's text is extracted (status ready)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        answer = await client.get(f"/api/v1/documents/{document_id}",
                                  headers={"Authorization": f"Bearer {token}"})
        answer.raise_for_status()
        status = answer.json()["status"]
        if status == "ready":
            return time.perf_counter() - started
        if status == "failed":
            raise RuntimeError(f"document {document_id}: text extraction failed")
        await asyncio.sleep(0.25)
    raise RuntimeError(f"document {document_id} not processed within {timeout:.0f} s")


def server_log(log_file: Path, msg: str) -> list[dict[str, Any]]:
    """The app's JSON log lines with this message."""
    records = []
    for line in log_file.read_text(errors="replace").splitlines():
        if line.startswith("{") and f'"{msg}"' in line:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("msg") == msg:
                records.append(record)
    return records


# --- processing ------------------------------------------------------------------------------


async def processing(pdf: Path, runs: int) -> dict[str, Any]:
    from app.config import Settings
    from app.documents.pdf import inspect_pdf

    timeout_s = Settings.model_fields["pdf_timeout_s"].default
    memory_mb = Settings.model_fields["pdf_memory_mb"].default
    pdftotext = find_tool("pdftotext")
    out: dict[str, Any] = {"inspect_s": [], "check_s": [], "pdftotext_s": []}
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(["nice", "-n", "10", pdftotext, str(pdf), "-"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=600, check=True)
        out["pdftotext_s"].append(time.perf_counter() - started)
        out["pdftotext_chars"] = len(proc.stdout.decode("utf-8", "replace"))
        started = time.perf_counter()
        info = await inspect_pdf(pdf, timeout_s=timeout_s, memory_limit_mb=memory_mb)
        out["inspect_s"].append(time.perf_counter() - started)
        out["inspect_chars"] = sum(len(text) for text in info.pages_text)
        out["pages"] = info.page_count
        started = time.perf_counter()
        await inspect_pdf(pdf, timeout_s=timeout_s, memory_limit_mb=memory_mb, extract_text=False)
        out["check_s"].append(time.perf_counter() - started)
    return out


# --- the run ---------------------------------------------------------------------------------


async def run(args: argparse.Namespace, children: Children, workdir: Path) -> dict[str, Any]:
    import httpx

    original, modified = cached_pdfs()
    data = original.read_bytes()
    size = len(data)
    wrk = find_tool("wrk") if args.client == "wrk" else None
    find_tool("pdftotext")
    results: dict[str, Any] = {
        "pdf_bytes": size, "pages": PAGES, "clients": args.clients, "seconds": args.seconds,
        "client": args.client, "cpus": os.cpu_count(), "loadavg": [os.getloadavg()],
        "cpu_pressure": [cpu_pressure()]}

    log("starting nginx and the app …")
    nginx = await start_nginx(children, workdir, original, args.nginx_workers)
    app = await start_app(children, workdir)
    base = f"http://127.0.0.1:{app.port}"
    async with httpx.AsyncClient(base_url=base, timeout=300, trust_env=False) as client:
        token = await login(client, "thuky")

        log("upload 1: the PDF into an empty data directory …")
        first_s, document = await upload(app.port, token, data, "Báo cáo tổng hợp (bench 1)")
        processed_s = await wait_ready(client, token, document["id"], args.ready_timeout)
        log(f"  answered in {first_s:.2f} s, text extracted {processed_s:.1f} s later")
        target_app = Target("app", app.port, f"/api/v1/documents/{document['id']}/file",
                            {"Authorization": f"Bearer {token}"}, app.pgid)
        link = (await client.get(f"/api/v1/documents/{document['id']}/link",
                                 headers={"Authorization": f"Bearer {token}"})).json()["url"]
        links = [Target("app-link", app.port, link, {}, app.pgid),
                 Target("nginx-link", nginx.port, link, {}, nginx.pgid)]

        for target in (nginx, target_app, *links):
            await check_target(target, data)
            for _ in range(30):  # warm up: page cache, connection pools, code paths
                await first_page(target, size)

        log("time to first page on idle servers …")
        summaries = {name: ServerSummary() for name in ("nginx", "app", "app-link", "nginx-link")}
        for _ in range(args.probes):
            for target in (nginx, target_app):
                summaries[target.name].idle_probes_s.append(await first_page(target, size))

        order = [nginx, target_app] if args.rounds == 1 else \
            [nginx, target_app, target_app, nginx] * (args.rounds // 2) + \
            ([nginx, target_app] if args.rounds % 2 else [])
        order += links  # one phase each: the signed-link paths (README, "Deploying for real")
        phase_s = args.seconds / args.rounds
        for number, target in enumerate(order, start=1):
            log(f"range load {number}/{len(order)}: {target.name}, {args.clients} clients, "
                f"{phase_s:g} s (load average {os.getloadavg()[0]:.2f}) …")
            phase = await run_phase(args, wrk, target, size, phase_s, workdir, seed=number * 101)
            summaries[target.name].add(phase)
            results["loadavg"].append(os.getloadavg())
            results["cpu_pressure"].append(cpu_pressure())
            log(f"  {phase.load.requests / phase.load.duration_s:.0f} req/s, "
                f"{phase.load.bytes / phase.load.duration_s / 1e6:.0f} MB/s, "
                f"server CPU {100 * phase.server_cpu_s / phase.load.duration_s:.0f} %")
        results["range"] = {name: _summary_dict(s) for name, s in summaries.items()}

        log("uploads 2–4: the same bytes (deduplicated) …")
        same = []
        for number in (2, 3, 4):
            elapsed, _ = await upload(app.port, token, data, f"Báo cáo tổng hợp (bench {number})")
            same.append(elapsed)
        log("upload 5: a modified copy (not deduplicated) …")
        modified_s, document5 = await upload(app.port, token, modified[0].read_bytes(),
                                             "Báo cáo tổng hợp (bench, bản sửa 1)")
        log("upload 6: another modified copy, at once, while the text of upload 5 is extracted …")
        during_s, document6 = await upload(app.port, token, modified[1].read_bytes(),
                                           "Báo cáo tổng hợp (bench, bản sửa 2)")
        background = [processed_s]
        for document in (document5, document6):
            background.append(await wait_ready(client, token, document["id"], args.ready_timeout))
        results["upload"] = {
            "first_s": first_s, "same_s": same, "modified_s": modified_s, "during_s": during_s,
            "background_s": background,
            "server_extraction_s": [r["seconds"] for r in server_log(app.log_file,
                                                                     "text extracted")],
            "server_upload_s": [r["duration_ms"] / 1000 for r in server_log(app.log_file, "request")
                                if r.get("method") == "POST" and r.get("status") == 201
                                and r.get("path", "").endswith("/documents")]}
    children.stop_all()  # the servers are done; processing gets the machine to itself

    log(f"processing: inspect_pdf vs pdftotext, {args.proc_runs} run(s) each …")
    results["loadavg"].append(os.getloadavg())
    results["processing"] = await processing(original, args.proc_runs)
    results["loadavg"].append(os.getloadavg())
    results["cpu_pressure"].append(cpu_pressure())
    return results


def _summary_dict(s: ServerSummary) -> dict[str, Any]:
    return {
        "requests": s.requests, "bytes": s.bytes, "seconds": s.duration_s, "errors": s.errors,
        "rps": s.rps, "mbps": s.mbps, "p50_ms": 1000 * s.percentile(50),
        "p99_ms": 1000 * s.percentile(99),
        "server_cpu_pct": 100 * s.server_cpu_s / s.duration_s if s.duration_s else 0,
        "client_cpu_pct": 100 * s.client_cpu_s / s.duration_s if s.duration_s else 0,
        "full_reads_s": s.full_reads_s, "probes_loaded_s": s.probes_s,
        "probes_idle_s": s.idle_probes_s,
    }


def report(results: dict[str, Any]) -> str:
    rng, up, proc = results["range"], results["upload"], results["processing"]
    ngx, app = rng["nginx"], rng["app"]
    med = statistics.median

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "n/a"

    def mark(ok: bool) -> str:
        return "yes" if ok else "NO"

    def fmt_s(values: list[float]) -> str:
        return f"{med(values):.3f} / {max(values):.3f}" if values else "n/a"

    full_mbps = {k: [results["pdf_bytes"] / 1e6 / t for t in v["full_reads_s"]]
                 for k, v in rng.items()}
    lines = [
        f"Documents bench: {results['pages']}-page PDF of {results['pdf_bytes'] / 1e6:.1f} MB, "
        f"{results['clients']} clients, {results['seconds']:g} s per server, "
        f"client {results['client']}, "
        f"{results['cpus']} CPUs, load average seen "
        + ", ".join(f"{la[0]:.2f}" for la in results["loadavg"])
        + "; CPU pressure (PSI some avg10, %) "
        + ", ".join("n/a" if p is None else f"{p:.0f}" for p in results["cpu_pressure"]),
        "",
        "| Range reads (64–256 KiB at random offsets) | nginx | app | app / nginx | target |",
        "|---|---|---|---|---|",
        f"| requests/s | {ngx['rps']:.0f} | {app['rps']:.0f} | {ratio(app['rps'], ngx['rps'])} | "
        f"≥ 0.5: {mark(app['rps'] >= 0.5 * ngx['rps'])} |",
        f"| MB/s | {ngx['mbps']:.0f} | {app['mbps']:.0f} | {ratio(app['mbps'], ngx['mbps'])} | "
        f"≥ 0.5: {mark(app['mbps'] >= 0.5 * ngx['mbps'])} |",
        f"| latency p50 (ms) | {ngx['p50_ms']:.2f} | {app['p50_ms']:.2f} | "
        f"{ratio(app['p50_ms'], ngx['p50_ms'])} | |",
        f"| latency p99 (ms) | {ngx['p99_ms']:.2f} | {app['p99_ms']:.2f} | "
        f"{ratio(app['p99_ms'], ngx['p99_ms'])} | |",
        f"| requests (errors) | {ngx['requests']} ({ngx['errors']}) | "
        f"{app['requests']} ({app['errors']}) | | |",
        f"| server CPU (% of one core) | {ngx['server_cpu_pct']:.0f} | "
        f"{app['server_cpu_pct']:.0f} | | |",
        f"| load generator CPU (% of one core) | {ngx['client_cpu_pct']:.0f} | "
        f"{app['client_cpu_pct']:.0f} | | |",
        f"| full-file reads during the load: count, median MB/s | {len(ngx['full_reads_s'])}, "
        f"{med(full_mbps['nginx']) if full_mbps['nginx'] else 0:.0f} | {len(app['full_reads_s'])}, "
        f"{med(full_mbps['app']) if full_mbps['app'] else 0:.0f} | | |",
        f"| first page, idle: median / max (s) | {fmt_s(ngx['probes_idle_s'])} | "
        f"{fmt_s(app['probes_idle_s'])} | | ≤ 1 s: "
        f"{mark(bool(app['probes_idle_s']) and max(app['probes_idle_s']) <= 1)} |",
        f"| first page, under the load: median / max (s) | {fmt_s(ngx['probes_loaded_s'])} | "
        f"{fmt_s(app['probes_loaded_s'])} | | ≤ 1 s: "
        f"{mark(bool(app['probes_loaded_s']) and max(app['probes_loaded_s']) <= 1)} |",
        "",
        "| Range reads by signed link (GET /documents/{id}/link) | requests/s | MB/s | "
        "latency p50 / p99 (ms) | / nginx (plain file) | target |",
        "|---|---|---|---|---|---|",
        *[f"| {label} | {rng[name]['rps']:.0f} | {rng[name]['mbps']:.0f} | "
          f"{rng[name]['p50_ms']:.2f} / {rng[name]['p99_ms']:.2f} | "
          f"{ratio(rng[name]['rps'], ngx['rps'])} | ≥ 0.5: {mark(rng[name]['rps'] >= 0.5 * ngx['rps'])} |"
          for name, label in (("app-link", "the app checks the signature (no database)"),
                              ("nginx-link", "nginx in front checks it (secure_link)"))
          if rng.get(name, {}).get("requests")],
        "",
        "| Upload of the 50 MB PDF (request start → 201) | seconds | target |",
        "|---|---|---|",
        f"| first upload, empty data directory (not deduplicated) | {up['first_s']:.2f} | "
        f"≤ 1 s: {mark(up['first_s'] <= 1)} |",
        f"| same bytes again, median of 3 (deduplicated) | {med(up['same_s']):.2f} "
        f"({', '.join(f'{s:.2f}' for s in up['same_s'])}) | "
        f"≤ 1 s: {mark(med(up['same_s']) <= 1)} |",
        f"| modified copy (not deduplicated) | {up['modified_s']:.2f} | "
        f"≤ 1 s: {mark(up['modified_s'] <= 1)} |",
        f"| another modified copy, sent while the text of the previous one is extracted | "
        f"{up['during_s']:.2f} | ≤ 1 s: {mark(up['during_s'] <= 1)} |",
        f"| the same six uploads timed by the server (its access log) | "
        f"{', '.join(f'{s:.2f}' for s in up['server_upload_s'])} | |",
        f"| upload 1 answered → its text extracted in the background (status ready) | "
        f"{up['background_s'][0]:.1f} | |",
        f"| background text extraction of uploads 1, 5, 6 (the server's log) | "
        f"{', '.join(f'{s:.1f}' for s in up['server_extraction_s'])} | |",
        "",
        f"| Processing ({proc['pages']} pages) | app: inspect_pdf | poppler: pdftotext "
        "| app / pdftotext |",
        "|---|---|---|---|",
        f"| check + pages + text, median of {len(proc['inspect_s'])} (s) | "
        f"{med(proc['inspect_s']):.2f} | {med(proc['pdftotext_s']):.2f} | "
        f"{ratio(med(proc['inspect_s']), med(proc['pdftotext_s']))} |",
        f"| check + pages only, no text (the upload's check) (s) | "
        f"{med(proc['check_s']):.2f} | | |",
        f"| characters of text | {proc['inspect_chars']} | {proc['pdftotext_chars']} | |",
    ]
    return "\n".join(lines)


class TimeLimit(Exception):
    pass


def processing_only(runs: int) -> int:
    pdf, _ = cached_pdfs()
    out = asyncio.run(processing(pdf, runs))
    ratios = sorted(app / peer for app, peer in zip(out["inspect_s"], out["pdftotext_s"], strict=True))
    print(f"{out['pages']} pages; inspect_pdf {out['inspect_chars']:,} characters, "
          f"pdftotext {out['pdftotext_chars']:,}")
    for name in ("inspect_s", "check_s", "pdftotext_s"):
        values = sorted(out[name])
        print(f"{name:12} min {values[0]:.3f}  median {statistics.median(values):.3f}  max {values[-1]:.3f} s")
    print(f"inspect / pdftotext per run: min {ratios[0]:.2f}  median {statistics.median(ratios):.2f}  "
          f"max {ratios[-1]:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10, help="range load per server (10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections (8)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="load phases per server, alternating nginx/app (2: ABBA)")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk",
                        help="load generator for the range reads (wrk)")
    parser.add_argument("--nginx-workers", default="auto", help="nginx worker_processes (auto)")
    parser.add_argument("--probes", type=int, default=10,
                        help="first-page probes per server on the idle servers (10)")
    parser.add_argument("--proc-runs", type=int, default=2,
                        help="runs of inspect_pdf and pdftotext each (2)")
    parser.add_argument("--ready-timeout", type=float, default=600,
                        help="longest wait for a background text extraction (600 s)")
    parser.add_argument("--time-limit", type=float, default=1800,
                        help="the whole run stops (servers included) after this (1800 s)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--processing-only", action="store_true",
                        help="only part 3: inspect_pdf beside pdftotext, --proc-runs times (no servers)")
    args = parser.parse_args()
    if args.seconds <= 0 or args.clients < 1 or args.rounds < 1 or args.proc_runs < 1:
        parser.error("--seconds, --clients, --rounds and --proc-runs must be positive")
    if args.processing_only:
        return processing_only(args.proc_runs)

    def stop(signum: int, _frame: Any) -> None:
        if signum == signal.SIGALRM:
            raise TimeLimit(f"time limit of {args.time_limit:g} s reached (--time-limit)")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(max(1, int(args.time_limit)))
    children = Children()
    workdir = Path(tempfile.mkdtemp(prefix="kyhop-bench-documents-"))
    try:
        results = asyncio.run(run(args, children, workdir))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except TimeLimit as exc:
        log(str(exc))
        return 1
    finally:
        signal.alarm(0)
        children.stop_all()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
