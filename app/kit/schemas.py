"""Pydantic field types shared by every domain."""

from __future__ import annotations

from datetime import UTC
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

# Ids are 32-bit integer columns: a number outside that range is invalid input (422), not a crash.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# A moment with an explicit offset, kept in UTC from then on.
Instant = Annotated[AwareDatetime, AfterValidator(lambda value: value.astimezone(UTC))]




def _refuse_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000: refuse it as invalid input rather than fail at the
    # database (and store the same on SQLite as on PostgreSQL).
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


NoNul = AfterValidator(_refuse_nul)
