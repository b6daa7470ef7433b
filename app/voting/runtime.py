"""Voting's background work in each worker.

- Progress: after ballots commit, one `poll.progress` event a moment later covers them all
  (PROGRESS_DELAY_S), instead of one event per ballot to every tablet. Several workers may each
  announce; whoever finds the count already announced sends nothing.
- Countdown: polls with a duration are closed when their time is up, by whichever worker looks
  first (the poll row is locked and its state re-read, so it is closed once). Ballots arriving
  after the deadline are refused even before that happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import func, select

from app.accounts.service import SessionRules
from app.audit.service import Actor
from app.db import Database
from app.kit.time import utcnow
from app.models import Meeting, Poll
from app.voting import progress
from app.voting.batch import BallotQueue
from app.voting.service import finish

log = logging.getLogger("kyhop.voting")

PROGRESS_DELAY_S = 0.5  # at most two progress events a second per poll, whatever the burst
DEADLINE_CHECK_EVERY_S = 1.0
COUNTDOWN_ACTOR = Actor(user_id=None, name="countdown", address="")


class VotingRuntime:
    def __init__(self, db: Database, rules: SessionRules) -> None:
        self.db = db
        self._pending: dict[int, asyncio.Task[None]] = {}
        self._deadline_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self.ballots = BallotQueue(db, rules)

    def start(self) -> None:
        self._deadline_task = asyncio.get_running_loop().create_task(self._deadline_loop())

    async def stop(self) -> None:
        tasks = [*self._pending.values(), *([self._deadline_task] if self._deadline_task else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- progress ---------------------------------------------------------------------------

    def ballot_counted(self, poll_id: int) -> None:
        """Called after a ballot's commit: make sure a progress event follows shortly."""
        if poll_id not in self._pending:
            self._pending[poll_id] = asyncio.get_running_loop().create_task(self._announce(poll_id))

    async def settle(self) -> None:
        """Wait until every scheduled progress announcement has been made."""
        while self._pending:
            await asyncio.gather(*self._pending.values(), return_exceptions=True)

    async def _announce(self, poll_id: int) -> None:
        try:
            await asyncio.sleep(PROGRESS_DELAY_S)
            del self._pending[poll_id]  # ballots from now on schedule the next announcement
            async with self.db.unit_of_work() as uow:
                poll = await uow.session.scalar(select(Poll).where(Poll.id == poll_id)
                                                .with_for_update())
                if poll is not None and poll.state == "open" and poll.voted != poll.announced_voted:
                    await progress.announce(uow.session, poll)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("announcing the progress of poll %s failed", poll_id)

    # --- countdown --------------------------------------------------------------------------

    def deadline_set(self) -> None:
        self._wake.set()

    async def _deadline_loop(self) -> None:
        while True:
            try:
                wait = await self.close_overdue()
            except Exception:
                log.exception("closing polls whose time is up failed")
                wait = DEADLINE_CHECK_EVERY_S
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    async def close_overdue(self) -> float:
        """Close every open poll whose time is up; seconds until the next deadline to look at."""
        now = utcnow()
        async with self.db.unit_of_work(write=False) as uow:
            overdue = list(await uow.session.scalars(select(Poll.id).where(
                Poll.state == "open", Poll.closes_at <= now)))
            upcoming = await uow.session.scalar(select(func.min(Poll.closes_at)).where(
                Poll.state == "open", Poll.closes_at > now))
        for poll_id in overdue:
            async with self.db.unit_of_work() as uow:
                poll = await uow.session.scalar(select(Poll).where(Poll.id == poll_id)
                                                .with_for_update()
                                                .execution_options(populate_existing=True))
                if poll is None or poll.state != "open":
                    continue  # another worker, or the chair, closed it meanwhile
                council_id = (await uow.session.execute(select(Meeting.council_id).where(
                    Meeting.id == poll.meeting_id))).scalar_one()
                await finish(uow.session, poll, actor=COUNTDOWN_ACTOR, council_id=council_id,
                             reason="countdown")
        if upcoming is None:
            return DEADLINE_CHECK_EVERY_S
        return min(DEADLINE_CHECK_EVERY_S, max(0.0, (upcoming - utcnow()).total_seconds()))
