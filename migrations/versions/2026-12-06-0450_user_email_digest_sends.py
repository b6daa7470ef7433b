"""users' e-mail address and the daily digests sent (docs/petitions.md)

Revision ID: 7d2e4b91c0a3
Revises: 568b7c6b62da
Create Date: 2026-12-06 04:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '7d2e4b91c0a3'
down_revision: str | None = '568b7c6b62da'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), server_default='', nullable=False))
    op.create_table('digest_sends',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=32), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('sent_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_digest_sends_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_sends')),
    sa.UniqueConstraint('day', 'council_id', 'audience', name=op.f('uq_digest_sends_day_council_id_audience'))
    )


def downgrade() -> None:
    op.drop_table('digest_sends')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email')
