"""The harvester's HTTP client: GET JSON from another server, and nothing it should not.

- Every connection is checked where it is made (GuardedBackend): the host's addresses are
  resolved once, each must be allowed by the allow-list (app.harvest.policy), and the connection
  goes to a checked address — so neither a redirect nor a DNS answer that changes between a
  check and the connection reaches an address that is not allowed. No proxy from the
  environment, no Unix sockets.
- Redirects are followed here, at most `max_redirects` of them, each target checked the same way.
- An answer is streamed and abandoned past `max_bytes` (counted after decompression), never held
  whole when too large; a Content-Length over the limit is refused before reading. Each request
  and its redirects must finish within `timeout_s`, however slowly the bytes trickle.
- Any failure is a HarvestError with a readable message code (app.i18n).
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any

import anyio
import httpcore
import httpx

from app.harvest.errors import HarvestError
from app.harvest.policy import Address, AllowList, as_address

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Answers larger than this are parsed in a worker thread, not in the event loop.
_PARSE_IN_THREAD = 256 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # one answer
    max_redirects: int = 5  # per request
    timeout_s: float = 60.0  # one request with its redirects, to the last byte
    connect_timeout_s: float = 10.0  # resolving and connecting
    max_pages: int = 5000  # per list
    max_bodies: int = 1000  # per source


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    data: Any
    date: datetime | None  # the source's clock (HTTP Date), when it sent one


class AddressRefused(Exception):
    def __init__(self, host: str, address: str) -> None:
        self.host, self.address = host, address
        super().__init__(f"{host} ({address}) is not allowed")


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to addresses the allow-list admits (a listed host name: to any)."""

    def __init__(self, allow: AllowList, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.allow = allow
        self.inner = inner or httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int, limit_s: float | None) -> list[Address]:
        literal = as_address(host)
        if literal is not None:
            found = [literal]
        else:
            try:
                with anyio.fail_after(limit_s):
                    infos = await asyncio.get_running_loop().getaddrinfo(
                        host, port, type=socket.SOCK_STREAM)
            except TimeoutError as exc:
                raise httpcore.ConnectTimeout(str(exc)) from exc
            except OSError as exc:  # socket.gaierror: no such name
                raise httpcore.ConnectError(str(exc)) from exc
            found = list(dict.fromkeys(a for info in infos if (a := as_address(str(info[4][0])))))
        if not found:
            raise httpcore.ConnectError(f"{host} has no address")
        if not self.allow.host_listed(host):
            for address in found:
                if not self.allow.address_allowed(address):
                    raise AddressRefused(host, str(address))
        return found

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        failure: Exception | None = None
        for address in await self.addresses(host, port, timeout):
            try:
                return await self.inner.connect_tcp(str(address), port, timeout, local_address,
                                                    socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
                                  socket_options: Iterable[Any] | None = None
                                  ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused(path, "unix")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a connection pool that connects through GuardedBackend."""

    def __init__(self, allow: AllowList) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=4,
            network_backend=GuardedBackend(allow))


def server_time(value: str | None) -> datetime | None:
    """An HTTP Date header as an aware UTC datetime, None if absent or unreadable."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def size_text(size: int) -> str:
    """1048576 → "1 MB", 1536 → "1.5 KB" (as the limit is shown to people)."""
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} B"


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


async def parse_json(body: bytes, content_type: str, url: str) -> Any:
    """The JSON of an answer; HTML (an error or login page) and non-JSON are told apart."""
    media = content_type.split(";")[0].strip().lower()
    if media in _HTML_TYPES or body.lstrip()[:1] == b"<":
        raise HarvestError("harvest_html", url=url)
    try:
        text = body.decode("utf-8-sig")
        if len(body) > _PARSE_IN_THREAD:
            return await anyio.to_thread.run_sync(json.loads, text)
        return json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HarvestError("harvest_not_json", url=url) from None


class Fetcher:
    """One run's HTTP: counts requests and bytes received, applies the limits."""

    def __init__(self, allow: AllowList, limits: Limits,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.limits = limits
        self.requests = 0
        self.bytes = 0
        timeout = httpx.Timeout(limits.timeout_s, connect=limits.connect_timeout_s)
        self._client = httpx.AsyncClient(
            transport=transport or GuardedTransport(allow), timeout=timeout, follow_redirects=False,
            trust_env=False,
            headers={"Accept": "application/json", "Accept-Encoding": "gzip",
                     "User-Agent": "KyHop-harvester (OParl 1.1)"})

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, value: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self._client.aclose()

    async def get_json(self, url: str, params: dict[str, str] | None = None) -> Answer:
        try:
            target = httpx.URL(url, params=params) if params else httpx.URL(url)
        except httpx.InvalidURL:
            raise HarvestError("harvest_bad_link", field="url", url=url) from None
        try:
            with anyio.fail_after(self.limits.timeout_s):
                return await self._follow(target)
        except (TimeoutError, httpx.TimeoutException):
            raise HarvestError("harvest_timeout", url=url,
                               seconds=round(self.limits.timeout_s)) from None
        except AddressRefused as exc:
            raise HarvestError("harvest_address_refused", host=exc.host,
                               address=exc.address) from None
        except (httpx.ConnectError, httpx.ProxyError):
            raise HarvestError("harvest_unreachable", host=_host(url)) from None
        except httpx.HTTPError:
            raise HarvestError("harvest_protocol", host=_host(url)) from None

    async def _follow(self, url: httpx.URL) -> Answer:
        for _ in range(self.limits.max_redirects + 1):
            self.requests += 1
            async with self._client.stream("GET", url) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    self.bytes += response.num_bytes_downloaded
                    try:
                        url = response.url.join(location)
                    except httpx.InvalidURL:
                        raise HarvestError("harvest_bad_link", field="Location",
                                           url=str(response.url)) from None
                    if url.scheme not in ("http", "https"):
                        raise HarvestError("harvest_bad_link", field="Location",
                                           url=str(response.url))
                    continue
                shown_url = str(response.url)
                if response.status_code != 200:
                    raise HarvestError("harvest_http_status", status=response.status_code,
                                       url=shown_url)
                body = await self._read(response, shown_url)
                data = await parse_json(body, response.headers.get("content-type", ""), shown_url)
                return Answer(url=shown_url, data=data,
                              date=server_time(response.headers.get("date")))
        raise HarvestError("harvest_redirects", limit=self.limits.max_redirects, url=str(url))

    async def _read(self, response: httpx.Response, url: str) -> bytes:
        too_large = HarvestError("harvest_too_large", limit=size_text(self.limits.max_bytes), url=url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise too_large
                chunks.append(chunk)
        finally:
            self.bytes += response.num_bytes_downloaded
        return b"".join(chunks)
