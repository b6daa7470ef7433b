"""Hand-built PDFs for tests: tiny, well-formed files and hostile ones.

`write_pdf` writes objects 1..n in order, a classic xref table and a trailer whose /Root is
object 1.
A stream's data is an iterable of chunks written one after the other, so a test can write a large
stream without holding it in memory; its /Length is an indirect object appended after the others.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stream:
    entries: bytes  # extra dictionary entries, e.g. b"/Filter /FlateDecode"
    chunks: Iterable[bytes]


PdfObject = bytes | Stream


def write_pdf(path: Path, objects: list[PdfObject], *, info: int | None = None) -> Path:
    """Write `objects` as objects 1..n (1 is the catalog); `info` is the number of an /Info dict."""
    offsets: list[int] = []
    lengths: list[int] = []  # one per stream, in order
    length_number = len(objects) + 1
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number)
            if isinstance(body, Stream):
                out.write(b"<< %s /Length %d 0 R >>\nstream\n" % (body.entries, length_number))
                length_number += 1
                size = 0
                for chunk in body.chunks:
                    out.write(chunk)
                    size += len(chunk)
                lengths.append(size)
                out.write(b"\nendstream")
            else:
                out.write(body)
            out.write(b"\nendobj\n")
        for size in lengths:
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n%d\nendobj\n" % (len(offsets), size))
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        info_entry = b" /Info %d 0 R" % info if info else b""
        out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(offsets) + 1, info_entry))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return path


def text_page_pdf(path: Path, content: bytes, *, to_unicode: bytes | None = None) -> Path:
    """One page showing `content` (a content stream) with font /F1: Helvetica, maybe a ToUnicode."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    objects: list[PdfObject] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        Stream(b"", [content]),
    ]
    if to_unicode is None:
        objects.append(font + b" >>")
    else:
        objects.append(font + b" /ToUnicode 6 0 R >>")
        objects.append(Stream(b"", [to_unicode]))
    return write_pdf(path, objects)


def slow_pdf(path: Path, *, pages: int = 50, shows: int = 50_000) -> Path:
    """A small file that takes pypdf long to read: every page is one content stream with `shows`
    text-showing operators (about 2 s per page), within all of pypdf's limits and ours."""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * pages) + b"] /Count %d >>" % pages,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            Stream(b"", [b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * shows + b"ET"]),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


def text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE with a byte order mark, for titles."""
    return b"<FEFF%s>" % text.encode("utf-16-be").hex().upper().encode("ascii")


def to_unicode_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap mapping single-byte codes to (possibly multi-code-point) strings."""
    lines = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in mapping.items()
    ]
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Test def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(lines)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def zeros_flate(total_bytes: int, chunk_bytes: int = 1 << 20) -> Iterator[bytes]:
    """A zlib stream that inflates to `total_bytes` zero bytes, produced in small pieces.

    Each chunk is compressed and then fully flushed, which resets the compressor's state, so every
    full chunk after the first compresses to the same bytes: the stream is built in milliseconds
    instead of deflating gigabytes. It stays valid: the Adler-32 of n zero bytes is
    (n mod 65521) << 16 | 1.
    """
    full_chunks, tail = divmod(total_bytes, chunk_bytes)
    assert full_chunks >= 1, "at least one full chunk"
    zeros = bytes(chunk_bytes)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    yield b"\x78\xda"  # zlib header: deflate, 32 KiB window, best compression
    first = raw.compress(zeros) + raw.flush(zlib.Z_FULL_FLUSH)
    repeated = raw.compress(zeros) + raw.flush(zlib.Z_FULL_FLUSH)
    yield first
    for _ in range(full_chunks - 1):
        yield repeated
    yield raw.compress(bytes(tail)) + raw.flush(zlib.Z_FINISH)
    yield struct.pack(">I", (total_bytes % 65521) << 16 | 1)
