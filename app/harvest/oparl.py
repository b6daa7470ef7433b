"""Reading what an OParl 1.1 server answers: pure functions, no network, no database.

Only the links are followed (System.body → each Body's lists → `links.next`), so any server that
keeps to the specification can be harvested. Every object found — listed, or embedded in another
(a Meeting's agenda items, a Paper's files and consultations, a Person's memberships, a Body's
legislative terms) — becomes an `Item`. A shape the specification does not allow stops the run
with a readable error rather than storing something half-understood.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from app.harvest.errors import HarvestError
from app.harvest.policy import MAX_URL_LENGTH
from app.kit.text import fold

SCHEMA = "https://schema.oparl.org/"
# A Body's links to its lists, in the order they are harvested (the main objects first).
BODY_LISTS = ("organization", "person", "membership", "legislativeTermList", "locationList",
              "meeting", "agendaItem", "paper", "consultation", "file")
_TYPE = re.compile(r"^https?://schema\.oparl\.org/[0-9.]+/([A-Za-z]{1,60})$")
# OParl objects are a few levels deep; far deeper is not OParl (nor worth a recursion error).
MAX_DEPTH = 32
_NAME_FIELDS = ("name", "fileName", "description", "role", "shortName")
MAX_NAME = 1000


@dataclass(frozen=True)
class Item:
    oparl_id: str
    type: str  # the OParl type's short name: "Meeting"
    body: str  # the id of the Body it was listed under ("" for the System and Bodies)
    data: str  # the object as JSON text
    name: str
    text: str  # a File's extracted text
    modified: datetime | None
    deleted: bool
    embedded: bool = False  # came inside another object (perhaps abridged: a File without text)

    @property
    def folded(self) -> str:
        return fold(f"{self.name}\n{self.text}") if not self.deleted else ""


def clean(value: Any, url: str, depth: int = 0) -> Any:
    """The parsed JSON with text every database stores alike: no NUL, no lone surrogate."""
    if depth > MAX_DEPTH:
        raise HarvestError("harvest_too_deep", url=url)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean(item, url, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(key)): clean(item, url, depth + 1) for key, item in value.items()}
    return value


def clean_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def type_name(value: object) -> str | None:
    """ "https://schema.oparl.org/1.1/Meeting" → "Meeting"."""
    if not isinstance(value, str):
        return None
    found = _TYPE.match(value)
    return found.group(1) if found else None


def is_url(value: object) -> bool:
    if not isinstance(value, str) or not value or len(value.encode()) > MAX_URL_LENGTH:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def link(obj: dict[str, Any], field: str, url: str) -> str | None:
    """An optional link of an object, made absolute against the page it came in; a value that is
    not a URL stops the run."""
    value = obj.get(field)
    if value is None:
        return None
    if isinstance(value, str) and value and len(value.encode()) <= MAX_URL_LENGTH:
        absolute = urljoin(url, value)
        if is_url(absolute):
            return absolute
    raise HarvestError("harvest_bad_link", field=field, url=url)


def system_body_list(data: Any, url: str) -> str:
    if not isinstance(data, dict) or type_name(data.get("type")) != "System":
        raise HarvestError("harvest_not_system", url=url)
    body = link(data, "body", url)
    if body is None:
        raise HarvestError("harvest_not_system", url=url)
    return body


def list_page(data: Any, url: str) -> tuple[list[dict[str, Any]], str | None]:
    """The objects of one page of a list and the next page's URL (None on the last)."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise HarvestError("harvest_bad_list", url=url)
    objects = data["data"]
    if not all(isinstance(obj, dict) for obj in objects):
        raise HarvestError("harvest_bad_object", url=url)
    links = data.get("links", {})
    if not isinstance(links, dict):
        raise HarvestError("harvest_bad_list", url=url)
    return objects, link(links, "next", url)


def body_lists(body: dict[str, Any], url: str) -> list[tuple[str, str]]:
    """(field, URL) of each list a Body links to, of those in BODY_LISTS."""
    found = []
    for field in BODY_LISTS:
        target = link(body, field, url)
        if target is not None:
            found.append((field, target))
    return found


def moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _is_object(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("type"), str) \
        and value["type"].startswith(SCHEMA)


def _embedded(value: Any) -> Iterator[dict[str, Any]]:
    """The OParl objects inside a value, outermost first (each one's own embedded ones after it)."""
    if isinstance(value, list):
        for item in value:
            yield from _embedded(item)
    elif isinstance(value, dict):
        if _is_object(value):
            yield value
        for item in value.values():
            yield from _embedded(item)


def items(obj: dict[str, Any], *, body: str | None, url: str) -> list[Item]:
    """The object and every object embedded in it, each as an Item listed under `body` (None: a
    Body, under itself)."""
    top = to_item(obj, body=body or "", url=url)
    owner = top.oparl_id if body is None else body
    found = [top if body is not None else replace(top, body=owner)]
    for value in obj.values():
        found.extend(replace(to_item(inner, body=owner, url=url), embedded=True)
                     for inner in _embedded(value))
    return found


def to_item(obj: dict[str, Any], *, body: str, url: str) -> Item:
    kind = type_name(obj.get("type"))
    oparl_id = obj.get("id")
    if kind is None or not is_url(oparl_id):
        raise HarvestError("harvest_bad_object", url=url)
    assert isinstance(oparl_id, str)
    deleted = obj.get("deleted") is True
    name = next((v for f in _NAME_FIELDS if isinstance(v := obj.get(f), str) and v), "")
    text = obj.get("text") if kind == "File" and not deleted else None
    return Item(oparl_id=oparl_id, type=kind, body=body,
                data=json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                name="" if deleted else name[:MAX_NAME],
                text=text if isinstance(text, str) else "",
                modified=moment(obj.get("modified")), deleted=deleted)


def page_items(objects: list[dict[str, Any]], *, body: str | None, url: str) -> list[Item]:
    """Every object of a page with its embedded ones, each id once (see `replaces`)."""
    chosen: dict[str, Item] = {}
    for obj in objects:
        for item in items(obj, body=body, url=url):
            kept = chosen.get(item.oparl_id)
            if kept is None or replaces(item, kept.modified, kept_embedded=kept.embedded):
                chosen[item.oparl_id] = item
    return list(chosen.values())


def newer(a: datetime | None, b: datetime | None) -> bool:
    """Whether `a` is strictly newer than `b` (an unknown time is never newer, nor older)."""
    return a is not None and b is not None and a > b


def replaces(item: Item, kept_modified: datetime | None, *, kept_embedded: bool = False) -> bool:
    """Whether `item` replaces a copy of the same object modified at `kept_modified`. A newer
    copy does, an older one never. Of two equally new, a listed copy replaces an embedded one and
    the later of two listed ones wins — but an embedded copy does not replace what is kept: a
    server may embed an object abridged (Kỳ Họp leaves a File's text out of a Paper), and a
    Paper that changed would otherwise take its file's text away. Without dates on both sides,
    the latest copy wins (the listed copies come after the embedded ones in a run)."""
    if newer(item.modified, kept_modified):
        return True
    if newer(kept_modified, item.modified):
        return False
    if item.modified is None or kept_modified is None:
        return item.modified is None and kept_modified is None
    return not item.embedded or kept_embedded
