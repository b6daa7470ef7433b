"""The logins behind open sockets: an open live channel is use, and a login that ended closes them.

A tablet that only follows a meeting sends no requests, so its login would reach the idle limit
while the deputy watches. Each worker therefore records, once a minute, the use of every login
that has a socket open here, and closes with 4401 the sockets whose login was revoked (logout,
a lost tablet, a password change), expired, went idle, or whose user was deactivated.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select, update

from app.accounts.service import SessionRules
from app.db import Database
from app.kit.time import utcnow
from app.live.hub import CLOSE_UNAUTHENTICATED, Hub, Subscriber
from app.models import AuthToken, User

log = logging.getLogger("kyhop.live")

CHECK_EVERY_S = 60.0  # finer than the shortest idle limit (config.MIN_IDLE_MINUTES)
_CHUNK = 500  # ids per statement, well below every driver's parameter limit


class LiveSessions:
    def __init__(self, db: Database, hub: Hub, rules: SessionRules) -> None:
        self.db = db
        self.hub = hub
        self.rules = rules

    def _open_logins(self) -> dict[int, list[Subscriber]]:
        by_token: dict[int, list[Subscriber]] = defaultdict(list)
        for channel in self.hub.channels.values():
            for subscriber in channel.subscribers:
                if subscriber.token_id is not None and not subscriber.is_closed:
                    by_token[subscriber.token_id].append(subscriber)
        return by_token

    async def check(self) -> int:
        """Record the use of the logins still valid; close the others' sockets. Returns how many closed."""
        open_logins = self._open_logins()
        if not open_logins:
            return 0
        now = utcnow()
        valid: set[int] = set()
        async with self.db.unit_of_work() as uow:
            for ids in _chunks(open_logins):
                rows = (await uow.session.execute(
                    select(AuthToken, User).join(User, User.id == AuthToken.user_id)
                    .where(AuthToken.id.in_(ids)))).all()
                alive = [device.id for device, user in rows
                         if self.rules.allows(device, user, now, in_use=True)]
                valid.update(alive)
                if alive:
                    await uow.session.execute(
                        update(AuthToken).where(AuthToken.id.in_(alive)).values(last_used_at=now))
        closed = 0
        for token_id, subscribers in open_logins.items():
            if token_id not in valid:
                for subscriber in subscribers:
                    subscriber.close(CLOSE_UNAUTHENTICATED)
                    closed += 1
        return closed

    async def run(self) -> None:
        while True:
            await asyncio.sleep(CHECK_EVERY_S)
            try:
                await self.check()
            except Exception:
                log.exception("checking the logins of open sockets failed")


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start:start + _CHUNK]
