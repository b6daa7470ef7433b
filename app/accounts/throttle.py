"""Refuses logins (429) after repeated failures for a username or from an address.

Failures are rows in the database, so every worker process sees the same counts. The login
endpoint records a failure in its own transaction and answers 401 without rolling it back.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.errors import TooManyAttempts
from app.kit.time import utcnow
from app.models import LoginFailure


class LoginThrottle:
    def __init__(self, settings: Settings) -> None:
        self.window = timedelta(minutes=settings.login_lockout_minutes)
        self.max_per_username = settings.login_max_failures
        self.max_per_address = settings.login_max_failures_per_address

    async def check(self, session: AsyncSession, *, username: str, address: str) -> None:
        since = utcnow() - self.window
        by_username = await session.scalar(
            select(func.count()).where(LoginFailure.username == username, LoginFailure.at > since)
        )
        by_address = await session.scalar(
            select(func.count()).where(LoginFailure.address == address, LoginFailure.at > since)
        )
        if (by_username or 0) >= self.max_per_username or (by_address or 0) >= self.max_per_address:
            minutes = int(self.window.total_seconds() // 60)
            raise TooManyAttempts(minutes=minutes, headers={"Retry-After": str(minutes * 60)})

    async def failed(self, session: AsyncSession, *, username: str, address: str) -> None:
        now = utcnow()
        session.add(LoginFailure(username=username[:64], address=address[:64], at=now))
        # Keep the table small: anything older than the window no longer counts.
        await session.execute(delete(LoginFailure).where(LoginFailure.at < now - self.window))
        await session.flush()

    async def succeeded(self, session: AsyncSession, *, username: str) -> None:
        await session.execute(delete(LoginFailure).where(LoginFailure.username == username))
