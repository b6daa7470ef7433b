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


# Official documents (Decree 30/2020): Times New Roman or a metric-compatible serif. Liberation
# Serif 2 (Debian's fonts-liberation2) has every Vietnamese glyph; Liberation 1.07 (the package
# fonts-liberation) lacks ộ ị ệ ỳ ọ ờ ư, so only the liberation2 folders are looked in.
SERIF_FOLDERS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation2",
    "/usr/local/share/fonts/liberation2",
)
SERIF_STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}


def serif_family(configured: Path | None = None) -> dict[str, Path]:
    """The four styles of Liberation Serif ("" regular, "B", "I", "BI"), from `configured` (a
    folder holding LiberationSerif-*.ttf) or the system's fonts-liberation2."""
    for folder in ([configured] if configured else []) + [Path(f) for f in SERIF_FOLDERS]:
        family = {style: folder / f"LiberationSerif-{name}.ttf" for style, name in SERIF_STYLES.items()}
        if all(path.is_file() for path in family.values()):
            return family
    raise FontMissing("No Times-metric serif with Vietnamese glyphs found: install fonts-liberation2 "
                      "(Debian) or set KYHOP_SERIF_FONT_DIR to a folder with LiberationSerif-*.ttf.")
