"""A small OParl 1.1 server for the harvester's tests: a valid tree (System → Body → its ten
lists, paged two objects a page, `modified_since` with tombstones), a clock of its own (its HTTP
Date and every `modified` come from it, so a test moves time on as it likes), a record of every
request, and traps that make one path hostile.

Served by uvicorn on 127.0.0.1 in a thread of its own, so that the harvester under test — in
the test's event loop or in a `kyhop harvest` process — talks to it over real sockets."""

from __future__ import annotations

import asyncio
import copy
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

SCHEMA = "https://schema.oparl.org/1.1/"
LISTS = {  # the Body's field → the type of its objects
    "organization": "Organization", "person": "Person", "membership": "Membership",
    "legislativeTermList": "LegislativeTerm", "locationList": "Location", "meeting": "Meeting",
    "agendaItem": "AgendaItem", "paper": "Paper", "consultation": "Consultation", "file": "File",
}
GIB = 1024 ** 3


@dataclass
class Entry:
    list_name: str
    key: str
    data: dict[str, Any]
    created: datetime
    modified: datetime
    deleted: bool = False


@dataclass
class Stub:
    base: str = ""
    page_size: int = 2
    clock: datetime = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # path?query of each request
    served: dict[str, int] = field(default_factory=dict)  # objects served, by list
    traps: dict[str, str] = field(default_factory=dict)  # path → hostile mode
    lock: threading.Lock = field(default_factory=threading.Lock)

    # --- the data -------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"{self.base}/oparl{path}"

    def oid(self, list_name: str, key: str) -> str:
        return self.url(f"/{list_name}/{key}")

    def obj(self, list_name: str, key: str, **fields: Any) -> dict[str, Any]:
        return {"id": self.oid(list_name, key), "type": SCHEMA + LISTS[list_name], **fields}

    def put(self, list_name: str, key: str, **fields: Any) -> dict[str, Any]:
        data = self.obj(list_name, key, **fields)
        with self.lock:
            old = self.entries.get((list_name, key))
            created = old.created if old else self.clock
            entry = Entry(list_name, key, data, created, self.clock)
            self.entries[(list_name, key)] = entry
        return self.stamped(entry)  # as embedded in another object

    def delete(self, list_name: str, key: str) -> None:
        with self.lock:
            entry = self.entries[(list_name, key)]
            entry.deleted, entry.modified = True, self.clock

    def tick(self, **delta: float) -> None:
        self.clock += timedelta(**delta)

    def reset_counts(self) -> None:
        with self.lock:
            self.requests.clear()
            self.served.clear()

    def stamped(self, entry: Entry) -> dict[str, Any]:
        times = {"created": entry.created.isoformat(), "modified": entry.modified.isoformat()}
        if entry.deleted:
            return {"id": entry.data["id"], "type": entry.data["type"], **times, "deleted": True}
        return {**copy.deepcopy(entry.data), **times}

    def populate(self) -> None:
        """One council: an organization, a deputy with a membership, a term, a place, two
        meetings (the first with two agenda items), a paper with its file and consultation."""
        self.put("organization", "1", name="HĐND xã Thử Nghiệm")
        membership = self.put("membership", "1", person=self.oid("person", "1"),
                              organization=self.oid("organization", "1"), role="Đại biểu")
        self.put("person", "1", name="Nguyễn Thị Lan", membership=[membership])
        self.put("legislativeTermList", "1", name="Khóa XII", startDate="2026-03-15")
        self.put("locationList", "1", description="Hội trường UBND xã")
        file = self.put("file", "1", name="Tờ trình về quy hoạch đất đai",
                        fileName="to-trinh.pdf", mimeType="application/pdf",
                        accessUrl=self.url("/file/1/access"),
                        text="Tờ trình về việc điều chỉnh quy hoạch sử dụng đất đai năm 2027")
        self.put("file", "2", name="Báo cáo thẩm tra", accessUrl=self.url("/file/2/access"),
                 text="Báo cáo thẩm tra của Ban Kinh tế – Ngân sách")
        items = [self.put("agendaItem", str(n), meeting=self.oid("meeting", "1"), order=n,
                          name=name, public=True)
                 for n, name in ((1, "Khai mạc kỳ họp"), (2, "Quy hoạch sử dụng đất"))]
        self.put("meeting", "1", name="Kỳ họp thứ hai", start="2026-12-08T08:00:00+07:00",
                 agendaItem=items)
        self.put("meeting", "2", name="Kỳ họp chuyên đề", start="2026-12-20T08:00:00+07:00")
        consultation = self.put("consultation", "1", paper=self.oid("paper", "1"),
                                agendaItem=self.oid("agendaItem", "2"), role="Thông qua")
        self.put("paper", "1", name="Dự thảo nghị quyết quy hoạch đất đai",
                 paperType="Dự thảo nghị quyết", mainFile=file, consultation=[consultation])

    # --- the HTTP side --------------------------------------------------------------------
    def body(self) -> dict[str, Any]:
        links = {name: self.url(f"/body/1/{name}") for name in LISTS}
        terms = [self.stamped(e) for (name, _), e in self.entries.items()
                 if name == "legislativeTermList" and not e.deleted]
        return {"id": self.url("/body/1"), "type": SCHEMA + "Body", "name": "HĐND xã Thử Nghiệm",
                "system": self.url("/system"), "legislativeTerm": terms, **links,
                "created": "2026-11-01T00:00:00+00:00", "modified": "2026-11-01T00:00:00+00:00"}

    def page(self, request: Request, objects: list[dict[str, Any]], list_name: str) -> dict[str, Any]:
        number = int(request.query_params.get("page", "1"))
        start = (number - 1) * self.page_size
        chunk = objects[start:start + self.page_size]
        with self.lock:
            self.served[list_name] = self.served.get(list_name, 0) + len(chunk)
        answer: dict[str, Any] = {"data": chunk, "pagination": {"currentPage": number}, "links": {}}
        if start + self.page_size < len(objects):
            query = {k: v for k, v in request.query_params.items() if k != "page"}
            answer["links"]["next"] = (f"{self.base}{request.url.path}?"
                                       + urlencode({**query, "page": number + 1}))
        return answer

    def listing(self, request: Request, list_name: str) -> list[dict[str, Any]]:
        since_text = request.query_params.get("modified_since")
        since = datetime.fromisoformat(since_text) if since_text else None
        with self.lock:
            chosen = [e for e in self.entries.values() if e.list_name == list_name
                      and (since is None or e.modified >= since) and (since is not None or not e.deleted)]
        return [self.stamped(e) for e in sorted(chosen, key=lambda e: int(e.key))]

    def headers(self) -> dict[str, str]:
        return {"Date": format_datetime(self.clock, usegmt=True)}

    async def handle(self, request: Request) -> Response:
        path = request.url.path.removeprefix("/oparl")
        with self.lock:
            self.requests.append(f"{request.url.path}?{request.url.query}")
        trap = self.traps.get(path)
        if trap is not None:
            return await self.hostile(trap, request)
        if path == "/system":
            data: dict[str, Any] = {"id": self.url("/system"), "type": SCHEMA + "System",
                                    "oparlVersion": "https://schema.oparl.org/1.1/",
                                    "body": self.url("/bodies"), "name": "Máy chủ thử"}
        elif path == "/bodies":
            data = self.page(request, [self.body()], "body")
        elif path.startswith("/body/1/") and path.rsplit("/", 1)[1] in LISTS:
            name = path.rsplit("/", 1)[1]
            data = self.page(request, self.listing(request, name), name)
        else:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse(data, headers=self.headers())

    async def hostile(self, mode: str, request: Request) -> Response:
        if mode == "html":
            return Response("<!doctype html><html><body><h1>Đăng nhập</h1></body></html>",
                            media_type="text/html")
        if mode == "empty":
            return JSONResponse({"data": [], "links": {}}, headers=self.headers())
        if mode == "garbage":
            return JSONResponse([1, 2, "ba"], headers=self.headers())
        if mode == "bad_object":
            return JSONResponse({"data": [{"id": 5, "name": "không có type"}], "links": {}})
        if mode == "not_json":
            return Response(b"\x89PNG\r\n\x1a\n\x00\x00garbage", media_type="application/json")
        if mode == "500":
            return Response("Internal Server Error", status_code=500)
        if mode == "redirect_loop":
            return Response(status_code=302, headers={"Location": str(request.url)})
        if mode.startswith("redirect_to:"):
            return Response(status_code=302, headers={"Location": mode.removeprefix("redirect_to:")})
        if mode in ("huge", "huge_declared"):
            headers = {"Content-Length": str(2 * GIB)} if mode == "huge_declared" else {}
            return StreamingResponse(self.endless_json(2 * GIB), media_type="application/json",
                                     headers=headers)
        if mode == "endless":
            number = int(request.query_params.get("page", "1"))
            return JSONResponse({"data": [], "links": {
                "next": f"{self.base}{request.url.path}?page={number + 1}"}}, headers=self.headers())
        if mode == "next_loop":
            return JSONResponse({"data": [], "links": {"next": str(request.url)}})
        if mode == "slow":
            await asyncio.sleep(10)
            return JSONResponse({"data": []})
        if mode == "trickle":
            return StreamingResponse(self.trickle(), media_type="application/json")
        raise AssertionError(mode)

    async def endless_json(self, total: int) -> AsyncIterator[bytes]:
        """`{"data": [` and then spaces, made as they are sent: never the whole in memory."""
        chunk = b" " * (256 * 1024)
        yield b'{"data": ['
        sent = 0
        while sent < total:
            sent += len(chunk)
            yield chunk

    async def trickle(self) -> AsyncIterator[bytes]:
        for _ in range(120):
            yield b" "
            await asyncio.sleep(0.5)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/oparl/{path:path}", self.handle)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(stub: Stub) -> Iterator[Stub]:
    port = free_port()
    stub.base = f"http://127.0.0.1:{port}"
    config = uvicorn.Config(stub.app(), host="127.0.0.1", port=port, log_level="warning",
                            date_header=False, server_header=False, lifespan="off",
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the stub OParl server did not start"
        time.sleep(0.02)
    try:
        yield stub
    finally:
        server.should_exit = True
        thread.join(timeout=10)
