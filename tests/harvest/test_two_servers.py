"""The real thing: two `kyhop serve` processes on loopback, each with its own SQLite database and
data directory — a commune's (with the demo data) and the province's. The province follows the
commune's OParl system: everything the first time, then only what changed (counted on the
province's source), and a document made confidential on the commune leaves the province's copy."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli_helpers import KYHOP, kyhop_env
from tests.live.test_multiprocess import Worker

PASSWORD = "mat-khau-quan-tri-2026"
DEMO_PASSWORD = "kyhop2026"


def _prepare(root: Path, *, demo: bool) -> dict[str, str]:
    root.mkdir()
    env = {"KYHOP_DATABASE_URL": f"sqlite+aiosqlite:///{root / 'kyhop.sqlite3'}",
           "KYHOP_DATA_DIR": str(root / "data"), "KYHOP_LOG_LEVEL": "WARNING",
           "KYHOP_HARVEST_ALLOW": "127.0.0.1", "KYHOP_HARVEST_MARGIN_S": "0"}
    steps = [["demo"]] if demo else [["create-admin", "quantri"]]
    for step in steps:
        done = subprocess.run([str(KYHOP), *step], env=kyhop_env(env), input=PASSWORD + "\n",
                              capture_output=True, text=True, timeout=300, cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
    return env


@pytest.fixture
async def servers(tmp_path: Path) -> AsyncIterator[tuple[Worker, Worker]]:
    commune_env, province_env = await asyncio.gather(
        asyncio.to_thread(_prepare, tmp_path / "commune", demo=True),
        asyncio.to_thread(_prepare, tmp_path / "province", demo=False))
    commune, province = Worker(commune_env), Worker(province_env)
    try:
        await asyncio.gather(commune.ready(), province.ready())
        yield commune, province
    finally:
        commune.stop()
        province.stop()


async def _login(http: httpx.AsyncClient, base: str, username: str, password: str) -> dict[str, str]:
    answer = await http.post(f"{base}/api/v1/auth/login",
                             json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


async def _harvested(http: httpx.AsyncClient, base: str, source_id: int, headers: dict[str, str],
                     kind: str) -> dict[str, dict[str, Any]]:
    answer = await http.get(f"{base}/api/v1/sources/{source_id}/objects",
                            params={"type": kind, "limit": 200}, headers=headers)
    assert answer.status_code == 200, answer.text
    return {item["oparl_id"]: item for item in answer.json()["items"]}


async def _run_finished(http: httpx.AsyncClient, base: str, source_id: int,
                        headers: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = await http.get(f"{base}/api/v1/sources/{source_id}", headers=headers)
        assert answer.status_code == 200, answer.text
        if answer.json()["state"] != "running":
            return dict(answer.json())
        await asyncio.sleep(0.2)
    raise AssertionError("the harvest did not finish")


async def _settled(http: httpx.AsyncClient, commune: Worker) -> None:
    """The commune's OParl ledger brought up to date, and two seconds gone by: its HTTP Date
    counts whole seconds and uvicorn refreshes it only once a second (so it can lag by one), so
    what changed before is then older than the next run's `modified_since`."""
    assert (await http.get(f"{commune.base}/oparl/v1/system")).status_code == 200
    await asyncio.sleep(2.1)


async def test_a_province_harvests_a_commune_full_then_incrementally(servers) -> None:  # type: ignore[no-untyped-def]
    commune, province = servers
    async with httpx.AsyncClient(timeout=30) as http:
        admin = await _login(http, province.base, "quantri", PASSWORD)
        council = await http.post(f"{province.base}/api/v1/councils", headers=admin, json={
            "name": "HĐND tỉnh Thử Nghiệm", "level": "province", "code": "TN"})
        assert council.status_code == 201, council.text
        await _settled(http, commune)

        # First run: everything, started in the background by adding the source.
        system = f"{commune.base}/oparl/v1/system"
        added = await http.post(f"{province.base}/api/v1/councils/{council.json()['id']}/sources",
                                headers=admin, json={"url": system})
        assert added.status_code == 201, added.text
        source_id = added.json()["id"]
        first = await _run_finished(http, province.base, source_id, admin)
        assert first["state"] == "ok" and first["error"] == "", first
        assert first["counts"]["Meeting"] >= 1 and first["counts"]["File"] >= 3
        assert first["counts"]["Paper"] == first["counts"]["File"]
        files = await _harvested(http, province.base, source_id, admin, "File")
        assert all(file["data"]["accessUrl"].startswith(commune.base) for file in files.values())
        assert any(file["data"].get("text") for file in files.values())  # files' text is kept

        # The commune's secretary changes a public document.
        secretary = await _login(http, commune.base, "thuky", DEMO_PASSWORD)
        councils = (await http.get(f"{commune.base}/api/v1/councils", headers=secretary)).json()
        meetings = (await http.get(f"{commune.base}/api/v1/councils/{councils['items'][0]['id']}"
                                   "/meetings", headers=secretary)).json()["items"]
        documents = [document for meeting in meetings for document in (await http.get(
            f"{commune.base}/api/v1/meetings/{meeting['id']}/documents", headers=secretary)
        ).json()["items"] if not document["confidential"]]
        document = documents[0]

        async def change_then_harvest(change: dict[str, Any]) -> dict[str, Any]:
            changed = await http.patch(f"{commune.base}/api/v1/documents/{document['id']}",
                                       headers=secretary, json=change)
            assert changed.status_code == 200, changed.text
            await _settled(http, commune)
            assert (await http.post(f"{province.base}/api/v1/sources/{source_id}/run",
                                    headers=admin)).status_code == 202
            done = await _run_finished(http, province.base, source_id, admin)
            assert done["state"] == "ok", done
            return done

        # Second run: incremental — one page per list, only what changed came over.
        second = await change_then_harvest({"title": "Tờ trình (bản sửa đổi)"})
        bodies = first["counts"]["Body"]
        assert second["requests"] == 2 + 10 * bodies  # the system, the bodies, each body's lists
        assert second["requests"] <= first["requests"]
        # the system, the bodies, and what the renamed document changed (its paper and file,
        # the meeting and agenda items they are embedded in) — not the hundreds of others
        assert second["received"] < first["received"] // 5, (first, second)
        assert second["bytes"] < first["bytes"] // 3, (first, second)
        papers = await _harvested(http, province.base, source_id, admin, "Paper")
        assert "Tờ trình (bản sửa đổi)" in {paper["name"] for paper in papers.values()}
        assert second["counts"] == first["counts"]

        # Made confidential: it leaves public view, its tombstone reaches the province.
        third = await change_then_harvest({"confidential": True})
        assert third["counts"]["File"] == first["counts"]["File"] - 1
        assert third["counts"]["Paper"] == first["counts"]["Paper"] - 1
        papers = await _harvested(http, province.base, source_id, admin, "Paper")
        assert "Tờ trình (bản sửa đổi)" not in {paper["name"] for paper in papers.values()}

        # What remains is searchable from the province, with its source and OParl URL.
        found = await http.get(f"{province.base}/api/v1/search", headers=admin,
                               params={"q": documents[1]["title"], "scope": "network"})
        assert found.status_code == 200, found.text
        hits = [hit for hit in found.json()["items"] if hit["kind"] == "harvested"]
        assert hits and all(hit["source_url"] == system and hit["oparl_id"].startswith(commune.base)
                            for hit in hits)
