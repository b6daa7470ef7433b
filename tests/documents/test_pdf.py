"""PDF inspection: the real-world corpus, hand-made files, and hostile files that must be refused
with a clear 422/415 quickly, never hang, and never leave a child process behind."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import anyio
import pytest

from app.documents import pdf, pdf_process
from app.documents.pdf import OutlineEntry, PdfInfo, inspect_pdf, inspect_pdf_sync, sniff_pdf
from app.errors import AppError, Invalid, UnsupportedMedia
from app.i18n import MESSAGES
from tests.documents.pdf_factory import (
    Stream,
    slow_pdf,
    text_page_pdf,
    text_string,
    to_unicode_cmap,
    write_pdf,
    zeros_flate,
)
from tests.shared_data import SHARED_DIR, shared_path

CORPUS = ("corpus", "pdf-samples")
# Files of the corpus that are refused although files.json counts their pages, with the reason
# checked by the test so the exception cannot hide a regression elsewhere.
KNOWN_DAMAGED = {
    # 1.1 MB in its middle is zeroed: the page tree, the document info, one of the four pages and
    # the fonts of two others are gone. Only a linearization hint still says "4 pages".
    "unreadablemetadata.pdf": lambda data: b"\0" * 1_000_000 in data,
}
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


# Listed in files.json but deliberately left out of the corpus (20 MB; its compressed twin is in).
KNOWN_ABSENT = {"GeoTopo.pdf"}


def corpus_entries() -> dict[str, dict]:
    files_json = SHARED_DIR.joinpath(*CORPUS, "files.json")
    entries = json.loads(files_json.read_text(encoding="utf-8"))["data"]
    return {Path(entry["path"]).name: entry for entry in entries}


def corpus_cases() -> list[object]:
    """One case per listed file that is present (the absent ones: see the test just below)."""
    if not SHARED_DIR.is_dir():  # the test itself skips or fails, see shared_path
        return [pytest.param("files.json", {}, id="shared-folder-missing")]
    folder = SHARED_DIR.joinpath(*CORPUS)
    return [pytest.param(name, entry, id=name)
            for name, entry in sorted(corpus_entries().items()) if (folder / name).is_file()]


def test_only_the_known_absent_files_of_the_corpus_are_missing() -> None:
    folder = shared_path(*CORPUS)
    missing = {name for name in corpus_entries() if not (folder / name).is_file()}
    assert missing == KNOWN_ABSENT


def assert_refused(error: pytest.ExceptionInfo[AppError], kind: type[AppError], code: str) -> None:
    assert type(error.value) is kind, error.value
    assert error.value.code == code


def processes_left(path: Path) -> list[int]:
    """Pids of our inspector children still around: live processes whose command line names
    `path` (fresh interpreters), and any child of the zygote at all, zombies included (forks
    name no path, and an inspection that returned must have had its fork reaped)."""
    zygote = pdf_process.zygote_pid()
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit():
                continue
            state, parent = (proc / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if int(parent) == zygote or (
                str(path).encode() in (proc / "cmdline").read_bytes() and state != "Z"
            ):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def is_running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(params=["zygote", "subprocess"])
def child_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test with forks of the zygote (Linux) and with fresh interpreters (elsewhere)."""
    if request.param == "zygote" and not pdf_process.USE_ZYGOTE:
        pytest.skip("no zygote on this platform")
    monkeypatch.setattr(pdf_process, "USE_ZYGOTE", request.param == "zygote")
    return request.param


needs_zygote = pytest.mark.skipif(not pdf_process.USE_ZYGOTE, reason="no zygote on this platform")


# --- the real-world corpus -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "entry"), corpus_cases())
async def test_corpus_file_is_inspected_or_refused_clearly(name: str, entry: dict) -> None:
    path = shared_path(*CORPUS) / name  # skips, or fails with KYHOP_REQUIRE_SHARED=1, without it
    if entry["encrypted"]:
        with pytest.raises(Invalid) as error:
            await inspect_pdf(path)
        assert_refused(error, Invalid, "pdf_encrypted")
    elif name in KNOWN_DAMAGED:
        assert KNOWN_DAMAGED[name](path.read_bytes()), f"{name} no longer looks damaged"
        with pytest.raises(Invalid) as error:
            await inspect_pdf(path)
        assert_refused(error, Invalid, "pdf_damaged")
    else:
        info = await inspect_pdf(path)
        assert info.page_count == entry["pages"]
        assert len(info.pages_text) == entry["pages"]


async def test_outline_of_a_real_file_is_flattened_with_levels_and_pages() -> None:
    info = inspect_pdf_sync(shared_path(*CORPUS, "mistitled_outlines_example.pdf"))
    assert info.outline[:6] == [
        OutlineEntry("First", 2, 0),
        OutlineEntry("Second", 2, 1),
        OutlineEntry("Third", 2, 1),
        OutlineEntry("Fourth", 2, 1),
        OutlineEntry("Fifth", 3, 2),
        OutlineEntry("Sixth", 3, 2),
    ]
    assert len(info.outline) == 27


# --- well-formed hand-made files -------------------------------------------------------------


def vietnamese_text_pdf(path: Path) -> Path:
    # Codes 1..6 show "Kỳ họp đất"; the CMap gives "ỳ" and "ọ" decomposed (as some producers do).
    cmap = to_unicode_cmap(
        {1: "K", 2: "y\u0300", 3: " ", 4: "ho\u0323p", 5: "đ", 6: "ất", 7: "\x00"}
    )
    return text_page_pdf(path, b"BT /F1 12 Tf 72 720 Td (\x01\x02\x03\x04\x03\x05\x06\x07) Tj ET",
                         to_unicode=cmap)


@pytest.mark.parametrize("in_child", [False, True], ids=["sync", "child"])
async def test_text_is_nfc_with_vietnamese_diacritics_and_no_nul(
    tmp_path: Path, in_child: bool
) -> None:
    path = vietnamese_text_pdf(tmp_path / "kyhop.pdf")
    info = await inspect_pdf(path) if in_child else inspect_pdf_sync(path)
    assert info.page_count == 1
    assert info.pages_text[0].strip() == "Kỳ họp đất"
    assert info.pages_text[0].strip().encode("utf-8") == "Kỳ họp đất".encode()  # composed


async def test_title_and_nested_outline(tmp_path: Path) -> None:
    decomposed = "Chu\u031bo\u031bng 1"  # "Chương 1" with combining horns
    path = write_pdf(
        tmp_path / "outline.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            PAGE,
            PAGE,
            b"<< /Type /Outlines /First 6 0 R /Last 8 0 R /Count 3 >>",
            b"<< /Title " + text_string("Phần I") + b" /Parent 5 0 R /Next 8 0 R"
            b" /First 7 0 R /Last 7 0 R /Count 1 /Dest [3 0 R /Fit] >>",
            b"<< /Title " + text_string(decomposed) + b" /Parent 6 0 R /Dest [4 0 R /Fit] >>",
            b"<< /Title " + text_string("Phần II") + b" /Parent 5 0 R /Prev 6 0 R /Dest [9 9 R] >>",
            b"<< /Title " + text_string("Kỳ họp thứ 5") + b" >>",
        ],
        info=9,
    )
    info = await inspect_pdf(path)
    assert info == PdfInfo(
        page_count=2,
        title="Kỳ họp thứ 5",
        outline=[
            OutlineEntry("Phần I", 1, 0),
            OutlineEntry("Chương 1", 2, 1),
            OutlineEntry("Phần II", None, 0),  # points nowhere: kept, without a page
        ],
        pages_text=["", ""],
        text_extractor="pdfium",
    )


async def test_a_looping_outline_leaves_the_document_usable(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "outline-loop.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE,
            b"<< /Type /Outlines /First 5 0 R /Last 6 0 R >>",
            b"<< /Title (A) /Parent 4 0 R /Next 6 0 R /First 5 0 R >>",
            b"<< /Title (B) /Parent 4 0 R /Next 5 0 R >>",
        ],
    )
    info = await inspect_pdf(path, timeout_s=10)
    assert info.page_count == 1
    assert len(info.outline) <= pdf.MAX_OUTLINE_ENTRIES


async def test_quick_check_skips_the_text_and_progress_is_reported(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "three.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R] /Count 3 >>",
            PAGE,
        ],
    )
    quick = await inspect_pdf(path, extract_text=False)
    assert (quick.page_count, quick.pages_text) == (3, [])

    seen: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        seen.append((done, total))

    full = await inspect_pdf(path, on_progress=progress)
    assert full.pages_text == ["", "", ""]
    assert seen and seen[-1] == (3, 3)


def test_sniff_pdf() -> None:
    assert sniff_pdf(b"%PDF-1.7\n")
    assert sniff_pdf(b"junk before the header" * 10 + b"%PDF-1.4")
    assert not sniff_pdf(b"x" * 1024 + b"%PDF-1.4")
    assert not sniff_pdf(b"")
    assert not sniff_pdf(b"PK\x03\x04 a .docx")


# --- hostile files ---------------------------------------------------------------------------


@pytest.mark.parametrize("in_child", [False, True], ids=["sync", "child"])
async def test_a_text_file_named_pdf_is_unsupported_media(tmp_path: Path, in_child: bool) -> None:
    path = tmp_path / "bien-ban.pdf"
    path.write_text("Biên bản kỳ họp — không phải PDF\n" * 50, encoding="utf-8")
    with pytest.raises(UnsupportedMedia) as error:
        await inspect_pdf(path) if in_child else inspect_pdf_sync(path)
    assert_refused(error, UnsupportedMedia, "not_pdf")


@pytest.mark.parametrize("name", ["GeoTopo-komprimiert.pdf", "pdflatex-outline.pdf",
                                  "libreoffice-form.pdf"])
async def test_a_truncated_pdf_is_damaged(tmp_path: Path, name: str) -> None:
    data = shared_path(*CORPUS, name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path)
    assert_refused(error, Invalid, "pdf_damaged")


async def test_an_empty_file_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedMedia):
        await inspect_pdf(path)


def bomb_pdf(path: Path, inflated_bytes: int) -> Path:
    """One page whose content stream is `inflated_bytes` zeros, deflated."""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            Stream(b"/Filter /FlateDecode", zeros_flate(inflated_bytes)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


async def test_a_decompression_bomb_is_too_complex_quickly(tmp_path: Path) -> None:
    path = bomb_pdf(tmp_path / "bomb.pdf", 3 * 1024**3)  # 3 GiB of zeros in a ~3 MB file
    assert path.stat().st_size < 5 * 1024**2
    started = time.monotonic()
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path)
    assert_refused(error, Invalid, "pdf_too_complex")
    assert time.monotonic() - started < 10


async def test_the_memory_limit_applies_in_the_child(tmp_path: Path) -> None:
    # 70 MB of content stays under pypdf's own limit (75 MB), so only the address-space limit
    # stops it: refused at 128 MB, accepted with the default limit.
    path = bomb_pdf(tmp_path / "big-content.pdf", 70 * 1024**2)
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path, memory_limit_mb=128)
    assert_refused(error, Invalid, "pdf_too_complex")
    assert (await inspect_pdf(path)).page_count == 1


@pytest.mark.parametrize(
    "objects",
    [
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
        ],
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
        ],
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"],
    ],
    ids=["kids-self", "kids-cycle", "parent-cycle", "reference-cycle"],
)
async def test_a_page_tree_loop_is_refused(tmp_path: Path, objects: list[bytes]) -> None:
    path = write_pdf(tmp_path / "loop.pdf", list(objects))
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path, timeout_s=10)
    assert error.value.code in ("pdf_damaged", "pdf_too_complex")


async def test_a_form_that_draws_itself_does_not_hang(tmp_path: Path) -> None:
    form = (b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"
            b" /Resources << /XObject << /X 5 0 R >> >>")
    path = write_pdf(
        tmp_path / "form-loop.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /X 5 0 R >> >> >>",
            Stream(b"", [b"BT ET /X Do"]),
            Stream(form, [b"BT ET /X Do"]),
        ],
    )
    info = await inspect_pdf(path, timeout_s=10)  # accepted (it draws nothing) or refused: no hang
    assert info.page_count == 1


async def test_too_many_pages_is_too_complex(tmp_path: Path) -> None:
    kids = b" ".join([b"3 0 R"] * (pdf.MAX_PAGES + 1))
    path = write_pdf(
        tmp_path / "pages.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (pdf.MAX_PAGES + 1),
            PAGE,
        ],
    )
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path)
    assert_refused(error, Invalid, "pdf_too_complex")


async def test_too_much_text_on_a_page_is_too_complex(tmp_path: Path) -> None:
    # Distinct lines: PDFium drops a text object drawn again over itself (fake bold).
    lines = pdf.MAX_PAGE_TEXT_CHARS // 1000 + 1
    content = b"BT /F1 1 Tf 0 840 Td " + b"".join(
        b"(%06d" % n + b"a" * 994 + b") Tj 0 -4 Td " for n in range(lines)) + b"ET"
    path = text_page_pdf(tmp_path / "text.pdf", content)
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path)
    assert_refused(error, Invalid, "pdf_too_complex")


def test_too_much_text_in_the_document_is_too_complex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (" + b"a" * 200 + b") Tj ET"
    path = text_page_pdf(tmp_path / "text.pdf", content)
    assert len(inspect_pdf_sync(path).pages_text[0]) >= 200
    monkeypatch.setattr(pdf, "MAX_TOTAL_TEXT_CHARS", 100)
    with pytest.raises(Invalid) as error:
        inspect_pdf_sync(path)
    assert_refused(error, Invalid, "pdf_too_complex")


async def test_a_timeout_kills_the_child_and_refuses(tmp_path: Path, child_kind: str) -> None:
    path = slow_pdf(tmp_path / "slow.pdf")  # about 100 s of work
    started = time.monotonic()
    with pytest.raises(Invalid) as error:
        await inspect_pdf(path, timeout_s=1.0)
    assert_refused(error, Invalid, "pdf_too_complex")
    assert error.value.details == {"reason": "timeout"}
    assert time.monotonic() - started < 3
    assert processes_left(path) == []


async def test_cancelling_the_caller_kills_the_child(tmp_path: Path, child_kind: str) -> None:
    path = slow_pdf(tmp_path / "slow.pdf")
    with anyio.move_on_after(1.0) as scope:
        await inspect_pdf(path, timeout_s=60)
    assert scope.cancelled_caught
    assert processes_left(path) == []


async def test_a_failing_progress_callback_kills_the_child(tmp_path: Path) -> None:
    path = slow_pdf(tmp_path / "slow.pdf", pages=3, shows=5_000)

    async def progress(done: int, total: int) -> None:
        raise LookupError("the document was deleted meanwhile")

    with pytest.raises(LookupError):
        await inspect_pdf(path, on_progress=progress)
    assert processes_left(path) == []


async def test_the_child_does_not_inherit_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child_kind: str
) -> None:
    # The inspector needs no secrets: KYHOP_* settings (database URL, …) stay in the server.
    monkeypatch.setenv("KYHOP_DATABASE_URL", "postgresql+asyncpg://secret@db/kyhop")
    seen: dict[str, str] = {}
    real_open_process = anyio.open_process

    async def spy(command: list[str], **kwargs: object):  # type: ignore[no-untyped-def]
        seen.update(kwargs["env"])  # type: ignore[arg-type]
        return await real_open_process(command, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_process.anyio, "open_process", spy)
    if child_kind == "zygote":
        pdf_process.shut_down()  # the next zygote starts while the secret is in the environment
    path = slow_pdf(tmp_path / "slow.pdf", pages=3, shows=5_000)
    environments: list[bytes] = []
    open_files: list[list[str]] = []  # what each file descriptor of the child points to

    async def look_at_the_child(done: int, total: int) -> None:
        for pid in processes_left(path):
            try:
                fds = sorted(os.listdir(f"/proc/{pid}/fd"), key=int)
                files = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in fds]
                environment = Path(f"/proc/{pid}/environ").read_bytes()
            except (ProcessLookupError, FileNotFoundError):
                continue  # an earlier test's fork, killed and being reaped just now
            # A zombie (an earlier fork not yet reaped) has no file descriptors left, and a fresh
            # fork of the zygote may not have opened the file yet: look again at the next page.
            if files and (len(files) > 3 or child_kind != "zygote"):
                environments.append(environment)
                open_files.append(files)
        if open_files:  # on a busy machine the child may not be seen at the first page: wait
            raise LookupError("seen enough")

    with pytest.raises(LookupError):
        await inspect_pdf(path, on_progress=look_at_the_child)
    if child_kind == "zygote":
        zygote = pdf_process.zygote_pid()
        environments.append(Path(f"/proc/{zygote}/environ").read_bytes())
        seen.update(entry.decode().split("=", 1) for entry in environments[0].split(b"\0") if entry)
        # /dev/null, the output pipe and the file: not the zygote's socket, not the server's files
        [[stdin, stdout, stderr, *files]] = open_files
        assert stdin == os.devnull and stdout == stderr and stdout.startswith("pipe:")
        assert files == [str(path)]
    assert seen and not any(name.startswith("KYHOP_") for name in seen)
    assert environments and not any(b"KYHOP_" in environment for environment in environments)
    assert os.environ["KYHOP_DATABASE_URL"]  # still there for the parent


async def test_a_small_file_in_both_kinds_of_child(tmp_path: Path, child_kind: str) -> None:
    info = await inspect_pdf(vietnamese_text_pdf(tmp_path / "a.pdf"), extract_text=False)
    assert (info.page_count, info.pages_text) == (1, [])


# --- the zygote and the concurrency cap ----------------------------------------------------


async def test_ten_concurrent_inspections_all_succeed(tmp_path: Path) -> None:
    path = vietnamese_text_pdf(tmp_path / "kyhop.pdf")
    infos = await asyncio.gather(*(inspect_pdf(path) for _ in range(10)))
    assert [info.pages_text[0].strip() for info in infos] == ["Kỳ họp đất"] * 10
    assert processes_left(path) == []


async def test_at_most_the_cap_run_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_CONCURRENT_INSPECTIONS", 3)  # this test's loop is a new one
    running = peak = 0
    real_start_child = pdf_process.start_child

    async def counting(*args: object) -> pdf_process.Child:
        nonlocal running, peak
        child = await real_start_child(*args)  # type: ignore[arg-type]
        running += 1
        peak = max(peak, running)
        real_aclose = child.aclose

        async def aclose() -> None:
            nonlocal running
            await real_aclose()
            running -= 1

        child.aclose = aclose  # type: ignore[method-assign]
        return child

    monkeypatch.setattr(pdf_process, "start_child", counting)
    path = slow_pdf(tmp_path / "slow.pdf", pages=1, shows=5_000)
    infos = await asyncio.gather(*(inspect_pdf(path) for _ in range(6)))
    assert [info.page_count for info in infos] == [1] * 6
    assert peak == 3
    assert pdf.MAX_CONCURRENT_INSPECTIONS == 3 and pdf._slot("upload")._value == 3  # all free again


async def test_the_timeout_starts_when_the_turn_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_CONCURRENT_INSPECTIONS", 1)
    slow = slow_pdf(tmp_path / "slow.pdf")
    small = vietnamese_text_pdf(tmp_path / "small.pdf")
    first = asyncio.ensure_future(inspect_pdf(slow, timeout_s=1.0))
    while not pdf._slot("upload").locked():  # until the slow one holds the only slot (for a second)
        await asyncio.sleep(0.01)
    info = await inspect_pdf(small, timeout_s=0.9)  # waits ~1 s, then has its own 0.9 s
    assert info.page_count == 1
    with pytest.raises(Invalid):
        await first


@needs_zygote
async def test_inspections_are_forks_of_one_zygote(tmp_path: Path) -> None:
    path = vietnamese_text_pdf(tmp_path / "a.pdf")
    await inspect_pdf(path)
    zygote = pdf_process.zygote_pid()
    await inspect_pdf(path)
    assert pdf_process.zygote_pid() == zygote
    assert Path(f"/proc/{zygote}").is_dir()


@needs_zygote
async def test_a_dead_zygote_is_replaced_transparently(tmp_path: Path) -> None:
    path = vietnamese_text_pdf(tmp_path / "a.pdf")
    await inspect_pdf(path)
    dead = pdf_process.zygote_pid()
    assert dead is not None
    os.kill(dead, signal.SIGKILL)
    info = await inspect_pdf(path)
    assert info.page_count == 1
    assert pdf_process.zygote_pid() not in (None, dead)


@needs_zygote
async def test_the_zygote_dying_during_an_inspection_takes_the_child_along(tmp_path: Path) -> None:
    path = slow_pdf(tmp_path / "slow.pdf", pages=3, shows=5_000)
    children: list[int] = []

    async def kill_the_zygote(done: int, total: int) -> None:
        if not children:
            children.extend(processes_left(path))
            os.kill(pdf_process.zygote_pid(), signal.SIGKILL)  # type: ignore[arg-type]

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="zygote died"):  # not the file's fault
        await inspect_pdf(path, on_progress=kill_the_zygote)
    assert time.monotonic() - started < 10
    assert len(children) == 1 and not is_running(children[0])
    assert (await inspect_pdf(vietnamese_text_pdf(tmp_path / "a.pdf"))).page_count == 1


def test_every_refusal_has_a_message_in_both_languages() -> None:
    for code in ("not_pdf", "pdf_encrypted", "pdf_damaged", "pdf_too_complex"):
        vietnamese, english = MESSAGES[code]
        assert vietnamese and english and vietnamese != english
