"""The hash chain itself: pure functions, no database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

GENESIS = "0" * 64


class ChainRow(Protocol):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    target_type: str
    target_id: str
    council_id: int | None
    address: str
    details: str
    prev_hash: str
    hash: str


def row_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    target_type: str,
    target_id: str,
    council_id: int | None,
    address: str,
    details: str,
) -> str:
    payload = json.dumps(
        [prev_hash, at.isoformat(), actor_id, actor_name, action, target_type, target_id,
         council_id, address, details],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    row_id: int
    reason: str  # "edited" | "removed_before"


def find_break(rows: Iterable[ChainRow], *, expected_prev: str = GENESIS) -> ChainBreak | None:
    """The first row whose own hash is wrong (edited) or whose predecessor is gone (removed).

    `expected_prev` is the hash of the row before the first one given (GENESIS for the start).
    """
    for row in rows:
        if row.prev_hash != expected_prev:
            return ChainBreak(row.id, "removed_before")
        recomputed = row_hash(
            prev_hash=row.prev_hash, at=row.at, actor_id=row.actor_id, actor_name=row.actor_name,
            action=row.action, target_type=row.target_type, target_id=row.target_id,
            council_id=row.council_id, address=row.address, details=row.details,
        )
        if recomputed != row.hash:
            return ChainBreak(row.id, "edited")
        expected_prev = row.hash
    return None
