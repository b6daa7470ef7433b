"""The browser suite: the built web app (frontend/dist) served by a real `kyhop serve` on a loopback
port, with a fresh SQLite database per test, driven through Playwright in Debian's Chromium.

- Chromium: /usr/bin/chromium (or KYHOP_CHROMIUM); never a browser downloaded by Playwright.
  Missing, the tests skip, or fail with KYHOP_TEST_REQUIRE_SERVICES=1 / KYHOP_REQUIRE_SHARED=1
  (as in CI), like a missing database does.
- frontend/dist must be built (`make frontend`; `make test` builds it first).
- Each test gets its own server process and its own browser; people log in through the login
  screen with PASSWORD. Screenshots go to tests/e2e/artifacts/ (ignored by git); a failing test
  leaves a screenshot of every page it had open under tests/e2e/artifacts/failures/.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from app.accounts.passwords import hash_password_sync
from app.accounts.tokens import new_token, token_digest
from app.config import load_settings
from app.kit.time import utcnow
from app.main import create_app
from app.models import AuthToken, Council, Membership, User
from tests.cli_helpers import KYHOP, ROOT, kyhop_env
from tests.fixtures.world import PASSWORD

DIST = ROOT / "frontend" / "dist"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("KYHOP_CHROMIUM", "/usr/bin/chromium")
REQUIRED = (os.environ.get("KYHOP_TEST_REQUIRE_SERVICES") == "1"
            or os.environ.get("KYHOP_REQUIRE_SHARED") == "1")
# Headless, no sandbox (tests run as root) and no connections of Chromium's own: this machine's
# network is closed, and background lookups would only slow every start.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]
TABLET = {"width": 1280, "height": 800}
DISPLAY = {"width": 1920, "height": 1080}
TIMEOUT_MS = 20_000  # generous: two workers share two cores with their servers and browsers

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _unavailable(message: str) -> None:
    if REQUIRED:
        pytest.fail(message + " (and KYHOP_TEST_REQUIRE_SERVICES=1 or KYHOP_REQUIRE_SHARED=1)",
                    pytrace=False)
    pytest.skip(message)


# --- people ------------------------------------------------------------------------------------

# username -> (full name, role in the council, voting right)
PEOPLE: dict[str, tuple[str, str, bool]] = {
    "thuky": ("Nguyễn Thị Thư", "secretary", False),
    "chutoa": ("Trần Văn Chủ", "chair", True),
    "daibieu1": ("Lê Văn An", "deputy", True),
    "daibieu2": ("Phạm Thị Bình", "deputy", True),
    "daibieu3": ("Hoàng Văn Cường", "deputy", True),
    "manhinh": ("Màn hình hội trường", "guest", False),  # the hall display's read-only login
}


@dataclass
class People:
    council_id: int
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


async def seed(database_url: str, data_dir: Path) -> People:
    """One council and its people, written with the app's models before the server starts."""
    app = create_app(load_settings(_env_file=None, database_url=database_url, data_dir=data_dir,
                                   log_level="WARNING"))
    password_hash = hash_password_sync(PASSWORD)
    try:
        async with app.state.db.unit_of_work() as uow:
            session = uow.session
            council = Council(name="HĐND tỉnh Thử Nghiệm", level="province", code="E2E")
            session.add(council)
            await session.flush()
            people = People(council_id=council.id)
            for username, (full_name, role, voting_right) in PEOPLE.items():
                user = User(username=username, full_name=full_name, password_hash=password_hash,
                            is_active=True, is_admin=False)
                session.add(user)
                await session.flush()
                session.add(Membership(council_id=council.id, user_id=user.id, role=role,
                                       voting_right=voting_right))
                token = new_token()  # for the test's own API calls; the browsers log in
                session.add(AuthToken(user_id=user.id, token_hash=token_digest(token),
                                      device_name="e2e test", last_used_at=utcnow(),
                                      expires_at=utcnow() + timedelta(days=1)))
                people.ids[username] = user.id
                people.tokens[username] = token
    finally:
        await app.state.db.dispose()
    return people


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base: str
    people: People
    process: subprocess.Popen[bytes]
    log: Path

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.people.tokens[who]}"}

    async def api(self, who: str, method: str, path: str, *, expect_status: int | None = None,
                  headers: dict[str, str] | None = None, **kwargs: Any) -> Any:
        """One API call as `who`; the JSON answer (asserting the status when given)."""
        async with httpx.AsyncClient(base_url=self.base, timeout=30) as client:
            response = await client.request(method, path, headers={**self.headers(who), **(headers or {})},
                                            **kwargs)
        if expect_status is not None:
            assert response.status_code == expect_status, response.text
        return response.json() if response.content else None

    async def meeting_in_progress(self, titles: list[str], *, title: str = "Kỳ họp thứ mười lăm",
                                  start: bool = True) -> tuple[int, list[int]]:
        """A published (and started) meeting with these agenda items: (meeting id, item ids)."""
        meeting = await self.api("thuky", "POST", f"/api/v1/councils/{self.people.council_id}/meetings",
                                 expect_status=201,
                                 json={"title": title, "kind": "regular", "public": True,
                                       "starts_at": "2026-12-08T08:00:00+07:00",
                                       "location": "Hội trường Ủy ban nhân dân tỉnh"})
        items = [(await self.api("thuky", "POST", f"/api/v1/meetings/{meeting['id']}/agenda",
                                 expect_status=201, json={"title": item}))["id"] for item in titles]
        for action in ("publish", "start") if start else ("publish",):
            await self.api("thuky", "POST", f"/api/v1/meetings/{meeting['id']}/{action}",
                           expect_status=200)
        return meeting["id"], items

    async def upload(self, meeting_id: int, name: str, pdf: bytes, *, title: str,
                     item_id: int | None = None, kind: str = "draft_resolution") -> dict[str, Any]:
        data: dict[str, str] = {"title": title, "kind": kind}
        if item_id is not None:
            data["agenda_item_id"] = str(item_id)
        return await self.api("thuky", "POST", f"/api/v1/meetings/{meeting_id}/documents",
                              expect_status=201, data=data,
                              files={"file": (name, pdf, "application/pdf")})


async def _wait_ready(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=5) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError("kyhop serve exited:\n" + server.log.read_text(errors="replace")[-3000:])
            try:
                if (await client.get(f"{server.base}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise TimeoutError("kyhop serve did not become ready:\n" + server.log.read_text(errors="replace")[-3000:])


@pytest.fixture(scope="session")
def built_app() -> Path:
    index = DIST / "index.html"
    if not index.is_file():
        _unavailable(f"the web app is not built ({index} is missing): run `make frontend`")
    newest = max((p.stat().st_mtime for p in (ROOT / "frontend" / "src").rglob("*") if p.is_file()),
                 default=0)
    if newest > index.stat().st_mtime:
        warnings.warn("frontend/src is newer than frontend/dist: the browser tests run the last "
                      "build (run `make frontend`)", stacklevel=1)
    return DIST


@pytest.fixture
async def kyhop(built_app: Path, sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Server]:
    """`kyhop serve` on a free loopback port with its own database and data directory."""
    database = tmp_path / "kyhop.sqlite3"
    shutil.copyfile(sqlite_template, database)
    database_url = f"sqlite+aiosqlite:///{database}"
    data_dir = tmp_path / "data"
    people = await seed(database_url, data_dir)
    port = free_port()
    log = tmp_path / "kyhop-serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(KYHOP), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=kyhop_env({"KYHOP_DATABASE_URL": database_url, "KYHOP_DATA_DIR": str(data_dir),
                           "KYHOP_LOG_LEVEL": "WARNING"}),
            stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    server = Server(base=f"http://127.0.0.1:{port}", people=people, process=process, log=log)
    try:
        await _wait_ready(server)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class Device:
    """One browser context: a deputy's tablet, a console, the hall display."""

    name: str
    context: BrowserContext
    page: Page
    errors: list[str]

    def watch(self, page: Page) -> Page:
        page.on("pageerror", lambda error: self.errors.append(f"{self.name}: {error}"))
        # anything the Content Security Policy blocked is a bug of the app or of the policy
        page.on("console", lambda message: self.errors.append(f"{self.name}: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text else None)
        return page

    async def reopen(self, path: str) -> None:
        """Closes the app and opens it again at `path`, in the same browser profile."""
        await self.page.close()
        self.page = self.watch(await self.context.new_page())
        await self.page.goto(path)

    async def mark_loaded(self) -> None:
        """Marks the current document: `still_same_document` proves nothing reloaded it."""
        await self.page.evaluate("() => { window.__kyhopE2e = 'same document'; }")

    async def still_same_document(self) -> bool:
        return await self.page.evaluate("() => window.__kyhopE2e === 'same document'")


OpenDevice = Callable[..., Awaitable[Device]]


@pytest.fixture
async def devices(browser: Browser, kyhop: Server, request: pytest.FixtureRequest) -> AsyncIterator[OpenDevice]:
    """Opens a browser context (a tablet by default), optionally logged in through the UI."""
    opened: list[Device] = []
    failures = ARTIFACTS / "failures" / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(failures, ignore_errors=True)  # no stale pictures from an earlier run

    async def open_device(name: str, *, login: str | None = None, viewport: dict[str, int] = TABLET,
                          base: str | None = None, start: str = "/") -> Device:
        context = await browser.new_context(
            viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
            base_url=base or kyhop.base, service_workers="allow")
        context.set_default_timeout(TIMEOUT_MS)
        device = Device(name=name, context=context, page=None, errors=[])  # type: ignore[arg-type]
        device.page = device.watch(await context.new_page())
        opened.append(device)
        if login is not None:
            await log_in(device.page, login, start=start)
        return device

    yield open_device

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        failures.mkdir(parents=True, exist_ok=True)
        for device in opened:
            try:
                await device.page.screenshot(path=str(failures / f"{device.name}.png"), timeout=5000)
            except Exception:
                pass
    errors = [error for device in opened for error in device.errors]
    for device in opened:
        await device.context.close()
    assert not errors, f"uncaught errors in the pages: {errors}"


async def log_in(page: Page, username: str, *, start: str = "/") -> None:
    """Through the login screen, as a person does; lands on `start`."""
    await page.goto(start)
    await expect(page).to_have_url(re.compile(r"/login"))
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_label("Tên thiết bị này").fill(f"Máy tính bảng của {username}")
    await page.get_by_role("button", name="Đăng nhập", exact=True).click()
    await page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(start).path)


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


# --- a piece of network between one tablet and the server ------------------------------------


class CuttableLink:
    """A TCP relay on its own loopback port in front of the server. A tablet that opens the app
    through it can lose its network for real: `cut()` resets every connection it carries and
    refuses new ones until `restore()`. Records the request line of every connection."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self.cut_off = False
        self.refused = 0
        self.request_lines: list[str] = []
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut_off:
            self.refused += 1
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))
        first = asyncio.ensure_future(self._pipe(reader, up_writer, record=True))
        second = asyncio.ensure_future(self._pipe(up_reader, writer, record=False))
        self._tasks.update((first, second))
        await asyncio.gather(first, second, return_exceptions=True)
        self._tasks.difference_update((first, second))
        self._writers.difference_update((writer, up_writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *,
                    record: bool) -> None:
        try:
            first = True
            while data := await reader.read(65536):
                if record and first:
                    self.request_lines.append(data.split(b"\r\n", 1)[0].decode("latin-1"))
                first = False
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.transport.abort()

    def cut(self) -> None:
        self.cut_off = True
        for writer in list(self._writers):
            writer.transport.abort()

    def restore(self) -> None:
        self.cut_off = False

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()


@pytest.fixture
async def cuttable_link(kyhop: Server) -> AsyncIterator[CuttableLink]:
    link = CuttableLink(int(kyhop.base.rsplit(":", 1)[1]))
    await link.start()
    yield link
    await link.close()


# --- pages drawn by PDF.js ---------------------------------------------------------------------

_DRAWN = """(selector) => {
    const canvas = document.querySelector(selector);
    if (!canvas || !canvas.width || !canvas.height) return false;
    const probe = document.createElement('canvas');
    probe.width = 100; probe.height = 140;
    const context = probe.getContext('2d');
    context.drawImage(canvas, 0, 0, probe.width, probe.height);
    const pixels = context.getImageData(0, 0, probe.width, probe.height).data;
    let opaque = 0, dark = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 255) opaque++;
        if (pixels[i + 3] === 255 && pixels[i] + pixels[i + 1] + pixels[i + 2] < 384) dark++;
    }
    return opaque === probe.width * probe.height && dark > 0;
}"""


async def wait_for_drawn_page(page: Page, *, page_number: int, timeout: float = TIMEOUT_MS) -> None:
    """Waits until the reader's canvas has drawn page `page_number` (PdfPageCanvas marks it with
    data-rendered) and shows ink: a white page with dark pixels (text), read back from the canvas."""
    await page.wait_for_function(_DRAWN, arg=f'.reader__page[data-rendered="{page_number}"]',
                                 polling=100, timeout=timeout)
