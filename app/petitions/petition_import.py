"""Importing a petition list (app/petitions/petition_file.py): every row is checked first, then
written in one transaction, or nothing is. A row that says the same as a petition already kept,
or as an earlier row (similarity.SAME), joins it as another source instead of a new petition.

Matching thousands of rows against a term's petitions takes seconds of CPU, so it is planned in
a read transaction and run in a process of its own (app.kit.processes): neither the event loop
(every tablet of this worker's meetings) nor SQLite's single writer (every ballot) waits for it.
The write transaction then matches only the rows that were to be new petitions against the
petitions recorded since (by hand, or by another import): petitions are never deleted and their
text never changes, so those are all that can differ.

Rows are matched against merged petitions too: a row repeating one joins the petition it was
merged into (looked up when writing, so a merge made meanwhile is followed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import Principal
from app.agencies.service import by_folded_name
from app.audit.service import record
from app.kit.processes import in_process
from app.kit.spreadsheet import RowError, raise_row_errors
from app.kit.text import fold
from app.models import Petition, PetitionSource
from app.petitions.access import petition_reader
from app.petitions.petition_file import PetitionRow
from app.petitions.service import VOTERS, new_petition, voter_meeting_of
from app.petitions.similarity import SameIndex, comparable, match_each


@dataclass
class _New:
    row: PetitionRow
    agency_id: int | None
    repeats: list[PetitionRow] = field(default_factory=list)


@dataclass
class ImportPlan:
    council_id: int
    voter_meeting_id: int | None
    known: frozenset[int]  # the petitions it was matched against
    created: list[_New]
    joined: list[tuple[int, PetitionRow]]  # (petition id, row)


def _grouped(rows: list[PetitionRow], matches: list[int | None],
             agency_ids: dict[str, int]) -> tuple[list[_New], list[tuple[int, PetitionRow]]]:
    """Which rows are new petitions (with the later rows repeating them) and which join one kept."""
    created: list[_New] = []
    joined: list[tuple[int, PetitionRow]] = []
    for row, match in zip(rows, matches, strict=True):
        if match is None:
            created.append(_New(row, agency_ids[fold(row.agency)] if row.agency else None))
        elif match < 0:
            created[-match - 1].repeats.append(row)
        else:
            joined.append((match, row))
    return created, joined


def rematch_created(created: list[_New], joined: list[tuple[int, PetitionRow]],
                    newer: dict[int, str]) -> tuple[list[_New], list[tuple[int, PetitionRow]]]:
    """The plan again after the petitions `newer` ({id: comparable text}) were recorded: a row
    that was to be a new petition joins one of them if it says the same (with its repeats)."""
    index = SameIndex(newer)
    still_new: list[_New] = []
    joined = list(joined)
    for new in created:
        match = index.find(comparable(new.row.text))
        if match is None:
            still_new.append(new)
        else:
            joined += [(match, row) for row in (new.row, *new.repeats)]
    return still_new, joined


def _of_council(council_id: int) -> tuple[ColumnElement[bool], ...]:
    return Petition.council_id == council_id, VOTERS


async def _texts(session: AsyncSession, council_id: int, ids: set[int] | None = None) -> dict[int, str]:
    """{id: comparable text} of the council's voters' petitions (those of `ids`), merged ones included."""
    query = select(Petition.id, Petition.folded).where(*_of_council(council_id))
    if ids is not None:
        query = query.where(Petition.id.in_(ids))
    return {row[0]: row[1] for row in await session.execute(query)}


async def _living(session: AsyncSession, petition_ids: set[int]) -> dict[int, int]:
    """{id: the petition it lives on in}: itself, or the end of its chain of merges."""
    living = {petition_id: petition_id for petition_id in petition_ids}
    pending = set(petition_ids)
    while pending:
        rows = await session.execute(select(Petition.id, Petition.merged_into_id).where(
            Petition.id.in_(pending), Petition.merged_into_id.is_not(None)))
        moved = {row[0]: row[1] for row in rows if row[1] is not None}
        for petition_id, now in living.items():
            living[petition_id] = moved.get(now, now)
        pending = set(moved.values())
    return living


async def plan_import(session: AsyncSession, *, principal: Principal, council_id: int,
                      rows: list[PetitionRow], voter_meeting_id: int | None) -> ImportPlan:
    """Checks the rows (any bad one: 422 with every row's error) and matches them; writes nothing."""
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    await voter_meeting_of(session, council_id, voter_meeting_id)
    agencies = await by_folded_name(session, council_id=council_id)
    errors = [RowError(row.row, "row_unknown_agency", {"value": row.agency})
              for row in rows if row.agency and fold(row.agency) not in agencies]
    raise_row_errors(errors)
    choices = await _texts(session, council_id)
    matches = await in_process(match_each, [comparable(row.text) for row in rows], choices)
    created, joined = _grouped(rows, matches, {name: agency.id for name, agency in agencies.items()})
    return ImportPlan(council_id, voter_meeting_id, frozenset(choices), created, joined)


async def write_import(session: AsyncSession, *, principal: Principal, plan: ImportPlan) -> tuple[int, int]:
    """Writes a plan, brought up to date with the petitions recorded since; (created, merged)."""
    council_id, voter_meeting_id = plan.council_id, plan.voter_meeting_id
    reader = await petition_reader(session, principal, council_id)
    reader.require_manage()
    created, joined = plan.created, plan.joined
    newer = set(await session.scalars(select(Petition.id).where(*_of_council(council_id)))) - plan.known
    if newer:
        created, joined = rematch_created(created, joined, await _texts(session, council_id, newer))
    petitions = [new_petition(council_id=council_id, text=new.row.text, field=new.row.field,
                              locality=new.row.locality, created_by=principal.user.id, level=new.row.level,
                              needs_resources=new.row.needs_resources, agency_id=new.agency_id,
                              due_on=new.row.due_on) for new in created]
    session.add_all(petitions)
    await session.flush()
    sources = [PetitionSource(petition_id=petition.id, voter_meeting_id=voter_meeting_id, text=row.text,
                              locality=row.locality)
               for new, petition in zip(created, petitions, strict=True) for row in [new.row, *new.repeats]]
    living = await _living(session, {petition_id for petition_id, _ in joined})
    joined = [(living[petition_id], row) for petition_id, row in joined]
    sources += [PetitionSource(petition_id=petition_id, voter_meeting_id=voter_meeting_id, text=row.text,
                               locality=row.locality) for petition_id, row in joined]
    session.add_all(sources)
    merged = len(joined) + sum(len(new.repeats) for new in created)
    await record(session, actor=principal.actor, action="petition.import", target_type="council",
                 target_id=council_id, council_id=council_id,
                 details={"created": len(petitions), "merged": merged, "voter_meeting_id": voter_meeting_id,
                          "petition_ids": [petition.id for petition in petitions],
                          "joined": sorted({petition_id for petition_id, _ in joined})})
    return len(petitions), merged
