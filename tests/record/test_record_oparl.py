"""The record in OParl: final minutes are the meeting's resultsProtocol; a public resolution's
text is a Paper of type Nghị quyết with its number."""

from __future__ import annotations

from app.kit.pdfgen import text_pdf


async def test_final_minutes_and_resolutions_are_published(app, client, world, new_meeting, add_item) -> None:  # type: ignore[no-untyped-def]
    secretary, chair = world.headers("secretary"), world.headers("chair")
    meeting = await new_meeting()
    item = await add_item(meeting["id"], "Nghị quyết về dự toán ngân sách năm 2027")
    text = await client.post(
        f"/api/v1/meetings/{meeting['id']}/documents", headers=secretary,
        data={"title": "Nghị quyết (văn bản)", "kind": "resolution", "agenda_item_id": str(item["id"])},
        files={"file": ("nq.pdf", text_pdf("Nghị quyết", ["Điều 1\nThông qua dự toán."]), "application/pdf")})
    assert text.status_code == 201, text.text
    for action in ("publish", "start"):
        await client.post(f"/api/v1/meetings/{meeting['id']}/{action}", headers=secretary)
    await client.post(f"/api/v1/agenda-items/{item['id']}/activate", headers=chair)
    for who in ("chair", "deputy"):
        await client.post(f"/api/v1/meetings/{meeting['id']}/check-in", headers=world.headers(who))
    poll = (await client.post(f"/api/v1/agenda-items/{item['id']}/polls", json={"title": "Thông qua"},
                              headers=chair)).json()
    await client.post(f"/api/v1/polls/{poll['id']}/open", headers=chair)
    for who in ("chair", "deputy"):
        await client.post(f"/api/v1/polls/{poll['id']}/ballots", headers=world.headers(who),
                          json={"option_ids": [poll["options"][0]["id"]]})
    await app.state.voting.settle()
    await client.post(f"/api/v1/polls/{poll['id']}/close", headers=chair)
    await client.post(f"/api/v1/meetings/{meeting['id']}/close", headers=chair)
    resolution = await client.post(f"/api/v1/meetings/{meeting['id']}/resolutions", headers=secretary, json={
        "title": "Nghị quyết về dự toán ngân sách năm 2027", "agenda_item_id": item["id"],
        "poll_id": poll["id"], "document_id": text.json()["id"]})
    assert resolution.status_code == 201, resolution.text
    final = await client.post(f"/api/v1/meetings/{meeting['id']}/minutes/finalize", headers=secretary)
    assert final.status_code == 200, final.text
    minutes_document = final.json()["document_id"]

    published = (await client.get(f"/oparl/v1/meetings/{meeting['id']}")).json()
    assert published["resultsProtocol"]["id"].endswith(f"/oparl/v1/files/{minutes_document}"), published
    paper = (await client.get(f"/oparl/v1/papers/{text.json()['id']}")).json()
    assert paper["paperType"] == "Nghị quyết" and paper["reference"] == resolution.json()["number"]
    assert paper["date"] == resolution.json()["adopted_on"]
    register = (await client.get(f"/api/v1/councils/{world.council_a}/resolutions")).json()["items"]
    assert [r["number"] for r in register] == [resolution.json()["number"]]
    assert register[0]["document"]["id"] == text.json()["id"]
