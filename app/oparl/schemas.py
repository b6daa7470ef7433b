"""The query of an OParl list: the four date filters of OParl 1.1 §2.7, a page size, a cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from app.kit.schemas import MAX_ID
from app.oparl import build

MAX_LIMIT = 1000


class ListFilters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    created_since: AwareDatetime | None = None
    created_until: AwareDatetime | None = None
    modified_since: AwareDatetime | None = None
    modified_until: AwareDatetime | None = None
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
