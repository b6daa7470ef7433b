"""Read grants: that a token may read a document's file, remembered for a few seconds.

A tablet reading a 300-page PDF sends a Range request per chunk; checking the token and the
reader's rights in the database for each of them cost far more than sending the bytes. A grant
answers the next requests of the same token for the same document and version from memory for
KYHOP_READ_GRANT_TTL_S seconds (5 by default), so a revoked device or a document that became
confidential takes effect within that time. Each worker keeps its own grants.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

GrantKey = tuple[str, int, int | None]  # token digest, document id, ?version


@dataclass(frozen=True)
class ReadGrant:
    user_id: int
    path: Path
    etag: str
    filename: str
    modified: datetime
    immutable: bool


class ReadGrants:
    def __init__(self, ttl_s: float, max_entries: int = 20_000) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._grants: dict[GrantKey, tuple[float, ReadGrant]] = {}

    def get(self, key: GrantKey) -> ReadGrant | None:
        found = self._grants.get(key)
        if found is None:
            return None
        expires, grant = found
        if expires <= time.monotonic():
            del self._grants[key]
            return None
        return grant

    def put(self, key: GrantKey, grant: ReadGrant) -> None:
        if self.ttl_s <= 0:
            return
        if len(self._grants) >= self.max_entries:
            now = time.monotonic()
            self._grants = {k: v for k, v in self._grants.items() if v[0] > now}
            if len(self._grants) >= self.max_entries:
                self._grants.clear()
        self._grants[key] = (time.monotonic() + self.ttl_s, grant)
