"""Pydantic field types shared by every domain."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field

# Ids are 32-bit integer columns: a number outside that range is invalid input (422), not a crash.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# A moment with an explicit offset, kept in UTC from then on.
def _text_only(value: object) -> object:
    # strict=False lets pydantic parse the text; a number (a Unix time?) is not what the schema says
    if not isinstance(value, (str, datetime, date)):
        raise ValueError("must be text in ISO 8601 form")
    return value


Instant = Annotated[AwareDatetime, Field(strict=False), BeforeValidator(_text_only),
                    AfterValidator(lambda value: value.astimezone(UTC))]
# A calendar day written as text ("2026-03-15"); pydantic alone would also read "0" or
# "1700000000" as a Unix time, which no council means by a day.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_text(value: object) -> object:
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("must be a day written yyyy-mm-dd")
    return _text_only(value)


Day = Annotated[date, Field(strict=False), BeforeValidator(_day_text)]

# Request bodies: unknown fields refused, and no loose types either: JSON's 0 is not false and
# "5" is not 5 (the schema says so; a client sending them has a bug worth hearing about).
# Moments and days are JSON strings by nature, hence strict=False on Instant and Day.
STRICT_INPUT = ConfigDict(extra="forbid", strict=True)




def _refuse_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000: refuse it as invalid input rather than fail at the
    # database (and store the same on SQLite as on PostgreSQL).
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


NoNul = AfterValidator(_refuse_nul)
