"""For every kind of change: snapshot(n) + the events after n == a fresh snapshot, for each kind
of reader (secretariat, deputy, guest). One generic check applied to each action."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from app.kit.pdfgen import text_pdf

PDF = text_pdf("Tờ trình", ["Một\nNội dung về đất đai."])
PDF_V2 = text_pdf("Tờ trình (sửa)", ["Một\nNội dung sửa đổi.", "Hai\nPhụ lục."])


@dataclass
class Scene:
    http: Any
    world: Any
    meeting_id: int
    items: dict[str, int]
    documents: dict[str, int]
    settle: Callable[[], Awaitable[None]]

    def as_(self, who: str) -> dict[str, str]:
        return self.world.headers(who)

    async def upload(self, title: str, *, confidential: bool = False, item: str | None = None) -> int:
        data = {"title": title, "confidential": str(confidential).lower()}
        if item:
            data["agenda_item_id"] = str(self.items[item])
        response = await self.http.post(f"/api/v1/meetings/{self.meeting_id}/documents", data=data,
                                        files={"file": ("t.pdf", PDF, "application/pdf")},
                                        headers=self.as_("secretary"))
        assert response.status_code == 201, response.text
        return response.json()["id"]


async def _scene(http, world, settle) -> Scene:  # type: ignore[no-untyped-def]
    secretary = world.headers("secretary")
    meeting = (await http.post(f"/api/v1/councils/{world.council_a}/meetings", headers=secretary,
                               json={"title": "Kỳ họp", "starts_at": "2026-12-08T08:00:00+07:00"})).json()
    scene = Scene(http, world, meeting["id"], {}, {}, settle)
    for key, body in (("open", {"title": "Khai mạc"}), ("closed", {"title": "Nhân sự", "public": False}),
                      ("talk", {"title": "Thảo luận"})):
        scene.items[key] = (await http.post(f"/api/v1/meetings/{meeting['id']}/agenda", json=body,
                                            headers=secretary)).json()["id"]
    scene.items["child"] = (await http.post(
        f"/api/v1/meetings/{meeting['id']}/agenda", json={"title": "Tờ trình", "parent_id": scene.items["talk"]},
        headers=secretary)).json()["id"]
    scene.documents["public"] = await scene.upload("Công khai", item="child")
    scene.documents["secret"] = await scene.upload("Mật", confidential=True)
    scene.documents["on_closed_item"] = await scene.upload("Theo mục kín", item="closed")
    await http.post(f"/api/v1/meetings/{meeting['id']}/publish", headers=secretary)
    await http.post(f"/api/v1/meetings/{meeting['id']}/start", headers=world.headers("chair"))
    return scene


async def _ok(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 300, response.text


Action = Callable[[Scene], Awaitable[None]]


async def edit_meeting(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/meetings/{s.meeting_id}", json={"location": "Phòng 2"},
                                 headers=s.as_("secretary")))


async def close_meeting(s: Scene) -> None:
    await activate(s)
    await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/close", headers=s.as_("chair")))


async def add_item(s: Scene) -> None:
    await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/agenda",
                                json={"title": "Mục mới", "position": 0}, headers=s.as_("secretary")))


async def edit_item(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/agenda-items/{s.items['open']}",
                                 json={"title": "Khai mạc (sửa)"}, headers=s.as_("secretary")))


async def hide_item(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/agenda-items/{s.items['talk']}", json={"public": False},
                                 headers=s.as_("secretary")))


async def reveal_item(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/agenda-items/{s.items['closed']}", json={"public": True},
                                 headers=s.as_("secretary")))


async def move_item(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/agenda-items/{s.items['child']}",
                                 json={"parent_id": None, "position": 0}, headers=s.as_("secretary")))


async def reorder(s: Scene) -> None:
    order = [s.items[k] for k in ("talk", "child", "closed", "open")]
    await _ok(await s.http.put(f"/api/v1/meetings/{s.meeting_id}/agenda/order",
                               json={"item_ids": order}, headers=s.as_("secretary")))


async def delete_item(s: Scene) -> None:
    await _ok(await s.http.delete(f"/api/v1/agenda-items/{s.items['open']}", headers=s.as_("secretary")))


async def activate(s: Scene) -> None:
    for key in ("open", "closed", "child"):
        await _ok(await s.http.post(f"/api/v1/agenda-items/{s.items[key]}/activate",
                                    headers=s.as_("chair")))


async def upload_public(s: Scene) -> None:
    await s.upload("Báo cáo mới", item="open")


async def upload_secret(s: Scene) -> None:
    await s.upload("Mật mới", confidential=True)


async def new_version(s: Scene) -> None:
    for key in ("public", "secret"):
        await _ok(await s.http.post(f"/api/v1/documents/{s.documents[key]}/versions",
                                    files={"file": ("v2.pdf", PDF_V2, "application/pdf")},
                                    headers=s.as_("secretary")))


async def make_confidential(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/documents/{s.documents['public']}",
                                 json={"confidential": True}, headers=s.as_("secretary")))


async def make_public(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/documents/{s.documents['secret']}",
                                 json={"confidential": False, "title": "Hết mật"},
                                 headers=s.as_("secretary")))


async def move_document(s: Scene) -> None:
    await _ok(await s.http.patch(f"/api/v1/documents/{s.documents['on_closed_item']}",
                                 json={"agenda_item_id": s.items["open"]}, headers=s.as_("secretary")))


async def delete_documents(s: Scene) -> None:
    for key in ("public", "secret"):
        await _ok(await s.http.delete(f"/api/v1/documents/{s.documents[key]}",
                                      headers=s.as_("secretary")))


async def take_attendance(s: Scene) -> None:
    await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/check-in", headers=s.as_("deputy")))
    await _ok(await s.http.put(f"/api/v1/meetings/{s.meeting_id}/attendance/{s.world.users['chair']}",
                               json={"status": "excused", "reason": "Đi công tác"},
                               headers=s.as_("secretary")))
    await _ok(await s.http.put(f"/api/v1/meetings/{s.meeting_id}/attendance/{s.world.users['chair']}",
                               json={"status": "online"}, headers=s.as_("chair")))


async def _poll(s: Scene, item: str, **body: Any) -> dict[str, Any]:
    response = await s.http.post(f"/api/v1/agenda-items/{s.items[item]}/polls", headers=s.as_("chair"),
                                 json={"title": "Biểu quyết", **body})
    assert response.status_code == 201, response.text
    return response.json()


async def _vote(s: Scene, poll: dict[str, Any], who: str, position: int) -> None:
    await _ok(await s.http.post(f"/api/v1/polls/{poll['id']}/ballots", headers=s.as_(who),
                                json={"option_ids": [poll["options"][position]["id"]]}))


async def _open(s: Scene, poll: dict[str, Any]) -> None:
    for who in ("deputy", "chair"):
        await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/check-in", headers=s.as_(who)))
    await _ok(await s.http.post(f"/api/v1/polls/{poll['id']}/open", headers=s.as_("chair")))


async def run_open_vote(s: Scene) -> None:
    poll = await _poll(s, "open")
    await _open(s, poll)
    await _vote(s, poll, "deputy", 0)
    await s.settle()
    await _vote(s, poll, "chair", 1)
    await s.settle()


async def close_vote(s: Scene) -> None:
    poll = await _poll(s, "open")
    await _open(s, poll)
    await _vote(s, poll, "deputy", 0)
    await _ok(await s.http.post(f"/api/v1/polls/{poll['id']}/close", headers=s.as_("chair")))
    await s.settle()


async def secret_vote_on_closed_item(s: Scene) -> None:
    poll = await _poll(s, "closed", preset="confidence")
    await _open(s, poll)
    await _vote(s, poll, "deputy", 2)
    await s.settle()
    # Who may vote changes while the poll is open: progress follows attendance.
    await _ok(await s.http.put(f"/api/v1/meetings/{s.meeting_id}/attendance/{s.world.users['chair']}",
                               json={"status": "absent"}, headers=s.as_("secretary")))
    await _ok(await s.http.post(f"/api/v1/polls/{poll['id']}/close", headers=s.as_("chair")))


async def _speaker(s: Scene, item: str, who: str, kind: str = "discussion") -> int:
    response = await s.http.post(f"/api/v1/agenda-items/{s.items[item]}/speakers", json={"kind": kind},
                                 headers=s.as_(who))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def take_the_floor(s: Scene) -> None:
    await activate(s)  # "child" is current, a public item
    first = await _speaker(s, "child", "deputy")
    second = await _speaker(s, "child", "chair", "debate")
    await _ok(await s.http.put(f"/api/v1/agenda-items/{s.items['child']}/speakers/order",
                               json={"speaker_ids": [second, first]}, headers=s.as_("chair")))
    for action in ("start", "pause", "resume"):
        await _ok(await s.http.post(f"/api/v1/speakers/{second}/{action}", headers=s.as_("chair")))
    await _ok(await s.http.post(f"/api/v1/speakers/{second}/extend", json={"seconds": 60},
                                headers=s.as_("chair")))
    point = await _speaker(s, "child", "deputy", "point_of_order")
    await _ok(await s.http.post(f"/api/v1/speakers/{point}/start", headers=s.as_("chair")))
    await _ok(await s.http.post(f"/api/v1/speakers/{point}/stop", headers=s.as_("chair")))
    await _ok(await s.http.post(f"/api/v1/speakers/{first}/start", headers=s.as_("chair")))
    await _ok(await s.http.patch(f"/api/v1/agenda-items/{s.items['child']}", json={"speakers_closed": True},
                                 headers=s.as_("chair")))


async def speakers_on_a_closed_item(s: Scene) -> None:
    for key in ("open", "closed"):
        await _ok(await s.http.post(f"/api/v1/agenda-items/{s.items[key]}/activate",
                                    headers=s.as_("chair")))
    speaker = await _speaker(s, "closed", "deputy")
    await _ok(await s.http.post(f"/api/v1/speakers/{speaker}/start", headers=s.as_("chair")))
    await _ok(await s.http.delete(f"/api/v1/speakers/{await _speaker(s, 'closed', 'chair')}",
                                  headers=s.as_("chair")))


async def withdraw_and_move_on(s: Scene) -> None:
    waiting = await _speaker(s, "open", "deputy")
    await _speaker(s, "child", "deputy")
    await _ok(await s.http.delete(f"/api/v1/speakers/{waiting}", headers=s.as_("deputy")))
    await activate(s)  # ends on "child", whose list was filled before it became current


async def _question(s: Scene, text: str, **addressee: int) -> int:
    response = await s.http.post(f"/api/v1/meetings/{s.meeting_id}/questions",
                                 json={"text": text, **addressee}, headers=s.as_("deputy"))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def _on_question(s: Scene, question: int, kind: str, who: str = "chair") -> int:
    response = await s.http.post(f"/api/v1/agenda-items/{s.items['child']}/speakers",
                                 json={"kind": kind, "question_id": question}, headers=s.as_(who))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def question_time(s: Scene) -> None:
    """Submitted, grouped, accepted or refused; asked, answered and followed up on the floor;
    a commitment recorded and kept."""
    users = s.world.users
    asked = await _question(s, "Tiến độ giải ngân vốn đầu tư công?", respondent_id=users["respondent"])
    refused = await _question(s, "Câu hỏi trùng lặp", respondent_id=users["other_respondent"])
    topic = (await s.http.post(f"/api/v1/meetings/{s.meeting_id}/question-topics",
                               json={"title": "Đầu tư công", "respondent_ids": [users["respondent"]]},
                               headers=s.as_("secretary"))).json()["id"]
    await _ok(await s.http.patch(f"/api/v1/questions/{asked}", json={"state": "accepted", "topic_id": topic},
                                 headers=s.as_("secretary")))
    await _ok(await s.http.patch(f"/api/v1/questions/{refused}", json={"state": "rejected", "reason": "Trùng"},
                                 headers=s.as_("secretary")))
    await activate(s)
    for kind in ("question", "answer", "question"):  # the question, its answer, a follow-up
        speaker = await _on_question(s, asked, kind)
        await _ok(await s.http.post(f"/api/v1/speakers/{speaker}/start", headers=s.as_("chair")))
        await _ok(await s.http.post(f"/api/v1/speakers/{speaker}/stop", headers=s.as_("chair")))
    commitment = await s.http.post(f"/api/v1/questions/{asked}/commitments", headers=s.as_("secretary"),
                                   json={"text": "Giải ngân 95% trong quý I", "due_on": "2027-03-31"})
    await _ok(commitment)
    await _ok(await s.http.patch(f"/api/v1/commitments/{commitment.json()['id']}", json={"state": "done"},
                                 headers=s.as_("secretary")))


async def written_answers(s: Scene) -> None:
    """Left to writing, or cut short on the floor by the close: due once the meeting closed,
    then answered in writing with a PDF."""
    users = s.world.users
    written = await _question(s, "Kế hoạch xây trạm y tế xã?", respondent_id=users["other_respondent"])
    not_reached = await _question(s, "Cấp nước sạch?", respondent_id=users["respondent"])
    await _ok(await s.http.patch(f"/api/v1/questions/{written}", json={"state": "written"},
                                 headers=s.as_("secretary")))
    await _ok(await s.http.patch(f"/api/v1/questions/{not_reached}", json={"state": "accepted"},
                                 headers=s.as_("secretary")))
    await activate(s)
    asking = await _on_question(s, not_reached, "question")
    await _ok(await s.http.post(f"/api/v1/speakers/{asking}/start", headers=s.as_("chair")))
    await close_meeting(s)  # the question is cut short: its speaker ends, the answer is written
    await _ok(await s.http.post(f"/api/v1/questions/{written}/answer", data={"text": "Đã bố trí vốn."},
                                files={"file": ("tra-loi.pdf", PDF, "application/pdf")},
                                headers=s.as_("other_respondent")))


async def write_minutes(s: Scene) -> None:
    """Summaries written (and rewritten) on a public and on a closed item."""
    for item, text in (("open", "Đại biểu thống nhất chương trình."), ("closed", "Thảo luận về nhân sự."),
                       ("open", "Đại biểu thống nhất chương trình kỳ họp.")):
        await _ok(await s.http.put(f"/api/v1/meetings/{s.meeting_id}/minutes/notes/{s.items[item]}",
                                   json={"text": text}, headers=s.as_("secretary")))


async def finalize_minutes(s: Scene) -> None:
    await write_minutes(s)
    await close_meeting(s)
    await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/minutes/finalize", headers=s.as_("secretary")))


async def register_resolutions(s: Scene) -> None:
    """Adopted on a public and on a closed item, numbered by the server and by hand."""
    for item, number in (("open", None), ("closed", "7/NQ-HĐND")):
        poll = await _poll(s, item)
        await _open(s, poll)
        for who in ("deputy", "chair"):
            await _vote(s, poll, who, 0)
        await _ok(await s.http.post(f"/api/v1/polls/{poll['id']}/close", headers=s.as_("chair")))
        await s.settle()
        body = {"title": "Nghị quyết về kế hoạch đầu tư công", "agenda_item_id": s.items[item],
                "poll_id": poll["id"], **({"number": number} if number else {})}
        await _ok(await s.http.post(f"/api/v1/meetings/{s.meeting_id}/resolutions", json=body,
                                    headers=s.as_("secretary")))


ACTIONS: list[Action] = [write_minutes, finalize_minutes, register_resolutions, question_time, written_answers, take_the_floor, speakers_on_a_closed_item, withdraw_and_move_on, run_open_vote, close_vote, secret_vote_on_closed_item, take_attendance, edit_meeting, close_meeting, add_item, edit_item, hide_item, reveal_item,
                         move_item, reorder, delete_item, activate, upload_public, upload_secret,
                         new_version, make_confidential, make_public, move_document, delete_documents]
READERS = ("secretary", "deputy", "guest", "respondent")


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
async def test_snapshot_plus_events_equals_fresh_snapshot(http, world, respondents, tablet, action, app) -> None:  # type: ignore[no-untyped-def]
    scene = await _scene(http, world, app.state.voting.settle)
    tablets = {who: await tablet(scene.meeting_id, who) for who in READERS}
    for device in tablets.values():
        await device.receive()
    before = {who: device.state.seq for who, device in tablets.items()}

    await action(scene)

    seq = (await http.get(f"/api/v1/meetings/{scene.meeting_id}", headers=world.headers("secretary"))).json()["seq"]
    assert seq > before["secretary"], "the action recorded no event"
    for who, device in tablets.items():
        await device.receive_until(seq)
        fresh = await tablet(scene.meeting_id, who)
        await fresh.receive()
        assert fresh.state.seq == seq
        assert device.state.comparable() == fresh.state.comparable(), who
    guest_seen = [m for m in tablets["guest"].messages[1:]]
    for message in guest_seen:
        assert "Mật" not in str(message.get("data")), message
