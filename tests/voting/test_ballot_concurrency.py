"""200 deputies vote at once, each tapping twice (the same key) and once more with another key
and another choice, then retrying the first key: one ballot each, totals exact, every `accepted`
answer counted, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.models import PollVoter
from tests.voting.conftest import add_deputies, bearer

DEPUTIES = 200


@pytest.mark.parametrize("secret", [True, False], ids=["secret", "open"])
async def test_200_deputies_double_tapping(client, world, hall, new_poll, app, secret) -> None:  # type: ignore[no-untyped-def]
    people = await add_deputies(app, world.council_a, hall.meeting_id, DEPUTIES)
    poll = await new_poll(secret=secret)
    url = f"/api/v1/polls/{poll['id']}"
    assert (await client.post(f"{url}/open", headers=world.headers("chair"))).status_code == 200
    options = [o["id"] for o in poll["options"]]

    async def vote(index: int, token: str, key: str, choice: int):  # type: ignore[no-untyped-def]
        response = await client.post(f"{url}/ballots", json={"option_ids": [choice]},
                                     headers={**bearer(token), "Idempotency-Key": key})
        return index, key, choice, response

    requests = []
    for index, (_, token) in enumerate(people):
        choice, other = options[index % 3], options[(index + 1) % 3]
        requests += [vote(index, token, f"k-{index}", choice), vote(index, token, f"k-{index}", choice),
                     vote(index, token, f"other-{index}", other)]
    answers = await asyncio.gather(*requests)
    retries = await asyncio.gather(*(vote(index, token, f"k-{index}", options[index % 3])
                                     for index, (_, token) in enumerate(people)))

    accepted: dict[int, set[int]] = {}
    first_key_answers: dict[int, list[int]] = {}
    for index, key, choice, response in [*answers, *retries]:
        assert response.status_code in (201, 409), response.text
        if response.status_code == 201:
            assert response.json() == {"accepted": True}
            accepted.setdefault(index, set()).add(choice)
        else:
            assert response.json()["error"]["code"] == "already_voted"
        if key.startswith("k-"):
            first_key_answers.setdefault(index, []).append(response.status_code)
    # Every deputy has exactly one accepted choice; the same key always got the same answer.
    assert sorted(accepted) == list(range(DEPUTIES))
    assert all(len(choices) == 1 for choices in accepted.values())
    assert all(len(set(codes)) == 1 for codes in first_key_answers.values()), first_key_answers

    closed = await client.post(f"{url}/close", headers=world.headers("chair"))
    result = closed.json()["result"]
    expected = Counter(next(iter(choices)) for choices in accepted.values())
    assert {c["option_id"]: c["votes"] for c in result["counts"]} == {o: expected[o] for o in options}
    assert result["cast"] == DEPUTIES
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(PollVoter)) == DEPUTIES
    if not secret:
        by_user = {vote["user_id"]: vote["option_ids"] for vote in result["votes"]}
        ids = [user_id for user_id, _ in people]
        assert {ids[i]: [next(iter(c))] for i, c in accepted.items()} == by_user
