"""The OParl ledger: each council's published objects with created/modified, tombstones, digests

Revision ID: 9c1e5a7d2b40
Revises: 4bd72e4a2517
Create Date: 2026-12-03 17:00:00

OParl 1.1 needs `created` and `modified` on every object, tombstones for objects that leave
public view, and a stable paging order. The ledger keeps what was last published per council; it
is rebuilt from the council's data when that changes. `blob_digests` caches each stored file's
SHA-512 (`sha512Checksum`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '9c1e5a7d2b40'
down_revision: str | None = '4bd72e4a2517'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('blob_digests',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('sha512', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob_digests'))
    )
    op.create_table('oparl_bodies',
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('stamp', sa.String(length=200), nullable=False),
    sa.Column('refreshed_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_oparl_bodies_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('council_id', name=op.f('pk_oparl_bodies'))
    )
    op.create_table('oparl_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('created', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('modified', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_oparl_entries_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_oparl_entries_version_id_document_versions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oparl_entries')),
    sa.UniqueConstraint('kind', 'key', name=op.f('uq_oparl_entries_kind_key'))
    )
    with op.batch_alter_table('oparl_entries', schema=None) as batch_op:
        batch_op.create_index('ix_oparl_entries_council_kind_id', ['council_id', 'kind', 'id'], unique=False)
        batch_op.create_index('ix_oparl_entries_council_kind_modified', ['council_id', 'kind', 'modified'], unique=False)
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_council_id_id', ['council_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_council_id_id')
    with op.batch_alter_table('oparl_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_oparl_entries_council_kind_modified')
        batch_op.drop_index('ix_oparl_entries_council_kind_id')
    op.drop_table('oparl_entries')
    op.drop_table('oparl_bodies')
    op.drop_table('blob_digests')
