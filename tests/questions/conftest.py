from __future__ import annotations

import pytest


@pytest.fixture
def questioning(client, world, respondents, new_meeting, add_item):  # type: ignore[no-untyped-def]
    """Makes a published meeting of council A with one agenda item; returns helpers to act on it."""

    class Questioning:
        meeting: int
        item: int

        async def setup(self, *, public: bool = True, start: bool = True) -> Questioning:
            meeting = await new_meeting(public=public)
            self.meeting = meeting["id"]
            self.item = (await add_item(self.meeting, "Chất vấn và trả lời chất vấn"))["id"]
            for action in ("publish", "start") if start else ("publish",):
                answer = await client.post(f"/api/v1/meetings/{self.meeting}/{action}",
                                           headers=world.headers("secretary"))
                assert answer.status_code == 200, answer.text
            return self

        async def ask(self, who: str = "deputy", text: str = "Tiến độ giải ngân vốn đầu tư công?",
                      **addressee: int):  # type: ignore[no-untyped-def]
            return await client.post(f"/api/v1/meetings/{self.meeting}/questions",
                                     json={"text": text, **addressee}, headers=world.headers(who))

        async def submitted(self, **addressee: int) -> dict:  # type: ignore[type-arg]
            answer = await self.ask(**addressee)
            assert answer.status_code == 201, answer.text
            return answer.json()  # type: ignore[no-any-return]

        async def decide(self, question_id: int, who: str = "secretary", **body: object):  # type: ignore[no-untyped-def]
            return await client.patch(f"/api/v1/questions/{question_id}", json=body,
                                      headers=world.headers(who))

        async def listed(self, who: str = "secretary") -> list[dict]:  # type: ignore[type-arg]
            answer = await client.get(f"/api/v1/meetings/{self.meeting}/questions",
                                      headers=world.headers(who))
            assert answer.status_code == 200, answer.text
            return answer.json()["items"]  # type: ignore[no-any-return]

        async def speaker(self, question_id: int, kind: str, who: str = "chair", **body: object) -> int:
            answer = await client.post(f"/api/v1/agenda-items/{self.item}/speakers",
                                       json={"kind": kind, "question_id": question_id, **body},
                                       headers=world.headers(who))
            assert answer.status_code == 201, answer.text
            return int(answer.json()["id"])

        async def turn(self, speaker_id: int) -> None:
            for action in ("start", "stop"):
                answer = await client.post(f"/api/v1/speakers/{speaker_id}/{action}",
                                           headers=world.headers("chair"))
                assert answer.status_code == 200, answer.text

        async def activate(self) -> None:
            answer = await client.post(f"/api/v1/agenda-items/{self.item}/activate",
                                       headers=world.headers("chair"))
            assert answer.status_code == 200, answer.text

        async def close(self) -> None:
            answer = await client.post(f"/api/v1/meetings/{self.meeting}/close",
                                       headers=world.headers("chair"))
            assert answer.status_code == 200, answer.text

    return Questioning()
