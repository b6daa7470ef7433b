"""Harvesting other OParl servers: the sources followed and the objects harvested from them

Revision ID: 5e8b2c7f1d93
Revises: 9c1e5a7d2b40
Create Date: 2026-12-03 17:30:00

A council follows another server's OParl system (a commune's own Kỳ Họp, or any OParl 1.1
server) and keeps a read-only copy of its objects, fetched again with `modified_since`. One
process at a time runs a source: the one holding its claim (`claimed_by` until `claimed_until`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '5e8b2c7f1d93'
down_revision: str | None = '9c1e5a7d2b40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('harvest_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('requested_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_run_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_modified_since', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('runs', sa.Integer(), nullable=False),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('error_code', sa.String(length=64), nullable=False),
    sa.Column('error_params', sa.Text(), nullable=False),
    sa.Column('requests', sa.Integer(), nullable=False),
    sa.Column('bytes', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('claimed_until', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('claimed_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('ok', 'running', 'failed')", name=op.f('ck_harvest_sources_state')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_harvest_sources_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_harvest_sources')),
    sa.UniqueConstraint('council_id', 'url', name=op.f('uq_harvest_sources_council_id_url'))
    )
    with op.batch_alter_table('harvest_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_harvest_sources_council_id'), ['council_id'], unique=False)

    op.create_table('harvested_objects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('oparl_id', sa.String(length=2000), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('body', sa.String(length=2000), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.Column('modified', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('seen_run', sa.Integer(), nullable=False),
    sa.Column('harvested_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['harvest_sources.id'], name=op.f('fk_harvested_objects_source_id_harvest_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_harvested_objects')),
    sa.UniqueConstraint('source_id', 'oparl_id', name=op.f('uq_harvested_objects_source_id_oparl_id'))
    )
    with op.batch_alter_table('harvested_objects', schema=None) as batch_op:
        batch_op.create_index('ix_harvested_objects_source_type_id', ['source_id', 'type', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('harvested_objects', schema=None) as batch_op:
        batch_op.drop_index('ix_harvested_objects_source_type_id')

    op.drop_table('harvested_objects')
    with op.batch_alter_table('harvest_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_harvest_sources_council_id'))

    op.drop_table('harvest_sources')
