"""The shared folder beside the project (`../shared`: sample PDFs, standards, sample texts).

Tests that need it call `shared_path(...)`: when the folder is missing the test is skipped, or fails
when KYHOP_REQUIRE_SHARED=1 (as in CI), so a missing folder is never mistaken for a green run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; skips (fails with KYHOP_REQUIRE_SHARED=1) if the folder is missing."""
    if not SHARED_DIR.is_dir():
        reason = f"the shared folder {SHARED_DIR} is missing (it holds the test corpus)"
        if os.environ.get("KYHOP_REQUIRE_SHARED") == "1":
            pytest.fail(reason + " and KYHOP_REQUIRE_SHARED=1", pytrace=False)
        pytest.skip(reason)
    return SHARED_DIR.joinpath(*parts)
