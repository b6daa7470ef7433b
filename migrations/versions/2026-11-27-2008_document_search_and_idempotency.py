"""document search and idempotency

Revision ID: 1ff6e828edfb
Revises: 61108416196d
Create Date: 2026-11-27 20:08:18.764120
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '1ff6e828edfb'
down_revision: str | None = '61108416196d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE document_pages_fts USING fts5(folded, content='document_pages', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER document_pages_fts_ai AFTER INSERT ON document_pages BEGIN "
    "INSERT INTO document_pages_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER document_pages_fts_ad AFTER DELETE ON document_pages BEGIN "
    "INSERT INTO document_pages_fts(document_pages_fts, rowid, folded) "
    "VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER document_pages_fts_au AFTER UPDATE ON document_pages BEGIN "
    "INSERT INTO document_pages_fts(document_pages_fts, rowid, folded) "
    "VALUES ('delete', old.id, old.folded); "
    "INSERT INTO document_pages_fts(rowid, folded) VALUES (new.id, new.folded); END",
]


def upgrade() -> None:
    op.create_table('idempotent_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idempotent_results_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotent_results')),
    sa.UniqueConstraint('user_id', 'key', 'scope', name=op.f('uq_idempotent_results_user_id_key_scope'))
    )
    with op.batch_alter_table('idempotent_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotent_results_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', app.kit.types.UTCDateTime(timezone=True), nullable=True))

    # Full-text search over document_pages.folded (see app/documents/search.py). On SQLite an
    # FTS5 index kept in step by triggers; NOTE: a later batch migration that rebuilds
    # document_pages on SQLite must create these triggers again.
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute("CREATE INDEX ix_document_pages_fts ON document_pages "
                   "USING gin (to_tsvector('simple', folded))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("document_pages_fts_ai", "document_pages_fts_ad", "document_pages_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS document_pages_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_document_pages_fts")
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')

    with op.batch_alter_table('idempotent_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotent_results_created_at'))

    op.drop_table('idempotent_results')
