"""Importing a petition list (app/petitions/petition_file.py): every row is checked first, then
written in one transaction, or nothing is. A row that says the same as a petition already kept,
or as an earlier row (similarity.SAME), joins it as another source instead of a new petition."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.agencies.service import by_folded_name
from app.audit.service import record
from app.kit.spreadsheet import RowError, raise_row_errors
from app.kit.text import fold
from app.models import Petition, PetitionSource
from app.petitions.access import petition_reader
from app.petitions.petition_file import PetitionRow
from app.petitions.service import candidates, new_petition, voter_meeting_of
from app.petitions.similarity import SameIndex, comparable


@dataclass
class _New:
    row: PetitionRow
    petition: Petition
    repeats: list[PetitionRow] = field(default_factory=list)


async def import_petitions(session: AsyncSession, *, principal: Principal, council_id: int,
                           rows: list[PetitionRow], voter_meeting_id: int | None) -> tuple[int, int]:
    """Returns (created, merged)."""
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    await voter_meeting_of(session, council_id, voter_meeting_id)
    agencies = await by_folded_name(session, council_id=council_id)
    errors = [RowError(row.row, "row_unknown_agency", {"value": row.agency})
              for row in rows if row.agency and fold(row.agency) not in agencies]
    raise_row_errors(errors)
    index = SameIndex(await candidates(session, council_id))
    created: list[_New] = []
    joined: list[tuple[int, PetitionRow]] = []
    for row in rows:
        text = comparable(row.text)
        match = index.find(text)
        if match is None:
            agency = agencies[fold(row.agency)] if row.agency else None
            petition = new_petition(council_id=council_id, text=row.text, field=row.field,
                                    locality=row.locality, created_by=principal.user.id, level=row.level,
                                    needs_resources=row.needs_resources,
                                    agency_id=agency.id if agency else None, due_on=row.due_on)
            created.append(_New(row, petition))
            index.add(-len(created), text)  # rows of this file: negative keys until they have ids
        elif match < 0:
            created[-match - 1].repeats.append(row)
        else:
            joined.append((match, row))
    session.add_all(new.petition for new in created)
    await session.flush()
    sources = [PetitionSource(petition_id=new.petition.id, voter_meeting_id=voter_meeting_id, text=row.text,
                              locality=row.locality) for new in created for row in [new.row, *new.repeats]]
    sources += [PetitionSource(petition_id=petition_id, voter_meeting_id=voter_meeting_id, text=row.text,
                               locality=row.locality) for petition_id, row in joined]
    session.add_all(sources)
    merged = len(joined) + sum(len(new.repeats) for new in created)
    await record(session, actor=principal.actor, action="petition.import", target_type="council",
                 target_id=council_id, council_id=council_id,
                 details={"created": len(created), "merged": merged, "voter_meeting_id": voter_meeting_id,
                          "petition_ids": [new.petition.id for new in created],
                          "joined": sorted({petition_id for petition_id, _ in joined})})
    return len(created), merged
