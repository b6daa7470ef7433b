"""Finding a TrueType font with every Vietnamese glyph (DejaVu Sans, from fonts-dejavu-core)."""

from __future__ import annotations

from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)


class FontMissing(RuntimeError):
    pass


def vietnamese_font(configured: Path | None = None) -> Path:
    for candidate in ([configured] if configured else []) + [Path(c) for c in CANDIDATES]:
        if candidate.is_file():
            return candidate
    raise FontMissing("No font with Vietnamese glyphs found: install fonts-dejavu-core "
                      "or set KYHOP_FONT_PATH to a .ttf file.")


def bold_variant(regular: Path) -> Path:
    bold = regular.with_name(regular.stem + "-Bold" + regular.suffix)
    return bold if bold.is_file() else regular
