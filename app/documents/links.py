"""Signed file links: a URL that lets its holder read one stored file until it expires.

`GET /api/v1/documents/{id}/link` checks the caller's rights once (as for `…/file`) and answers
`/files/<path>?e=<expires>&s=<signature>`. Every Range read of that URL is then checked by the
signature alone — by this app without touching the database, or, in a deployment behind nginx,
by nginx itself (`secure_link`), which sends the bytes as fast as it sends any static file.

The signature is nginx's `secure_link_md5 "$secure_link_expires$uri <secret>"`: MD5 over the
expiry, the path and the secret, base64url without padding. MD5 is what nginx offers here; the
link is short-lived and its secret never leaves the servers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from pathlib import Path

from app.kit.secret_files import load_or_create_secret

PREFIX = "/files/"
SERVED_FOLDERS = ("blobs", "watermarked")  # stored PDFs and readers' stamped copies; nothing else


def signature(uri: str, expires: int, secret: str) -> str:
    # surrogatepass: a path from the wire may hold anything; it must hash, not crash
    digest = hashlib.md5(f"{expires}{uri} {secret}".encode("utf-8", "surrogatepass"),
                         usedforsecurity=False).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass(frozen=True)
class FileLinks:
    root: Path  # the data directory: every stored file lies below it
    secret: str
    ttl_s: int

    @classmethod
    def load(cls, data_dir: Path, secret: str | None, ttl_s: int) -> FileLinks:
        """With no configured secret, one is made once and kept in the data directory, which
        every worker of this server shares (set KYHOP_FILE_LINK_SECRET when nginx checks links)."""
        if not secret:
            secret = load_or_create_secret(data_dir / "secrets" / "file-links.key")
        return cls(root=data_dir.resolve(), secret=secret, ttl_s=ttl_s)

    def link(self, path: Path, *, now: float | None = None) -> tuple[str, int]:
        """(URL, expiry as a Unix time) for a file below the data directory."""
        relative = path.resolve().relative_to(self.root).as_posix()
        uri = PREFIX + relative
        expires = int((now if now is not None else time.time()) + self.ttl_s)
        return f"{uri}?e={expires}&s={signature(uri, expires, self.secret)}", expires

    def check(self, relative: str, expires: int, given: str, *, now: float | None = None) -> Path:
        """The file the link names, or LinkRefused saying why."""
        uri = PREFIX + relative
        # compare_digest refuses non-ASCII text with a TypeError: such a signature is just wrong
        if not given.isascii() or not hmac.compare_digest(signature(uri, expires, self.secret), given):
            raise LinkRefused("file_link_invalid")
        if expires < (now if now is not None else time.time()):
            raise LinkRefused("file_link_expired")
        path = (self.root / relative).resolve()
        inside = any(self.root / folder in path.parents for folder in SERVED_FOLDERS)
        if not inside or not path.is_file():
            raise LinkRefused("file_link_invalid")
        return path


class LinkRefused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
