"""An official document (Decree 30/2020) as a sequence of blocks: headings, paragraphs, tables,
signatures under its official header. The PDF and the .docx renderers draw the same blocks, so
every format says exactly the same things; the minutes and the petitions report are built as one."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.record.wording import nfc

DRAFT_MARK = "DỰ THẢO"


def _normalise(block: object) -> None:
    """Every text of the record in NFC: one code point per letter, so a search finds it and no
    renderer draws a loose combining mark."""
    for name, value in vars(block).items():
        if isinstance(value, str):
            value = nfc(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            value = tuple(nfc(v) for v in value)
        elif isinstance(value, list):
            value = [tuple(nfc(v) for v in row) for row in value]
        object.__setattr__(block, name, value)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0: the document's title, 1: a part (I, II …), 2: an agenda item, 3: within one

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    centred: bool = False
    label: str = ""  # a bold lead-in ("Kết quả: ") before the text

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]  # shares of the text width, summing to 1
    numeric: tuple[int, ...] = ()  # columns aligned right

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class Signatures:
    """The closing signatures: (title, name) on the left and on the right."""

    left: tuple[str, str]
    right: tuple[str, str]

    def __post_init__(self) -> None:
        _normalise(self)


Block = Heading | Paragraph | Table | Signatures


@dataclass(frozen=True)
class OfficialHeader:
    """Decree 30/2020's top of the first page: the issuing body and number on the left; the
    national name, motto, place and date on the right."""

    body: tuple[str, str]  # ("HỘI ĐỒNG NHÂN DÂN", "TỈNH NGHỆ AN")
    number: str
    nation: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    place_date: str = ""


@dataclass
class DocumentLayout:
    """An official document (Decree 30/2020) as blocks: the minutes, the petitions report."""

    header: OfficialHeader
    title: str
    blocks: list[Block] = field(default_factory=list)
    draft: bool = True
    document_title: str = ""  # the PDF's own title
