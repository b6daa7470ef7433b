"""Search over what was harvested from other servers (/api/v1/search?scope=network): their
meetings, papers and files (names and files' text), with the same Vietnamese rules as this
server's own documents (app.documents.query, app.documents.ranking): every word present in the
folded text finds the candidates, ranking.match keeps those whose diacritics and phrases match."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.councils.service import visible_councils
from app.documents.query import Query
from app.documents.ranking import Match, match
from app.documents.schemas import SearchHit
from app.documents.snippets import snippet
from app.models import HarvestedObject, HarvestSource

SEARCHED = ("Meeting", "Paper", "File")
CANDIDATES = 200
_BATCH = 20  # candidates whose text is read at once (a file's text may be long)
MAX_MATCHED = 300_000  # characters of a text that are ranked


async def visible_sources(session: AsyncSession, principal: Principal) -> dict[int, str]:
    """Sources whose copy the caller may read: those of councils they see, and those of none."""
    councils = [council.id for council in await visible_councils(session, principal=principal)]
    rows = await session.execute(select(HarvestSource.id, HarvestSource.url).where(
        or_(HarvestSource.council_id.is_(None), HarvestSource.council_id.in_(councils))))
    return {source_id: url for source_id, url in rows.all()}  # noqa: C416 - typed rows


async def network_hits(session: AsyncSession, *, principal: Principal, query: Query,
                       limit: int) -> list[SearchHit]:
    sources = await visible_sources(session, principal)
    if not sources:
        return []
    condition: list[ColumnElement[bool]] = [
        HarvestedObject.source_id.in_(list(sources)), HarvestedObject.type.in_(SEARCHED),
        HarvestedObject.deleted.is_(False)]
    condition += [HarvestedObject.folded.contains(term, autoescape=True) for term in query.terms]
    ids = list(await session.scalars(select(HarvestedObject.id).where(*condition)
                                     .order_by(HarvestedObject.id.desc()).limit(CANDIDATES)))
    found: list[tuple[Match, SearchHit]] = []
    for start in range(0, len(ids), _BATCH):
        rows = await session.execute(select(
            HarvestedObject.source_id, HarvestedObject.oparl_id, HarvestedObject.type,
            HarvestedObject.name, HarvestedObject.text).where(
                HarvestedObject.id.in_(ids[start:start + _BATCH])))
        for source_id, oparl_id, kind, name, text in rows.all():
            searched = f"{name}\n{text[:MAX_MATCHED]}" if text else name
            best = match(query, searched)
            if best is not None:
                found.append((best, SearchHit(
                    kind="harvested", title=name or oparl_id, snippet=snippet(searched, best),
                    source_id=source_id, source_url=sources[source_id], oparl_id=oparl_id,
                    oparl_type=kind)))
    found.sort(key=lambda pair: (pair[0].key, pair[1].oparl_id or ""))
    return [hit for _, hit in found[:limit]]
