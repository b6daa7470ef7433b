"""KYHOP_HARVEST_ALLOW: loopback and private addresses only when listed — refused when a source is
added (422), and where the harvester connects, whatever name or redirect led there."""

from __future__ import annotations

import pytest

from app.harvest.client import Fetcher
from app.harvest.errors import HarvestError
from app.harvest.policy import AllowList
from app.harvest.runner import RunSettings
from tests.contract import assert_error
from tests.harvest.conftest import LOOPBACK, TEST_LIMITS, run_settings
from tests.harvest.stub import Stub

INTERNAL = ["http://127.0.0.1:8000/oparl/v1/system", "http://localhost/oparl/v1/system",
            "http://[::1]:8000/oparl/v1/system", "http://10.20.30.40/oparl/v1/system",
            "http://169.254.169.254/latest/meta-data/"]


@pytest.mark.parametrize("url", INTERNAL)
async def test_an_internal_address_not_listed_is_refused_when_added(client, world, db, url) -> None:  # type: ignore[no-untyped-def]
    before = await db.snapshot()
    response = await client.post(f"/api/v1/councils/{world.council_a}/sources", json={"url": url},
                                 headers=world.headers("admin"))
    error = assert_error(response, 422, "source_url_not_allowed")
    assert "KYHOP_HARVEST_ALLOW" in error["message"] and error["message"].startswith("Không được phép")
    assert await db.snapshot() == before


@pytest.mark.parametrize("url", ["ftp://oparl.example.org/system", "không phải địa chỉ",
                                 "http://quan.tri:mat-khau@oparl.example.org/system"])
async def test_what_is_not_an_http_url_is_refused(client, world, url) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/api/v1/councils/{world.council_a}/sources", json={"url": url},
                                 headers=world.headers("admin"))
    assert_error(response, 422, "source_url_invalid")


async def test_a_listed_loopback_may_be_added(app, client, world, oparl: Stub) -> None:  # type: ignore[no-untyped-def]
    app.state.harvest.run_settings = run_settings()
    response = await client.post(f"/api/v1/councils/{world.council_a}/sources",
                                 json={"url": oparl.url("/system")}, headers=world.headers("admin"))
    assert response.status_code == 201, response.text


async def test_the_connection_itself_is_checked_whatever_the_name(oparl: Stub) -> None:
    """"localhost" is a name: it passes no check of the URL's text, but resolves to loopback."""
    by_name = oparl.url("/system").replace("127.0.0.1", "localhost")
    async with Fetcher(AllowList(), TEST_LIMITS) as fetcher:
        with pytest.raises(HarvestError) as caught:
            await fetcher.get_json(by_name)
    assert caught.value.code == "harvest_address_refused"
    assert caught.value.params["host"] == "localhost"
    assert caught.value.params["address"] in ("127.0.0.1", "::1")
    assert oparl.requests == []
    # a listed name is trusted whatever it resolves to
    async with Fetcher(AllowList.parse(["localhost"]), TEST_LIMITS) as fetcher:
        answer = await fetcher.get_json(by_name)
    assert answer.data["type"].endswith("/System")


async def test_a_redirect_to_an_address_not_listed_is_not_followed(oparl: Stub) -> None:
    oparl.traps["/system"] = "redirect_to:http://10.255.255.1/oparl/system"
    async with Fetcher(LOOPBACK, TEST_LIMITS) as fetcher:
        with pytest.raises(HarvestError) as caught:
            await fetcher.get_json(oparl.url("/system"))
    assert (caught.value.code, caught.value.params["address"]) == ("harvest_address_refused",
                                                                   "10.255.255.1")
    assert len(oparl.requests) == 1  # the redirect itself; the target was never connected to


async def test_a_harvest_refuses_a_source_outside_the_list(app, oparl: Stub, harvest) -> None:  # type: ignore[no-untyped-def]
    from app.errors import Invalid

    with pytest.raises(Invalid) as caught:
        await harvest(oparl.url("/system"), settings=RunSettings(allow=AllowList()))
    assert caught.value.code == "source_url_not_allowed"
    assert oparl.requests == []
