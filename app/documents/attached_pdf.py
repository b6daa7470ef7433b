"""A JSON body, or the same fields as multipart/form-data with one PDF beside them: how an answer
(to a question, a petition or a recommendation) arrives with its official letter attached.

The PDF is streamed into the blob store's staging area and checked before any transaction opens;
the caller's service commits it into the store, and `discard_on_failure` removes the staged file
when anything after that fails, so a refused request leaves nothing behind."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from app.documents.runtime import DocumentRuntime
from app.documents.service import check_pdf
from app.documents.storage import BlobStore, StagedBlob
from app.documents.upload import receive_upload

Body = TypeVar("Body", bound=BaseModel)


@dataclass(frozen=True)
class AttachedPdf:
    blob: StagedBlob
    filename: str

    def stored_name(self, default: str) -> str:
        return (self.filename or default)[:255]


def _validate(model: type[Body], raw: bytes) -> Body:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**error, "loc": ("body", *error["loc"])}
                                      for error in exc.errors()]) from None


def _form_as_json(fields: dict[str, str]) -> bytes:
    """Form fields are all text; read them as the JSON body would be (dates as ISO strings).
    An empty field is an omitted one, as a browser sends an untouched optional input."""
    return json.dumps({name: value for name, value in fields.items() if value != ""}).encode()


async def read_body_with_pdf(request: Request, model: type[Body], *,
                             may_send: Callable[[], Awaitable[None]]) -> tuple[Body, AttachedPdf | None]:
    """The body and, when it came as multipart, its checked PDF. `may_send` refuses callers who
    may not make the request at all, before their file is read."""
    if not request.headers.get("content-type", "").startswith("multipart/"):
        return _validate(model, await request.body()), None
    runtime: DocumentRuntime = request.app.state.documents
    await may_send()
    received = await receive_upload(request, runtime.store, max_bytes=runtime.settings.max_upload_bytes)
    try:
        body = _validate(model, _form_as_json(received.fields))
        await check_pdf(limits=runtime.limits, staged=received.blob, known_version_id=None)
    except BaseException:
        runtime.store.discard(received.blob)
        raise
    return body, AttachedPdf(received.blob, received.filename)


@asynccontextmanager
async def discard_on_failure(store: BlobStore, pdf: AttachedPdf | None) -> AsyncIterator[None]:
    try:
        yield
    except BaseException:
        if pdf is not None:
            store.discard(pdf.blob)
        raise


def multipart_body(properties: dict[str, dict[str, object]], required: list[str]) -> dict[str, object]:
    """OpenAPI for a body taken as JSON or as multipart with an optional `file` (PDF)."""
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": required, "properties": properties}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": required,
            "properties": {**properties, "file": {"type": "string", "format": "binary"}}}}}}}
