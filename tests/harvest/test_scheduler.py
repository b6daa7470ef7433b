"""One worker at a time per source: the claim, its expiry, what is due, and two schedulers —
with databases of their own, as two worker processes have — racing for the same sources."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update

from app.db import Database
from app.harvest import claims
from app.harvest.errors import ClaimLost
from app.harvest.scheduler import HarvestScheduler
from app.kit.time import utcnow
from app.models import Council, HarvestSource
from tests.harvest.conftest import run_settings, source_row
from tests.harvest.stub import Stub

EVERY = timedelta(minutes=30)


async def _source(app, url: str, **fields) -> int:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work() as uow:
        source = HarvestSource(url=url, state="running", requested_at=utcnow(), **fields)
        uow.session.add(source)
        await uow.session.flush()
        return source.id


async def _claim(db: Database, source_id: int, owner: str, **kwargs) -> bool:  # type: ignore[no-untyped-def]
    async with db.unit_of_work() as uow:
        return await claims.claim(uow.session, source_id=source_id, owner=owner,
                                  now=kwargs.pop("now", utcnow()), every=EVERY, **kwargs)


async def test_one_claim_wins_and_an_expired_one_can_be_taken_over(app) -> None:  # type: ignore[no-untyped-def]
    db = app.state.db
    source_id = await _source(app, "https://oparl.example.org/system")
    assert await _claim(db, source_id, "worker-1")
    assert not await _claim(db, source_id, "worker-2")
    assert not await _claim(db, source_id, "worker-2", force=True)
    row = await source_row(app, source_id)
    assert (row.claimed_by, row.state, row.runs) == ("worker-1", "running", 1)

    later = utcnow() + claims.CLAIM_FOR + timedelta(seconds=1)  # worker-1 crashed
    assert await _claim(db, source_id, "worker-2", now=later)
    async with db.unit_of_work() as uow:
        try:
            await claims.extend(uow.session, source_id=source_id, owner="worker-1", now=utcnow())
        except ClaimLost:
            lost = True
        else:
            lost = False
    assert lost, "the stalled worker learns it lost the source and writes nothing more"


async def test_what_is_due(app) -> None:  # type: ignore[no-untyped-def]
    db = app.state.db
    now = utcnow()
    asked = await _source(app, "https://a.example.org/system")
    recent = await _source(app, "https://b.example.org/system", last_run_at=now - timedelta(minutes=5))
    old = await _source(app, "https://c.example.org/system", last_run_at=now - timedelta(hours=1))
    never = await _source(app, "https://d.example.org/system")
    async with db.unit_of_work() as uow:
        await uow.session.execute(update(HarvestSource).where(HarvestSource.id.in_([recent, old]))
                                  .values(requested_at=None))
        dissolved = Council(name="HĐND huyện Cũ", level="district", code="H-CU",
                            dissolved_on=now.date())
        uow.session.add(dissolved)
        await uow.session.flush()
        frozen = HarvestSource(url="https://e.example.org/system", council_id=dissolved.id,
                               state="ok", requested_at=now)
        uow.session.add(frozen)
    async with db.unit_of_work(write=False) as uow:
        periodic = await claims.due_sources(uow.session, now=now, every=EVERY)
        asked_only = await claims.due_sources(uow.session, now=now, every=None)
    assert set(periodic) == {asked, old, never}  # not the recent one, nor a dissolved council's
    assert set(asked_only) == {asked, never}  # KYHOP_HARVEST_EVERY_MIN=0: only what was asked


async def test_two_workers_never_run_the_same_source_at_once(app, settings, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    first = await _source(app, oparl.url("/system"))
    second_db = Database(settings)  # another process's connections
    try:
        workers = [HarvestScheduler(app.state.db, settings, run_settings=run_settings()),
                   HarvestScheduler(second_db, settings, run_settings=run_settings())]
        ran = await asyncio.gather(*(worker.run_due() for worker in workers))
    finally:
        await second_db.dispose()
    assert sorted(ran) == [0, 1]
    assert oparl.requests.count("/oparl/system?") == 1
    row = await source_row(app, first)
    assert (row.state, row.runs, row.claimed_by, row.requested_at) == ("ok", 1, "", None)
    # done, and not due again for KYHOP_HARVEST_EVERY_MIN minutes
    assert await workers[0].run_due() == 0


async def test_a_crashed_workers_source_is_run_once_its_claim_expires(app, settings, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    source_id = await _source(app, oparl.url("/system"), claimed_by="dead-worker",
                              claimed_until=utcnow() - timedelta(seconds=1))
    worker = HarvestScheduler(app.state.db, settings, run_settings=run_settings())
    assert await worker.run_due() == 1
    assert (await source_row(app, source_id)).state == "ok"


async def test_the_background_task_runs_a_source_as_soon_as_it_is_kicked(app, settings, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    worker = HarvestScheduler(app.state.db, settings, run_settings=run_settings(), tick_s=3600)
    worker.start()
    try:
        await asyncio.sleep(0.2)  # the first look finds nothing
        source_id = await _source(app, oparl.url("/system"))
        worker.kick()
        for _ in range(200):
            if (await source_row(app, source_id)).state != "running":
                break
            await asyncio.sleep(0.05)
    finally:
        await worker.stop()
    assert (await source_row(app, source_id)).state == "ok"


async def test_stopping_mid_run_lets_go_of_the_source(app, settings, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/meeting"] = "slow"
    worker = HarvestScheduler(app.state.db, settings, run_settings=run_settings(timeout_s=30))
    source_id = await _source(app, oparl.url("/system"))
    worker.start()
    for _ in range(200):
        if any("meeting" in request for request in oparl.requests):
            break
        await asyncio.sleep(0.05)
    await worker.stop()
    row = await source_row(app, source_id)
    assert (row.claimed_by, row.claimed_until) == ("", None)
    assert row.requested_at is not None  # due again at once, wherever a worker runs next


async def test_a_source_removed_during_its_run_stops_it_quietly(app, settings, db, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/meeting"] = "slow"
    worker = HarvestScheduler(app.state.db, settings, run_settings=run_settings(timeout_s=2))
    source_id = await _source(app, oparl.url("/system"))
    running = asyncio.create_task(worker.run_due())
    for _ in range(200):
        if any("meeting" in request for request in oparl.requests):
            break
        await asyncio.sleep(0.05)
    async with app.state.db.unit_of_work() as uow:
        await uow.session.delete(await uow.session.get(HarvestSource, source_id))
    assert await running == 1  # no exception escaped; the run found its source gone
    assert await db.count("harvest_sources") == 0
