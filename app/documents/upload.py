"""Reading a multipart upload as it arrives: the file part goes straight into the blob store's
staging file (hashed while written, never whole in memory); the small text fields are kept."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from app.documents.storage import BlobStore, StagedBlob
from app.errors import BadRequest, Invalid, PayloadTooLarge, UnsupportedMedia

MAX_FIELD_BYTES = 64 * 1024
MAX_FIELDS = 20


@dataclass
class ReceivedUpload:
    fields: dict[str, str]
    blob: StagedBlob
    filename: str


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)


def _filename(disposition: bytes, options: dict[bytes, bytes]) -> str | None:
    """RFC 5987 `filename*=UTF-8''…` when given, else the plain (UTF-8, as browsers send it) one."""
    for piece in disposition.split(b";"):
        key, _, value = piece.strip().partition(b"=")
        if key.lower() == b"filename*" and b"''" in value:
            return unquote(value.split(b"''", 1)[1].decode("latin-1").strip('"'), encoding="utf-8")
    raw = options.get(b"filename")
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class _FormReader:
    def __init__(self, boundary: bytes, file_field: str) -> None:
        self.file_field = file_field
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.file_seen = False
        self.pending = bytearray()  # file bytes parsed but not yet handed to the store
        self._part = _Part()
        self._header_field = b""
        self._header_value = b""
        self.parser = MultipartParser(boundary, {
            "on_part_begin": self._begin,
            "on_header_field": self._hfield,
            "on_header_value": self._hvalue,
            "on_header_end": self._hend,
            "on_headers_finished": self._headers_done,
            "on_part_data": self._data,
            "on_part_end": self._end,
        })

    def _begin(self) -> None:
        self._part = _Part()

    def _hfield(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _hvalue(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _hend(self) -> None:
        self._part.headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def _headers_done(self) -> None:
        disposition = self._part.headers.get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        self._part.name = options.get(b"name", b"").decode("utf-8", "replace")
        self._part.filename = _filename(disposition, options)
        if self._is_file():
            if self.file_seen:
                raise Invalid("upload_one_file")
            self.file_seen = True
            self.filename = self._part.filename

    def _is_file(self) -> bool:
        return self._part.name == self.file_field and self._part.filename is not None

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._is_file():
            self.pending += data[start:end]
            return
        self._part.data += data[start:end]
        if len(self._part.data) > MAX_FIELD_BYTES:
            raise PayloadTooLarge(limit="64 KB")

    def _end(self) -> None:
        if self._is_file() or not self._part.name:
            return
        if len(self.fields) >= MAX_FIELDS:
            raise BadRequest()
        try:
            self.fields[self._part.name] = self._part.data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest() from None


def _boundary(request: Request) -> bytes:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise UnsupportedMedia("upload_not_multipart")
    return boundary


async def receive_upload(
    request: Request, store: BlobStore, *, max_bytes: int, file_field: str = "file"
) -> ReceivedUpload:
    """Stream the request into the store. The caller commits or discards the staged blob."""
    reader = _FormReader(_boundary(request), file_field)

    async def file_chunks() -> AsyncIterator[bytes]:
        try:
            async for chunk in request.stream():
                reader.parser.write(chunk)
                if reader.pending:
                    data, reader.pending = bytes(reader.pending), bytearray()
                    yield data
            reader.parser.finalize()
        except MultipartParseError:
            raise BadRequest("upload_malformed") from None
        except ClientDisconnect:
            raise BadRequest("upload_malformed") from None
        if reader.pending:
            yield bytes(reader.pending)

    blob = await store.receive(file_chunks(), max_bytes=max_bytes)
    if not reader.file_seen:
        store.discard(blob)
        raise Invalid("upload_no_file", details=[{"field": file_field, "message": "missing"}])
    return ReceivedUpload(fields=reader.fields, blob=blob, filename=reader.filename or "")
