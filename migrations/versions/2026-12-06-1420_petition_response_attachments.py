"""an agency's answer to a petition or a recommendation may carry a PDF (docs/petitions.md)

Revision ID: 3f6a0c5d8e21
Revises: 7d2e4b91c0a3
Create Date: 2026-12-06 14:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3f6a0c5d8e21'
down_revision: str | None = '7d2e4b91c0a3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('petition_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachment_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('attachment_filename', sa.String(length=255), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('attachment_size', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('petition_responses', schema=None) as batch_op:
        batch_op.drop_column('attachment_size')
        batch_op.drop_column('attachment_filename')
        batch_op.drop_column('attachment_sha256')
