"""The `kyhop` command as a real process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request

import pytest
from sqlalchemy import func, select

from app.models import AgendaItem, Council, Document, Meeting, Membership, User
from tests.cli_helpers import KYHOP, kyhop_env, run_kyhop


@pytest.fixture
def env(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"KYHOP_DATABASE_URL": settings.effective_database_url,
            "KYHOP_DATA_DIR": str(settings.data_dir)}


def test_wrong_setting_fails_with_one_line_naming_it() -> None:
    result = run_kyhop(["db", "upgrade"], env={"KYHOP_TOKEN_TTL_HOURS": "lâu lắm"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "KYHOP_TOKEN_TTL_HOURS" in result.stderr
    bad_url = run_kyhop(["db", "upgrade"], env={"KYHOP_DATABASE_URL": "mysql://x"})
    assert bad_url.returncode == 2 and "KYHOP_DATABASE_URL" in bad_url.stderr


def test_several_workers_need_a_broker(env) -> None:  # type: ignore[no-untyped-def]
    result = run_kyhop(["serve", "--workers", "2"], env=env)
    assert result.returncode == 2
    assert "KYHOP_BROKER_URL" in result.stderr


async def test_create_admin_reads_password_from_stdin(app, env) -> None:  # type: ignore[no-untyped-def]
    created = run_kyhop(["create-admin", "quantri"], env=env, stdin="mat-khau-dai-du\n")
    assert created.returncode == 0, created.stderr
    reset = run_kyhop(["create-admin", "quantri"], env=env, stdin="mat-khau-moi-hon\n")
    assert reset.returncode == 0 and "updated" in reset.stdout
    too_short = run_kyhop(["create-admin", "quantri"], env=env, stdin="ngan\n")
    assert too_short.returncode == 1
    async with app.state.db.unit_of_work(write=False) as uow:
        admins = list(await uow.session.scalars(select(User).where(User.username == "quantri")))
    assert len(admins) == 1 and admins[0].is_admin


async def test_demo_loads_once_and_prints_logins(app, env) -> None:  # type: ignore[no-untyped-def]
    first = run_kyhop(["demo"], env=env)
    assert first.returncode == 0, first.stderr
    assert "thuky" in first.stdout and "daibieu01" in first.stdout and "kyhop2026" in first.stdout
    second = run_kyhop(["demo"], env=env)
    assert second.returncode == 0 and "already" in second.stdout
    async with app.state.db.unit_of_work(write=False) as uow:
        councils = list(await uow.session.scalars(select(Council).order_by(Council.id)))
        deputies = await uow.session.scalar(
            select(func.count()).select_from(Membership)
            .where(Membership.council_id == councils[0].id, Membership.role == "deputy"))
    assert [(c.level, c.unit_kind, c.dissolved_on is not None) for c in councils] == [
        ("province", "province", False), ("district", "district", True),
        ("commune", "commune", False), ("commune", "ward", False)]
    assert councils[0].name == "HĐND tỉnh Nghệ An"
    assert all(c.parent_id == councils[0].id for c in councils[1:])
    assert 55 <= deputies <= 65
    async with app.state.db.unit_of_work(write=False) as uow:
        meeting = await uow.session.scalar(select(Meeting).where(Meeting.number == 18))
        documents = list(await uow.session.scalars(select(Document)))
        items = await uow.session.scalar(select(func.count()).select_from(AgendaItem))
    assert meeting.state == "published" and meeting.council_id == councils[0].id
    assert items >= 6 and len(documents) == 4
    assert sum(d.confidential for d in documents) == 1
    verified = run_kyhop(["audit", "verify"], env=env)
    assert verified.returncode == 0, verified.stderr


async def test_import_members_from_the_shell(app, env, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    listing = tmp_path / "danh-sach.csv"
    listing.write_text("STT,Họ và tên,Chức vụ,Đơn vị\n1,Trương Thị Ngọc Ánh,Giáo viên,Tổ 1\n"
                       "2,Lã Văn Được,Nông dân,Tổ 2\n", encoding="utf-8")
    result = run_kyhop(["import-members", str(world.council_a), str(listing)], env=env)
    assert result.returncode == 0, result.stderr
    assert "created 2" in result.stdout
    again = run_kyhop(["import-members", str(world.council_a), str(listing)], env=env)
    assert "created 0" in again.stdout and "unchanged 2" in again.stdout
    bad = tmp_path / "hong.csv"
    bad.write_text("Họ và tên,Vai trò\nAi Đó,phi công\n", encoding="utf-8")
    refused = run_kyhop(["import-members", str(world.council_a), str(bad)], env=env)
    assert refused.returncode == 1 and "dòng 2" in refused.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _http(method: str, url: str, body: dict | None = None, token: str | None = None) -> dict:
    request = urllib.request.Request(url, method=method,
                                     data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_serve_migrates_then_a_demo_deputy_logs_in(env) -> None:  # type: ignore[no-untyped-def]
    """What `make run` does, on the configured database: demo, serve, log in, /me."""
    assert run_kyhop(["demo"], env=env).returncode == 0
    port = _free_port()
    server = subprocess.Popen([str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=kyhop_env(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert _http("GET", f"{base}/healthz") == {"status": "ok"}
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        login = _http("POST", f"{base}/api/v1/auth/login",
                      {"username": "daibieu01", "password": "kyhop2026"})
        me = _http("GET", f"{base}/api/v1/me", token=login["token"])
        assert me["username"] == "daibieu01"
        assert me["memberships"][0]["role"] == "deputy"
        assert me["memberships"][0]["voting_right"] is True
        _run_a_demo_vote(base)
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0].decode()
    assert login["token"] not in output, "a token was written to the log"
    assert "kyhop2026" not in output
    assert '"path": "/api/v1/me"' in output


def _login(base: str, username: str) -> str:
    return _http("POST", f"{base}/api/v1/auth/login", {"username": username, "password": "kyhop2026"})["token"]


def _run_a_demo_vote(base: str) -> None:
    """The demo's meeting in progress is ready for a whole vote, from the API alone."""
    chair = _login(base, "chutoa")
    meeting = next(m for m in _http("GET", f"{base}/api/v1/meetings", token=chair)["items"]
                   if m["state"] == "in_progress")
    attendance = _http("GET", f"{base}/api/v1/meetings/{meeting['id']}/attendance", token=chair)
    assert attendance["quorate"] is True
    polls = _http("GET", f"{base}/api/v1/meetings/{meeting['id']}/polls", token=chair)["items"]
    assert {p["preset"] for p in polls} == {"resolution", "confidence", "election"}
    poll = next(p for p in polls if p["preset"] == "resolution")
    assert _http("POST", f"{base}/api/v1/polls/{poll['id']}/open", token=chair)["state"] == "open"
    yes = poll["options"][0]["id"]
    for number in (1, 2, 3):
        answer = _http("POST", f"{base}/api/v1/polls/{poll['id']}/ballots", {"option_ids": [yes]},
                       token=_login(base, f"daibieu{number:02d}"))
        assert answer == {"accepted": True}
    result = _http("POST", f"{base}/api/v1/polls/{poll['id']}/close", token=chair)["result"]
    assert (result["counts"][0]["votes"], result["seated"], result["required"], result["passed"]) == (3, 61, 31, False)


def test_log_lines_never_carry_a_token_from_a_query_string() -> None:
    import logging

    from app.logs import RedactTokens

    record = logging.LogRecord("uvicorn.error", logging.INFO, "", 0,
                               '%s - "WebSocket %s" [accepted]', ("127.0.0.1:5", "/api/v1/meetings/1/live?token=abc123&since=4"), None)
    assert RedactTokens().filter(record)
    assert "abc123" not in record.getMessage() and "since=4" in record.getMessage()


def test_each_websocket_leaves_one_log_line_not_three() -> None:
    import logging

    from app.logs import DropConnectionChatter

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("uvicorn.error", logging.INFO, "", 0, message, None, None)

    assert not DropConnectionChatter().filter(record("connection open"))
    assert not DropConnectionChatter().filter(record("connection closed"))
    assert DropConnectionChatter().filter(record("Application startup complete."))
