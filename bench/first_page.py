#!/usr/bin/env python3
"""The web app on a tablet: first rendered page of a 300-page PDF, and the JavaScript sent before
the login screen shows.

    .venv/bin/python bench/first_page.py [--rounds 5] [--cpu-slowdown 1]

Runs `kyhop serve` (one worker, SQLite, `kyhop demo` loaded) on loopback with the built web app
(frontend/dist: run `make frontend` first), uploads bench/documents.py's 300-page, ~50 MB PDF
(built once, cached under bench/.cache/), waits for its processing to finish, then drives
Debian's Chromium (headless, 1280×800, through Playwright) in fresh browser contexts — empty
cache, no service worker, nothing stored — logged in as a deputy:

1. cold: the reader opened by its address (app shell, PDF.js and its worker, the meeting's live
   snapshot, the document's first Range requests); time from the start of navigation to the
   moment the first page's canvas is drawn (PdfPageCanvas sets data-rendered; a
   MutationObserver in the page notes the time);
2. tap: the meeting screen already open, a tap on the document; time from the tap to the drawn
   first page (the reader's code and PDF.js are fetched on this first tap);
3. bundle: a fresh context opens `/`; every script the page loaded before the login form is
   visible, raw (as sent: the server does not compress) and gzip -9, plus what the service
   worker downloads afterwards in the background.

Also the bytes of the PDF fetched for the first page (by its API URL, or by the signed link
`GET /api/v1/documents/{id}/link` hands out: `/files/…`). `--cpu-slowdown 4` emulates a slower
tablet CPU (Chromium's CPU throttling). Everything runs on 127.0.0.1 in a temporary directory and
is stopped on exit.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import documents as docbench

CHROMIUM = os.environ.get("KYHOP_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]
TABLET = {"width": 1280, "height": 800}
DEPUTY = "daibieu01"
TIMEOUT_MS = 60_000

# Notes the time (ms since navigation start) at which a reader page canvas is first drawn.
OBSERVER = """
window.__bench = { drawn: null };
new MutationObserver((records) => {
  for (const record of records) {
    const element = record.target;
    if (window.__bench.drawn === null && element.classList && element.classList.contains('reader__page')
        && element.getAttribute('data-rendered') === '1') {
      window.__bench.drawn = performance.now();
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rendered'] });
"""


# When the cold reader got what it needed (ms since navigation start, from Resource Timing).
MILESTONES = """(documentId) => {
  const entries = performance.getEntriesByType('resource');
  const end = (test) => Math.max(0, ...entries.filter((e) => test(e.name)).map((e) => e.responseEnd));
  const start = (test) => Math.min(1e9, ...entries.filter((e) => test(e.name)).map((e) => e.startTime));
  const navigation = performance.getEntriesByType('navigation')[0];
  const pdf = (n) => n.includes(`/api/v1/documents/${documentId}/file`) || n.includes('/files/');
  return {
    html: navigation ? navigation.responseEnd : 0,
    app_script: end((n) => /\\/assets\\/index-[^/]*\\.js$/.test(n)),
    reader_script: end((n) => n.includes('/assets/ReaderScreen-')),
    pdf_worker: end((n) => n.includes('pdf.worker')),
    document_metadata: end((n) => n.endsWith(`/api/v1/documents/${documentId}`)),
    signed_link: end((n) => n.includes(`/api/v1/documents/${documentId}/link`)),
    first_pdf_request: start(pdf),
    last_pdf_answer: end(pdf),
  };
}"""


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


class Relay:
    """A TCP relay in front of the app that counts the bytes each HTTP request really got back
    (HTTP/1.1 answers follow their requests in order on a connection, so the bytes between one
    request line and the next belong to the first): aborted downloads count what crossed."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self.received: list[list[Any]] = []  # [request line, bytes answered]
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    def reset(self) -> None:
        self.received = []

    def bytes_for(self, *markers: str) -> tuple[int, int]:
        """(requests, bytes) of the requests whose line contains one of `markers`."""
        hits = [entry for entry in self.received if any(m in entry[0] for m in markers)]
        return len(hits), sum(entry[1] for entry in hits)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        current: list[list[Any]] = []

        async def upstream() -> None:
            try:
                while data := await reader.read(65536):
                    for line in data.split(b"\r\n"):
                        if line[:4] in (b"GET ", b"HEAD", b"POST", b"PUT ", b"PATC", b"DELE"):
                            entry = [line.decode("latin-1"), 0]
                            self.received.append(entry)
                            current.append(entry)
                    up_writer.write(data)
                    await up_writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                up_writer.close()

        async def downstream() -> None:
            try:
                while data := await up_reader.read(65536):
                    if current:
                        current[-1][1] += len(data)
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        await asyncio.gather(upstream(), downstream(), return_exceptions=True)


async def _context(browser: Any, base: str, token: str | None, slowdown: float) -> tuple[Any, Any]:
    context = await browser.new_context(viewport=TABLET, locale="vi-VN", base_url=base,
                                        timezone_id="Asia/Ho_Chi_Minh")
    if token:
        await context.add_init_script(f"localStorage.setItem('kyhop.token', {json.dumps(token)});")
    await context.add_init_script(OBSERVER)
    page = await context.new_page()
    if slowdown > 1:
        session = await context.new_cdp_session(page)
        await session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    return context, page


async def _drawn(page: Any) -> float:
    await page.wait_for_function("() => window.__bench.drawn !== null", polling=50,
                                 timeout=TIMEOUT_MS)
    return float(await page.evaluate("() => window.__bench.drawn"))


def _pdf_markers(document_id: int) -> tuple[str, str]:
    """The PDF's reads: by its API URL, or by a signed link (GET …/link → /files/…)."""
    return f"/api/v1/documents/{document_id}/file", "/files/"


def _bytes(relay: Relay | None, document_id: int) -> dict[str, int]:
    if relay is None:
        return {}
    requests, pdf_bytes = relay.bytes_for(*_pdf_markers(document_id))
    return {"pdf_requests": requests, "pdf_bytes": pdf_bytes,
            "all_bytes": sum(entry[1] for entry in relay.received),
            "all_requests": len(relay.received)}


async def cold_open(browser: Any, base: str, relay: Relay | None, token: str, document_id: int,
                    slowdown: float) -> dict[str, Any]:
    """`relay`: the tablet goes through it (to count bytes; it slows the page down a little)."""
    context, page = await _context(browser, f"http://127.0.0.1:{relay.port}" if relay else base,
                                   token, slowdown)
    try:
        if relay:
            relay.reset()
        await page.goto(f"/meetings/{docbench.MEETING_ID}/documents/{document_id}",
                        wait_until="commit")
        drawn_ms = await _drawn(page)
        milestones = await page.evaluate(MILESTONES, document_id)
        return {"ms": drawn_ms, "milestones": milestones, **_bytes(relay, document_id)}
    finally:
        await context.close()


async def tap_open(browser: Any, base: str, relay: Relay | None, token: str, document_id: int,
                   slowdown: float) -> dict[str, Any]:
    context, page = await _context(browser, f"http://127.0.0.1:{relay.port}" if relay else base,
                                   token, slowdown)
    try:
        await page.goto(f"/meetings/{docbench.MEETING_ID}")
        link = page.locator(f'a[href="/meetings/{docbench.MEETING_ID}/documents/{document_id}"]')
        await link.first.wait_for(timeout=TIMEOUT_MS)
        await page.wait_for_load_state("networkidle")
        if relay:
            relay.reset()
        tapped = await page.evaluate(
            """(href) => { const start = performance.now();
                           document.querySelector(`a[href="${href}"]`).click(); return start; }""",
            f"/meetings/{docbench.MEETING_ID}/documents/{document_id}")
        drawn_ms = await _drawn(page)
        return {"ms": drawn_ms - tapped, **_bytes(relay, document_id)}
    finally:
        await context.close()


async def bundle(browser: Any, base: str) -> dict[str, Any]:
    context, page = await _context(browser, base, None, 1)
    scripts: dict[str, bytes] = {}
    others: dict[str, int] = {}
    background: dict[str, int] = {}
    encodings: dict[str, str] = {}
    login_shown = False

    async def record(response: Any, after_login: bool) -> None:
        try:
            body = await response.body()
        except Exception:
            return
        path = response.url.removeprefix(base)
        if after_login or path == "/sw.js" or response.request.service_worker is not None:
            background[path] = len(body)
        elif response.request.resource_type == "script" or path.endswith((".js", ".mjs")):
            scripts[path] = body
            encodings[path] = response.headers.get("content-encoding", "identity")
        else:
            others[path] = len(body)

    pending: list[asyncio.Task[None]] = []
    context.on("response", lambda response: pending.append(
        asyncio.ensure_future(record(response, login_shown))))
    try:
        await page.goto("/")
        await page.get_by_role("button", name="Đăng nhập", exact=True).wait_for(timeout=TIMEOUT_MS)
        login_shown = True
        # The service worker then fetches the app shell for offline use, in the background.
        await page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        await page.wait_for_load_state("networkidle")
        await asyncio.sleep(2)
        await asyncio.gather(*pending)
    finally:
        await context.close()
    files = {path: {"raw": len(body), "gzip": len(gzip.compress(body, 9)),
                    "sent_as": encodings.get(path, "?")} for path, body in scripts.items()}
    return {"scripts": files,
            "raw": sum(f["raw"] for f in files.values()),
            "gzip": sum(f["gzip"] for f in files.values()),
            "other_bytes": others,
            "service_worker_after": {"files": len(background), "bytes": sum(background.values())}}


async def run(args: argparse.Namespace, children: docbench.Children, workdir: Path) -> dict[str, Any]:
    import httpx
    from playwright.async_api import async_playwright

    index = docbench.ROOT / "frontend" / "dist" / "index.html"
    if not index.is_file():
        raise SystemExit(f"{index} is missing: run `make frontend` first")
    original, _ = docbench.cached_pdfs()
    data = original.read_bytes()
    docbench.log("starting the app …")
    app = await docbench.start_app(children, workdir)
    base = f"http://127.0.0.1:{app.port}"
    async with httpx.AsyncClient(base_url=base, timeout=300, trust_env=False) as client:
        secretary = await docbench.login(client, "thuky")
        _, document = await docbench.upload(app.port, secretary, data, "Báo cáo tổng hợp 300 trang")
        docbench.log(f"uploaded {len(data) / 1e6:.1f} MB, {document['pages']} pages; "
                     "waiting for its processing …")
        await docbench.wait_ready(client, secretary, document["id"], 600)
        deputy = await docbench.login(client, DEPUTY)

    results: dict[str, Any] = {"pdf_bytes": len(data), "pages": document["pages"],
                               "cpu_slowdown": args.cpu_slowdown, "rounds": args.rounds,
                               "cpus": os.cpu_count()}
    relay = Relay(app.port)  # the tablet's "network": counts what crosses it
    await relay.start()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        results["chromium"] = browser.version
        try:
            docbench.log("warm-up round (not counted) …")
            await cold_open(browser, base, None, deputy, document["id"], args.cpu_slowdown)
            cold, tap = [], []
            for number in range(1, args.rounds + 1):
                cold.append(await cold_open(browser, base, None, deputy, document["id"],
                                            args.cpu_slowdown))
                tap.append(await tap_open(browser, base, None, deputy, document["id"],
                                          args.cpu_slowdown))
                docbench.log(f"round {number}: cold {cold[-1]['ms']:.0f} ms, "
                             f"tap {tap[-1]['ms']:.0f} ms")
            results["cold"] = {**_stats([r["ms"] for r in cold]), "runs": cold}
            results["tap"] = {**_stats([r["ms"] for r in tap]), "runs": tap}
            docbench.log("bytes through a counting relay (not timed) …")
            results["cold_bytes"] = [await cold_open(browser, base, relay, deputy, document["id"], 1)
                                     for _ in range(3)]
            results["tap_bytes"] = [await tap_open(browser, base, relay, deputy, document["id"], 1)
                                    for _ in range(3)]
            docbench.log("bundle before the login screen …")
            results["bundle"] = await bundle(browser, base)
        finally:
            await browser.close()
            await relay.stop()
    return results


def report(results: dict[str, Any]) -> str:
    cold, tap, js = results["cold"], results["tap"], results["bundle"]
    def kib(values: list[int]) -> str:
        return f"{statistics.median(values) / 1024:.0f} KiB (median; {min(values) / 1024:.0f}–{max(values) / 1024:.0f})"
    lines = [
        f"First rendered page of a {results['pages']}-page, {results['pdf_bytes'] / 1e6:.1f} MB PDF "
        f"(Chromium {results['chromium']}, 1280×800, loopback, CPU slowdown "
        f"×{results['cpu_slowdown']:g}, {results['rounds']} rounds; target ≤ 1 s)",
        f"  cold (fresh context, reader address): median {cold['median']:.0f} ms "
        f"(min {cold['min']:.0f}, max {cold['max']:.0f})",
        "  cold, median milestones (ms since navigation start): " + ", ".join(
            f"{name.replace('_', ' ')} {statistics.median(r['milestones'][name] for r in cold['runs']):.0f}"
            for name in cold["runs"][0]["milestones"]) + f", page drawn {cold['median']:.0f}",
        f"  tap (meeting screen open, first document): median {tap['median']:.0f} ms "
        f"(min {tap['min']:.0f}, max {tap['max']:.0f})",
        f"  bytes of the PDF that reached the tablet before page 1 was drawn: cold "
        f"{kib([r['pdf_bytes'] for r in results['cold_bytes']])} in "
        f"{results['cold_bytes'][0]['pdf_requests']} requests; tap "
        f"{kib([r['pdf_bytes'] for r in results['tap_bytes']])}",
        f"  everything the tablet received until then (cold): "
        f"{kib([r['all_bytes'] for r in results['cold_bytes']])} in "
        f"{results['cold_bytes'][0]['all_requests']} requests",
        "JavaScript before the login screen shows:",
    ]
    for path, info in sorted(js["scripts"].items(), key=lambda kv: -kv[1]["raw"]):
        lines.append(f"  {path}: {info['raw'] / 1024:.1f} KiB raw, {info['gzip'] / 1024:.1f} KiB "
                     f"gzip -9 (sent as {info['sent_as']})")
    lines.append(f"  total: {js['raw'] / 1024:.1f} KiB raw, {js['gzip'] / 1024:.1f} KiB gzip -9 "
                 f"in {len(js['scripts'])} files")
    other = js["other_bytes"]
    lines.append(f"  other files before the login screen: {len(other)}, "
                 f"{sum(other.values()) / 1024:.1f} KiB ({', '.join(sorted(other))})")
    sw = js["service_worker_after"]
    lines.append(f"  then in the background (service worker precache): {sw['files']} files, "
                 f"{sw['bytes'] / 1024:.0f} KiB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds (5)")
    parser.add_argument("--cpu-slowdown", type=float, default=1,
                        help="Chromium CPU throttling rate, 1 = none (1)")
    parser.add_argument("--time-limit", type=float, default=900,
                        help="the whole run stops (server included) after this (900 s)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    if args.rounds < 1 or args.cpu_slowdown < 1:
        parser.error("--rounds and --cpu-slowdown must be at least 1")
    if not os.access(CHROMIUM, os.X_OK):
        parser.error(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or KYHOP_CHROMIUM)")

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(max(1, int(args.time_limit)))
    children = docbench.Children()
    workdir = Path(tempfile.mkdtemp(prefix="kyhop-bench-first-page-"))
    started = time.monotonic()
    try:
        results = asyncio.run(run(args, children, workdir))
    except KeyboardInterrupt:
        return 130
    finally:
        signal.alarm(0)
        children.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(report(results))
    docbench.log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
