"""Full-text search over the current version of each document's pages, behind one interface:
SQLite FTS5 or PostgreSQL text search, both over the folded text (see app.kit.text.fold)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class PageHit:
    document_id: int
    page: int
    text: str


class SearchBackend(Protocol):
    async def pages(self, session: AsyncSession, terms: list[str], document_ids: list[int],
                    limit: int) -> list[PageHit]: ...


_CURRENT_PAGES = """
    FROM document_pages p
    JOIN document_versions v ON v.id = p.version_id
    JOIN documents d ON d.id = v.document_id AND d.current_version = v.version
"""


class SqliteSearch:
    """FTS5 table `document_pages_fts` (external content: document_pages.folded), kept in step
    by triggers made in the migration."""

    async def pages(self, session: AsyncSession, terms: list[str], document_ids: list[int],
                    limit: int) -> list[PageHit]:
        match = " ".join(f'"{term}"' for term in terms)  # quoted: each a plain token, all required
        statement = text(
            "SELECT d.id, p.page, p.text " + _CURRENT_PAGES +
            " JOIN document_pages_fts f ON f.rowid = p.id"
            " WHERE document_pages_fts MATCH :match AND d.id IN :ids"
            " ORDER BY bm25(document_pages_fts), d.id, p.page LIMIT :limit"
        ).bindparams(bindparam("ids", expanding=True))
        rows = await session.execute(statement, {"match": match, "ids": document_ids, "limit": limit})
        return [PageHit(row["id"], row["page"], row["text"]) for row in rows.mappings()]


class PostgresSearch:
    """A GIN index on the words of the folded text (ASCII punctuation made spaces, so that the
    parser splits "24/2025/nq-hdnd" into words as FTS5 does), made in the migration; the
    expression here must stay the index's."""

    WORDS = "to_tsvector('simple', regexp_replace(p.folded, '[[:punct:]]+', ' ', 'g'))"

    async def pages(self, session: AsyncSession, terms: list[str], document_ids: list[int],
                    limit: int) -> list[PageHit]:
        statement = text(
            "SELECT d.id, p.page, p.text " + _CURRENT_PAGES +
            f" WHERE {self.WORDS} @@ plainto_tsquery('simple', :query)"
            " AND d.id IN :ids"
            f" ORDER BY ts_rank({self.WORDS}, plainto_tsquery('simple', :query)) DESC,"
            " d.id, p.page LIMIT :limit"
        ).bindparams(bindparam("ids", expanding=True))
        rows = await session.execute(statement, {"query": " ".join(terms), "ids": document_ids,
                                                 "limit": limit})
        return [PageHit(row["id"], row["page"], row["text"]) for row in rows.mappings()]


def backend_for(dialect: str) -> SearchBackend:
    return SqliteSearch() if dialect == "sqlite" else PostgresSearch()
