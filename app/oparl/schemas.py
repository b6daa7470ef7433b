"""The query of an OParl list: the four date filters of OParl 1.1 §2.7, a page size, a cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from app.kit.schemas import MAX_ID
from app.oparl import build

MAX_LIMIT = 1000


def _iso_with_offset(value: object) -> datetime:
    """An ISO 8601 date-time with its offset, and nothing else (no Unix seconds, no bare date)."""
    if not isinstance(value, str) or len(value) < 16 or "T" not in value.upper():
        raise ValueError("an ISO 8601 date-time with an offset, e.g. 2026-12-01T08:00:00+07:00")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("the date-time needs an offset, e.g. +07:00")
    return moment


OffsetDateTime = Annotated[datetime, BeforeValidator(_iso_with_offset)]


class ListFilters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    created_since: OffsetDateTime | None = None
    created_until: OffsetDateTime | None = None
    modified_since: OffsetDateTime | None = None
    modified_until: OffsetDateTime | None = None
    limit: int | None = Field(default=None, ge=1, le=MAX_LIMIT)
    after: int = Field(default=0, ge=0, le=MAX_ID)

    def link_params(self) -> dict[str, str]:
        """The filters as given, to be carried into every link of the list (§2.7)."""
        params: dict[str, str] = {}
        for name in ("created_since", "created_until", "modified_since", "modified_until"):
            value: datetime | None = getattr(self, name)
            if value is not None:
                params[name] = build.local_time(value) if value.microsecond == 0 else (
                    value.isoformat())
        if self.limit is not None:
            params["limit"] = str(self.limit)
        return params


FiltersQuery = Annotated[ListFilters, Query()]
