"""PostgreSQL search index over words, punctuation apart

Revision ID: 7d3f0b6c1a52
Revises: 5c1e7a9d2b40
Create Date: 2026-12-03 10:10:00

PostgreSQL's text-search parser keeps "24/2025/nq-hdnd", "10/12/2025" or "18.650" as single
tokens, so a search for the document number "24/2025/NQ-HĐND" (whose words are 24, 2025, nq,
hdnd) found nothing there while SQLite's FTS5 found it. The index now covers the folded text with
ASCII punctuation turned into spaces, the expression app/documents/search.py queries.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '7d3f0b6c1a52'
down_revision: str | None = '5c1e7a9d2b40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORDS = "to_tsvector('simple', regexp_replace(folded, '[[:punct:]]+', ' ', 'g'))"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_document_pages_fts")
        op.execute(f"CREATE INDEX ix_document_pages_fts_words ON document_pages USING gin ({WORDS})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_document_pages_fts_words")
        op.execute("CREATE INDEX ix_document_pages_fts ON document_pages "
                   "USING gin (to_tsvector('simple', folded))")
