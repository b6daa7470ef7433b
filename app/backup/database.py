"""The database part of a backup: SQLite's online backup API, pg_dump / pg_restore for PostgreSQL.

Both read one consistent snapshot while the server goes on writing (SQLite copies page by page
under its own locking; pg_dump reads in one repeatable-read transaction)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


class BackupFailed(Exception):
    """A backup or restore step that cannot go on; the message says why, for an operator."""


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise BackupFailed("the SQLite URL names no file")
    return Path(database)


def libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(f"{name} is not installed (Debian: postgresql-client)")
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupFailed(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump(url: str, folder: Path) -> str:
    """Writes the database into `folder`; returns the file name."""
    if url.startswith("sqlite"):
        source = sqlite3.connect(f"file:{sqlite_path(url)}?mode=ro", uri=True)
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            source.backup(target, pages=1024)  # in steps: writers wait for one step, not the whole copy
        finally:
            target.close()
            source.close()
        return SQLITE_FILE
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={folder / POSTGRES_FILE}", libpq_url(url)])
    return POSTGRES_FILE


def require_empty(url: str) -> None:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path.exists() and path.stat().st_size > 0:
            raise BackupFailed(f"the database {path} exists: restore into a new one")
        return
    done = subprocess.run(
        [_tool("psql"), "--no-psqlrc", "--tuples-only", "--no-align", "--command",
         "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
         libpq_url(url)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupFailed(f"cannot reach the database: {done.stderr.strip()}")
    if done.stdout.strip() != "0":
        raise BackupFailed("the database has tables: restore into a new, empty database")


def load(url: str, folder: Path, file_name: str) -> None:
    if url.startswith("sqlite"):
        if file_name != SQLITE_FILE:
            raise BackupFailed("this backup holds a PostgreSQL database; KYHOP_DATABASE_URL is SQLite")
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / SQLITE_FILE, target)
        return
    if file_name != POSTGRES_FILE:
        raise BackupFailed("this backup holds a SQLite database; KYHOP_DATABASE_URL is PostgreSQL")
    _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={libpq_url(url)}", str(folder / POSTGRES_FILE)])
