"""SIGKILL the server in the middle of a 300-ballot burst and start it again: every ballot that was
answered `accepted` is counted, none twice; the poll is still open; a tablet resumes with `since`
and misses nothing; the deputies whose answer was lost retry with their key and are counted once."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter

import httpx
from sqlalchemy import func, select

from app.models import PollOption, PollVoter
from tests.live.conftest import Tablet
from tests.live.test_multiprocess import Worker
from tests.voting.conftest import add_deputies, bearer

BURST = 300
KILL_AFTER = 80  # accepted answers seen before the kill


async def test_sigkill_during_a_ballot_burst(settings, world, app) -> None:  # type: ignore[no-untyped-def]
    env = {"KYHOP_DATABASE_URL": settings.effective_database_url, "KYHOP_DATA_DIR": str(settings.data_dir),
           "KYHOP_LOG_LEVEL": "WARNING"}
    worker = Worker(env)
    try:
        await worker.ready()
        async with httpx.AsyncClient(base_url=worker.base, timeout=30) as http:
            secretary, chair = world.headers("secretary"), world.headers("chair")
            meeting = (await http.post(f"/api/v1/councils/{world.council_a}/meetings", headers=secretary,
                                       json={"title": "Kỳ họp", "starts_at": "2026-12-08T08:00:00+07:00"})).json()
            item = (await http.post(f"/api/v1/meetings/{meeting['id']}/agenda", headers=secretary,
                                    json={"title": "Nghị quyết"})).json()
            for action in ("publish", "start"):
                await http.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
            people = await add_deputies(app, world.council_a, meeting["id"], BURST)
            poll = (await http.post(f"/api/v1/agenda-items/{item['id']}/polls", headers=chair,
                                    json={"title": "Thông qua Nghị quyết", "secret": True})).json()
            assert (await http.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)).status_code == 200
        options = [o["id"] for o in poll["options"]]
        choice = {user_id: options[n % 3] for n, (user_id, _) in enumerate(people)}

        device = Tablet(worker.ws(meeting["id"]), world.tokens["deputy"])
        await device.connect()
        await device.receive()

        accepted: set[int] = set()
        killed = asyncio.Event()

        async def vote(http: httpx.AsyncClient, user_id: int, token: str) -> None:
            try:
                response = await http.post(f"/api/v1/polls/{poll['id']}/ballots", json={"option_ids": [choice[user_id]]},
                                           headers={**bearer(token), "Idempotency-Key": f"ballot-{user_id}"})
            except httpx.HTTPError:
                return  # the answer was lost with the server
            assert response.status_code == 201, response.text
            accepted.add(user_id)
            if len(accepted) >= KILL_AFTER and not killed.is_set():
                killed.set()
                worker.stop(signal.SIGKILL)

        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=worker.base, timeout=30, limits=limits) as http:
            await asyncio.gather(*(vote(http, user_id, token) for user_id, token in people))
        assert killed.is_set() and KILL_AFTER <= len(accepted) < BURST, len(accepted)

        # Everything answered `accepted` is in the database, counted once.
        async with app.state.db.unit_of_work(write=False) as uow:
            voters = set(await uow.session.scalars(select(PollVoter.user_id).where(PollVoter.poll_id == poll["id"])))
            total = await uow.session.scalar(select(func.sum(PollOption.votes)).where(PollOption.poll_id == poll["id"]))
        assert accepted <= voters
        assert total == len(voters)

        worker = Worker(env)
        await worker.ready()
        seen = device.state.seq
        device.url = worker.ws(meeting["id"])
        await device.connect(since=seen)
        async with httpx.AsyncClient(base_url=worker.base, timeout=30) as http:
            state = (await http.get(f"/api/v1/polls/{poll['id']}", headers=chair)).json()
            assert state["state"] == "open"
            # Those who got no answer retry with the same key: counted once, whatever happened first.
            retried = [(user_id, token) for user_id, token in people if user_id not in accepted]
            for user_id, token in retried:
                response = await http.post(f"/api/v1/polls/{poll['id']}/ballots", json={"option_ids": [choice[user_id]]},
                                           headers={**bearer(token), "Idempotency-Key": f"ballot-{user_id}"})
                assert response.status_code == 201, response.text
            closed = (await http.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)).json()
        result = closed["result"]
        assert result["cast"] == BURST
        expected = Counter(choice.values())
        assert {c["option_id"]: c["votes"] for c in result["counts"]} == {o: expected[o] for o in options}
        # The tablet resumed on the new server without a gap (ClientState refuses gaps) and saw the close.
        while device.state.data.get("poll", {}) is None or device.state.data["poll"]["state"] != "closed":
            await device.receive(timeout=10)
        assert device.state.data["poll"]["result"] == result
        await device.close()
    finally:
        worker.stop()
