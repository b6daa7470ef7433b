"""One walk through another server's OParl data, page by page, following links only:
System → its `body` list → each Body's lists (BODY_LISTS, whichever it has) → `links.next`.

The first walk takes everything; later ones send `modified_since` to each Body's lists, so only
what changed comes back, tombstones included. The list of bodies itself is always read whole
(it is short, and a Body that did not change still has lists to read); a Body that is no longer
in it is gone. An endless list is stopped: a `next` URL already read, or more pages than
`max_pages`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.harvest.client import Fetcher, Limits
from app.harvest.errors import HarvestError
from app.harvest.oparl import (
    Item,
    body_lists,
    clean,
    list_page,
    page_items,
    system_body_list,
    to_item,
)


@dataclass(frozen=True)
class Page:
    list_name: str  # "system", "body", or the Body's field of the list ("meeting", "paper" …)
    number: int  # 1 for a list's first page
    url: str
    items: list[Item]


def modified_since_param(moment: datetime) -> str:
    """The filter's value: whole seconds (rounded down, so nothing is skipped), with offset."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def next_cursor(*, server_time: datetime | None, latest_modified: datetime | None,
                previous: datetime | None, margin: timedelta) -> datetime | None:
    """What the next run sends as `modified_since`: the source's own clock when this run began
    (its HTTP Date), minus a margin for changes it was still committing, so the difference
    between its clock and ours never loses a change. Without a Date: the newest `modified` seen,
    minus the margin; without either, the previous value."""
    if server_time is not None:
        return server_time - margin
    if latest_modified is not None:
        candidate = latest_modified - margin
        return candidate if previous is None else max(candidate, previous)
    return previous


@dataclass
class Crawl:
    fetcher: Fetcher
    system_url: str
    modified_since: datetime | None
    limits: Limits
    server_time: datetime | None = None
    latest_modified: datetime | None = None
    body_ids: set[str] = field(default_factory=set)

    async def pages(self) -> AsyncIterator[Page]:
        system = await self.fetcher.get_json(self.system_url)
        self.server_time = system.date
        data = clean(system.data, system.url)
        bodies_url = system_body_list(data, system.url)
        yield self._page("system", 1, system.url, [to_item(data, body="", url=system.url)])

        bodies: list[tuple[str, dict[str, Any]]] = []
        async for number, url, objects in self._walk(bodies_url, None):
            bodies.extend((url, obj) for obj in objects if obj.get("deleted") is not True)
            if len(bodies) > self.limits.max_bodies:
                raise HarvestError("harvest_too_many_bodies", limit=self.limits.max_bodies)
            yield self._page("body", number, url, page_items(objects, body=None, url=url))

        since = ({"modified_since": modified_since_param(self.modified_since)}
                 if self.modified_since is not None else None)
        for url, body in bodies:
            body_id = to_item(body, body="", url=url).oparl_id
            if body_id in self.body_ids:
                continue  # listed twice (on two pages, say): its lists are read once
            self.body_ids.add(body_id)
            for name, list_url in body_lists(body, url):
                async for number, page_url, objects in self._walk(list_url, since):
                    yield self._page(name, number, page_url,
                                     page_items(objects, body=body_id, url=page_url))

    def _page(self, name: str, number: int, url: str, found: list[Item]) -> Page:
        for item in found:
            if item.modified is not None and (self.latest_modified is None
                                              or item.modified > self.latest_modified):
                self.latest_modified = item.modified
        return Page(list_name=name, number=number, url=url, items=found)

    async def _walk(self, url: str, params: dict[str, str] | None
                    ) -> AsyncIterator[tuple[int, str, list[dict[str, Any]]]]:
        seen: set[str] = set()
        current: str | None = url
        number = 0
        while current is not None:
            if number >= self.limits.max_pages:
                raise HarvestError("harvest_too_many_pages", url=url, limit=self.limits.max_pages)
            answer = await self.fetcher.get_json(current, params if number == 0 else None)
            seen.update((current, answer.url))
            objects, current = list_page(clean(answer.data, answer.url), answer.url)
            number += 1
            yield number, answer.url, objects
            if current is not None and current in seen:
                raise HarvestError("harvest_next_loop", url=url)
