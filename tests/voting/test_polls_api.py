"""Polls over HTTP: presets, the chair opening and closing, ballots, results, re-votes, exports."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Poll, PollChoice, PollVoter
from tests.contract import assert_error
from tests.voting.conftest import add_deputies, bearer

RESOLUTION = ["Tán thành", "Không tán thành", "Không biểu quyết"]


async def test_presets_make_the_expected_options(new_poll) -> None:  # type: ignore[no-untyped-def]
    resolution = await new_poll()
    assert resolution["state"] == "draft" and resolution["secret"] is False
    assert [o["label"] for o in resolution["options"]] == RESOLUTION
    assert (resolution["basis"], resolution["threshold"], resolution["max_choices"]) == ("seated", "majority", 1)
    confidence = await new_poll(preset="confidence", title="Lấy phiếu tín nhiệm Chủ tịch UBND")
    assert confidence["secret"] is True
    assert [o["label"] for o in confidence["options"]] == ["Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"]
    election = await new_poll(preset="election", title="Bầu Ủy viên UBND",
                              options=["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"], max_choices=2)
    assert election["secret"] is True and election["max_choices"] == 2
    custom = await new_poll(preset="custom", title="Chọn phương án", options=["Phương án 1", "Phương án 2"])
    assert [o["label"] for o in custom["options"]] == ["Phương án 1", "Phương án 2"]


@pytest.mark.parametrize(("body", "code"), [
    ({"preset": "resolution", "options": ["Có", "Không"]}, "options_fixed_by_preset"),
    ({"preset": "confidence", "secret": False}, "poll_must_be_secret"),
    ({"preset": "election", "options": ["A", "B"], "secret": False}, "poll_must_be_secret"),
    ({"preset": "election", "options": []}, "too_few_options"),
    ({"preset": "custom", "options": ["Một"]}, "too_few_options"),
    ({"preset": "custom", "options": ["Một", "một"]}, "duplicate_options"),
    ({"preset": "resolution", "max_choices": 2}, "single_choice_preset"),
    ({"preset": "election", "options": ["A", "B"], "max_choices": 3}, "max_choices_range"),
    ({"preset": "election", "options": ["A", "B"], "allow_change": True}, "secret_ballot_final"),
    ({"preset": "resolution", "secret": True, "allow_change": True}, "secret_ballot_final"),
    ({"preset": "referendum"}, "validation_error"),
    ({"preset": "resolution", "basis": "everyone"}, "validation_error"),
    ({"preset": "resolution", "threshold": "half"}, "validation_error"),
    ({"preset": "resolution", "title": ""}, "validation_error"),
    ({"preset": "resolution", "title": "Có\x00NUL"}, "validation_error"),
    ({"preset": "resolution", "duration_s": 0}, "validation_error"),
    ({"preset": "resolution", "extra": 1}, "validation_error"),
])
async def test_invalid_polls_are_422_and_write_nothing(client, world, hall, app, body, code) -> None:  # type: ignore[no-untyped-def]
    body = {"title": "Biểu quyết", **body}
    response = await client.post(f"/api/v1/agenda-items/{hall.item_id}/polls", json=body,
                                 headers=world.headers("chair"))
    assert_error(response, 422, code)
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(Poll)) == 0


async def test_a_whole_open_vote(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll()
    url = f"/api/v1/polls/{poll['id']}"
    yes, no, abstain = (o["id"] for o in poll["options"])
    # A draft is the chair's: to a deputy it does not exist yet; the chair cannot vote in it.
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [yes]},
                                   headers=world.headers("deputy")), 404)
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [yes]},
                                   headers=world.headers("chair")), 409, "poll_not_open")
    opened = await client.post(f"{url}/open", headers=world.headers("chair"))
    assert opened.status_code == 200, opened.text
    assert opened.json()["state"] == "open"
    assert opened.json()["progress"] == {"eligible": 2, "voted": 0}

    first = await client.post(f"{url}/ballots", json={"option_ids": [yes]}, headers=world.headers("deputy"))
    assert first.status_code == 201 and first.json() == {"accepted": True}
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [no]},
                                   headers=world.headers("deputy")), 409, "already_voted")
    for bad, code in (([], "no_option_chosen"), ([yes, yes], "option_chosen_twice"),
                      ([yes, no], "too_many_choices"), ([10**6], "invalid_option")):
        assert_error(await client.post(f"{url}/ballots", json={"option_ids": bad},
                                       headers=world.headers("chair")), 422, code)
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": ["một"]},
                                   headers=world.headers("chair")), 422, "validation_error")
    mine = (await client.get(url, headers=world.headers("deputy"))).json()
    assert mine["me"] == {"voted": True, "option_ids": [yes]}
    assert mine["progress"] == {"eligible": 2, "voted": 1}
    assert (await client.get(url, headers=world.headers("chair"))).json()["me"] == {"voted": False, "option_ids": None}

    assert (await client.post(f"{url}/ballots", json={"option_ids": [abstain]},
                              headers=world.headers("chair"))).status_code == 201
    closed = await client.post(f"{url}/close", headers=world.headers("chair"))
    assert closed.status_code == 200, closed.text
    result = closed.json()["result"]
    assert [c["votes"] for c in result["counts"]] == [1, 0, 1]
    # 2 seated: more than half needs 2; one tán thành is not enough.
    assert (result["base"], result["required"], result["passed"]) == (2, 2, False)
    assert result["outcome"] == "rejected"
    assert sorted((v["user_id"], v["option_ids"]) for v in result["votes"]) == sorted(
        [(world.users["deputy"], [yes]), (world.users["chair"], [abstain])])

    # Closed means closed, and the stored result never changes.
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [yes]},
                                   headers=world.headers("deputy")), 409, "poll_closed")
    assert_error(await client.post(f"{url}/close", headers=world.headers("chair")), 409, "poll_closed")
    assert_error(await client.post(f"{url}/open", headers=world.headers("chair")), 409, "poll_closed")
    again = (await client.get(url, headers=world.headers("guest"))).json()
    assert again["result"] == result and again["state"] == "closed"


async def test_more_than_half_of_the_seated_passes(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    """The issue's example: 50 seated, 30 present; 26 tán thành passes, 25 does not."""
    people = await add_deputies(app, world.council_a, hall.meeting_id, 48, present=False)
    # chair + deputy are present; 28 more check in → 30 of 50 present (quorum is 34: override).
    for _, token in people[:28]:
        assert (await client.post(f"/api/v1/meetings/{hall.meeting_id}/check-in",
                                  headers=bearer(token))).status_code == 200
    for votes_for, passes in ((26, True), (25, False)):
        poll = await new_poll()
        url = f"/api/v1/polls/{poll['id']}"
        refused = await client.post(f"{url}/open", headers=world.headers("chair"))
        error = assert_error(refused, 409, "not_quorate")
        assert error["details"] == {"present": 30, "seated": 50, "quorum_required": 34}
        assert (await client.post(f"{url}/open", json={"override_quorum": True},
                                  headers=world.headers("chair"))).status_code == 200
        yes, no, _ = (o["id"] for o in poll["options"])
        voters = [token for _, token in people[:28]] + [world.tokens["chair"], world.tokens["deputy"]]
        for index, token in enumerate(voters):
            choice = yes if index < votes_for else no
            assert (await client.post(f"{url}/ballots", json={"option_ids": [choice]},
                                      headers=bearer(token))).status_code == 201
        result = (await client.post(f"{url}/close", headers=world.headers("chair"))).json()["result"]
        assert (result["seated"], result["present"], result["cast"]) == (50, 30, 30)
        assert (result["base"], result["required"], result["passed"]) == (50, 26, passes)
    async with app.state.db.unit_of_work(write=False) as uow:
        overrides = await uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "poll.open_without_quorum"))
    assert overrides == 2


async def test_one_open_poll_per_meeting_and_meeting_must_be_in_progress(client, world, hall, new_poll, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    first, second = await new_poll(), await new_poll(title="Biểu quyết thứ hai")
    assert (await client.post(f"/api/v1/polls/{first['id']}/open", headers=world.headers("chair"))).status_code == 200
    assert_error(await client.post(f"/api/v1/polls/{second['id']}/open", headers=world.headers("chair")),
                 409, "another_poll_open")
    assert_error(await client.post(f"/api/v1/polls/{first['id']}/open", headers=world.headers("chair")),
                 409, "poll_already_open")
    # Two opens at once: exactly one wins (the database index is the last line of defence).
    await client.post(f"/api/v1/polls/{first['id']}/close", headers=world.headers("chair"))
    third = await new_poll(title="Biểu quyết thứ ba")
    answers = await asyncio.gather(*(client.post(f"/api/v1/polls/{p['id']}/open", headers=world.headers("chair"))
                                     for p in (second, third)))
    assert sorted(a.status_code for a in answers) == [200, 409]

    draft_meeting = await new_meeting(title="Kỳ họp chưa khai mạc")
    item = await add_item(draft_meeting["id"], "Nội dung")
    poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", json={"title": "Biểu quyết"},
                              headers=world.headers("chair"))).json()
    assert_error(await client.post(f"/api/v1/polls/{poll['id']}/open", headers=world.headers("chair")),
                 409, "meeting_not_in_progress")


async def test_eligibility(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll()
    url = f"/api/v1/polls/{poll['id']}"
    await client.post(f"{url}/open", headers=world.headers("chair"))
    yes = poll["options"][0]["id"]
    vote = {"option_ids": [yes]}
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=world.headers("deputy_no_vote")),
                 403, "no_voting_right")
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=world.headers("guest")), 403, "no_voting_right")
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=world.headers("secretary")), 403, "no_voting_right")
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=world.headers("other_secretary")), 404)
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=world.headers("outsider")), 404)
    assert_error(await client.post(f"{url}/ballots", json=vote), 401)
    # Not checked in: refused unless the poll says presence is not required.
    [(_, absent)] = await add_deputies(app, world.council_a, hall.meeting_id, 1, present=False)
    assert_error(await client.post(f"{url}/ballots", json=vote, headers=bearer(absent)), 403, "not_checked_in")
    await client.post(f"{url}/close", headers=world.headers("chair"))
    anywhere = await new_poll(require_presence=False)
    await client.post(f"/api/v1/polls/{anywhere['id']}/open", headers=world.headers("chair"))
    assert (await client.get(f"/api/v1/polls/{anywhere['id']}", headers=world.headers("chair"))).json()["progress"]["eligible"] == 3
    assert (await client.post(f"/api/v1/polls/{anywhere['id']}/ballots", json={"option_ids": [anywhere["options"][0]["id"]]},
                              headers=bearer(absent))).status_code == 201
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(PollVoter)) == 1


async def test_who_may_create_open_and_close(client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    create_url = f"/api/v1/agenda-items/{hall.item_id}/polls"
    body = {"title": "Biểu quyết"}
    for who, status in (("deputy", 403), ("deputy_no_vote", 403), ("guest", 403), ("other_secretary", 404),
                        ("outsider", 404), ("secretary", 201), ("admin", 201)):
        assert (await client.post(create_url, json=body, headers=world.headers(who))).status_code == status, who
    poll = await new_poll()
    # A draft does not exist for deputies and guests (404); an open poll is theirs to see (403).
    for action, seen in (("open", 404), ("close", 403)):
        for who, status in (("deputy", seen), ("guest", seen), ("other_secretary", 404), ("outsider", 404)):
            response = await client.post(f"/api/v1/polls/{poll['id']}/{action}", headers=world.headers(who))
            assert_error(response, status)
        assert (await client.post(f"/api/v1/polls/{poll['id']}/{action}",
                                  headers=world.headers("chair"))).status_code == 200


async def test_drafts_are_for_the_chair_and_hidden_items_not_for_guests(client, world, hall, new_poll, add_item) -> None:  # type: ignore[no-untyped-def]
    draft = await new_poll()
    assert_error(await client.get(f"/api/v1/polls/{draft['id']}", headers=world.headers("deputy")), 404)
    assert (await client.get(f"/api/v1/polls/{draft['id']}", headers=world.headers("secretary"))).status_code == 200
    listed = (await client.get(f"/api/v1/meetings/{hall.meeting_id}/polls", headers=world.headers("deputy"))).json()
    assert listed == {"items": []}
    closed_item = await add_item(hall.meeting_id, "Nhân sự (họp kín)", public=False)
    secret = (await client.post(f"/api/v1/agenda-items/{closed_item['id']}/polls",
                                json={"title": "Miễn nhiệm", "preset": "resolution", "secret": True,
                                      "threshold": "two_thirds"},
                                headers=world.headers("chair"))).json()
    await client.post(f"/api/v1/polls/{secret['id']}/open", headers=world.headers("chair"))
    assert (await client.get(f"/api/v1/polls/{secret['id']}", headers=world.headers("deputy"))).status_code == 200
    assert_error(await client.get(f"/api/v1/polls/{secret['id']}", headers=world.headers("guest")), 404)
    guest_list = (await client.get(f"/api/v1/meetings/{hall.meeting_id}/polls", headers=world.headers("guest"))).json()
    assert guest_list == {"items": []}


async def test_open_polls_may_allow_a_change_until_close(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll(allow_change=True)
    url = f"/api/v1/polls/{poll['id']}"
    yes, no, _ = (o["id"] for o in poll["options"])
    await client.post(f"{url}/open", headers=world.headers("chair"))
    for choice in (yes, no, yes, no):
        assert (await client.post(f"{url}/ballots", json={"option_ids": [choice]},
                                  headers=world.headers("deputy"))).status_code == 201
    result = (await client.post(f"{url}/close", headers=world.headers("chair"))).json()["result"]
    assert [c["votes"] for c in result["counts"]] == [0, 1, 0]
    assert result["cast"] == 1
    async with app.state.db.unit_of_work(write=False) as uow:
        assert await uow.session.scalar(select(func.count()).select_from(PollChoice)) == 1
        changes = await uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action.in_(["ballot.cast", "ballot.change"])))
    assert changes == 4


async def test_election_counts_each_candidate(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    people = await add_deputies(app, world.council_a, hall.meeting_id, 8)  # 10 seated and present
    poll = await new_poll(preset="election", title="Bầu 2 Ủy viên", max_choices=2,
                          options=["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"])
    url = f"/api/v1/polls/{poll['id']}"
    an, binh, cuong = (o["id"] for o in poll["options"])
    await client.post(f"{url}/open", headers=world.headers("chair"))
    ballots = [[an, binh]] * 6 + [[an, cuong]] * 3 + [[cuong]]
    tokens = [token for _, token in people] + [world.tokens["chair"], world.tokens["deputy"]]
    for token, choice in zip(tokens, ballots, strict=True):
        assert (await client.post(f"{url}/ballots", json={"option_ids": choice}, headers=bearer(token))).status_code == 201
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [an, binh, cuong]},
                                   headers=world.headers("chair")), 422, "too_many_choices")
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [binh]},
                                   headers=world.headers("chair")), 409, "already_voted")
    result = (await client.post(f"{url}/close", headers=world.headers("chair"))).json()["result"]
    assert [c["votes"] for c in result["counts"]] == [9, 6, 4]
    assert (result["required"], result["elected"], result["passed"]) == (6, [an, binh], True)
    assert "votes" not in result


async def test_revote_is_a_new_linked_poll(client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll(threshold="two_thirds")
    assert_error(await client.post(f"/api/v1/polls/{poll['id']}/revote", headers=world.headers("chair")),
                 409, "revote_needs_closed_poll")
    await client.post(f"/api/v1/polls/{poll['id']}/open", headers=world.headers("chair"))
    await client.post(f"/api/v1/polls/{poll['id']}/close", headers=world.headers("chair"))
    again = await client.post(f"/api/v1/polls/{poll['id']}/revote", headers=world.headers("chair"))
    assert again.status_code == 201
    assert (again.json()["revote_of"], again.json()["threshold"], again.json()["state"]) == (poll["id"], "two_thirds", "draft")
    assert again.json()["id"] != poll["id"]
    via_create = await client.post(f"/api/v1/agenda-items/{hall.item_id}/polls",
                                   json={"title": "Biểu quyết lại", "revote_of": poll["id"]},
                                   headers=world.headers("chair"))
    assert via_create.status_code == 201 and via_create.json()["revote_of"] == poll["id"]
    # The first poll and its result are untouched.
    first = (await client.get(f"/api/v1/polls/{poll['id']}", headers=world.headers("chair"))).json()
    assert first["state"] == "closed" and first["result"]["cast"] == 0


async def test_drafts_can_be_deleted_and_items_with_polls_cannot(client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll()
    assert_error(await client.delete(f"/api/v1/agenda-items/{hall.item_id}", headers=world.headers("secretary")),
                 409, "agenda_item_has_polls")
    assert_error(await client.delete(f"/api/v1/polls/{poll['id']}", headers=world.headers("deputy")), 404)
    assert (await client.delete(f"/api/v1/polls/{poll['id']}", headers=world.headers("chair"))).status_code == 204
    opened = await new_poll()
    await client.post(f"/api/v1/polls/{opened['id']}/open", headers=world.headers("chair"))
    assert_error(await client.delete(f"/api/v1/polls/{opened['id']}", headers=world.headers("chair")),
                 409, "poll_not_draft")


async def test_countdown_closes_the_poll(client, world, hall, new_poll, app) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll(duration_s=1)
    url = f"/api/v1/polls/{poll['id']}"
    opened = (await client.post(f"{url}/open", headers=world.headers("chair"))).json()
    assert opened["closes_at"] is not None
    assert (await client.post(f"{url}/ballots", json={"option_ids": [poll["options"][0]["id"]]},
                              headers=world.headers("deputy"))).status_code == 201
    await asyncio.sleep(1.05)
    # Past the deadline a ballot is refused even before the poll is formally closed.
    assert_error(await client.post(f"{url}/ballots", json={"option_ids": [poll["options"][0]["id"]]},
                                   headers=world.headers("chair")), 409, "poll_closed")
    await app.state.voting.close_overdue()
    closed = (await client.get(url, headers=world.headers("deputy"))).json()
    assert closed["state"] == "closed" and closed["result"]["cast"] == 1
    async with app.state.db.unit_of_work(write=False) as uow:
        actor = await uow.session.scalar(select(AuditEntry.actor_name).where(AuditEntry.action == "poll.close"))
    assert actor == "countdown"


async def test_exports(client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll()
    url = f"/api/v1/polls/{poll['id']}"
    assert_error(await client.get(f"{url}/result.csv", headers=world.headers("deputy")), 404)
    await client.post(f"{url}/open", headers=world.headers("chair"))
    assert_error(await client.get(f"{url}/result.csv", headers=world.headers("deputy")), 409, "poll_not_closed")
    yes = poll["options"][0]["id"]
    for who in ("chair", "deputy"):
        await client.post(f"{url}/ballots", json={"option_ids": [yes]}, headers=world.headers(who))
    await client.post(f"{url}/close", headers=world.headers("chair"))

    exported = await client.get(f"{url}/result.csv", headers=world.headers("guest"))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert ["Tán thành", "2", "100.00"] in rows
    assert ["Kết quả", "THÔNG QUA"] in rows
    assert [str(world.users["chair"]), "Người chair", "Tán thành"] in rows

    popolo = (await client.get(f"{url}/popolo", headers=world.headers("guest"))).json()
    assert popolo["result"] == "pass" and popolo["motion"]["text"] == poll["title"]
    assert {"option": "yes", "value": 2} in popolo["counts"]
    assert {v["voter_id"] for v in popolo["votes"]} == {f"person-{world.users[w]}" for w in ("chair", "deputy")}
    json.dumps(popolo)


async def test_who_has_not_voted_yet_in_an_open_poll(client, world, hall, new_poll) -> None:  # type: ignore[no-untyped-def]
    poll = await new_poll()
    url = f"/api/v1/polls/{poll['id']}"
    await client.post(f"{url}/open", headers=world.headers("chair"))
    await client.post(f"{url}/ballots", json={"option_ids": [poll["options"][0]["id"]]}, headers=world.headers("deputy"))
    listed = (await client.get(f"{url}/voters", headers=world.headers("chair"))).json()["items"]
    assert {(v["user_id"], v["voted"]) for v in listed} == {(world.users["deputy"], True), (world.users["chair"], False)}
    secret = await new_poll(secret=True, title="Bỏ phiếu kín")
    assert_error(await client.get(f"/api/v1/polls/{secret['id']}/voters", headers=world.headers("chair")),
                 409, "poll_is_secret")
