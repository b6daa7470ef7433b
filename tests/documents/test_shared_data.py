"""The ../shared helper: a missing folder skips, or fails when CI requires it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import shared_data


def test_a_missing_shared_folder_skips_or_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_data, "SHARED_DIR", tmp_path / "absent")
    monkeypatch.delenv("KYHOP_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="shared folder"):
        shared_data.shared_path("corpus")
    monkeypatch.setenv("KYHOP_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="KYHOP_REQUIRE_SHARED=1"):
        shared_data.shared_path("corpus")


def test_a_present_shared_folder_gives_paths_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_data, "SHARED_DIR", tmp_path)
    assert shared_data.shared_path("corpus", "a.pdf") == tmp_path / "corpus" / "a.pdf"
