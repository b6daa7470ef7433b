"""Many meetings live at once on one server (a province and its communes): each meeting's events
reach its own tablets, in order and gapless, and never another meeting's."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx

from tests.live.conftest import Tablet
from tests.live.test_live_basics import _published_meeting

ITEMS_PER_MEETING = 5


async def meetings_stay_apart(servers: Sequence[tuple[httpx.AsyncClient, str]], world) -> None:  # type: ignore[no-untyped-def]
    """Four meetings — three of the province, one of its commune — with tablets spread over
    `servers` ((REST client, websocket base) per worker), changed all at once through every
    server in turn."""
    http = servers[0][0]
    plans = [(world.council_a, "secretary", ("deputy", "chair", "secretary")) for _ in range(3)]
    plans.append((world.council_b, "other_secretary", ("other_secretary",) * 3))
    meetings = [(await _published_meeting(http, world, council_id=council, editor=editor, title=f"Kỳ họp {n}"),
                 editor, readers) for n, (council, editor, readers) in enumerate(plans)]
    tablets: dict[int, list[Tablet]] = {}
    for n, (meeting_id, _, readers) in enumerate(meetings):
        tablets[meeting_id] = []
        for k, who in enumerate(readers):
            _, ws_base = servers[(n + k) % len(servers)]
            device = Tablet(f"{ws_base}/api/v1/meetings/{meeting_id}/live", world.tokens[who])
            await device.connect()
            await device.receive()
            tablets[meeting_id].append(device)

    async def change(n: int, meeting_id: int, editor: str) -> None:
        for k in range(ITEMS_PER_MEETING):
            client, _ = servers[(n + k) % len(servers)]
            response = await client.post(f"/api/v1/meetings/{meeting_id}/agenda", headers=world.headers(editor),
                                         json={"title": f"Họp {meeting_id}, mục {k}"})
            assert response.status_code == 201

    await asyncio.gather(*(change(n, meeting_id, editor) for n, (meeting_id, editor, _) in enumerate(meetings)))
    for meeting_id, devices in tablets.items():
        for device in devices:
            while len(device.state.data["agenda"]) < ITEMS_PER_MEETING:
                await device.receive()
            seqs = [m["seq"] for m in device.messages]
            assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "in order, without gaps"
            titles = [item["title"] for m in device.messages if m["type"] == "agenda.updated"
                      for item in m["data"]["items"]]
            assert titles and all(t.startswith(f"Họp {meeting_id},") for t in titles), titles
    await asyncio.sleep(0.3)  # anything else on its way would arrive by now
    for devices in tablets.values():
        for device in devices:
            assert device.pending() == 0, "a tablet got an event that was not its meeting's"
            await device.close()


async def test_meetings_live_at_once_stay_apart(live_server, http, world) -> None:  # type: ignore[no-untyped-def]
    await meetings_stay_apart([(http, live_server.ws_base)], world)
