"""Two chairs' consoles acting at once, over real connections to a real server: one order, never
two speakers at once, nothing lost; a deputy registering twice gets one entry.

The requests race over separate loopback connections to the app served by uvicorn in this test
(on PostgreSQL their transactions truly overlap and queue on the meeting's lock; on SQLite they
queue on the one writer), and, in the last test, across two `kyhop serve` processes sharing the
database (on SQLite, BEGIN IMMEDIATE between processes). A chair's tablet on the live channel
records every `speaker.updated`: gapless, never two speakers in one list, the last one equal to
`GET …/speakers`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.models import MeetingEvent, Speaker
from tests.contract import assert_error
from tests.floor.test_speakers_api import floor  # noqa: F401 (a fixture)
from tests.live.conftest import Tablet, live_server, tablet  # noqa: F401 (fixtures)
from tests.live.test_multiprocess import Worker, two_workers
from tests.voting.conftest import add_deputies, bearer

DEPUTIES = 8


class Console:
    """One person's screen: its own HTTP client (its own connections) to the server."""

    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=30, headers=bearer(token))

    async def start(self, speaker_id: int) -> httpx.Response:
        return await self.http.post(f"/api/v1/speakers/{speaker_id}/start")

    async def order(self, item_id: int, speaker_ids: list[int]) -> httpx.Response:
        return await self.http.put(f"/api/v1/agenda-items/{item_id}/speakers/order",
                                   json={"speaker_ids": speaker_ids})

    async def register(self, item_id: int, kind: str = "discussion", **body: Any) -> httpx.Response:
        return await self.http.post(f"/api/v1/agenda-items/{item_id}/speakers",
                                    json={"kind": kind, **body})

    async def speakers(self, item_id: int) -> list[dict[str, Any]]:
        answer = await self.http.get(f"/api/v1/agenda-items/{item_id}/speakers")
        assert answer.status_code == 200, answer.text
        items: list[dict[str, Any]] = answer.json()["items"]
        return items


@pytest.fixture
async def consoles(live_server, world) -> AsyncIterator[dict[str, Console]]:  # type: ignore[no-untyped-def]
    made = {who: Console(live_server.base, world.tokens[who]) for who in ("chair", "secretary")}
    yield made
    for console in made.values():
        await console.http.aclose()


@pytest.fixture
async def hall(client, world, floor, tablet, app):  # type: ignore[no-untyped-def]
    """The floor's item made current, DEPUTIES more deputies, and the chair's tablet connected
    (its snapshot read)."""
    answer = await client.post(f"/api/v1/agenda-items/{floor['item']}/activate",
                               headers=world.headers("chair"))
    assert answer.status_code == 200, answer.text
    people = await add_deputies(app, world.council_a, floor["meeting"], DEPUTIES)
    device = await tablet(floor["meeting"], "chair")
    snapshot = await device.receive()
    assert snapshot["type"] == "snapshot" and snapshot["data"]["speakers"] == []
    return {**floor, "people": people, "tablet": device}


class SpeakingSampler:
    """Counts, over and over while the consoles race, the speakers in state `speaking` in the
    meeting, straight from the database."""

    def __init__(self, app: Any, meeting_id: int) -> None:
        self.app, self.meeting_id = app, meeting_id
        self.samples: list[int] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        query = select(func.count()).select_from(Speaker).where(
            Speaker.meeting_id == self.meeting_id, Speaker.state == "speaking")
        while True:
            async with self.app.state.db.unit_of_work(write=False) as uow:
                self.samples.append(int(await uow.session.scalar(query) or 0))
            await asyncio.sleep(0.002)

    def __enter__(self) -> SpeakingSampler:
        self._task = asyncio.create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def _register_all(hall: dict[str, Any], live_server) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every added deputy registers at once, each from their own tablet: distinct positions."""
    async def one(token: str) -> httpx.Response:
        async with httpx.AsyncClient(base_url=live_server.base, timeout=30,
                                     headers=bearer(token)) as http:
            return await http.post(f"/api/v1/agenda-items/{hall['item']}/speakers",
                                   json={"kind": "discussion"})

    answers = await asyncio.gather(*(one(token) for _, token in hall["people"]))
    assert [a.status_code for a in answers] == [201] * DEPUTIES, [a.text for a in answers]
    made = [a.json() for a in answers]
    assert sorted(s["position"] for s in made) == list(range(1, DEPUTIES + 1))
    return made


async def _events(device: Tablet, count: int) -> list[dict[str, Any]]:
    """The next `count` messages (the tablet's state checks there is no gap), then silence."""
    got = [await device.receive(timeout=10) for _ in range(count)]
    with pytest.raises(TimeoutError):
        await device.receive(timeout=0.5)
    return got


def _check_lists(events: list[dict[str, Any]], item_id: int) -> None:
    """Every list a tablet was sent: this item's, at most one person speaking, one order of the
    waiting (distinct positions), and nobody who was done ever coming back."""
    done: set[int] = set()
    for event in events:
        assert event["type"] == "speaker.updated" and event["data"]["agenda_item_id"] == item_id
        speakers = event["data"]["speakers"]
        assert sum(s["state"] == "speaking" for s in speakers) <= 1, speakers
        waiting = [s["position"] for s in speakers if s["state"] == "waiting"]
        assert waiting == sorted(set(waiting)), speakers
        now_done = {s["id"] for s in speakers if s["state"] == "done"}
        assert done <= now_done, "a speaker who had finished is no longer done"
        done = now_done


async def _speaking_in_db(app, meeting_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work(write=False) as uow:
        return list(await uow.session.scalars(select(Speaker.id).where(
            Speaker.meeting_id == meeting_id, Speaker.state == "speaking")))


async def test_start_against_reorder_and_double_taps_give_one_order(hall, consoles, live_server,  # type: ignore[no-untyped-def]
                                                                    app) -> None:
    """Each round: the chair starts the first waiting speaker from two connections at once (a
    double tap) while the secretary's console sends the waiting list reversed."""
    item, chair, secretary = hall["item"], consoles["chair"], consoles["secretary"]
    registered = await _register_all(hall, live_server)
    announced = DEPUTIES
    started: list[int] = []
    with SpeakingSampler(app, hall["meeting"]) as sampler:
        while True:
            before = [s["id"] for s in await chair.speakers(item) if s["state"] == "waiting"]
            if len(before) < 2:
                break
            first, wanted = before[0], before[::-1]
            tap, again, reordered = await asyncio.gather(
                chair.start(first), chair.start(first), secretary.order(item, wanted))

            assert sorted([tap.status_code, again.status_code]) == [200, 409], (tap.text, again.text)
            won = tap if tap.status_code == 200 else again
            assert_error(again if won is tap else tap, 409, "speaker_wrong_state")
            assert won.json()["id"] == first and won.json()["state"] == "speaking"
            if reordered.status_code == 200:  # before the start: the whole reversed list
                assert [s["id"] for s in reordered.json()["items"]][:len(wanted)] == wanted
                expected = [i for i in wanted if i != first]
            else:  # after it: `first` was no longer waiting
                assert_error(reordered, 422, "speaker_order_mismatch")
                expected = before[1:]
            announced += 1 + (reordered.status_code == 200)
            started.append(first)

            after = await chair.speakers(item)
            assert [s["id"] for s in after if s["state"] == "waiting"] == expected
            positions = [s["position"] for s in after if s["state"] == "waiting"]
            assert len(set(positions)) == len(positions)
            assert [s["id"] for s in after if s["state"] == "speaking"] == [first]
            assert {s["id"] for s in after if s["state"] == "done"} == set(started[:-1])
            assert {s["id"] for s in after} == {s["id"] for s in registered}, "nobody lost"
    assert sampler.samples and max(sampler.samples) == 1
    assert await _speaking_in_db(app, hall["meeting"]) == [started[-1]]

    device: Tablet = hall["tablet"]
    events = await _events(device, announced)
    _check_lists(events, item)
    final = await chair.speakers(item)
    assert events[-1]["data"]["speakers"] == final
    assert device.state.data["speakers"] == final


async def test_two_consoles_starting_different_speakers_at_once(hall, consoles, live_server,  # type: ignore[no-untyped-def]
                                                                app) -> None:
    """The chair starts one speaker while the secretary starts another: both are answered 200
    (each was waiting), the later one holds the floor and the earlier one is done."""
    item, chair, secretary = hall["item"], consoles["chair"], consoles["secretary"]
    await _register_all(hall, live_server)
    rounds = DEPUTIES // 2
    for _ in range(rounds):
        waiting = [s["id"] for s in await chair.speakers(item) if s["state"] == "waiting"]
        one, two = waiting[0], waiting[-1]
        answers = await asyncio.gather(chair.start(one), secretary.start(two))
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        states = {s["id"]: s["state"] for s in await chair.speakers(item)}
        assert sorted([states[one], states[two]]) == ["done", "speaking"]
        assert await _speaking_in_db(app, hall["meeting"]) == [one if states[one] == "speaking"
                                                               else two]

    device: Tablet = hall["tablet"]
    events = await _events(device, DEPUTIES + 2 * rounds)
    _check_lists(events, item)
    final = await chair.speakers(item)
    assert events[-1]["data"]["speakers"] == final
    # The order the events give is the order the server applied: whoever started second in
    # each pair is the one still speaking, or done only because a later pair started.
    holders = [next(s["id"] for s in e["data"]["speakers"] if s["state"] == "speaking")
               for e in events[DEPUTIES:]]
    assert holders[-1] == next(s["id"] for s in final if s["state"] == "speaking")
    assert len(set(holders)) == len(holders) == 2 * rounds, "each start gave the floor once"
    assert {s["state"] for s in final} == {"done", "speaking"}


async def test_a_deputy_registering_twice_gets_one_entry(hall, consoles, live_server,  # type: ignore[no-untyped-def]
                                                         world, app) -> None:
    """Every deputy taps twice (two connections) while the chair's console puts them on the list
    too, all at once: one waiting entry each, the other two refused with `already_waiting`. A
    second kind at the same moment is a second entry."""
    item, chair = hall["item"], consoles["chair"]
    tablets = [Console(live_server.base, token) for _, token in hall["people"]]
    try:
        calls = []
        for (user_id, _), mine in zip(hall["people"], tablets, strict=True):
            calls += [mine.register(item), mine.register(item), chair.register(item, user_id=user_id),
                      mine.register(item, "debate")]
        answers = await asyncio.gather(*calls)
    finally:
        for console in tablets:
            await console.http.aclose()

    for index, (user_id, _) in enumerate(hall["people"]):
        discussion, debate = answers[4 * index:4 * index + 3], answers[4 * index + 3]
        assert sorted(a.status_code for a in discussion) == [201, 409, 409], [a.text for a in discussion]
        for refused in (a for a in discussion if a.status_code == 409):
            assert_error(refused, 409, "already_waiting")
        assert debate.status_code == 201, debate.text
        assert {a.json()["user_id"] for a in (*discussion, debate) if a.status_code == 201} == {user_id}
    async with app.state.db.unit_of_work(write=False) as uow:
        rows = (await uow.session.execute(select(Speaker.user_id, Speaker.kind, func.count())
                                          .where(Speaker.agenda_item_id == item)
                                          .group_by(Speaker.user_id, Speaker.kind))).all()
    assert sorted(rows) == sorted((user_id, kind, 1) for user_id, _ in hall["people"]
                                  for kind in ("discussion", "debate"))
    final = await chair.speakers(item)
    positions = [s["position"] for s in final]
    assert sorted(positions) == list(range(1, 2 * DEPUTIES + 1)), "one place each, no gaps"

    device: Tablet = hall["tablet"]
    events = await _events(device, 2 * DEPUTIES)
    _check_lists(events, item)
    assert events[-1]["data"]["speakers"] == final
    # The entries were announced one at a time: each list is the previous one plus one.
    assert [len(e["data"]["speakers"]) for e in events] == list(range(1, 2 * DEPUTIES + 1))


@pytest.fixture
async def two_servers(settings, world) -> AsyncIterator[list[Worker]]:  # type: ignore[no-untyped-def]
    """Two `kyhop serve` processes on this test's database (no broker: nothing here needs the
    other worker's events live)."""
    async with two_workers(settings) as started:
        yield started


async def test_two_server_processes_double_tapping(client, world, floor, two_servers, app) -> None:  # type: ignore[no-untyped-def]
    """The chair's console on one worker and the secretary's on the other: double taps on start
    and on registering, across processes. One speaker, one entry each, events numbered without
    gaps or duplicates."""
    item = floor["item"]
    people = await add_deputies(app, world.council_a, floor["meeting"], DEPUTIES)
    one, two = two_servers
    async with contextlib.AsyncExitStack() as stack:
        def on(worker: Worker, token: str) -> httpx.AsyncClient:
            return httpx.AsyncClient(base_url=worker.base, timeout=30, headers=bearer(token))

        chair = await stack.enter_async_context(on(one, world.tokens["chair"]))
        secretary = await stack.enter_async_context(on(two, world.tokens["secretary"]))
        url = f"/api/v1/agenda-items/{item}/speakers"
        calls = []
        for user_id, token in people:
            mine_one = await stack.enter_async_context(on(one, token))
            mine_two = await stack.enter_async_context(on(two, token))
            calls += [mine_one.post(url, json={"kind": "discussion"}),
                      mine_two.post(url, json={"kind": "discussion"}),
                      secretary.post(url, json={"kind": "discussion", "user_id": user_id})]
        answers = await asyncio.gather(*calls)
        for index in range(DEPUTIES):
            codes = sorted(a.status_code for a in answers[3 * index:3 * index + 3])
            assert codes == [201, 409, 409], [a.text for a in answers[3 * index:3 * index + 3]]

        started = []
        for _ in range(DEPUTIES):
            waiting = [s["id"] for s in (await chair.get(url)).json()["items"]
                       if s["state"] == "waiting"]
            taps = await asyncio.gather(*(console.post(f"/api/v1/speakers/{waiting[0]}/start")
                                          for console in (chair, secretary, chair, secretary)))
            assert sorted(t.status_code for t in taps) == [200, 409, 409, 409], [t.text for t in taps]
            started.append(waiting[0])
        final = (await secretary.get(url)).json()["items"]

    assert [s["id"] for s in final if s["state"] == "speaking"] == [started[-1]]
    assert sorted(s["id"] for s in final if s["state"] == "done") == sorted(started[:-1])
    assert len(final) == DEPUTIES
    assert await _speaking_in_db(app, floor["meeting"]) == [started[-1]]
    async with app.state.db.unit_of_work(write=False) as uow:
        seqs = list(await uow.session.scalars(select(MeetingEvent.seq).where(
            MeetingEvent.meeting_id == floor["meeting"]).order_by(MeetingEvent.seq)))
        floor_events = await uow.session.scalar(select(func.count()).select_from(MeetingEvent).where(
            MeetingEvent.meeting_id == floor["meeting"], MeetingEvent.type == "speaker.updated"))
    assert seqs == list(range(1, len(seqs) + 1))
    assert floor_events == 2 * DEPUTIES, "one event per registration and per start"
