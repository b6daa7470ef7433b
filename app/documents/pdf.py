"""Inspecting an uploaded PDF safely: pypdf checks it and reads page count, title and outline;
PDFium (page_text.py) extracts each page's text.

A hostile PDF can make pypdf spin or eat memory, and a thread can be neither killed nor limited, so
`inspect_pdf` runs the work in a child process of its own (see pdf_process: on Linux a fork of a
warm zygote that has pypdf imported already, elsewhere a fresh `python -I`), which runs
`_child_main`:

- time: the parent kills the child's whole process group when `timeout_s` (wall clock, from the
  start of the child) runs out; the child also gets an RLIMIT_CPU backstop in case the parent dies.
- memory: the child limits its own address space (RLIMIT_AS) before it opens the file, so an
  allocation past the limit fails with MemoryError (or kills the child), never hurting the server.
- work: pypdf's own limits (decompression, parsing, page tree, outline) stay at their defaults;
  on top, a page count, per-page and total text limits. Any limit → Invalid("pdf_too_complex").
- the child runs at a lower CPU priority, without the parent's environment and files.
- at most MAX_CONCURRENT_INSPECTIONS run at once per server process (per event loop); others
  wait their turn, and their `timeout_s` starts with their turn: it bounds the file's work, not
  the queue (to bound both, wrap the call in `anyio.fail_after`).

The child prints one JSON object per line on stdout: progress lines, then one answer line.
`inspect_pdf_sync` is the work itself, usable directly in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import resource
import sys
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import anyio
from anyio.streams.buffered import BufferedByteReceiveStream

from app.documents import page_text, pdf_process
from app.documents.pdf_signatures import signature_count
from app.errors import AppError, Invalid, UnsupportedMedia

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

SNIFF_BYTES = 1024  # a PDF header may follow up to 1 KiB of junk (as Acrobat accepts)
MAX_PAGES = 5_000
MAX_PAGE_TEXT_CHARS = 200_000  # a dense A4 page holds ~10,000 characters
MAX_TOTAL_TEXT_CHARS = 10_000_000
MAX_TITLE_CHARS = 500  # longer titles (metadata or outline) are cut, not refused
MAX_OUTLINE_ENTRIES = 5_000  # further outline entries are dropped, not refused
PROGRESS_INTERVAL_S = 0.5

# Codes the child may answer with, and the error each becomes in the parent.
_ERRORS: dict[str, type[AppError]] = {
    "not_pdf": UnsupportedMedia,
    "pdf_encrypted": Invalid,
    "pdf_damaged": Invalid,
    "pdf_too_complex": Invalid,
}
_EXIT_OUT_OF_MEMORY = 3
# JSON spends at most 6 bytes on a character (\uXXXX); the outline and title fit in the extra MiB.
_MAX_ANSWER_BYTES = 6 * MAX_TOTAL_TEXT_CHARS + (1 << 20)
_DIAGNOSTICS_BYTES = 4096
MAX_CONCURRENT_INSPECTIONS = max(1, (os.cpu_count() or 1) // 2)
_slots = weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Semaphore]]()

ProgressCallback = Callable[[int, int], Awaitable[None]]


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page: int | None  # 1-based; None when the entry points nowhere resolvable
    level: int  # 0 for top-level entries


@dataclass(frozen=True)
class PdfInfo:
    page_count: int
    title: str | None
    outline: list[OutlineEntry]
    pages_text: list[str]  # one per page; empty when text extraction was not asked for
    text_extractor: str = ""  # page_text.PDFIUM or PYPDF; "" without text
    signature_count: int = 0  # signature fields holding a signature (pdf_signatures)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PdfInfo:
        return cls(
            page_count=data["page_count"],
            title=data["title"],
            outline=[OutlineEntry(**entry) for entry in data["outline"]],
            pages_text=data["pages_text"],
            text_extractor=data.get("text_extractor", ""),
            signature_count=data.get("signature_count", 0),
        )


def sniff_pdf(first_bytes: bytes) -> bool:
    """Whether the file looks like a PDF: `%PDF-` within its first 1024 bytes."""
    return b"%PDF-" in first_bytes[:SNIFF_BYTES]


# --- the parent side -------------------------------------------------------------------------


async def inspect_pdf(
    path: Path,
    *,
    timeout_s: float = 60,
    memory_limit_mb: int = 1024,
    extract_text: bool = True,
    on_progress: ProgressCallback | None = None,
    lane: str = "upload",
) -> PdfInfo:
    """Inspect the PDF at `path` in a child process with a time and an address-space limit.

    Calls queue for a slot per `lane` (at most MAX_CONCURRENT_INSPECTIONS each): uploads being
    answered never wait behind long background text extraction (lane "background").

    Raises UnsupportedMedia("not_pdf") or Invalid("pdf_encrypted" | "pdf_damaged" |
    "pdf_too_complex"); the latter's details give the reason (e.g. {"reason": "timeout"}).
    `extract_text=False` skips the text (the slow part) for a quick check of an upload.
    `on_progress(pages_done, page_count)` is awaited now and then while the text is extracted.
    """
    head = await anyio.to_thread.run_sync(_read_head, path)
    if not sniff_pdf(head):
        raise UnsupportedMedia("not_pdf")
    args = [os.path.abspath(path), str(memory_limit_mb), str(math.ceil(timeout_s) + 1),  # noqa: ASYNC240 - no I/O: a string
            "1" if extract_text else "0"]
    diagnostics = bytearray()
    async with _slot(lane):
        await pdf_process.warm_up(__name__)  # a server's first call starts the zygote
        try:
            with anyio.fail_after(timeout_s):
                child = await pdf_process.start_child(__name__, "_child_main", args)
                try:
                    answer = await _read_answer(child, on_progress, diagnostics)
                    returncode = await child.wait()
                finally:
                    await child.aclose()  # kills it unless it ended, never leaves it behind
        except TimeoutError:
            raise Invalid("pdf_too_complex", details={"reason": "timeout"}) from None
    return _interpret(answer, returncode, bytes(diagnostics), path)


async def warm_up() -> None:
    """Start the inspection zygote now (at server start) rather than on the first upload."""
    await pdf_process.warm_up(__name__)


def _slot(lane: str) -> asyncio.Semaphore:
    """This event loop's semaphore for a lane (an asyncio primitive belongs to one loop)."""
    lanes = _slots.setdefault(asyncio.get_running_loop(), {})
    if lane not in lanes:
        lanes[lane] = asyncio.Semaphore(MAX_CONCURRENT_INSPECTIONS)
    return lanes[lane]


def _read_head(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(SNIFF_BYTES)


async def _read_answer(
    child: pdf_process.Child, on_progress: ProgressCallback | None, diagnostics: bytearray
) -> dict[str, Any] | None:
    """Hand progress lines to the callback and return the answer (None if the child died).

    Lines that are not JSON are the child's own complaints; the last few KiB are kept.
    """
    lines = BufferedByteReceiveStream(child.output)
    while True:
        try:
            line = await lines.receive_until(b"\n", _MAX_ANSWER_BYTES)
        except (anyio.IncompleteRead, anyio.EndOfStream):
            return None
        except anyio.DelimiterNotFound:
            child.kill()  # it would block writing the rest of a line we will not read
            return {"error": "pdf_too_complex", "details": {"reason": "text"}}
        message = await _parse_line(line)
        if message is None:
            diagnostics.extend(line + b"\n")
            del diagnostics[:-_DIAGNOSTICS_BYTES]
        elif "progress" not in message:
            return message
        elif on_progress is not None:
            await on_progress(*message["progress"])


async def _parse_line(line: bytes) -> dict[str, Any] | None:
    if not line.startswith(b"{"):
        return None
    try:
        if len(line) > 1 << 20:  # parse big answers off the event loop
            message = await anyio.to_thread.run_sync(json.loads, line)
        else:
            message = json.loads(line)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _interpret(
    answer: dict[str, Any] | None, returncode: int, diagnostics: bytes, path: Path
) -> PdfInfo:
    if answer is not None and "info" in answer:
        return PdfInfo.from_dict(answer["info"])
    if answer is not None and answer.get("error") in _ERRORS:
        code = answer["error"]
        raise _ERRORS[code](code, details=answer.get("details"))
    if returncode < 0 or returncode == _EXIT_OUT_OF_MEMORY:
        # Killed by a signal (RLIMIT_CPU, the kernel, a crash at the memory limit) or out of memory.
        logger.info("PDF inspector for %s ended with %s", path, returncode)
        raise Invalid("pdf_too_complex", details={"reason": "resources"})
    # Not the file's fault: the child could not start or has a bug.
    raise RuntimeError(
        f"PDF inspector for {path} failed (exit {returncode}): "
        + diagnostics.decode("utf-8", "replace").strip()
    )


# --- the child side --------------------------------------------------------------------------


def inspect_pdf_sync(
    path: Path,
    *,
    extract_text: bool = True,
    on_page: Callable[[int, int], None] | None = None,
) -> PdfInfo:
    """The inspection itself, in the calling process, without time or memory limits of its own.

    Raises the same errors as `inspect_pdf`; `on_page(pages_done, page_count)` follows the text.
    """
    # Imported here: the parent never needs pypdf, only the child (and tests) pay for it.
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    with path.open("rb") as file:
        if not sniff_pdf(file.read(SNIFF_BYTES)):
            raise UnsupportedMedia("not_pdf")
        file.seek(0)
        try:
            reader = PdfReader(file)
            if reader.is_encrypted:
                raise Invalid("pdf_encrypted")
            page_count = len(reader.pages)
            if page_count == 0:
                raise Invalid("pdf_damaged")
            if page_count > MAX_PAGES:
                raise _too_complex("pages")
            title = _optional(lambda: _metadata_title(reader), None)
            outline: list[OutlineEntry] = _optional(lambda: _flatten_outline(reader), [])
            signatures = _optional(lambda: signature_count(reader), 0)
            pages_text, extractor = _pages_text(file, reader, on_page) if extract_text else ([], "")
        except AppError:
            raise
        except FileNotDecryptedError:
            raise Invalid("pdf_encrypted") from None
        except LimitReachedError:
            raise _too_complex("limit") from None
        except MemoryError:
            raise _too_complex("memory") from None
        except RecursionError:
            raise _too_complex("nesting") from None
        except Exception:  # pypdf documents that broken files may raise anything
            raise Invalid("pdf_damaged") from None
    return PdfInfo(page_count=page_count, title=title, outline=outline, pages_text=pages_text,
                   text_extractor=extractor, signature_count=signatures)


def _too_complex(reason: str) -> Invalid:
    return Invalid("pdf_too_complex", details={"reason": reason})


def _optional(compute: Callable[[], _T], fallback: _T) -> _T:
    """Metadata and outline are extras: a broken one leaves the document usable."""
    try:
        return compute()
    except MemoryError:
        raise
    except Exception:
        return fallback


def _metadata_title(reader: PdfReader) -> str | None:
    metadata = reader.metadata
    title = page_text.clean_text(str(metadata.title)).strip() if metadata and metadata.title else ""
    return title[:MAX_TITLE_CHARS] or None


def _flatten_outline(reader: PdfReader) -> list[OutlineEntry]:
    """Depth first, in reading order; pypdf nests an entry's children as a list right after it."""
    entries: list[OutlineEntry] = []
    stack: list[tuple[list[Any], int, int]] = [(reader.outline, 0, 0)]  # (items, next index, level)
    while stack and len(entries) < MAX_OUTLINE_ENTRIES:
        items, index, level = stack.pop()
        if index >= len(items):
            continue
        stack.append((items, index + 1, level))
        item = items[index]
        if isinstance(item, list):
            stack.append((item, 0, level + 1))
            continue
        page = _optional(partial(reader.get_destination_page_number, item), None)
        entries.append(
            OutlineEntry(
                title=page_text.clean_text(str(item.title or "")).strip()[:MAX_TITLE_CHARS],
                page=page + 1 if page is not None and page >= 0 else None,
                level=level,
            )
        )
    return entries


def _pages_text(
    file: BinaryIO, reader: PdfReader, on_page: Callable[[int, int], None] | None
) -> tuple[list[str], str]:
    """Each page's text and the extractor that gave it: PDFium, or pypdf for a file PDFium
    cannot read page for page as pypdf does (it fails to open it, or counts other pages)."""
    page_count = len(reader.pages)
    try:
        texts = _limited(page_text.pdfium_pages(file), page_count, on_page)
    except AppError:
        raise
    except MemoryError:
        raise
    except Exception:  # PdfiumError and whatever a broken file makes PDFium's binding raise
        texts = None
    if texts is not None and len(texts) == page_count:
        return texts, page_text.PDFIUM
    pypdf_texts = (page_text.clean_text(page.extract_text()) for page in reader.pages)
    return _limited(pypdf_texts, page_count, on_page), page_text.PYPDF


def _limited(
    texts: Iterator[str], page_count: int, on_page: Callable[[int, int], None] | None
) -> list[str]:
    """The pages' texts within the per-page and total limits, reporting progress."""
    kept: list[str] = []
    total = 0
    for number, text in enumerate(texts, start=1):
        if len(text) > MAX_PAGE_TEXT_CHARS:
            raise _too_complex("page_text")
        total += len(text)
        if total > MAX_TOTAL_TEXT_CHARS:
            raise _too_complex("text")
        kept.append(text)
        if on_page is not None:
            on_page(min(number, page_count), page_count)
    return kept


def _child_main(argv: list[str]) -> None:
    """Entry point of the child: `PATH MEMORY_MB CPU_SECONDS EXTRACT_TEXT(1|0)`."""
    path, memory_mb, cpu_s, extract_text = Path(argv[0]), int(argv[1]), int(argv[2]), argv[3] == "1"
    _limit_resources(memory_mb, cpu_s)
    logging.disable(logging.CRITICAL)  # pypdf warns a lot about odd files; nobody reads them here
    warnings.simplefilter("ignore")
    out = sys.stdout.buffer
    last_progress = 0.0

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()

    def progress(done: int, total: int) -> None:
        nonlocal last_progress
        now = time.monotonic()
        if done == total or now - last_progress >= PROGRESS_INTERVAL_S:
            last_progress = now
            send({"progress": [done, total]})

    try:
        info = inspect_pdf_sync(path, extract_text=extract_text, on_page=progress)
        send({"info": info.to_dict()})
    except AppError as exc:
        send({"error": exc.code, "details": exc.details})
    except MemoryError:
        os._exit(_EXIT_OUT_OF_MEMORY)


def _zygote_warm_up() -> None:
    """Called once in the zygote: import what the forks would otherwise each import again,
    pypdf and the modules it imports lazily while reading (fontTools for CFF fonts, if present),
    and pypdfium2 (which loads and initialises PDFium; the zygote starts no thread, so its forks
    each get a private, single-threaded PDFium)."""
    import importlib

    for name in ("pypdfium2", "pypdf", "pypdf.errors", "pypdf.filters", "pypdf._codecs._codecs",
                 "encodings.utf_16_be", "encodings.charmap", "fontTools.cffLib"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _limit_resources(memory_mb: int, cpu_s: int) -> None:
    memory = memory_mb * 1024 * 1024
    _lower_limit(resource.RLIMIT_AS, memory, memory)
    _lower_limit(resource.RLIMIT_CPU, cpu_s, cpu_s + 1)  # SIGXCPU, then SIGKILL
    _lower_limit(resource.RLIMIT_CORE, 0, 0)
    _lower_limit(resource.RLIMIT_FSIZE, 0, 0)  # reading a PDF writes no file
    os.nice(10)  # the live meeting comes first


def _lower_limit(kind: int, soft: int, hard: int) -> None:
    """Set a limit, never above what the process already has (raising it would fail)."""
    current_soft, current_hard = resource.getrlimit(kind)
    if current_hard != resource.RLIM_INFINITY:
        hard = min(hard, current_hard)
    soft = min(soft, hard)
    if current_soft != resource.RLIM_INFINITY and current_soft < soft:
        soft = current_soft
    resource.setrlimit(kind, (soft, hard))
