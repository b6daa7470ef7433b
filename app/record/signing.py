"""Signing a PDF with pyHanko (pure: bytes in, bytes out; sync, so callers run it in a worker
thread): PAdES (SubFilter ETSI.CAdES.detached) as an incremental update, so every earlier
signature stays valid; a new field each time (Sig1, Sig2, …) whose visible stamp is stacked at
the bottom of the last page, above the stamps already there; B-T with an RFC 3161 time-stamp
when a time-stamp service is given, else B-B.

The stamp follows Circular 01/2019/TT-BNV: the council's seal image on the left, the text on the
right — "Ký bởi", "Chức vụ", "Thời gian" (Vietnam's time, +07:00), the reason — set in an
embedded OpenType font that has every Vietnamese glyph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.stamp import TextStampStyle

from app.kit.time import VIETNAM

STAMP_WIDTH, STAMP_HEIGHT = 250, 72  # points
MARGIN, GAP = 36, 8
FONT_SIZE = 9
TSA_TIMEOUT_S = 15


@dataclass(frozen=True)
class Stamp:
    """What the visible stamp says; `seal` is the council's seal image (PNG), if any."""

    signer_name: str
    position: str
    reason: str | None = None
    seal: Path | None = None


def timestamper_for(tsa_url: str) -> TimeStamper | None:
    return HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_S) if tsa_url else None


def stamp_lines(stamp: Stamp, when: datetime) -> list[str]:
    local = when.astimezone(VIETNAM)
    lines = [f"Ký bởi: {stamp.signer_name}", f"Chức vụ: {stamp.position}",
             f"Thời gian: {local:%d/%m/%Y %H:%M} (+07:00)"]
    if stamp.reason:
        lines.append(f"Lý do: {stamp.reason}")
    return lines


def sign_pdf(
    data: bytes, *, signer: Signer, stamp: Stamp | None, when: datetime,
    font: Path, timestamper: TimeStamper | None = None,
) -> bytes:
    """`data` signed once more by `signer`; `stamp` None makes the signature invisible;
    `font` is app.record.stamp_font's file."""
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    signed_before = sum(1 for _ in fields.enumerate_sig_fields(writer, filled_status=True))
    field_name = _next_field_name(taken)
    spec = fields.SigFieldSpec(sig_field_name=field_name)
    style = None
    params: dict[str, str] = {}
    if stamp is not None:
        last_page = writer.root["/Pages"]["/Count"] - 1
        width, height = _page_size(writer, last_page)
        spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=last_page,
                                   box=_stamp_box(signed_before, width, height))
        lines = stamp_lines(stamp, when)
        params = {f"line{i}": line for i, line in enumerate(lines)}
        style = _stamp_style(stamp, font, len(lines))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=stamp.reason if stamp else None,
        name=stamp.signer_name if stamp else None, subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256")
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper,
                                   stamp_style=style, new_field_spec=spec)
    output = pdf_signer.sign_pdf(writer, appearance_text_params=params or None)
    signed: bytes = output.getvalue()
    return signed


def _next_field_name(taken: set[str]) -> str:
    number = 1
    while f"Sig{number}" in taken:
        number += 1
    return f"Sig{number}"


def _page_size(writer: IncrementalPdfFileWriter, page: int) -> tuple[float, float]:
    node = writer.find_page_for_modification(page)[0].get_object()  # type: ignore[no-untyped-call]
    while "/CropBox" not in node and "/MediaBox" not in node and "/Parent" in node:
        node = node["/Parent"].get_object()  # the boxes are inheritable
    box = [float(v) for v in node.get("/CropBox", node.get("/MediaBox", (0, 0, 595, 842)))]
    return abs(box[2] - box[0]), abs(box[3] - box[1])


def _stamp_box(index: int, page_width: float, page_height: float) -> tuple[int, int, int, int]:
    """The `index`-th stamp (0 first): bottom right, stacked upwards, then in columns leftwards."""
    width = min(STAMP_WIDTH, page_width - 2 * MARGIN)
    per_column = max(1, int((page_height - 2 * MARGIN + GAP) // (STAMP_HEIGHT + GAP)))
    column, row = divmod(index, per_column)
    right = page_width - MARGIN - column * (width + GAP)
    bottom = MARGIN + row * (STAMP_HEIGHT + GAP)
    left = max(0.0, right - width)
    return int(left), int(bottom), int(right), int(bottom + STAMP_HEIGHT)


def _stamp_style(stamp: Stamp, font: Path, line_count: int) -> TextStampStyle:
    text = "\n".join(f"%(line{i})s" for i in range(line_count))
    text_style = TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=FONT_SIZE),
                              font_size=FONT_SIZE, leading=FONT_SIZE + 3)
    text_place = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins(left=STAMP_HEIGHT + 4 if stamp.seal else 8, right=6, top=4,
                               bottom=4))
    background = None
    if stamp.seal is not None:
        from PIL import Image

        with Image.open(stamp.seal) as image:
            image.load()
            background = PdfImage(image.convert("RGBA"))
    return TextStampStyle(
        stamp_text=text, text_box_style=text_style, inner_content_layout=text_place,
        border_width=1, border_color=(0.75, 0.1, 0.1), background=background,
        background_opacity=0.9,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=3, right=3, top=3, bottom=3)))
