"""Pure ASGI middleware: request log lines and request body limits."""

from __future__ import annotations

import logging
import random
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PayloadTooLarge
from app.i18n import pick_language
from app.web.errors import error_json

access_log = logging.getLogger("kyhop.access")
error_log = logging.getLogger("kyhop.errors")


def count_unhandled_error(scope: Scope) -> None:
    app = scope.get("app")
    metrics = getattr(getattr(getattr(app, "state", None), "live", None), "metrics", None)
    if metrics is not None:
        metrics.unhandled_errors.inc()


class AccessLogMiddleware:
    """One line per request: method, path (never the query string), status, time, user."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # Only to match log lines to answers: no secret, so no system call for randomness
        # (a reconnect storm opens a thousand sockets a second).
        request_id = f"{random.getrandbits(64):016x}"
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        status_holder = {"status": 0}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            # a websocket sends no http.response.start: its messages (every live event on every
            # socket) go straight through, without one more coroutine each
            await self.app(scope, receive, send_wrapper if scope["type"] == "http" else send)
        except Exception:
            # The last line of defence: a bug answers 500 in the contract's shape, is logged with
            # its traceback and status 500 (not 0), and counted in /metrics; uvicorn never sees it.
            error_log.exception("unhandled error on %s %s", scope.get("method", "WS"),
                                scope.get("path", ""))
            count_unhandled_error(scope)
            started_answer = status_holder["status"] != 0
            status_holder["status"] = 500
            if scope["type"] == "http" and not started_answer:
                headers = dict(scope.get("headers") or [])
                language = pick_language(headers.get(b"accept-language", b"").decode("latin-1"))
                await error_json(500, "internal_error", language)(scope, receive, send_wrapper)
        finally:
            client = scope.get("client")
            access_log.info(
                "request",
                extra={
                    "method": scope.get("method", "WS"),
                    "path": scope.get("path", ""),
                    "status": status_holder["status"],
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client": client[0] if client else "",
                    "user_id": state.get("user_id"),
                    "request_id": request_id,
                },
            )


class BodyLimitMiddleware:
    """413 for bodies over the limit: JSON and forms are small, uploads get the upload limit."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_upload: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        # Multipart bodies carry files; the upload endpoints enforce the exact limit while streaming.
        limit = self.max_upload + 1024 * 1024 if content_type.startswith("multipart/") else self.max_body
        language = pick_language(headers.get(b"accept-language", b"").decode("latin-1"))
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = error_json(413, "too_large", language, limit=_human(limit))
            await response(scope, receive, send)
            return
        received = 0
        refused = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not started and not refused:
                        # Answer 413 here: FastAPI turns an error raised while it reads the
                        # body into its own 400. Whatever the app sends after this is dropped.
                        refused = True
                        response = error_json(413, "too_large", language, limit=_human(limit))
                        await response(scope, receive, send)
                    raise PayloadTooLarge(limit=_human(limit))
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{size / 1024:.0f} KB"
