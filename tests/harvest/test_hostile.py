"""Hostile sources: each is stopped with a readable error on the source (Vietnamese first), no
exception escapes, and what was harvested before stays as it was."""

from __future__ import annotations

import tracemalloc

import pytest

from app.i18n import translate
from tests.harvest.conftest import kept, run_settings, source_row
from tests.harvest.stub import Stub

MB = 1024 * 1024
# path of the stub → hostile answer → the error the source must show
CASES = [
    ("/system", "html", "harvest_html"),
    ("/system", "garbage", "harvest_not_system"),
    ("/bodies", "garbage", "harvest_bad_list"),
    ("/body/1/meeting", "bad_object", "harvest_bad_object"),
    ("/body/1/paper", "not_json", "harvest_not_json"),
    ("/body/1/file", "500", "harvest_http_status"),
    ("/body/1/meeting", "redirect_loop", "harvest_redirects"),
    ("/body/1/file", "huge", "harvest_too_large"),
    ("/body/1/file", "huge_declared", "harvest_too_large"),
    ("/body/1/meeting", "endless", "harvest_too_many_pages"),
    ("/body/1/meeting", "next_loop", "harvest_next_loop"),
    ("/body/1/meeting", "slow", "harvest_timeout"),
    ("/body/1/person", "trickle", "harvest_timeout"),
    ("/body/1/meeting", "redirect_to:http://127.0.0.2:{port}/oparl/body/1/meeting",
     "harvest_address_refused"),
]


@pytest.mark.parametrize(("path", "mode", "code"), CASES, ids=[f"{c[1].split(':')[0]}-{c[0]}" for c in CASES])
async def test_a_hostile_source_fails_readably_and_keeps_what_was_harvested(
        app, oparl: Stub, harvest, path: str, mode: str, code: str) -> None:  # type: ignore[no-untyped-def]
    source_id, first = await harvest(oparl.url("/system"))
    assert first.state == "ok"
    before = await kept(app, source_id)
    cursor = (await source_row(app, source_id)).next_modified_since

    oparl.tick(hours=1)
    oparl.traps[path] = mode.format(port=oparl.base.rsplit(":", 1)[1])
    _, result = await harvest(oparl.url("/system"))

    assert result.state == "failed" and result.error_code == code, result
    source = await source_row(app, source_id)
    assert (source.state, source.error_code) == ("failed", code)
    message = translate(code, "vi", **result.error_params)
    assert "{" not in message and message == translate(source.error_code, "vi", **result.error_params)
    assert await kept(app, source_id) == before
    assert source.next_modified_since == cursor  # the next run asks again for all it missed
    assert source.claimed_by == "" and source.claimed_until is None
    if mode.startswith("huge"):
        assert result.bytes < 30 * MB  # abandoned past the cap, not read to the end

    del oparl.traps[path]
    _, recovered = await harvest(oparl.url("/system"))
    assert recovered.state == "ok" and recovered.error_code == ""
    assert (await source_row(app, source_id)).error_code == ""


async def test_a_2_gb_answer_is_never_held_in_memory(app, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/file"] = "huge"
    tracemalloc.start()
    try:
        _, result = await harvest(oparl.url("/system"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error_code == "harvest_too_large"
    assert result.error_params["limit"] == "20 MB"
    assert 20 * MB < result.bytes < 30 * MB  # read up to the cap, then abandoned
    assert peak < 80 * MB, peak


async def test_a_lower_byte_cap_is_kept_too(app, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    _, result = await harvest(oparl.url("/system"), settings=run_settings(max_bytes=1024))
    assert result.error_code == "harvest_too_large" and result.error_params["limit"] == "1 KB"


async def test_messages_name_the_place_and_read_in_both_languages(app, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    oparl.traps["/body/1/file"] = "500"
    _, result = await harvest(oparl.url("/system"))
    vietnamese = translate(result.error_code, "vi", **result.error_params)
    english = translate(result.error_code, "en", **result.error_params)
    assert vietnamese == f"Máy chủ nguồn trả lời lỗi HTTP 500 tại {oparl.url('/body/1/file')}"
    assert english == f"The source server answered HTTP 500 at {oparl.url('/body/1/file')}"


async def test_an_unreachable_source(app, harvest) -> None:  # type: ignore[no-untyped-def]
    from tests.harvest.stub import free_port

    url = f"http://127.0.0.1:{free_port()}/oparl/system"
    _, result = await harvest(url, settings=run_settings())
    assert (result.state, result.error_code) == ("failed", "harvest_unreachable")
    assert result.error_params == {"host": "127.0.0.1"}

