"""The stamp's font: Liberation Serif (Times' metrics, every Vietnamese glyph), else the
server's Vietnamese font, as a copy scaled to 1000 units per em — pyHanko's OpenType support
writes glyph widths as they are in the font while PDF reads them in thousandths of an em, so a
2048-unit TrueType font would come out with its letters spread apart."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from app.kit.fonts import vietnamese_font

CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
PDF_UNITS_PER_EM = 1000


def source_font(configured: Path | None = None) -> Path:
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return vietnamese_font(configured)


@lru_cache(maxsize=8)
def stamp_font(cache_dir: Path, configured: Path | None = None) -> Path:
    """The font file to give pyHanko, made once in `cache_dir` (several workers may race: the
    copy is written aside and renamed into place)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = source_font(configured)
    stat = source.stat()
    target = cache_dir / f"{source.stem}-{stat.st_size:x}-{int(stat.st_mtime):x}-upem1000.ttf"
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with TTFont(source) as font:
        if font["head"].unitsPerEm != PDF_UNITS_PER_EM:
            scale_upem(font, PDF_UNITS_PER_EM)
        if "FFTM" in font:  # FontForge's timestamps: fontTools cannot subset them and says so
            del font["FFTM"]
        handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        os.close(handle)
        try:
            font.save(temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return target
