"""The texts a petition being typed is compared with (service.similar), kept in memory per
council: reading a term's 20,000 folded texts on every keystroke cost more than scoring them.

Each request still asks the database whether the kept texts are current, with one aggregate:
petitions are never deleted and their text never changes, so the candidates (a council's voters'
petitions not merged into another) change only when a petition is recorded (the count and the
highest id grow) or merged (the count falls). Kept per process, so every worker sees its own
database's answer; a worker that has not seen a council yet reads it once."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Petition
from app.petitions.service import VOTERS


def of_council(council_id: int) -> tuple[ColumnElement[bool], ...]:
    """Where-clauses of a council's candidates."""
    return Petition.council_id == council_id, VOTERS, Petition.merged_into_id.is_(None)


@dataclass(frozen=True)
class _Kept:
    fingerprint: tuple[int, int]  # (count, highest id)
    texts: dict[int, str]


class CandidateTexts:
    """{id: comparable text} of each council's candidates, for the councils used last."""

    def __init__(self, councils: int = 16) -> None:
        self._councils = councils
        self._kept: OrderedDict[int, _Kept] = OrderedDict()

    async def of(self, session: AsyncSession, council_id: int) -> dict[int, str]:
        """The council's candidates, read again only when they changed. Do not modify."""
        count, highest = (await session.execute(
            select(func.count(), func.max(Petition.id)).where(*of_council(council_id)))).one()
        fingerprint = (count, highest or 0)
        kept = self._kept.get(council_id)
        if kept is None or kept.fingerprint != fingerprint:
            rows = await session.execute(select(Petition.id, Petition.folded).where(*of_council(council_id)))
            texts = {row[0]: row[1] for row in rows}
            # From the texts themselves: a change between the two reads is seen by the next request.
            kept = self._kept[council_id] = _Kept((len(texts), max(texts, default=0)), texts)
        self._kept.move_to_end(council_id)
        while len(self._kept) > self._councils:
            self._kept.popitem(last=False)
        return kept.texts
