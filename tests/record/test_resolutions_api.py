"""The register of resolutions: numbers per council and year, distinct and gapless under
concurrency, a number taken twice refused; links to the poll and the text; who sees what."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.models import Membership
from tests.fixtures.world import _person

TITLE = "Nghị quyết về kế hoạch đầu tư công năm 2027"


@pytest.fixture
async def adopted(app, client, world, new_meeting, add_item):  # type: ignore[no-untyped-def]
    """A meeting in progress with a public and a closed item, each with an adopted poll."""
    meeting = await new_meeting()
    items = {"public": await add_item(meeting["id"], "Kế hoạch đầu tư công"),
             "closed": await add_item(meeting["id"], "Nhân sự", public=False)}
    chair = world.headers("chair")
    for action in ("publish", "start"):
        await client.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=world.headers("secretary"))
    for who in ("chair", "deputy"):
        await client.post(f"/api/v1/meetings/{meeting['id']}/check-in", headers=world.headers(who))
    polls: dict[str, Any] = {}
    for key, choice in (("public", 0), ("closed", 0), ("rejected", 1)):
        item = items["public" if key == "rejected" else key]
        await client.post(f"/api/v1/agenda-items/{item['id']}/activate", headers=chair)
        poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", json={"title": key},
                                  headers=chair)).json()
        await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)
        for who in ("chair", "deputy"):
            await client.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers(who),
                              json={"option_ids": [poll["options"][choice]["id"]]})
        await app.state.voting.settle()
        polls[key] = (await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)).json()
    return {"meeting": meeting["id"], "items": {k: v["id"] for k, v in items.items()}, "polls": polls}


async def _create(client, world, adopted, who: str = "secretary", **body: Any):  # type: ignore[no-untyped-def]
    body = {"title": TITLE, "agenda_item_id": adopted["items"]["public"], **body}
    return await client.post(f"/api/v1/meetings/{adopted['meeting']}/resolutions", json=body,
                             headers=world.headers(who))


async def test_the_server_numbers_each_year_from_one_and_links_the_poll(client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    first = await _create(client, world, adopted, poll_id=adopted["polls"]["public"]["id"])
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["number"] == "1/NQ-HĐND" and body["year"] == int(body["adopted_on"][:4])
    assert body["poll"]["passed"] is True and body["poll"]["outcome"] == "Thông qua"
    assert body["poll"]["counts"][0] == {"label": "Tán thành", "votes": 2}
    given = await _create(client, world, adopted, number="12/NQ-HĐND")
    assert given.status_code == 201 and given.json()["number"] == "12/NQ-HĐND"
    following = await _create(client, world, adopted)
    assert following.json()["number"] == "13/NQ-HĐND", "the next after the highest of the year"
    listed = (await client.get(f"/api/v1/councils/{world.council_a}/resolutions",
                               headers=world.headers("deputy"))).json()["items"]
    assert [r["number"] for r in listed] == ["1/NQ-HĐND", "12/NQ-HĐND", "13/NQ-HĐND"]


async def test_a_number_taken_is_refused_and_bad_input_is_a_clear_4xx(client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    assert (await _create(client, world, adopted, number="5/NQ-HĐND")).status_code == 201
    again = await _create(client, world, adopted, number=" 5 / NQ-HĐND ")
    assert again.status_code == 409 and again.json()["error"]["code"] == "number_taken"
    for body, status, code in (
            ({"number": "năm/NQ-HĐND"}, 422, "resolution_number_invalid"),
            ({"number": "0/NQ-HĐND"}, 422, "resolution_number_invalid"),
            ({"poll_id": adopted["polls"]["rejected"]["id"]}, 409, "poll_not_adopted"),
            ({"poll_id": adopted["polls"]["closed"]["id"]}, 422, "poll_not_in_item"),
            ({"agenda_item_id": 999_999}, 422, "item_not_in_meeting"),
            ({"document_id": 999_999}, 422, "document_not_in_meeting"),
            ({"title": ""}, 422, None)):
        answer = await _create(client, world, adopted, **body)
        assert answer.status_code == status, (body, answer.text)
        if code:
            assert answer.json()["error"]["code"] == code
    numbers = [r["number"] for r in (await client.get(
        f"/api/v1/meetings/{adopted['meeting']}/resolutions", headers=world.headers("secretary"))).json()["items"]]
    assert numbers == ["5/NQ-HĐND"], "nothing half-written"


async def test_two_secretaries_at_once_get_distinct_gapless_numbers(app, client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    async with app.state.db.unit_of_work() as uow:
        second = await _person(uow.session, world, "second_secretary")
        uow.session.add(Membership(council_id=world.council_a, user_id=second, role="secretary"))
    answers = await asyncio.gather(*(
        _create(client, world, adopted, who=("secretary", "second_secretary")[n % 2], title=f"{TITLE} ({n})")
        for n in range(16)))
    assert [a.status_code for a in answers] == [201] * 16, [a.text for a in answers if a.status_code != 201]
    numbers = sorted(int(a.json()["number"].split("/")[0]) for a in answers)
    assert numbers == list(range(1, 17))

    both = await asyncio.gather(*(_create(client, world, adopted, who=who, number="40/NQ-HĐND")
                                  for who in ("secretary", "second_secretary")))
    assert sorted(a.status_code for a in both) == [201, 409]
    assert [a.json()["error"]["code"] for a in both if a.status_code == 409] == ["number_taken"]


async def test_the_register_shows_the_public_its_public_resolutions(client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    public = (await _create(client, world, adopted)).json()
    closed = (await _create(client, world, adopted, agenda_item_id=adopted["items"]["closed"],
                            poll_id=adopted["polls"]["closed"]["id"])).json()
    assert public["public"] is True and closed["public"] is False
    url = f"/api/v1/councils/{world.council_a}/resolutions"
    for who, expected in (("secretary", {public["id"], closed["id"]}), ("deputy", {public["id"], closed["id"]}),
                          ("guest", {public["id"]}), ("outsider", {public["id"]}), ("other_secretary", {public["id"]}),
                          (None, {public["id"]})):
        answer = await client.get(url, headers=world.headers(who))
        assert answer.status_code == 200, (who, answer.text)
        assert {r["id"] for r in answer.json()["items"]} == expected, who
    assert (await client.get("/api/v1/councils/999999/resolutions")).status_code == 404
    bad_token = await client.get(url, headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401
    this_year = public["year"]
    assert (await client.get(f"{url}?year={this_year + 1}")).json()["items"] == []


async def test_only_the_secretariat_enters_resolutions(client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    for who, status in (("chair", 403), ("deputy", 403), ("guest", 403), ("outsider", 404),
                        ("other_secretary", 404), (None, 401)):
        answer = await _create(client, world, adopted, who=who or "anonymous")
        assert answer.status_code == status, (who, answer.text)


async def test_resolutions_are_entered_after_the_meeting_closed(client, world, adopted) -> None:  # type: ignore[no-untyped-def]
    await client.post(f"/api/v1/meetings/{adopted['meeting']}/close", headers=world.headers("chair"))
    answer = await _create(client, world, adopted, poll_id=adopted["polls"]["public"]["id"])
    assert answer.status_code == 201, answer.text


async def test_an_item_with_a_numbered_resolution_cannot_be_deleted(client, world, adopted, add_item) -> None:  # type: ignore[no-untyped-def]
    item = await add_item(adopted["meeting"], "Đề án không biểu quyết riêng")
    assert (await _create(client, world, adopted, agenda_item_id=item["id"])).status_code == 201
    refused = await client.delete(f"/api/v1/agenda-items/{item['id']}", headers=world.headers("secretary"))
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "agenda_item_has_resolutions"
    assert (await client.get(f"/api/v1/agenda-items/{item['id']}", headers=world.headers("secretary"))).status_code == 200
