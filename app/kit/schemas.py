"""Pydantic field types shared by every domain."""

from __future__ import annotations

from datetime import UTC
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime

# A moment with an explicit offset, kept in UTC from then on.
Instant = Annotated[AwareDatetime, AfterValidator(lambda value: value.astimezone(UTC))]


