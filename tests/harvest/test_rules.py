"""The harvester's pure rules, without network or database: the allow-list, reading OParl
answers, the incremental cursor."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import pytest

from app.harvest.client import server_time, size_text
from app.harvest.crawl import modified_since_param, next_cursor
from app.harvest.errors import HarvestError
from app.harvest.oparl import (
    body_lists,
    clean,
    list_page,
    page_items,
    system_body_list,
    type_name,
)
from app.harvest.policy import AllowList, parse_entry, url_problem

URL = "https://oparl.example.org/oparl/v1/bodies/1/meetings"
T = "https://schema.oparl.org/1.1/"


@pytest.mark.parametrize(("address", "allowed"), [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True),
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("192.168.1.1", False),
    ("172.16.0.5", False), ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
])
def test_only_public_addresses_without_a_list(address: str, allowed: bool) -> None:
    assert AllowList().address_allowed(ipaddress.ip_address(address)) is allowed


def test_listed_networks_and_hosts() -> None:
    allow = AllowList.parse(["127.0.0.1", "10.20.0.0/16", "OParl.Xa.GOV.vn.", "::1"])
    assert allow.address_allowed(ipaddress.ip_address("127.0.0.1"))
    assert not allow.address_allowed(ipaddress.ip_address("127.0.0.2"))
    assert allow.address_allowed(ipaddress.ip_address("10.20.3.4"))
    assert not allow.address_allowed(ipaddress.ip_address("10.21.3.4"))
    assert allow.address_allowed(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert allow.host_listed("oparl.xa.gov.vn") and not allow.host_listed("xa.gov.vn")
    with pytest.raises(ValueError):
        parse_entry("không phải tên máy")


@pytest.mark.parametrize(("url", "problem"), [
    ("https://oparl.example.org/oparl/v1/system", None),
    ("http://hđnd.example.vn/oparl/v1/system", None),
    ("http://127.0.0.1:8000/oparl/v1/system", "not_allowed"),
    ("http://localhost/oparl/v1/system", "not_allowed"),
    ("http://api.localhost/oparl", "not_allowed"),
    ("http://[::1]/oparl", "not_allowed"),
    ("http://10.0.0.8/oparl", "not_allowed"),
    ("http://169.254.169.254/latest/meta-data", "not_allowed"),
    ("ftp://oparl.example.org/system", "invalid"),
    ("oparl.example.org/system", "invalid"),
    ("http:///system", "invalid"),
    ("http://user:secret@oparl.example.org/system", "invalid"),
    ("http://oparl.example.org:99999/system", "invalid"),
    ("http://oparl example.org/system", "invalid"),
    ("http://oparl.example.org/" + "x" * 2000, "invalid"),
])
def test_source_urls_checked_before_anything_is_fetched(url: str, problem: str | None) -> None:
    assert url_problem(url, AllowList()) == problem


def test_a_listed_loopback_may_be_added() -> None:
    assert url_problem("http://127.0.0.1:8000/oparl/v1/system", AllowList.parse(["127.0.0.1"])) is None
    assert url_problem("http://localhost:8000/oparl", AllowList.parse(["localhost"])) is None


def test_types_and_the_system() -> None:
    assert type_name(T + "Meeting") == "Meeting"
    assert type_name("https://schema.oparl.org/1.0/Paper") == "Paper"
    assert type_name("Meeting") is None and type_name(5) is None
    assert system_body_list({"type": T + "System", "body": "/oparl/v1/bodies"},
                            "https://x.vn/oparl/v1/system") == "https://x.vn/oparl/v1/bodies"
    for bad in ([], {"type": T + "Body", "body": URL}, {"type": T + "System"},
                {"type": T + "System", "body": 5}):
        with pytest.raises(HarvestError) as caught:
            system_body_list(bad, URL)
        assert caught.value.code in ("harvest_not_system", "harvest_bad_link")


def test_list_pages() -> None:
    objects, following = list_page({"data": [{"id": "a"}], "links": {"next": "?page=2"}}, URL)
    assert objects == [{"id": "a"}] and following == URL + "?page=2"
    assert list_page({"data": []}, URL) == ([], None)
    for bad, code in (({"items": []}, "harvest_bad_list"), ([], "harvest_bad_list"),
                      ({"data": [1]}, "harvest_bad_object"),
                      ({"data": [], "links": []}, "harvest_bad_list"),
                      ({"data": [], "links": {"next": "javascript:alert(1)"}}, "harvest_bad_link"),
                      ({"data": [], "links": {"next": {"href": URL}}}, "harvest_bad_link")):
        with pytest.raises(HarvestError) as caught:
            list_page(bad, URL)
        assert caught.value.code == code


def test_a_bodys_lists_are_the_known_ones_in_order() -> None:
    body = {"paper": URL + "/p", "meeting": URL + "/m", "web": URL + "/w", "file": URL + "/f"}
    assert body_lists(body, URL) == [("meeting", URL + "/m"), ("paper", URL + "/p"),
                                      ("file", URL + "/f")]


def test_embedded_objects_become_items_once_the_newest_winning() -> None:
    file_old = {"id": "https://x.vn/f/1", "type": T + "File", "name": "Tờ trình", "text": "cũ",
                "modified": "2026-12-01T08:00:00+07:00", "accessUrl": "https://x.vn/f/1/a"}
    file_new = {**file_old, "text": "mới", "modified": "2026-12-02T08:00:00+07:00"}
    meeting = {"id": "https://x.vn/m/1", "type": T + "Meeting", "name": "Kỳ họp",
               "location": {"id": "https://x.vn/l/1", "type": T + "Location",
                            "geojson": {"type": "Feature", "geometry": {"type": "Point"}}},
               "auxiliaryFile": [file_new],
               "agendaItem": [{"id": "https://x.vn/a/1", "type": T + "AgendaItem", "order": 1,
                               "auxiliaryFile": [file_old]}]}
    found = {item.oparl_id: item for item in page_items([meeting], body="https://x.vn/b/1", url=URL)}
    assert set(found) == {"https://x.vn/m/1", "https://x.vn/l/1", "https://x.vn/f/1",
                          "https://x.vn/a/1"}
    assert found["https://x.vn/f/1"].text == "mới" and found["https://x.vn/f/1"].name == "Tờ trình"
    assert all(item.body == "https://x.vn/b/1" for item in found.values())
    assert found["https://x.vn/f/1"].folded == "to trinh\nmoi"
    with pytest.raises(HarvestError):
        page_items([{"id": "https://x.vn/m/2", "type": T + "Meeting",
                     "agendaItem": [{"type": T + "AgendaItem"}]}], body="", url=URL)


def test_tombstones_keep_nothing_but_the_id() -> None:
    [item] = page_items([{"id": "https://x.vn/f/9", "type": T + "File", "deleted": True,
                          "modified": "2026-12-03T10:00:00+00:00", "name": "bí mật"}],
                        body="", url=URL)
    assert item.deleted and item.name == "" and item.folded == ""
    assert item.modified == datetime(2026, 12, 3, 10, tzinfo=UTC)


def test_bodies_are_listed_under_themselves() -> None:
    body = {"id": "https://x.vn/b/1", "type": T + "Body", "name": "HĐND",
            "legislativeTerm": [{"id": "https://x.vn/t/1", "type": T + "LegislativeTerm"}]}
    assert {item.oparl_id: item.body for item in page_items([body], body=None, url=URL)} == {
        "https://x.vn/b/1": "https://x.vn/b/1", "https://x.vn/t/1": "https://x.vn/b/1"}


def test_text_every_database_stores_alike() -> None:
    assert clean({"a\x00": ["x\x00y", "\ud800z", 1, None]}, URL) == {"a": ["xy", "?z", 1, None]}
    deep: object = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(HarvestError) as caught:
        clean(deep, URL)
    assert caught.value.code == "harvest_too_deep"


def test_the_next_cursor_is_the_sources_clock_minus_the_margin() -> None:
    date = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    margin = timedelta(minutes=1)
    assert next_cursor(server_time=date, latest_modified=None, previous=None, margin=margin) == \
        date - margin
    # without a Date: the newest modified seen, never going back
    assert next_cursor(server_time=None, latest_modified=date, previous=None, margin=margin) == \
        date - margin
    later = date + timedelta(hours=1)
    assert next_cursor(server_time=None, latest_modified=date, previous=later, margin=margin) == later
    assert next_cursor(server_time=None, latest_modified=None, previous=later, margin=margin) == later
    assert modified_since_param(datetime(2026, 12, 3, 17, 0, 5, 900_000, tzinfo=UTC)) == \
        "2026-12-03T17:00:05+00:00"


def test_http_dates_and_sizes() -> None:
    assert server_time("Thu, 03 Dec 2026 10:00:00 GMT") == datetime(2026, 12, 3, 10, tzinfo=UTC)
    assert server_time("hôm qua") is None and server_time(None) is None
    assert size_text(20 * 1024 * 1024) == "20 MB" and size_text(1536) == "1.5 KB"
    assert size_text(12) == "12 B"


def test_which_copy_wins() -> None:
    from app.harvest.oparl import Item, replaces

    early, late = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 2, tzinfo=UTC)

    def item(modified: datetime | None, *, embedded: bool = False) -> Item:
        return Item(oparl_id="https://x.vn/f/1", type="File", body="", data="{}", name="", text="",
                    modified=modified, deleted=False, embedded=embedded)

    assert replaces(item(late), early) and not replaces(item(early), late)
    assert replaces(item(late, embedded=True), early)
    assert replaces(item(early), early)  # listed, as new: the later listing wins
    assert not replaces(item(early, embedded=True), early)  # embedded, as new: perhaps abridged
    assert replaces(item(early, embedded=True), early, kept_embedded=True)
    assert replaces(item(None), None) and not replaces(item(None), early)
    assert not replaces(item(early), None)
