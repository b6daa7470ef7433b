#!/usr/bin/env python3
"""OParl benchmark: open-data lists beside the app's own JSON list, and harvesting, in one run.

    .venv/bin/python bench/oparl.py [--meetings 235] [--seconds 10] [--clients 4]

1. A council with about 10,000 OParl objects is written into a fresh SQLite database (235 public
   meetings, each with 10 agenda items and 10 documents — Paper, File and Consultation each — and
   a location; 60 deputies with their memberships), then `kyhop serve` starts (one worker).
2. The ledger build: the first OParl request after the data changed builds the council's
   published objects; its time, then the time of a request when nothing changed.
3. List pages per second, C concurrent clients for N seconds each, alternating (ABBA): the app's
   own `GET /api/v1/councils/{id}/meetings` (one answer with all meetings, as admin) beside
   OParl's `GET /oparl/v1/bodies/{id}/meetings` pages of 100 meetings (each with its agenda
   items embedded) and `…/papers` pages of 100. Requests/s and objects/s.
4. Harvest (when `kyhop harvest` exists): a full harvest of the council into a second data
   directory, then — after 10 documents were renamed through the API — an incremental one:
   seconds, requests and bytes for each, as the harvester reports them.

Everything runs on 127.0.0.1 in a temporary directory and is stopped on exit.
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
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from documents import Children, free_port, kyhop_command, log, login, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS_PER_MEETING = 10
DOCUMENTS_PER_MEETING = 10
DEPUTIES = 60
PAGE_TEXT = ("Hội đồng nhân dân tỉnh xem xét, quyết định dự toán ngân sách địa phương, phân bổ "
             "ngân sách cấp tỉnh và các chương trình mục tiêu. ") * 20


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
    env.update({"KYHOP_DATA_DIR": str(data_dir), "KYHOP_LOG_LEVEL": "WARNING",
                "KYHOP_HARVEST_MARGIN_S": "2",
                "KYHOP_DATABASE_URL": f"sqlite+aiosqlite:///{data_dir / 'kyhop.sqlite3'}",
                "KYHOP_HARVEST_ALLOW": "127.0.0.1", "KYHOP_HARVEST_EVERY_MIN": "0"})
    return env


async def seed(data_dir: Path, meetings: int) -> int:
    """The demo, plus one council with the bench's public record; its id."""
    from app.config import load_settings
    from app.db import Database
    from app.documents.storage import BlobStore
    from app.kit.pdfgen import text_pdf
    from app.kit.text import fold
    from app.kit.time import utcnow
    from app.models import AgendaItem, Council, Document, DocumentPage, DocumentVersion, Meeting, Membership, User

    settings = load_settings(_env_file=None, data_dir=data_dir,
                             database_url=f"sqlite+aiosqlite:///{data_dir / 'kyhop.sqlite3'}")
    pdf = text_pdf("Tờ trình", [PAGE_TEXT])
    store = BlobStore(data_dir)

    async def chunks() -> Any:
        yield pdf

    staged = await store.receive(chunks(), max_bytes=len(pdf) + 1)
    await store.commit(staged)
    db = Database(settings)
    now = utcnow()
    async with db.unit_of_work() as uow:
        session = uow.session
        council = Council(name="HĐND xã Đo Tốc Độ", level="commune", unit_kind="commune",
                          code="bench-oparl")
        session.add(council)
        await session.flush()
        for n in range(DEPUTIES):
            user = User(username=f"bench.{n}", full_name=f"Đại biểu {n:02d}", password_hash="-",
                        is_active=True, is_admin=False)
            session.add(user)
            await session.flush()
            session.add(Membership(council_id=council.id, user_id=user.id, role="deputy",
                                   voting_right=True, title="Đại biểu"))
        for m in range(meetings):
            meeting = Meeting(council_id=council.id, title=f"Kỳ họp thứ {m + 1}", public=True,
                              state="published", location=f"Hội trường {m % 5}",
                              starts_at=now - timedelta(days=m), updated_at=now, last_seq=0)
            session.add(meeting)
            await session.flush()
            items = [AgendaItem(meeting_id=meeting.id, position=i, title=f"Nội dung {i + 1}")
                     for i in range(ITEMS_PER_MEETING)]
            session.add_all(items)
            await session.flush()
            for d in range(DOCUMENTS_PER_MEETING):
                document = Document(meeting_id=meeting.id, agenda_item_id=items[d].id,
                                    title=f"Tờ trình {m + 1}.{d + 1}", kind="proposal",
                                    updated_at=now)
                session.add(document)
                await session.flush()
                version = DocumentVersion(document_id=document.id, version=1, sha256=staged.sha256,
                                          size=staged.size, filename=f"to-trinh-{m}-{d}.pdf",
                                          pages=1, status="ready", pages_done=1, processed_at=now)
                session.add(version)
                await session.flush()
                session.add(DocumentPage(version_id=version.id, page=1, text=PAGE_TEXT,
                                         folded=fold(PAGE_TEXT)))
        council_id = council.id
    await db.dispose()
    return council_id


async def timed_get(client: httpx.AsyncClient, url: str, **kwargs: Any) -> float:
    started = time.perf_counter()
    answer = await client.get(url, **kwargs)
    answer.raise_for_status()
    return time.perf_counter() - started


async def load(base: str, url: str, headers: dict[str, str], seconds: float, clients: int,
               objects_of: Any) -> dict[str, float]:
    done = objects = 0
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def one(client: httpx.AsyncClient) -> None:
        nonlocal done, objects
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            answer = await client.get(url, headers=headers)
            answer.raise_for_status()
            latencies.append(time.perf_counter() - started)
            done += 1
            objects += objects_of(answer.json())

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await asyncio.gather(*(one(client) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return {"requests_s": done / elapsed, "objects_s": objects / elapsed,
            "p50_ms": statistics.median(latencies) * 1000}


def harvest(env: dict[str, str], url: str, workdir: Path) -> dict[str, Any] | None:
    started = time.perf_counter()
    answer = subprocess.run(kyhop_command() + ["harvest", url], env=env, cwd=workdir,
                            capture_output=True, text=True, timeout=1800)
    elapsed = time.perf_counter() - started
    if answer.returncode != 0:
        log(f"harvest failed ({answer.returncode}): {answer.stderr[-2000:]}")
        return None
    report: dict[str, Any] = {"seconds": elapsed, "output": answer.stdout.strip()[-2000:]}
    return report


async def run(args: argparse.Namespace, children: Children, workdir: Path) -> dict[str, Any]:
    data_dir = workdir / "source"
    data_dir.mkdir()
    env = environment(data_dir)
    subprocess.run(kyhop_command() + ["demo"], env=env, cwd=workdir, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    council_id = await seed(data_dir, args.meetings)
    port = free_port()
    log_file = workdir / "source.log"
    proc = children.start("app", kyhop_command() + ["serve", "--host", "127.0.0.1", "--port",
                                                    str(port)], env=env, output=log_file)
    await wait_for_port(port, proc, "the app", log_file)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {"meetings": args.meetings}
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        results["ledger_build_s"] = await timed_get(client, f"/oparl/v1/bodies/{council_id}")
        results["unchanged_request_ms"] = 1000 * statistics.median(
            [await timed_get(client, f"/oparl/v1/bodies/{council_id}") for _ in range(20)])
        total = 0
        for list_name in ("organizations", "persons", "memberships", "meetings", "agenda-items",
                          "papers", "consultations", "files", "legislative-terms", "locations"):
            page = (await client.get(f"/oparl/v1/bodies/{council_id}/{list_name}")).json()
            total += page["pagination"]["totalElements"]
        results["objects"] = total + 1
        token = await login(client, "admin")
    log(f"{results['objects']} OParl objects; ledger built in {results['ledger_build_s']:.2f} s")

    app_headers = {"Authorization": f"Bearer {token}"}
    targets = {
        "app_meetings": (f"/api/v1/councils/{council_id}/meetings", app_headers,
                         lambda body: len(body["items"])),
        "oparl_meetings": (f"/oparl/v1/bodies/{council_id}/meetings?limit=100", {},
                           lambda body: len(body["data"])),
        "oparl_papers": (f"/oparl/v1/bodies/{council_id}/papers?limit=100", {},
                         lambda body: len(body["data"])),
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
    order = list(targets) + list(reversed(targets))
    for name in order:
        url, headers, count = targets[name]
        runs[name].append(await load(base, url, headers, args.seconds, args.clients, count))
        log(f"{name}: {runs[name][-1]['requests_s']:.1f} requests/s")
    results["lists"] = {name: {key: statistics.mean(r[key] for r in values) for key in values[0]}
                        for name, values in runs.items()}

    target = workdir / "target"
    target.mkdir()
    harvest_env = environment(target)
    subprocess.run(kyhop_command() + ["db", "upgrade"], env=harvest_env, cwd=workdir, check=True,
                   timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    system = f"{base}/oparl/v1/system"
    full = harvest(harvest_env, system, workdir)
    if full is not None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            papers = (await client.get(f"/oparl/v1/bodies/{council_id}/papers?limit=10")).json()
            for paper in papers["data"]:
                document_id = paper["id"].rsplit("/", 1)[1]
                renamed = await client.patch(f"/api/v1/documents/{document_id}", headers=app_headers,
                                             json={"title": f"Tờ trình sửa {document_id}"})
                renamed.raise_for_status()
        incremental = harvest(harvest_env, system, workdir)
        results["harvest"] = {"full": full, "incremental": incremental}
    return results


def report(results: dict[str, Any]) -> str:
    lists = results["lists"]
    app_rate = lists["app_meetings"]
    lines = [f"OParl objects: {results['objects']} ({results['meetings']} meetings)",
             f"ledger build (first request after the data changed): {results['ledger_build_s']:.2f} s",
             f"request when nothing changed (Body): {results['unchanged_request_ms']:.1f} ms", "",
             "| list | requests/s | objects/s | p50 ms | objects/s vs the app's list |",
             "|---|---|---|---|---|"]
    for name, value in lists.items():
        lines.append(f"| {name} | {value['requests_s']:.1f} | {value['objects_s']:.0f} | "
                     f"{value['p50_ms']:.1f} | {value['objects_s'] / app_rate['objects_s']:.2f} |")
    if "harvest" in results:
        lines.append("")
        for phase, value in results["harvest"].items():
            if value is not None:
                lines.append(f"harvest {phase}: {value['seconds']:.1f} s — {value['output']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=235, help="public meetings (235: about 10,000 OParl objects)")
    parser.add_argument("--seconds", type=float, default=10, help="load per list and phase (10)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    children = Children()
    workdir = Path(tempfile.mkdtemp(prefix="kyhop-bench-oparl-"))
    try:
        results = asyncio.run(run(args, children, workdir))
    finally:
        children.stop_all()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    log(f"logs in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
