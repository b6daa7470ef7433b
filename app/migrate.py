"""Running Alembic from the app (CLI, serve, tests) with the app's database URL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent


# Made by hand in migrations, not by the models: full-text search structures.
_UNMODELLED_PREFIXES = ("document_pages_fts", "ix_document_pages_fts")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate filter: leave the hand-made search structures alone."""
    return not (name or "").startswith(_UNMODELLED_PREFIXES)


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


def _outside_event_loop(job: Callable[[], None]) -> None:
    """Alembic's env.py runs its own event loop; from inside a running one, use a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        job()
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(job).result()


def upgrade(database_url: str, revision: str = "head") -> None:
    _outside_event_loop(lambda: command.upgrade(alembic_config(database_url), revision))


def downgrade(database_url: str, revision: str = "base") -> None:
    _outside_event_loop(lambda: command.downgrade(alembic_config(database_url), revision))
