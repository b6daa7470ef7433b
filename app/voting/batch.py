"""Ballots in batches (group commit): the ballots that arrive for a poll while the previous batch
is being written are checked and written together, in ONE transaction: one query each for the
tokens, the poll (locked), the voters' memberships, attendance, earlier ballots and retried
Idempotency-Keys, then one insert of the voters, one update of the counters, one commit. Under a
burst this turns hundreds of small transactions into a few large ones; a lone ballot is written
at once, as before (a batch never waits for more ballots to arrive).

Every answer is exactly what the one-by-one path (ballots.py) would give. Requests this module
does not decide itself — a caller who may not see the poll, a changed ballot in an open poll — and
any batch that fails go through that path one by one.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal, SessionRules, authenticate, needs_touch, touch
from app.accounts.tokens import token_digest
from app.audit.service import AuditEvent, record_many
from app.db import Database
from app.errors import AppError, Conflict, NotAuthenticated
from app.idempotency import remember, replay
from app.kit.time import utcnow
from app.models import (
    Attendance,
    AuthToken,
    IdempotentResult,
    Meeting,
    Membership,
    Poll,
    PollChoice,
    PollOption,
    PollVoter,
    User,
)
from app.models.vocabulary import PRESENT_STATUSES, Role
from app.voting import ballots, presets
from app.voting.schemas import BallotAccepted

log = logging.getLogger("kyhop.voting")

ACCEPTED = BallotAccepted().model_dump_json()
MAX_BATCH = 250


@dataclass
class BallotRequest:
    token: str
    address: str
    poll_id: int
    option_ids: list[int]
    key: str | None
    scope: str
    answer: asyncio.Future[str] = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    digest: str = field(init=False)  # how the token is stored, computed once

    def __post_init__(self) -> None:
        self.digest = token_digest(self.token)


class Undecided(Exception):
    """This request needs the one-by-one path."""


@dataclass
class _Batch:
    """What one batch has read, and decided so far."""

    poll: Poll
    council_id: int
    options: set[int]
    users: dict[str, tuple[User, AuthToken]]  # by token digest
    memberships: dict[int, tuple[Role, bool]]
    present: set[int]
    voted: set[int]
    replays: dict[tuple[int, str], str]
    new_voters: list[int] = field(default_factory=list)
    new_keys: list[tuple[int, str]] = field(default_factory=list)
    named: list[tuple[Principal, list[int]]] = field(default_factory=list)
    counts: Counter[int] = field(default_factory=Counter)


class BallotQueue:
    def __init__(self, db: Database, rules: SessionRules) -> None:
        self.db = db
        self.rules = rules
        self._waiting: dict[int, list[BallotRequest]] = {}
        self._writers: dict[int, asyncio.Task[None]] = {}

    async def submit(self, request: BallotRequest) -> str:
        """The answer body (`{"accepted": true}`), or the AppError the ballot is refused with."""
        self._waiting.setdefault(request.poll_id, []).append(request)
        if request.poll_id not in self._writers:
            self._writers[request.poll_id] = asyncio.get_running_loop().create_task(
                self._write(request.poll_id))
        return await request.answer

    async def _write(self, poll_id: int) -> None:
        try:
            while self._waiting.get(poll_id):
                requests = self._waiting[poll_id][:MAX_BATCH]
                del self._waiting[poll_id][:MAX_BATCH]
                await self._write_batch(requests)
        finally:
            self._writers.pop(poll_id, None)
            if not self._waiting.get(poll_id):
                self._waiting.pop(poll_id, None)

    async def _write_batch(self, requests: list[BallotRequest]) -> None:
        outcomes: dict[int, str | BaseException] = {}
        one_by_one: list[BallotRequest] = []
        if len(requests) == 1:  # a lone ballot: the one-by-one path reads less
            one_by_one = requests
        else:
            outcomes, one_by_one = await self._batch(requests)
        for index, outcome in outcomes.items():
            _settle(requests[index], outcome)
        for request in one_by_one:
            try:
                _settle(request, await self.cast_one(request))
            except Exception as exc:
                _settle(request, exc)

    async def _batch(self, requests: list[BallotRequest]
                     ) -> tuple[dict[int, str | BaseException], list[BallotRequest]]:
        """Decide and write what can be decided together; the rest goes one by one."""
        outcomes: dict[int, str | BaseException] = {}
        one_by_one: list[BallotRequest] = []
        try:
            async with self.db.unit_of_work() as uow:
                batch = await _read(uow.session, requests, self.rules)
                for index, request in enumerate(requests):
                    try:
                        outcomes[index] = await _decide(uow.session, batch, request)
                    except Undecided:
                        one_by_one.append(request)
                    except AppError as refused:
                        outcomes[index] = refused
                await _write_decided(uow.session, batch, requests[0].scope)
        except Undecided:  # no such poll: every request gets its own answer (401, 404)
            outcomes, one_by_one = {}, list(requests)
        except Exception:
            log.exception("a batch of %d ballots failed; writing them one by one", len(requests))
            outcomes, one_by_one = {}, list(requests)
        return outcomes, one_by_one

    async def cast_one(self, request: BallotRequest) -> str:
        """The one-by-one path: one transaction for this ballot."""
        try:
            return await self._cast_one(request)
        except IntegrityError:
            # Only a race the poll lock should already prevent: the same deputy's other request won.
            async with self.db.unit_of_work(write=False) as uow:
                user, _ = await authenticate(uow.session, token=request.token, rules=self.rules)
                replayed = await replay(uow.session, user_id=user.id, key=request.key,
                                        scope=request.scope)
            if replayed is not None:
                return bytes(replayed.body).decode()
            raise Conflict("already_voted") from None

    async def _cast_one(self, request: BallotRequest) -> str:
        async with self.db.unit_of_work() as uow:
            session = uow.session
            user, device = await authenticate(session, token=request.token, rules=self.rules)
            if needs_touch(device, utcnow()):
                await touch(session, token_id=device.id)
            principal = Principal(user=user, token_id=device.id, address=request.address)
            # The poll is locked first: a concurrent retry with the same key waits, then replays.
            context = await ballots.ballot_context(session, principal, request.poll_id)
            replayed = await replay(session, user_id=user.id, key=request.key, scope=request.scope)
            if replayed is not None:
                return bytes(replayed.body).decode()
            await ballots.cast(session, principal=principal, context=context,
                               option_ids=request.option_ids)
            await remember(session, user_id=user.id, key=request.key, scope=request.scope,
                           status=201, body=ACCEPTED)
        return ACCEPTED


def _settle(request: BallotRequest, outcome: str | BaseException) -> None:
    if request.answer.done():
        return
    if isinstance(outcome, BaseException):
        request.answer.set_exception(outcome)
    else:
        request.answer.set_result(outcome)


async def _read(session: AsyncSession, requests: list[BallotRequest],
                rules: SessionRules) -> _Batch:
    poll_id, now = requests[0].poll_id, utcnow()
    digests = {request.digest for request in requests}
    users = {
        device.token_hash: (user, device)
        for device, user in (await session.execute(
            select(AuthToken, User).join(User, User.id == AuthToken.user_id)
            .where(AuthToken.token_hash.in_(digests)))).all()
        if rules.allows(device, user, now)
    }
    row = (await session.execute(
        select(Poll, Meeting.council_id).join(Meeting, Meeting.id == Poll.meeting_id)
        .where(Poll.id == poll_id).with_for_update(of=Poll)
        .execution_options(populate_existing=True))).first()
    if row is None:
        raise Undecided  # the whole batch: each gets its 404 (or 401) one by one
    poll, council_id = row
    user_ids = [user.id for user, _ in users.values()]
    memberships = {user_id: (role, voting_right) for user_id, role, voting_right in (await session.execute(
        select(Membership.user_id, Membership.role, Membership.voting_right)
        .where(Membership.council_id == council_id, Membership.user_id.in_(user_ids)))).all()}
    present = set(await session.scalars(select(Attendance.user_id).where(
        Attendance.meeting_id == poll.meeting_id, Attendance.user_id.in_(user_ids),
        Attendance.status.in_(PRESENT_STATUSES))))
    voted = set(await session.scalars(select(PollVoter.user_id).where(
        PollVoter.poll_id == poll.id, PollVoter.user_id.in_(user_ids))))
    keys = {(users[r.digest][0].id, r.key) for r in requests if r.key is not None and r.digest in users}
    replays = {(user_id, key): body for user_id, key, body in (await session.execute(
        select(IdempotentResult.user_id, IdempotentResult.key, IdempotentResult.body).where(
            IdempotentResult.scope == requests[0].scope,
            tuple_(IdempotentResult.user_id, IdempotentResult.key).in_(list(keys))))).all()} if keys else {}
    options = set(await session.scalars(select(PollOption.id).where(PollOption.poll_id == poll.id)))
    return _Batch(poll=poll, council_id=council_id, options=options, users=users,
                  memberships=memberships, present=present, voted=voted, replays=replays)


async def _decide(session: AsyncSession, batch: _Batch, request: BallotRequest) -> str:
    """The same checks, in the same order, as the one-by-one path."""
    found = batch.users.get(request.digest)
    if found is None:
        raise NotAuthenticated(headers={"WWW-Authenticate": "Bearer"})
    user, device = found
    _, voting_right = batch.memberships.get(user.id, (None, False))
    if not voting_right or batch.poll.state == "draft":
        raise Undecided  # who may see what: the one-by-one path answers 404 / 403 exactly
    if request.key is not None and not request.key.strip():
        raise Undecided
    if request.key is not None and (user.id, request.key) in batch.replays:
        return batch.replays[(user.id, request.key)]
    ballots.check_eligible(batch.poll, voting_right=True, present=user.id in batch.present)
    ballots.check_open(batch.poll)
    chosen = presets.check_choice(request.option_ids, allowed=batch.options,
                                  max_choices=batch.poll.max_choices)
    if user.id in batch.voted:
        if batch.poll.allow_change:
            raise Undecided
        raise Conflict("already_voted")
    batch.voted.add(user.id)
    batch.new_voters.append(user.id)
    batch.counts.update(chosen)
    if request.key is not None:
        batch.replays[(user.id, request.key)] = ACCEPTED
        batch.new_keys.append((user.id, request.key))
    if not batch.poll.secret:
        batch.named.append((Principal(user=user, token_id=device.id, address=request.address), chosen))
    if needs_touch(device, utcnow()):
        await touch(session, token_id=device.id)
    return ACCEPTED


async def _write_decided(session: AsyncSession, batch: _Batch, scope: str) -> None:
    if not batch.new_voters:
        return
    poll, now = batch.poll, utcnow()
    session.add_all(PollVoter(poll_id=poll.id, user_id=user_id) for user_id in batch.new_voters)
    await session.flush()
    # Every counter of the poll is rewritten (see ballots._count for why).
    delta: Any = case(dict(batch.counts), value=PollOption.id, else_=0)
    await session.execute(update(PollOption).where(PollOption.poll_id == poll.id)
                          .values(votes=PollOption.votes + delta)
                          .execution_options(synchronize_session=False))
    await session.execute(update(Poll).where(Poll.id == poll.id)
                          .values(voted=Poll.voted + len(batch.new_voters))
                          .execution_options(synchronize_session=False))
    session.add_all(IdempotentResult(user_id=user_id, key=key, scope=scope, status=201, body=ACCEPTED,
                                     created_at=now) for user_id, key in batch.new_keys)
    for principal, chosen in batch.named:
        session.add_all(PollChoice(poll_id=poll.id, user_id=principal.user.id, option_id=option_id, at=now)
                        for option_id in chosen)
    await session.flush()
    await record_many(session, [
        AuditEvent(principal.actor, "ballot.cast", "poll", poll.id, batch.council_id,
                   {"option_ids": chosen}) for principal, chosen in batch.named])

