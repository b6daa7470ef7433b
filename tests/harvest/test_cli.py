"""`kyhop harvest URL [--council ID]` as a real process: progress on standard error, a summary,
exit 1 with the readable error when the source fails or may not be harvested."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from app.models import HarvestSource
from tests.cli_helpers import run_kyhop
from tests.harvest.stub import Stub


@pytest.fixture
def env(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"KYHOP_DATABASE_URL": settings.effective_database_url,
            "KYHOP_DATA_DIR": str(settings.data_dir), "KYHOP_HARVEST_ALLOW": "127.0.0.1"}


async def _kyhop(args: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
    return await asyncio.to_thread(run_kyhop, args, env=env)


async def test_harvest_with_progress_then_again_incrementally(app, world, env, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    url = oparl.url("/system")
    done = await _kyhop(["harvest", url, "--council", str(world.council_a)], env)
    assert done.returncode == 0, done.stderr
    progress = done.stderr.splitlines()
    assert "meeting: 1 trang, 4 đối tượng" in progress  # two meetings, two agenda items inside
    assert "file: 1 trang, 2 đối tượng" in progress
    assert "Đã thu thập xong (toàn bộ)" in done.stdout and "Meeting          2" in done.stdout

    oparl.tick(hours=1)
    oparl.put("meeting", "2", name="Kỳ họp chuyên đề (đổi ngày)")
    oparl.tick(minutes=5)
    again = await _kyhop(["harvest", url, "--council", str(world.council_a)], env)
    assert again.returncode == 0, again.stderr
    assert "(phần thay đổi)" in again.stdout and "meeting: 1 trang, 1 đối tượng" in again.stderr
    async with app.state.db.unit_of_work(write=False) as uow:
        [source] = (await uow.session.scalars(select(HarvestSource))).all()
    assert (source.council_id, source.state, source.runs) == (world.council_a, "ok", 2)


async def test_a_failing_source_exits_1_with_the_reason(env, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/paper"] = "500"
    failed = await _kyhop(["harvest", oparl.url("/system")], env)
    assert failed.returncode == 1
    assert f"Máy chủ nguồn trả lời lỗi HTTP 500 tại {oparl.url('/body/1/paper')}" in failed.stderr
    assert "Traceback" not in failed.stderr


async def test_refusals(world, env, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    not_listed = await _kyhop(["harvest", oparl.url("/system")], {**env, "KYHOP_HARVEST_ALLOW": ""})
    assert not_listed.returncode == 1 and "KYHOP_HARVEST_ALLOW" in not_listed.stderr
    assert oparl.requests == []
    no_council = await _kyhop(["harvest", oparl.url("/system"), "--council", "999"], env)
    assert no_council.returncode == 1 and "Không tìm thấy" in no_council.stderr
    bad_setting = await _kyhop(["harvest", oparl.url("/system")],
                               {**env, "KYHOP_HARVEST_ALLOW": "không hợp lệ"})
    assert bad_setting.returncode == 2 and "KYHOP_HARVEST_ALLOW" in bad_setting.stderr
