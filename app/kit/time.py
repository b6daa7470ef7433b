from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(UTC)


# Vietnam keeps one time zone and no daylight saving time: UTC+7 all year.
VIETNAM = timezone(timedelta(hours=7), "ICT")


def vietnam_today() -> date:
    """The date on a Vietnamese calendar now (what "today" means for a council's decisions)."""
    return utcnow().astimezone(VIETNAM).date()
