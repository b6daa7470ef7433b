"""OParl 1.1 over HTTP: no login, open to every origin, GET and HEAD (API.md, "Open data")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.db import Database
from app.documents.serving import PdfFileResponse, content_disposition
from app.documents.storage import BlobStore
from app.errors import NotFound
from app.kit.schemas import Id
from app.models import DocumentVersion
from app.oparl import service, urls
from app.oparl.schemas import FiltersQuery

router = APIRouter(prefix=urls.PREFIX, tags=["oparl"])
_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Awaitable[Response]])


def _open(path: str, summary: str) -> Callable[[_Endpoint], _Endpoint]:
    """GET, and HEAD with the same answer's headers (kept out of the OpenAPI: one operation)."""
    def register(endpoint: _Endpoint) -> _Endpoint:
        router.add_api_route(path, endpoint, methods=["GET"], summary=summary)
        router.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)
        return endpoint
    return register


class OpenAccess:
    """`Access-Control-Allow-Origin: *` on every OParl answer, errors included (§2.4)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith(urls.PREFIX + "/"):
            await self.app(scope, receive, send)
            return

        async def send_open(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(n, v) for n, v in message.get("headers", [])
                           if n.lower() != b"access-control-allow-origin"]
                headers.append((b"access-control-allow-origin", b"*"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_open)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _base(request: Request) -> str:
    configured = _settings(request).public_url
    return configured.rstrip("/") if configured else str(request.base_url).rstrip("/")


def _answer(request: Request, marked_json: str) -> Response:
    return Response(urls.with_base(marked_json, _base(request)),
                    media_type="application/json; charset=utf-8")


async def _refresh(request: Request, council_ids: list[int] | None) -> Database:
    db: Database = request.app.state.db
    await service.bring_up_to_date(db, council_ids, _settings(request).data_dir)
    return db


@_open("/system", "OParl System: the entry point")
async def get_system(request: Request) -> Response:
    db = await _refresh(request, None)
    async with db.unit_of_work(write=False) as uow:
        return _answer(request, await service.system(uow.session))


@_open("/bodies", "OParl: the councils (Body) on this server")
async def list_bodies(request: Request, filters: FiltersQuery) -> Response:
    db = await _refresh(request, None)
    async with db.unit_of_work(write=False) as uow:
        page = await service.list_page(uow.session, path=urls.BODIES_PATH, council_id=None,
                                       kind=urls.BODY, filters=filters)
    return _answer(request, page.as_json())


@_open("/bodies/{council_id}/{list_name}", "OParl: one list of a council (meetings, papers, …)")
async def list_of_body(request: Request, council_id: Id, list_name: str,
                       filters: FiltersQuery) -> Response:
    kind = urls.BY_BODY_LIST.get(list_name)
    if kind is None:
        raise NotFound("not_found")
    db = await _refresh(request, [council_id])
    async with db.unit_of_work(write=False) as uow:
        await service.council_or_404(uow.session, council_id)
        page = await service.list_page(uow.session, path=urls.body_list_path(council_id, kind),
                                       council_id=council_id, kind=kind, filters=filters)
    return _answer(request, page.as_json())


@_open("/{segment}/{key}", "OParl: one object by its id (a tombstone once it left public view)")
async def get_object(request: Request, segment: str, key: str) -> Response:
    kind = urls.BY_SEGMENT.get(segment)
    if kind is None:
        raise NotFound("not_found")
    db = await _refresh(request, None)
    async with db.unit_of_work(write=False) as uow:
        return _answer(request, await service.get_object(uow.session, kind, key))


async def _file(request: Request, key: str, disposition: str) -> Response:
    db = await _refresh(request, None)
    async with db.unit_of_work(write=False) as uow:
        entry = await service.find_entry(uow.session, urls.FILE, key)
        version = await uow.session.get(DocumentVersion, entry.version_id) if (
            entry.version_id is not None and not entry.deleted) else None
    if version is None:
        raise NotFound("not_found")
    path: Path = BlobStore(_settings(request).data_dir).path_for(version.sha256)
    header = content_disposition(version.filename)
    if disposition == "attachment":
        header = "attachment" + header.removeprefix("inline")
    return PdfFileResponse(path, media_type="application/pdf", headers={
        "Content-Disposition": header, "ETag": f'"{version.sha256}"',
        "Cache-Control": "public, max-age=300"})


@_open("/files/{key}/access", "OParl: a public file, to view")
async def access_file(request: Request, key: str) -> Response:
    return await _file(request, key, "inline")


@_open("/files/{key}/download", "OParl: a public file, to save")
async def download_file(request: Request, key: str) -> Response:
    return await _file(request, key, "attachment")
