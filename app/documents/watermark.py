"""Per-reader copies of confidential documents: every page carries the reader's name and the
time, visibly. A copy is made once per reader and version and then served like any file, so
Range requests see the same bytes."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import anyio
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf._page import PageObject

from app.documents.storage import STORED_FILE_MODE

VIETNAM_TIME = timezone(timedelta(hours=7))


def watermark_text(reader_name: str, at: datetime) -> tuple[str, str]:
    stamp = at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")
    return ("TÀI LIỆU MẬT", f"Cấp cho: {reader_name} — {stamp} (GMT+7)")


def _overlay(width: float, height: float, lines: tuple[str, str], font: Path) -> PageObject:
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("wm", fname=str(font))
    with pdf.local_context(fill_opacity=0.35, text_color=(180, 0, 0)):
        pdf.set_font("wm", size=max(18, min(width, height) / 12))
        with pdf.rotation(35, x=width / 2, y=height / 2):
            pdf.set_xy(0, height / 2 - 40)
            pdf.cell(width, 40, lines[0], align="C")
            pdf.set_font("wm", size=max(9, min(width, height) / 40))
            pdf.set_xy(0, height / 2 + 4)
            pdf.cell(width, 20, lines[1], align="C")
    with pdf.local_context(text_color=(150, 0, 0)):
        pdf.set_font("wm", size=8)
        pdf.set_xy(0, height - 16)
        pdf.cell(width, 10, f"{lines[0]} · {lines[1]}", align="C")
    return PdfReader(io.BytesIO(pdf.output())).pages[0]


def stamp_pdf(source: Path, target: Path, lines: tuple[str, str], font: Path) -> None:
    writer = PdfWriter(clone_from=source)
    overlays: dict[tuple[int, int], PageObject] = {}
    for page in writer.pages:
        box = page.mediabox
        size = (round(float(box.width)), round(float(box.height)))
        if size not in overlays:
            overlays[size] = _overlay(float(box.width), float(box.height), lines, font)
        page.merge_translated_page(overlays[size], float(box.left), float(box.bottom), over=True)
    writer.add_metadata({"/Title": f"{lines[0]} — {lines[1]}"})
    with target.open("wb") as handle:
        writer.write(handle)


class Watermarker:
    def __init__(self, cache_dir: Path, font: Path) -> None:
        self.cache_dir = cache_dir
        self.font = font

    async def copy_for(self, *, source: Path, version_id: int, user_id: int, reader_name: str,
                       now: datetime) -> Path:
        target = self.cache_dir / str(version_id) / f"{user_id}.pdf"
        if target.is_file():
            return target

        def make() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
            os.close(fd)
            try:
                stamp_pdf(source, Path(temporary), watermark_text(reader_name, now), self.font)
                os.chmod(temporary, STORED_FILE_MODE)
                os.replace(temporary, target)
            finally:
                Path(temporary).unlink(missing_ok=True)

        await anyio.to_thread.run_sync(make)
        return target
