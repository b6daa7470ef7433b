from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from app.kit.schemas import STRICT_INPUT, Id, NoNul
from app.models.vocabulary import AttendanceStatus

Status = AttendanceStatus


class AttendanceMark(BaseModel):
    model_config = STRICT_INPUT

    status: Status
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), NoNul] = ""


class AllPresent(BaseModel):
    """Mark every seated deputy present but these (left as they are, to be marked one by one)."""

    model_config = STRICT_INPUT

    except_user_ids: Annotated[list[Id], Field(max_length=10_000)] = []


class AttendanceEntry(BaseModel):
    user_id: int
    full_name: str
    status: Status
    reason: str
    checked_in: bool


class AttendanceSummary(BaseModel):
    seated: int
    present: int = Field(description="in the hall or online")
    online: int = Field(description="of those present, how many attend online")
    quorum_required: int
    quorate: bool
    items: list[AttendanceEntry]
