"""Poppler's command-line tools (Debian's poppler-utils) reading the PDFs the app writes: tools
nobody here wrote. Missing tools skip the test, or fail it where services are required (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        reason = f"{name} (poppler-utils) is not installed; `make test` installs it"
        if os.environ.get("KYHOP_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


def _run(name: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([tool(name), *args, str(path), *(["-"] if name == "pdftotext" else [])],
                              capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


def pdftotext(pdf: bytes, *, page: int | None = None, layout: bool = False) -> str:
    args = (["-f", str(page), "-l", str(page)] if page else []) + (["-layout"] if layout else [])
    return _run("pdftotext", pdf, *args)


def pages(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdftotext(pdf).split("\f")[:-1]


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts' table: name, type and whether each font is embedded."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        columns = line.split()
        # name … type … encoding emb sub uni object ID: the flags are the 5th-to-3rd from the end
        rows.append({"name": columns[0], "emb": columns[-5], "sub": columns[-4], "uni": columns[-3]})
    return rows
