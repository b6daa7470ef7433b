"""The harvester against a stub OParl server on a loopback port (tests/harvest/stub.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.harvest.client import Limits
from app.harvest.commands import harvest_now
from app.harvest.policy import AllowList
from app.harvest.runner import RunResult, RunSettings
from app.models import HarvestedObject, HarvestSource
from tests.harvest.stub import Stub, serve

LOOPBACK = AllowList.parse(["127.0.0.1"])
# Small enough that the hostile cases end quickly; the byte cap stays the real one.
TEST_LIMITS = Limits(timeout_s=3, connect_timeout_s=3, max_pages=40)


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    yield from serve(server)


@pytest.fixture
def oparl(stub: Stub) -> Stub:
    """The stub with its valid tree, made an hour before its clock's present."""
    stub.populate()
    stub.tick(hours=1)
    return stub


def run_settings(**limits: Any) -> RunSettings:
    chosen = Limits(**{**TEST_LIMITS.__dict__, **limits})
    return RunSettings(allow=LOOPBACK, limits=chosen, margin=timedelta(seconds=60))


@pytest.fixture
def harvest(app):  # type: ignore[no-untyped-def]
    """Harvest a URL now into the app's database, as `kyhop harvest` does."""

    async def run(url: str, *, council_id: int | None = None,
                  settings: RunSettings | None = None) -> tuple[int, RunResult]:
        return await harvest_now(app.state.db, url=url, council_id=council_id,
                                 settings=settings or run_settings())

    return run


async def kept(app: Any, source_id: int, *, deleted: bool = False) -> dict[str, dict[str, Any]]:
    """The harvested copy: OParl id → object, live ones (or the deleted ones)."""
    async with app.state.db.unit_of_work(write=False) as uow:
        rows = await uow.session.scalars(select(HarvestedObject).where(
            HarvestedObject.source_id == source_id, HarvestedObject.deleted.is_(deleted)))
        return {row.oparl_id: json.loads(row.data) for row in rows}


async def source_row(app: Any, source_id: int) -> HarvestSource:
    async with app.state.db.unit_of_work(write=False) as uow:
        source = await uow.session.get(HarvestSource, source_id)
        assert source is not None
        return source
