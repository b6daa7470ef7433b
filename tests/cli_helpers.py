"""Running the installed `kyhop` command as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KYHOP = Path(sys.executable).parent / "kyhop"


def kyhop_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYHOP_")}
    env.update(extra or {})
    return env


def run_kyhop(
    args: list[str], *, env: dict[str, str] | None = None, stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KYHOP), *args], input=stdin, capture_output=True, text=True, timeout=timeout,
        env=kyhop_env(env), cwd=tempfile.gettempdir(),
    )
