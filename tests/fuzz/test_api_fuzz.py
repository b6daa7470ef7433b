"""Schemathesis over the whole API, as an outside client or an attacker would use it: a real
`kyhop serve` with the demo data, one run per role (a guest, a deputy, the chair, the secretary,
a respondent, a commune's secretary, the administrator), every operation, the examples, coverage, fuzzing and stateful phases, every
check (no 5xx; every status, content type, header and body as the OpenAPI schema declares; errors
in the contract's shape, which the schema declares for every error status).

Time-boxed by KYHOP_FUZZ_SECONDS per role (default 25 s, so that `make test` stays short);
`make fuzz` runs it for longer. The server's own log must hold no unhandled error either.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli_helpers import KYHOP, kyhop_env

pytestmark = pytest.mark.fuzz

HERE = Path(__file__).resolve().parent
SCHEMATHESIS = KYHOP.parent / "st"
# demo logins, least powerful first: the administrator can deactivate the others
ROLES = [("guest", "khachmoi"), ("deputy", "daibieu01"), ("chair", "chutoa"),
         ("secretary", "thuky"), ("respondent", "traloi.sotc"),
         ("commune_secretary", "thuky.dienchau"), ("admin", "admin")]
DEMO_PASSWORD = "kyhop2026"
# operations that end the caller's own session (the run would go on unauthenticated)
SESSION_ENDING = ["/api/v1/auth/logout", "/api/v1/me/password", "/api/v1/me/devices/{device_id}"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not SCHEMATHESIS.exists():
        pytest.fail(f"schemathesis is not installed ({SCHEMATHESIS}): `make test` installs it")
    root = tmp_path_factory.mktemp("fuzz")
    env = kyhop_env({"KYHOP_DATABASE_URL": f"sqlite+aiosqlite:///{root / 'kyhop.db'}",
                     "KYHOP_DATA_DIR": str(root / "data"), "KYHOP_LOG_LEVEL": "INFO"})
    for step in (["db", "upgrade"], ["demo"]):
        done = subprocess.run([str(KYHOP), *step], env=env, capture_output=True, text=True,
                              timeout=300, cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
    port = _free_port()
    log = root / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen([str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=output, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "kyhop serve did not become ready"
            time.sleep(0.2)
        yield base, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _log_in_everyone(base: str) -> dict[str, str]:
    """Tokens first, all of them: the fuzzer's wrong logins would soon throttle this address."""
    tokens = {}
    for role, username in ROLES:
        answer = httpx.post(f"{base}/api/v1/auth/login", timeout=10, json={
            "username": username, "password": DEMO_PASSWORD, "device_name": f"schemathesis {role}"})
        assert answer.status_code == 200, answer.text
        tokens[role] = answer.json()["token"]
    return tokens


def _fuzz(base: str, token: str, seconds: int, reports: Path) -> subprocess.CompletedProcess[str]:
    excluded = [arg for path in SESSION_ENDING for arg in ("--exclude-path", path)]
    return subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(HERE / "schemathesis.toml"), "run",
         f"{base}/openapi.json", "--header", f"Authorization: Bearer {token}",
         "--checks", "all", "--max-time", str(seconds), "--workers", "1", "--no-color",
         *(["--seed", os.environ["KYHOP_FUZZ_SEED"]] if os.environ.get("KYHOP_FUZZ_SEED") else []),
         "--report", "junit", "--report-dir", str(reports), "--output-truncate", "true", *excluded],
        capture_output=True, text=True, timeout=seconds * 4 + 120, cwd=reports,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""})


def _summary(output: str) -> str:
    """The failures part of schemathesis' report, short enough for an assertion message."""
    start = output.find("FAILURES")
    return (output[start:start + 6000] if start >= 0 else output[-4000:]).strip()


def test_no_role_finds_a_server_error_or_a_schema_lie(demo_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, log = demo_server
    seconds = int(os.environ.get("KYHOP_FUZZ_SECONDS", "25"))
    tokens = _log_in_everyone(base)
    failed = {}
    for role, _ in ROLES:
        reports = tmp_path / role
        reports.mkdir()
        run = _fuzz(base, tokens[role], seconds, reports)
        if run.returncode != 0:
            failed[role] = _summary(run.stdout + run.stderr)
            keep = Path(os.environ.get("KYHOP_FUZZ_REPORTS", HERE / "reports"))
            shutil.copytree(reports, keep / role, dirs_exist_ok=True)
    # split on newlines only: a path may hold U+2028 or U+0085, which splitlines() breaks at
    records = [json.loads(line) for line in log.read_text(errors="replace").split("\n")
               if line.startswith("{")]
    server_errors = [r for r in records if r.get("logger") == "kyhop.access" and r.get("status", 0) >= 500]
    unhandled = [r.get("msg") for r in records if r.get("level") in ("error", "critical")]
    assert not failed, "\n\n".join(f"== as {role}:\n{text}" for role, text in failed.items())
    assert not server_errors and not unhandled, (server_errors[:5], unhandled[:5])
    requests = sum(r.get("logger") == "kyhop.access" for r in records)
    assert requests > 1000 * len(ROLES) * seconds // 25 // 4, f"only {requests} requests reached the server"
