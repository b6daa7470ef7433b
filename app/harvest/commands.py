"""`kyhop harvest URL [--council ID]`: harvest now, in this process, with progress.

The source is kept (found again by council and URL, or added), so that a running server refreshes
it from then on like any other; while this command runs it holds the source's claim, so no worker
runs it at the same time."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.audit.service import Actor
from app.councils.access import ensure_sitting
from app.db import Database
from app.errors import Conflict, NotFound
from app.harvest import claims, service
from app.harvest.crawl import Page
from app.harvest.runner import OnPage, RunResult, RunSettings, run_claimed
from app.harvest.scheduler import process_name
from app.kit.time import utcnow
from app.models import Council

ACTOR = Actor.system("kyhop harvest")


@dataclass
class Progress:
    """Pages and objects fetched so far, per list ("meeting", "paper" …)."""

    pages: dict[str, int] = field(default_factory=dict)
    objects: dict[str, int] = field(default_factory=dict)

    def add(self, page: Page) -> str:
        self.pages[page.list_name] = self.pages.get(page.list_name, 0) + 1
        self.objects[page.list_name] = self.objects.get(page.list_name, 0) + len(page.items)
        return (f"{page.list_name}: {self.pages[page.list_name]} trang, "
                f"{self.objects[page.list_name]} đối tượng")


async def harvest_now(db: Database, *, url: str, council_id: int | None, settings: RunSettings,
                      on_page: OnPage | None = None) -> tuple[int, RunResult]:
    owner = process_name()
    async with db.unit_of_work() as uow:
        session = uow.session
        if council_id is not None:
            council = await session.get(Council, council_id)
            if council is None:
                raise NotFound()
            ensure_sitting(council)
        service.check_url(url, settings.allow)
        source = await service.find_source(session, council_id=council_id, url=url)
        if source is None:
            source = await service.create_source(session, actor=ACTOR, council_id=council_id,
                                                 url=url, allow=settings.allow)
        if not await claims.claim(session, source_id=source.id, owner=owner, now=utcnow(),
                                  every=None, force=True):
            raise Conflict("harvest_busy")
        source_id = source.id
    return source_id, await run_claimed(db, source_id=source_id, owner=owner, settings=settings,
                                        on_page=on_page)
